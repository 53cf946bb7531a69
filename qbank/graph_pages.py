"""Markdown the site generates from the question graph: links on questions, topic and duplicate pages."""

from __future__ import annotations

import html
import json
import posixpath

from qbank.escape import escape_html
from qbank.fragments import placeholder
from qbank.graph import Node, QuestionGraph
from qbank.html_questions import question_spans
from qbank.site import short_title, ui
from qbank.topics import Topic

TOPICS_DIR = "topics"
DUPLICATES_PAGE = "duplicates.md"
GUIDE_PAGE = "guide.md"
SHEET_PAGE = "sheet.md"
PDF_MANIFEST = "pdf/manifest.json"
DECK_NAMES = {"anki": "downloads/qbank-anki-{lang}.apkg", "csv": "downloads/qbank-questions-{lang}.csv"}
ALSO_ASKED_LIMIT = 8
# Pages that gather questions repeat the articles' text: searching them would only add noise.
NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n\n"
PDF_NAMES = {"guide": "pdf/qbank-study-guide-{lang}.pdf", "sheet": "pdf/qbank-question-sheet-{lang}.pdf"}


def empty_pdf_manifest() -> str:
    """The PDF manifest of a freshly built site: nothing printed yet."""
    return json.dumps({"files": []}) + "\n"


def topic_page_path(topic_id: str) -> str:
    """Docs-relative path of a topic's page."""
    return f"{TOPICS_DIR}/{topic_id}.md"


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative Markdown link target between two docs-relative pages."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


def page_url(src: str) -> str:
    """The directory URL MkDocs gives a page (`use_directory_urls`), without a language prefix."""
    stem = src.removesuffix(".md").split(".")[0]
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").rstrip("/")
    return f"{stem}/" if stem else ""


def href(from_page: str, to_page: str, anchor: str = "") -> str:
    """A ready-made relative URL between two pages of the same language.

    Link-heavy generated HTML skips MkDocs' Markdown link handling (the slowest part of those
    pages); the built-site tests check that every such link and anchor resolves.
    """
    target = posixpath.relpath(page_url(to_page) or ".", page_url(from_page) or ".")
    target = "./" if target == "." else f"{target}/"
    return f"{target}#{anchor}" if anchor else target


def text(value: str) -> str:
    """Inline text safe inside a Markdown link label."""
    return escape_html(value).replace("[", "\\[").replace("]", "\\]")


def html_text(value: str) -> str:
    """Text safe inside raw HTML."""
    return html.escape(value, quote=True)


def titles(node: Node, lang: str) -> tuple[str, str]:
    """The question title and article title in a language, Chinese when not translated."""
    edition = node.article.editions.get(lang) or node.article.zh
    question = node.article.question(lang, node.anchor) or node.question
    return question.title, edition.title


def question_ref(node: Node, lang: str, from_page: str) -> str:
    """`<a>Article · Q3</a>`: where a question is asked."""
    _, article_title = titles(node, lang)
    label = ui(lang)["question_ref"].format(article=short_title(article_title), number=node.question.number)
    return f'<a href="{href(from_page, f"articles/{node.slug}.md", node.anchor)}">{html_text(label)}</a>'


def question_link(node: Node, lang: str, from_page: str) -> str:
    """`<a>Question title</a>`."""
    title, _ = titles(node, lang)
    return f'<a href="{href(from_page, f"articles/{node.slug}.md", node.anchor)}">{html_text(title)}</a>'


def cluster_anchor(node: Node) -> str:
    """The anchor of a question's cluster on the duplicates page."""
    return f"c-{node.cluster}"


def topic_name(topic: Topic, lang: str) -> str:
    """A topic's name in a language."""
    return topic.name.get(lang) or topic.name["zh"]


def links_block(graph: QuestionGraph, node: Node, lang: str, page: str) -> str:
    """The topics, "also asked in" and "related" lines shown with a question, as raw HTML.

    Excluded from search (`data-search-exclude`): it repeats other questions' titles.
    """
    strings = ui(lang)
    colon = html_text(strings["colon"])
    topics = {topic.id: topic for topic in graph.topics}
    names = " · ".join(
        f'<a href="{href(page, topic_page_path(topic_id))}">{html_text(topic_name(topics[topic_id], lang))}</a>'
        for topic_id in node.topics
    )
    lines = [f"<p><strong>{html_text(strings['topics_label'])}</strong>{colon}{names}</p>"]
    if node.duplicates:
        shown = node.duplicates[:ALSO_ASKED_LIMIT]
        places = strings["list_separator"].join(question_ref(graph.nodes[other], lang, page) for other in shown)
        if len(node.duplicates) > len(shown):
            more = strings["more_places"].format(count=len(node.duplicates) - len(shown))
            target = href(page, DUPLICATES_PAGE, cluster_anchor(node))
            places += f'{strings["list_separator"]}<a href="{target}">{html_text(more)}</a>'
        lines.append(f"<p><strong>{html_text(strings['also_asked'])}</strong>{colon}{places}</p>")
    if node.related:
        items = "".join(f"<li>{question_link(graph.nodes[other], lang, page)}</li>" for other in node.related)
        lines.append(f"<p><strong>{html_text(strings['related'])}</strong>{colon.strip()}</p><ul>{items}</ul>")
    # The study script reads a question's card id (its cluster) and topics from here.
    data = f'data-cluster="{node.cluster}" data-topics="{" ".join(node.topics)}"'
    return f'<div class="qbank-links" {data} data-search-exclude>{"".join(lines)}</div>'


