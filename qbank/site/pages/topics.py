"""The topics index and each topic's pages."""

from __future__ import annotations

from qbank.graph.build import QuestionGraph
from qbank.graph.topics import Topic
from qbank.site.html_body import with_body
from qbank.site.layout import TOPICS_DIR, Layout, entry_anchor, topic_page_path
from qbank.site.listing import NOT_SEARCHED
from qbank.site.pages.common import BodyStyle, entry, pager, text, toolbar, topic_name, view_folder
from qbank.site.paging import ANCHORS_DIR, anchor_maps
from qbank.site.render import Fragments
from qbank.site.urls import link, page_url, relative_url
from qbank.strings import ui


def topic_index_page(graph: QuestionGraph, lang: str, plan: Layout) -> str:
    """The topic index with question counts, out of search (each topic has an entry of its own there)."""
    strings = ui(lang)
    page = f"{TOPICS_DIR}/index.md"
    rows = [
        f"| {strings['topic_column']} | {strings['count_column']} | {strings['unique_column']} |",
        "|---|--:|--:|",
    ]
    for topic in graph.topics:
        if not graph.by_topic(topic.id):
            continue  # as in the nav: a topic this bank has no question of leads nowhere worth a row
        view = plan.topics[topic.id]
        name = text(topic_name(topic, lang))
        target = link(page, topic_page_path(topic.id))
        unique = sum(len(items) for items in view.pages)
        rows.append(f"| [{name}]({target}) | {len(graph.by_topic(topic.id))} | {unique} |")
    head = f"{NOT_SEARCHED}# {strings['topic_index_title']}\n\n{strings['topic_index_intro']}\n\n"
    return head + "\n".join(rows) + "\n"


def topic_pages(graph: QuestionGraph, topic: Topic, lang: str, fragments: Fragments, plan: Layout,
                style: BodyStyle) -> dict[str, str]:
    """One topic: its description and its questions with answers, duplicates folded into one entry;
    split into pages past the budget."""
    strings = ui(lang)
    view = plan.topics[topic.id]
    count = strings["topic_count"].format(questions=len(graph.by_topic(topic.id)),
                                          unique=sum(len(items) for items in view.pages))
    description = topic.description.get(lang) or topic.description["zh"]
    name = text(topic_name(topic, lang))
    names = [name + (strings["pager"]["continued"].format(number=n) if n > 1 else "")
             for n in range(1, len(view.paths) + 1)]
    folder = view_folder(view.paths[0])
    shards, maps = anchor_maps(folder, {entry_anchor(members): relative_url(f"{folder}/{ANCHORS_DIR}/",
                                                                            page_url(path))
                                        for path, items in zip(view.paths, view.pages, strict=True)
                                        for members in items}) if len(view.paths) > 1 else (0, {})
    pages: dict[str, str] = dict(maps)
    for index, (page, groups) in enumerate(zip(view.paths, view.pages, strict=True)):
        nav = pager(lang, fragments, view.paths, names, index, folder, shards) if shards else ""
        entries = "\n".join(entry(members, lang, page, None, 2, True, fragments, style) for members in groups)
        intro = f"{text(description)}\n\n{count}\n" if index == 0 else ""
        head = (f"{NOT_SEARCHED}# {names[index]}\n\n{toolbar(lang, fragments, topics=graph.topics, answers=True)}\n"
                + (f"{nav}\n" if nav else "") + intro)
        pages[page] = with_body(head, entries + (f"\n{nav}" if nav else ""))
    return pages
