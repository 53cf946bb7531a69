"""Markdown the site generates from the question graph: links on questions, topic and duplicate pages."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from qbank.escape import escape_html
from qbank.graph import Node, QuestionGraph, representative
from qbank.html_questions import QuestionSpan, question_spans, title_end
from qbank.render import Fragments
from qbank.site import short_title
from qbank.strings import ui
from qbank.topics import Topic
from qbank.urls import href, link
from qbank.views import (
    ContentsItem,
    ContentsView,
    CoverView,
    DuplicateGroupView,
    EntryView,
    Link,
    LinksView,
    PdfLink,
    ReviewView,
    ToolbarView,
    Wording,
)

TOPICS_DIR = "topics"
DUPLICATES_PAGE = "duplicates.md"
GUIDE_PAGE = "guide.md"
SHEET_PAGE = "sheet.md"
REVIEW_PAGE = "review.md"
# Every distinct question as a study card (id, title, topics, guide URL), per language, for the review page.
CARDS_FILE = "cards.json"
PDF_MANIFEST = "pdf/manifest.json"
DECK_NAMES = {"anki": "downloads/qbank-anki-{lang}.apkg", "csv": "downloads/qbank-questions-{lang}.csv"}
# Pages that gather questions repeat the articles' text: searching them would only add noise.
NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n\n"
PDF_NAMES = {"guide": "pdf/qbank-study-guide-{lang}.pdf", "sheet": "pdf/qbank-question-sheet-{lang}.pdf"}


def empty_pdf_manifest() -> str:
    """The PDF manifest of a freshly built site: nothing printed yet."""
    return json.dumps({"files": []}) + "\n"


def topic_page_path(topic_id: str) -> str:
    """Docs-relative path of a topic's page."""
    return f"{TOPICS_DIR}/{topic_id}.md"


def text(value: str) -> str:
    """Inline text safe inside a Markdown link label."""
    return escape_html(value).replace("[", "\\[").replace("]", "\\]")


def titles(node: Node, lang: str) -> tuple[str, str]:
    """The question title and article title in a language, Chinese when not translated."""
    return node.in_language(lang).title, node.article_title(lang)


def question_place(node: Node, lang: str, from_page: str) -> Link:
    """Where a question is asked: `Article · Q3`, linked to it."""
    _, article_title = titles(node, lang)
    label = ui(lang)["question_ref"].format(article=short_title(article_title), number=node.question.number)
    return Link(href(from_page, f"articles/{node.slug}.md", node.anchor), label)


def question_title_link(node: Node, lang: str, from_page: str) -> Link:
    """A question's title, linked to it."""
    title, _ = titles(node, lang)
    return Link(href(from_page, f"articles/{node.slug}.md", node.anchor), title)


def cluster_anchor(node: Node) -> str:
    """The anchor of a question's cluster on the duplicates page."""
    return f"c-{node.cluster}"


def topic_name(topic: Topic, lang: str) -> str:
    """A topic's name in a language."""
    return topic.name.get(lang) or topic.name["zh"]


def links_view(graph: QuestionGraph, node: Node, lang: str, page: str, limit: int) -> LinksView:
    """The topics, "also asked in" (at most `limit` places, then a link to the rest) and "related" links."""
    strings = ui(lang)
    topics = {topic.id: topic for topic in graph.topics}
    shown = node.duplicates[:limit]
    more = None
    if len(node.duplicates) > len(shown):
        more = Link(href(page, DUPLICATES_PAGE, cluster_anchor(node)),
                    strings["more_places"].format(count=len(node.duplicates) - len(shown)))
    return LinksView(
        cluster=node.cluster, question_id=node.id, topic_ids=list(node.topics),
        topics=[Link(href(page, topic_page_path(topic_id)), topic_name(topics[topic_id], lang))
                for topic_id in node.topics],
        also=[question_place(graph.nodes[other], lang, page) for other in shown], more=more,
        related=[question_title_link(graph.nodes[other], lang, page) for other in node.related],
    )


def links_block(graph: QuestionGraph, node: Node, lang: str, page: str, fragments: Fragments, limit: int) -> str:
    """The links shown with a question, rendered from `fragments/qbank/links.html`."""
    return fragments.render("links.html", links=links_view(graph, node, lang, page, limit), t=ui(lang))