HTML_TITLE_END = "</h1>"


def annotate_article(html_page: str, slug: str, graph: QuestionGraph, lang: str, page: str) -> str:
    """Add the study toolbar under the title and fill each question container's links slot.

    Works on the rendered HTML: the blocks are ready-made HTML and need no Markdown conversion.
    """
    out: list[str] = []
    position = 0
    title_end = html_page.find(HTML_TITLE_END)
    if title_end >= 0:
        position = title_end + len(HTML_TITLE_END)
        out.append(html_page[:position] + "\n" + toolbar(lang, topics=graph.topics))
    for span in question_spans(html_page):
        node = graph.nodes.get(f"{slug}-{span.anchor}")
        if node is None or span.slot is None or span.slot[0] < position:
            continue
        out.append(html_page[position:span.slot[0]])
        out.append(links_block(graph, node, lang, page))
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


def toolbar(lang: str, pdf: bool = False, topics: list[Topic] | None = None) -> str:
    """Placeholder the site script turns into study mode, expand/collapse and PDF download controls."""
    strings = ui(lang)
    attributes = f'data-expand="{strings["expand_all"]}" data-collapse="{strings["collapse_all"]}"'
    study = {**strings["study"], "topics": {topic.id: topic_name(topic, lang) for topic in topics or []}}
    attributes += f' data-study="{html_text(json.dumps(study, ensure_ascii=False))}"'
    if pdf:
        for kind in ("guide", "sheet"):
            attributes += (f' data-pdf-{kind}="{PDF_NAMES[kind].format(lang=lang)}"'
                           f' data-pdf-{kind}-label="{strings["pdf_" + kind]}"')
    return f'<div class="qbank-toolbar" {attributes}></div>\n'


def representative(members: list[Node], lang: str) -> Node:
    """The asking of a question whose answer is the fullest: the one shown for the whole cluster."""
    def length(node: Node) -> int:
        question = node.article.question(lang, node.anchor) or node.question
        return len(question.answer_markdown())
    return max(members, key=lambda node: (length(node), -members.index(node)))


def entry(members: list[Node], lang: str, page: str, number: int | None, level: int, answers: bool) -> str:
    """A question asked at one or more places: heading, where it is asked, prompt and (optionally) answer."""
    strings = ui(lang)
    shown = representative(members, lang)
    question = shown.article.question(lang, shown.anchor) or shown.question
    title = f"{number}. {question.title}" if number is not None else question.title
    places = " · ".join(question_ref(member, lang, page) for member in members)
    kind = strings["kind"][shown.question.kind]
    topics = " ".join(sorted({topic for member in members for topic in member.topics}))
    attributes = (f'#q-{members[0].id} .qbank-entry data-kind="{shown.question.kind}" '
                  f'data-cluster="{members[0].cluster}" data-topics="{topics}"')
    heading = f'{"#" * level} {escape_html(title)} {{ {attributes} }}'
    colon = html_text(strings["colon"])
    meta = f'<p class="qbank-places" markdown>{html_text(kind)} · {html_text(strings["asked_in"])}{colon}{places}</p>'
    variants = []
    for member in members:
        variant = (member.article.question(lang, member.anchor) or member.question).title
        if variant != question.title and variant not in variants:
            variants.append(variant)
    if variants:
        phrased = strings["list_separator"].join(f"“{html_text(variant)}”" for variant in variants)
        meta += f'\n<p class="qbank-places" markdown>{html_text(strings["also_phrased"])}{colon}{phrased}</p>'
    # The prompt and answer HTML come from the article page (see qbank.fragments).
    body = placeholder("prompt", shown.slug, shown.anchor)
    if answers:
        body += "\n\n" + placeholder("answer", shown.slug, shown.anchor)
    return "\n\n".join(part for part in (heading, meta, body) if part)


def topic_page(graph: QuestionGraph, topic: Topic, lang: str) -> str:
    """One topic: its description and its questions with answers, duplicates folded into one entry."""
    strings = ui(lang)
    page = topic_page_path(topic.id)
    nodes = graph.by_topic(topic.id)
    groups = folded(graph, nodes)
    count = strings["topic_count"].format(questions=len(nodes), unique=len(groups))
    entries = "\n\n".join(entry(members, lang, page, None, 2, answers=True) for members in groups)
    description = topic.description.get(lang) or topic.description["zh"]
    heading = f"{NOT_SEARCHED}# {text(topic_name(topic, lang))}\n\n{toolbar(lang, topics=graph.topics)}\n"
    return (f"{heading}{text(description)}\n\n"
            f"{count}\n\n{entries}\n")


