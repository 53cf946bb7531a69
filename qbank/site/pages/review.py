"""The review page and `cards.json`, the study cards it counts and lists."""

from __future__ import annotations

import json
from collections import Counter

from qbank.graph.build import QuestionGraph, representative
from qbank.site.layout import Group, Layout, entry_anchor
from qbank.site.listing import NOT_SEARCHED
from qbank.site.pages.common import CARDS_FILE, REVIEW_PAGE, text, toolbar, topic_name
from qbank.site.render import Fragments
from qbank.site.urls import href
from qbank.site.views import ReviewTopic, ReviewView
from qbank.strings import ui


def card_groups(plan: Layout) -> list[Group]:
    """The whole bank's study cards, one per duplicate group, in guide order."""
    return [members for section in plan.sections for members in section.groups]


def card_topics(members: Group) -> list[str]:
    """A card's topics: every topic of any of its askings."""
    return sorted({topic for member in members for topic in member.topics})


def cards_json(graph: QuestionGraph, lang: str, plan: Layout) -> str:
    """`cards.json`: the study cards the review page counts and lists, and study mode over the whole bank."""
    cards = [{"id": members[0].cluster, "number": plan.numbers[members[0].cluster],
              "title": representative(members, lang).in_language(lang).title, "topics": card_topics(members),
              "url": href("index.md", plan.guide_page_of(members), entry_anchor(members))}
             for members in card_groups(plan)]
    topics = [{"id": topic.id, "name": topic_name(topic, lang)} for topic in graph.topics]
    return json.dumps({"topics": topics, "cards": cards}, ensure_ascii=False) + "\n"


def review_page(graph: QuestionGraph, lang: str, fragments: Fragments, plan: Layout) -> str:
    """Due cards, mastery per topic, streak, and moving progress between devices.

    The page is drawn as it stands for a learner with no progress yet (every card new, each topic's row),
    so that the page script, filling in this browser's progress, moves nothing on a first visit.
    """
    strings = ui(lang)["review"]
    groups = card_groups(plan)
    per_topic = Counter(topic for members in groups for topic in card_topics(members))
    rows = [ReviewTopic(topic.id, topic_name(topic, lang), per_topic[topic.id])
            for topic in graph.topics if per_topic[topic.id]]
    view = ReviewView(href(REVIEW_PAGE, "index.md") + CARDS_FILE, href(REVIEW_PAGE, "index.md"), strings,
                      len(groups), strings["streak_days"].format(days=0), rows)
    body = fragments.render("review.html", review=view, t=strings)
    # The due cards are studied right here, fetched from the guide's pages: the dialog's strings.
    bar = toolbar(lang, fragments, topics=graph.topics)
    return f"{NOT_SEARCHED}# {text(strings['title'])}\n\n{text(strings['intro'])}\n\n{bar}\n{body}\n"