def annotate_article(
    html_page: str, slug: str, graph: QuestionGraph, lang: str, page: str, fragments: Fragments, limit: int,
    spans: list[QuestionSpan] | None = None,
) -> str:
    """Add the study toolbar under the title and fill each question container's links slot.

    Works on the rendered HTML: the blocks are ready-made HTML and need no Markdown conversion.
    """
    out: list[str] = []
    position = 0
    if (end := title_end(html_page)) is not None:
        position = end
        out.append(html_page[:position] + "\n" + toolbar(lang, fragments, topics=graph.topics))
    for span in question_spans(html_page) if spans is None else spans:
        node = graph.nodes.get(f"{slug}-{span.anchor}")
        if node is None or span.slot is None or span.slot[0] < position:
            continue
        out.append(html_page[position:span.slot[0]])
        out.append(links_block(graph, node, lang, page, fragments, limit))
        position = span.slot[1]
    out.append(html_page[position:])
    return "".join(out)


def folded(graph: QuestionGraph, nodes: list[Node]) -> list[list[Node]]:
    """Group nodes by duplicate cluster, keeping bank order of first appearance."""
    groups: dict[str, list[Node]] = {}
    for node in nodes:
        groups.setdefault(node.cluster, []).append(node)
    return list(groups.values())


def topic_index_page(graph: QuestionGraph, lang: str) -> str:
    """The topic index with question counts."""
    strings = ui(lang)
    page = f"{TOPICS_DIR}/index.md"
    rows = [
        f"| {strings['topic_column']} | {strings['count_column']} | {strings['unique_column']} |",
        "|---|--:|--:|",
    ]
    for topic in graph.topics:
        nodes = graph.by_topic(topic.id)
        name = text(topic_name(topic, lang))
        target = link(page, topic_page_path(topic.id))
        rows.append(f"| [{name}]({target}) | {len(nodes)} | {len(folded(graph, nodes))} |")
    return f"# {strings['topic_index_title']}\n\n{strings['topic_index_intro']}\n\n" + "\n".join(rows) + "\n"


def toolbar(lang: str, fragments: Fragments, pdf: bool = False, topics: list[Topic] | None = None,
            writing_space: bool = False) -> str:
    """Placeholder the site script turns into study mode, expand/collapse, PDF and writing-space controls."""
    strings = ui(lang)
    study = {**strings["study"], "topics": {topic.id: topic_name(topic, lang) for topic in topics or []}}
    pdfs = [PdfLink(kind, PDF_NAMES[kind].format(lang=lang), strings["pdf_" + kind]) for kind in ("guide", "sheet")]
    view = ToolbarView(strings["expand_all"], strings["collapse_all"], study, pdfs if pdf else [],
                       strings["writing_space"] if writing_space else "")
    return fragments.render("toolbar.html", toolbar=view)


def entry_anchor(members: list[Node]) -> str:
    """The anchor of a question's entry on a gathering page."""
    return f"q-{members[0].id}"


def entry(members: list[Node], lang: str, page: str, number: int | None, level: int, answers: bool,
          fragments: Fragments) -> str:
    """A question asked at one or more places: heading, where it is asked, prompt and (optionally) answer."""
    strings = ui(lang)
    shown = representative(members, lang)
    question = shown.in_language(lang)
    wordings: list[str] = []
    for member in members:
        wording = member.in_language(lang).title
        if wording != question.title and wording not in wordings:
            wordings.append(wording)
    view = EntryView(
        anchor=entry_anchor(members), question_id=shown.id, level=level,
        title=f"{number}. {question.title}" if number is not None else question.title,
        kind=shown.question.kind, kind_label=strings["kind"][shown.question.kind], cluster=members[0].cluster,
        topics=sorted({topic for member in members for topic in member.topics}),
        places=[question_place(member, lang, page) for member in members], wordings=wordings,
        # The prompt and answer HTML come from the article page (see qbank.fragments).
        source=f"{shown.slug}#{shown.anchor}", parts=("prompt", "answer") if answers else ("prompt",),
        answer_url="" if answers or page != SHEET_PAGE else href(page, GUIDE_PAGE, entry_anchor(members)),
    )
    return fragments.render("entry.html", entry=view, t=strings)