def guide_sections(graph: QuestionGraph) -> list[tuple[Topic, list[list[Node]]]]:
    """Each distinct question once, under the first topic (in taxonomy order) it belongs to."""
    placed: dict[str, list[list[Node]]] = {topic.id: [] for topic in graph.topics}
    for members in graph.clusters().values():
        first = min((t for m in members for t in m.topics), key=[t.id for t in graph.topics].index)
        placed[first].append(members)
    return [(topic, placed[topic.id]) for topic in graph.topics if placed[topic.id]]


def guide_page(graph: QuestionGraph, lang: str, answers: bool = True) -> str:
    """The study guide (with answers) or the question sheet (without), grouped by topic and numbered."""
    strings = ui(lang)
    page = GUIDE_PAGE if answers else SHEET_PAGE
    title = strings["guide_title" if answers else "sheet_title"]
    sections = guide_sections(graph)
    unique = sum(len(groups) for _, groups in sections)
    counts = strings["guide_counts"].format(unique=unique, questions=len(graph.nodes), topics=len(sections))
    cover = (f'<div class="qbank-cover" markdown>\n\n<p class="qbank-cover-title">{title}</p>\n\n'
             f'<p class="qbank-cover-subtitle">{strings["cover_subtitle"]}</p>\n\n<p>{counts}</p>\n\n</div>\n')
    contents, body, number = [], [], 0
    for topic, groups in sections:
        first = number + 1
        entries = []
        for members in groups:
            number += 1
            entries.append(entry(members, lang, page, number, 3, answers))
        name = text(topic_name(topic, lang))
        span = f"{first}" if first == number else f"{first}–{number}"
        contents.append(f'- [{name}](#t-{topic.id}) <span class="qbank-toc-range">{span}</span>'
                        f'<span class="qbank-toc-page" data-target="t-{topic.id}"></span>')
        body.append(f"## {name} {{ #t-{topic.id} .qbank-guide-topic }}\n\n" + "\n\n".join(entries))
    toc = f'<div class="qbank-print-toc" markdown>\n\n<p class="qbank-toc-title">{strings["contents"]}</p>\n\n' + \
        "\n".join(contents) + "\n\n</div>\n"
    intro = strings["guide_intro" if answers else "sheet_intro"]
    downloads = strings["downloads"].format(**{kind: name.format(lang=lang) for kind, name in DECK_NAMES.items()})
    return (f"{NOT_SEARCHED}# {title}\n\n{toolbar(lang, pdf=True, topics=graph.topics)}\n{cover}\n"
            f"{intro} {counts}\n{{ .qbank-intro }}\n\n{downloads}\n{{ .qbank-intro }}\n\n{toc}\n"
            + "\n\n".join(body) + "\n")


def duplicates_page(graph: QuestionGraph, lang: str) -> str:
    """Every duplicate cluster, most repeated first."""
    strings = ui(lang)
    clusters = [members for members in graph.clusters().values() if len(members) > 1]
    clusters.sort(key=lambda members: -len(members))
    intro = strings["duplicates_intro"].format(
        clusters=len(clusters), questions=sum(len(members) for members in clusters),
    )
    sections = []
    for members in clusters:
        title, _ = titles(members[0], lang)
        times = strings["asked_times"].format(count=len(members))
        wordings: dict[str, list[Node]] = {}
        for member in members:
            wordings.setdefault(titles(member, lang)[0], []).append(member)
        # One line per distinct wording, so a learner sees how the one question is rephrased.
        rows = "".join(
            f'<li><span class="qbank-wording">{html_text(wording)}</span> — '
            + " · ".join(question_ref(member, lang, DUPLICATES_PAGE) for member in places) + "</li>"
            for wording, places in wordings.items()
        )
        count = strings["wordings"].format(count=len(wordings))
        sections.append(f"## {text(title)} {{ #{cluster_anchor(members[0])} }}\n\n*{times} · {count}*\n\n"
                        f'<ul class="qbank-wordings">{rows}</ul>')
    return f"# {strings['duplicates_title']}\n\n{intro}\n\n" + "\n\n".join(sections) + "\n"


def generated_pages(graph: QuestionGraph, lang: str) -> dict[str, str]:
    """Every page the graph adds to the site, by docs-relative path."""
    pages = {
        f"{TOPICS_DIR}/index.md": topic_index_page(graph, lang), DUPLICATES_PAGE: duplicates_page(graph, lang),
        GUIDE_PAGE: guide_page(graph, lang, answers=True), SHEET_PAGE: guide_page(graph, lang, answers=False),
    }
    for topic in graph.topics:
        pages[topic_page_path(topic.id)] = topic_page(graph, topic, lang)
    return pages