def topic_page(graph: QuestionGraph, topic: Topic, lang: str, fragments: Fragments) -> str:
    """One topic: its description and its questions with answers, duplicates folded into one entry."""
    strings = ui(lang)
    page = topic_page_path(topic.id)
    nodes = graph.by_topic(topic.id)
    groups = folded(graph, nodes)
    count = strings["topic_count"].format(questions=len(nodes), unique=len(groups))
    entries = "\n\n".join(entry(members, lang, page, None, 2, True, fragments) for members in groups)
    description = topic.description.get(lang) or topic.description["zh"]
    heading = f"{NOT_SEARCHED}# {text(topic_name(topic, lang))}\n\n{toolbar(lang, fragments, topics=graph.topics)}\n"
    return (f"{heading}{text(description)}\n\n"
            f"{count}\n\n{entries}\n")


# How many question numbers the printed contents lists for a topic whose questions are not consecutive.
MAX_LISTED_NUMBERS = 8


@dataclass
class GuideSection:
    """A topic of the guide: the distinct questions placed under it, and its questions placed earlier."""

    topic: Topic
    groups: list[list[Node]] = field(default_factory=list)
    elsewhere: list[list[Node]] = field(default_factory=list)


def guide_sections(graph: QuestionGraph) -> list[GuideSection]:
    """Every topic that has questions. Each distinct question is written once, under the first of its
    topics in taxonomy order; its other topics list it by number, so every topic (the coding
    exercises too) has its section."""
    order = [topic.id for topic in graph.topics]
    sections = {topic.id: GuideSection(topic) for topic in graph.topics}
    for members in graph.clusters().values():
        topics = sorted({t for m in members for t in m.topics}, key=order.index)
        sections[topics[0]].groups.append(members)
        for other in topics[1:]:
            sections[other].elsewhere.append(members)
    return [section for section in sections.values() if section.groups or section.elsewhere]


def guide_numbers(sections: list[GuideSection]) -> dict[str, int]:
    """Each distinct question's number in the guide and the sheet (and on its card), by cluster."""
    return {members[0].cluster: number for number, members in
            enumerate((members for section in sections for members in section.groups), start=1)}


def number_range(numbers: list[int]) -> str:
    """Question numbers for the contents: "4", "4–9", or a short list when they are not consecutive."""
    if not numbers:
        return ""
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]}" if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"
    shown = ", ".join(map(str, numbers[:MAX_LISTED_NUMBERS]))
    return shown + (", …" if len(numbers) > MAX_LISTED_NUMBERS else "")


def guide_page(graph: QuestionGraph, lang: str, fragments: Fragments, answers: bool = True) -> str:
    """The study guide (with answers) or the question sheet (without), grouped by topic and numbered."""
    strings = ui(lang)
    page = GUIDE_PAGE if answers else SHEET_PAGE
    title = strings["guide_title" if answers else "sheet_title"]
    sections = guide_sections(graph)
    numbers = guide_numbers(sections)
    unique = len(numbers)
    counts = strings["guide_counts"].format(unique=unique, questions=len(graph.nodes), topics=len(sections))
    cover = fragments.render("guide_cover.html", cover=CoverView(title, strings["cover_subtitle"], counts))
    contents: list[ContentsItem] = []
    body = []
    for section in sections:
        entries = [entry(members, lang, page, numbers[members[0].cluster], 3, answers, fragments)
                   for members in section.groups]
        if section.elsewhere:
            # Before the entries: a question's container takes in everything up to the next heading.
            elsewhere = sorted(section.elsewhere, key=lambda group: numbers[group[0].cluster])
            references = [Link(f"#{entry_anchor(members)}", f"{numbers[members[0].cluster]}. "
                               f"{representative(members, lang).in_language(lang).title}") for members in elsewhere]
            entries.insert(0, fragments.render("guide_elsewhere.html", label=strings["guide_elsewhere"],
                                               references=references))
        name = topic_name(section.topic, lang)
        own = [numbers[members[0].cluster] for members in section.groups]
        listed = own or sorted(numbers[members[0].cluster] for members in section.elsewhere)
        contents.append(ContentsItem(f"t-{section.topic.id}", name, number_range(listed)))
        # The sheet's topics run on; the guide's each start a page.
        classes = ".qbank-guide-topic" if answers else ".qbank-guide-topic .qbank-sheet-topic"
        body.append(f"## {text(name)} {{ #t-{section.topic.id} {classes} }}\n\n" + "\n\n".join(entries))
    toc = fragments.render("guide_contents.html", contents=ContentsView(strings["contents"], contents))
    intro = strings["guide_intro" if answers else "sheet_intro"]
    downloads = strings["downloads"].format(**{kind: name.format(lang=lang) for kind, name in DECK_NAMES.items()})
    bar = toolbar(lang, fragments, pdf=True, topics=graph.topics, writing_space=not answers)
    return (f"{NOT_SEARCHED}# {title}\n\n{bar}\n{cover}\n"
            f"{intro} {counts}\n{{ .qbank-intro }}\n\n{downloads}\n{{ .qbank-intro }}\n\n{toc}\n"
            + "\n\n".join(body) + "\n")


def duplicates_page(graph: QuestionGraph, lang: str, fragments: Fragments) -> str:
    """Every duplicate cluster, most repeated first, with each of its wordings."""
    strings = ui(lang)
    clusters = [members for members in graph.clusters().values() if len(members) > 1]
    clusters.sort(key=lambda members: -len(members))
    intro = strings["duplicates_intro"].format(
        clusters=len(clusters), questions=sum(len(members) for members in clusters),
    )
    sections = []
    for members in clusters:
        wordings: dict[str, list[Link]] = {}
        for member in members:
            wordings.setdefault(titles(member, lang)[0], []).append(question_place(member, lang, DUPLICATES_PAGE))
        summary = (f'{strings["asked_times"].format(count=len(members))} · '
                   f'{strings["wordings"].format(count=len(wordings))}')
        view = DuplicateGroupView(titles(members[0], lang)[0], cluster_anchor(members[0]), summary,
                                  [Wording(wording, places) for wording, places in wordings.items()])
        sections.append(fragments.render("duplicate_group.html", group=view))
    return f"# {strings['duplicates_title']}\n\n{intro}\n\n" + "\n\n".join(sections) + "\n"


def cards_json(graph: QuestionGraph, lang: str) -> str:
    """The study cards of the whole bank in guide order: what the review page counts and lists."""
    sections = guide_sections(graph)
    numbers = guide_numbers(sections)
    cards = [{"id": members[0].cluster, "number": numbers[members[0].cluster],
              "title": representative(members, lang).in_language(lang).title,
              "topics": sorted({topic for member in members for topic in member.topics}),
              "url": href("index.md", GUIDE_PAGE, entry_anchor(members))}
             for section in sections for members in section.groups]
    topics = [{"id": topic.id, "name": topic_name(topic, lang)} for topic in graph.topics]
    return json.dumps({"topics": topics, "cards": cards}, ensure_ascii=False) + "\n"


def review_page(lang: str, fragments: Fragments) -> str:
    """Due cards, mastery per topic, streak, and moving progress between devices (filled by the page script)."""
    strings = ui(lang)["review"]
    view = ReviewView(href(REVIEW_PAGE, "index.md") + CARDS_FILE, href(REVIEW_PAGE, "index.md"),
                      href(REVIEW_PAGE, GUIDE_PAGE) + "?study=due", strings)
    body = fragments.render("review.html", review=view, t=strings)
    return f"{NOT_SEARCHED}# {text(strings['title'])}\n\n{text(strings['intro'])}\n\n{body}\n"


def generated_pages(graph: QuestionGraph, lang: str, fragments: Fragments) -> dict[str, str]:
    """Every page the graph adds to the site, by docs-relative path."""
    pages = {
        f"{TOPICS_DIR}/index.md": topic_index_page(graph, lang),
        DUPLICATES_PAGE: duplicates_page(graph, lang, fragments),
        GUIDE_PAGE: guide_page(graph, lang, fragments, answers=True),
        SHEET_PAGE: guide_page(graph, lang, fragments, answers=False),
        REVIEW_PAGE: review_page(lang, fragments),
    }
    for topic in graph.topics:
        pages[topic_page_path(topic.id)] = topic_page(graph, topic, lang, fragments)
    return pages
