"""Pages the site generates from the question graph: links on questions, topic and duplicate pages.

The gathering pages (guide, sheet, topics, duplicates) are a Markdown head and an HTML body (qbank.site.html_body).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from markupsafe import Markup

from qbank.graph.build import Node, QuestionGraph, representative
from qbank.graph.topics import Topic
from qbank.site.html_body import with_body
from qbank.site.html_questions import QuestionSpan, question_spans, title_end
from qbank.site.inline import InlineMarkdown
from qbank.site.layout import (
    DUPLICATES_PAGE,
    GUIDE_PAGE,
    SHEET_PAGE,
    TOPICS_DIR,
    Group,
    Layout,
    cluster_anchor,
    duplicate_clusters,
    entry_anchor,
    topic_page_path,
)
from qbank.site.listing import NOT_SEARCHED, short_title
from qbank.site.paging import ANCHORS_DIR, anchor_maps
from qbank.site.render import Fragments
from qbank.site.urls import href, link, page_url, relative_url
from qbank.site.views import (
    ContentsItem,
    ContentsView,
    CoverView,
    DuplicateGroupView,
    EntryView,
    Link,
    LinksView,
    PagerView,
    PdfLink,
    ReviewView,
    ToolbarView,
    Wording,
)
from qbank.source.escape import escape_html
from qbank.strings import ui

REVIEW_PAGE = "review.md"
# Every distinct question as a study card (id, title, topics, guide URL), per language, for the review page
# and for studying the whole bank from the guide's first page.
CARDS_FILE = "cards.json"
# A link to the guide that opens study mode over the whole bank on arrival (the home page's "study mode").
STUDY_ALL = "?study=all"
PDF_MANIFEST = "pdf/manifest.json"
DECK_NAMES = {"anki": "downloads/qbank-anki-{lang}.apkg", "csv": "downloads/qbank-questions-{lang}.csv"}
PDF_NAMES = {"guide": "pdf/qbank-study-guide-{lang}.pdf", "sheet": "pdf/qbank-question-sheet-{lang}.pdf"}


PERMALINK = Markup("&para;")  # toc's ¶ link text with `permalink: true`


@dataclass(frozen=True)
class BodyStyle:
    """What the HTML bodies of the gathering pages take from the site's Markdown settings."""

    inline: InlineMarkdown = field(default_factory=InlineMarkdown)  # titles, as the article pages render them
    permalink: Markup = PERMALINK  # the text of the ¶ link after each heading ("": none), as toc's

    @property
    def key(self) -> str:
        """Equal for styles that render the same HTML."""
        return repr((self.inline.key, str(self.permalink)))

    @classmethod
    def from_markdown(cls, extensions: list, configs: dict[str, dict]) -> BodyStyle:
        """The style of a site's `markdown_extensions` (its toc's `permalink`)."""
        permalink = configs.get("toc", {}).get("permalink", False)
        text = PERMALINK if permalink is True else Markup(permalink or "")
        return cls(InlineMarkdown(extensions, configs), text)


def empty_pdf_manifest() -> str:
    """The PDF manifest of a freshly built site: nothing printed yet."""
    return json.dumps({"files": []}) + "\n"


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


def topic_name(topic: Topic, lang: str) -> str:
    """A topic's name in a language."""
    return topic.name.get(lang) or topic.name["zh"]


def links_view(graph: QuestionGraph, node: Node, lang: str, page: str, limit: int, plan: Layout) -> LinksView:
    """The topics, "also asked in" (at most `limit` places, then a link to the rest) and "related" links."""
    strings = ui(lang)
    topics = {topic.id: topic for topic in graph.topics}
    shown = node.duplicates[:limit]
    more = None
    if len(node.duplicates) > len(shown):
        more = Link(href(page, plan.duplicates_page_of(node), cluster_anchor(node)),
                    strings["more_places"].format(count=len(node.duplicates) - len(shown)))
    return LinksView(
        cluster=node.cluster, question_id=node.id, topic_ids=list(node.topics),
        topics=[Link(href(page, topic_page_path(topic_id)), topic_name(topics[topic_id], lang))
                for topic_id in node.topics],
        also=[question_place(graph.nodes[other], lang, page) for other in shown], more=more,
        related=[question_title_link(graph.nodes[other], lang, page) for other in node.related],
    )


def annotate_article(html_page: str, slug: str, graph: QuestionGraph, lang: str, fragments: Fragments,
                     spans: list[QuestionSpan] | None = None, blocks: dict[str, str] | None = None) -> str:
    """Add the study toolbar under the title and fill each question container's links slot.

    Works on the rendered HTML: the blocks are ready-made HTML (`article_links`) and need no Markdown
    conversion. Without `blocks`, the slots get placeholders for `fill_links`: the blocks are then
    made meanwhile, and the search plugin parses a page without them, which it would skip anyway.
    """
    out: list[str] = []
    position = 0
    if (end := title_end(html_page)) is not None:
        position = end
        out.append(html_page[:position] + "\n" + toolbar(lang, fragments, topics=graph.topics))
    for span in question_spans(html_page) if spans is None else spans:
        if f"{slug}-{span.anchor}" not in graph.nodes or span.slot is None or span.slot[0] < position:
            continue
        out.append(html_page[position:span.slot[0]])
        out.append(blocks[span.anchor] if blocks is not None else LINKS_PLACEHOLDER.format(anchor=span.anchor))
        position = span.slot[1]
    out.append(html_page[position:])
    return "".join(out)


def article_links(graph: QuestionGraph, lang: str, fragments: Fragments, limit: int, plan: Layout,
                  only: str | None = None) -> dict[str, dict[str, str]]:
    """Every question's link block (or only article `only`'s), by article slug and question anchor; an
    article's in one pass of `fragments/qbank/links_all.html`."""
    by_article: dict[str, list[Node]] = {}
    for node in graph.nodes.values():
        if only is None or node.slug == only:
            by_article.setdefault(node.slug, []).append(node)
    found = {}
    for slug, nodes in by_article.items():
        page = f"articles/{slug}.md"
        views = [links_view(graph, node, lang, page, limit, plan) for node in nodes]
        blocks = fragments.render("links_all.html", views=views, t=ui(lang)).split(LINKS_SEPARATOR)
        found[slug] = {node.anchor: block for node, block in zip(nodes, blocks, strict=True)}
    return found


# Between the link blocks of one page, rendered together (fragments/qbank/links_all.html).
LINKS_SEPARATOR = "<!--qbank-links-->"
# Where a question's link block goes until it is made (see `annotate_article`).
LINKS_PLACEHOLDER = "<!--qbank-links {anchor}-->"
_LINKS_PLACEHOLDER = re.compile(r"<!--qbank-links ([^ >]+)-->")


def fill_links(html_page: str, blocks: dict[str, str]) -> str:
    """Put an article page's link blocks (by question anchor) into their placeholders."""
    return _LINKS_PLACEHOLDER.sub(lambda found: blocks.get(found[1], ""), html_page)


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


def toolbar(lang: str, fragments: Fragments, pdfs: list[PdfLink] | None = None, topics: list[Topic] | None = None,
            writing_space: bool = False, cards: str = "") -> str:
    """Placeholder the site script turns into study mode, expand/collapse, PDF and writing-space controls.

    `cards`: the URL of cards.json, on a page whose study mode covers the whole bank (the guide's first page).
    """
    strings = ui(lang)
    study = {**strings["study"], "topics": {topic.id: topic_name(topic, lang) for topic in topics or []}}
    view = ToolbarView(strings["expand_all"], strings["collapse_all"], study, pdfs or [],
                       strings["writing_space"] if writing_space else "", cards)
    return fragments.render("toolbar.html", toolbar=view)


def pdf_links(lang: str) -> list[PdfLink]:
    """The whole guide's and the whole sheet's PDFs, which every page of the guide and the sheet offers."""
    strings = ui(lang)
    return [PdfLink(kind, PDF_NAMES[kind].format(lang=lang), strings["pdf_" + kind]) for kind in ("guide", "sheet")]


def entry(members: list[Node], lang: str, page: str, number: int | None, level: int, answers: bool,
          fragments: Fragments, style: BodyStyle, answer_page: str = "") -> str:
    """A question asked at one or more places, as HTML: heading, where it is asked, prompt and (optionally) answer.

    `answer_page`: on the question sheet, the guide page holding the answer.
    """
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
        title=(Markup("{}. ").format(number) if number is not None else Markup()) + style.inline(question.title),
        kind=shown.question.kind, kind_label=strings["kind"][shown.question.kind], cluster=members[0].cluster,
        topics=sorted({topic for member in members for topic in member.topics}),
        places=[Link(place.url, style.inline(place.title))
                for place in (question_place(member, lang, page) for member in members)],
        wordings=[style.inline(wording) for wording in wordings],
        # The prompt and answer HTML come from the article page (see qbank.site.fragments).
        source=f"{shown.slug}#{shown.anchor}", parts=("prompt", "answer") if answers else ("prompt",),
        answer_url=href(page, answer_page, entry_anchor(members)) if answer_page else "",
    )
    return fragments.render("entry.html", entry=view, permalink=style.permalink, t=strings)


def anchors_url(page: str, folder: str) -> str:
    """From a page to the folder of its view's anchor map."""
    return relative_url(page_url(page), f"{folder}/{ANCHORS_DIR}/")


def pager(lang: str, fragments: Fragments, paths: list[str], titles_: list[str], index: int, folder: str,
          shards: int, contents: str = "") -> str:
    """Previous / next, "page n of m" and the way back to the contents, for page `index` of a split view.

    It also tells the page script where the view's anchor map is, to follow a link whose question moved.
    """
    strings = ui(lang)["pager"]
    page = paths[index]
    previous = Link(href(page, paths[index - 1]), titles_[index - 1]) if index else None
    following = Link(href(page, paths[index + 1]), titles_[index + 1]) if index + 1 < len(paths) else None
    view = PagerView(strings["label"], strings["position"].format(number=index + 1, count=len(paths)), previous,
                     following, Link(href(page, contents), strings["contents"]) if contents and page != contents
                     else None, anchors_url(page, folder), shards, strings["previous"], strings["next"])
    return fragments.render("pager.html", pager=view)


def view_folder(first: str) -> str:
    """The folder a split view's later pages and anchor map live in: `topics/x.md` → `topics/x`."""
    return first.removesuffix(".md")


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
        head = (f"{NOT_SEARCHED}# {names[index]}\n\n{toolbar(lang, fragments, topics=graph.topics)}\n"
                + (f"{nav}\n" if nav else "") + intro)
        pages[page] = with_body(head, entries + (f"\n{nav}" if nav else ""))
    return pages


# How many question numbers the printed contents lists for a topic whose questions are not consecutive.
MAX_LISTED_NUMBERS = 8


def number_range(numbers: list[int]) -> str:
    """Question numbers for the contents: "4", "4–9", or a short list when they are not consecutive."""
    if not numbers:
        return ""
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]}" if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"
    shown = ", ".join(map(str, numbers[:MAX_LISTED_NUMBERS]))
    return shown + (", …" if len(numbers) > MAX_LISTED_NUMBERS else "")


def elsewhere_block(section_elsewhere: list[Group], lang: str, page: str, fragments: Fragments, plan: Layout,
                    first: str, style: BodyStyle) -> str:
    """A topic's questions written out under an earlier topic, by number, linked to their entries."""
    numbers = plan.numbers
    elsewhere = sorted(section_elsewhere, key=lambda group: numbers[group[0].cluster])
    references = [Link(href(page, plan.guide_page_of(members, first), entry_anchor(members)),
                       Markup("{}. ").format(numbers[members[0].cluster])
                       + style.inline(representative(members, lang).in_language(lang).title))
                  for members in elsewhere]
    return fragments.render("guide_elsewhere.html", label=ui(lang)["guide_elsewhere"], references=references)


def guide_front(graph: QuestionGraph, lang: str, fragments: Fragments, plan: Layout, answers: bool) -> str:
    """The guide's (or sheet's) first page up to its topics: title, toolbar, cover, intro, downloads, contents."""
    strings = ui(lang)
    first = GUIDE_PAGE if answers else SHEET_PAGE
    title = strings["guide_title" if answers else "sheet_title"]
    counts = strings["guide_counts"].format(unique=len(plan.numbers), questions=len(graph.nodes),
                                            topics=len(plan.sections))
    cover = fragments.render("guide_cover.html", cover=CoverView(title, strings["cover_subtitle"], counts))
    contents: list[ContentsItem] = []
    location = plan.guide_location(first)  # once: it lists every entry of the guide
    for section in plan.sections:
        own = [plan.numbers[members[0].cluster] for members in section.groups]
        listed = own or sorted(plan.numbers[members[0].cluster] for members in section.elsewhere)
        anchor = f"t-{section.topic.id}"
        target = location.get(anchor, first)
        contents.append(ContentsItem(anchor, topic_name(section.topic, lang), number_range(listed),
                                     href(first, target, anchor)))
    toc = fragments.render("guide_contents.html",
                           contents=ContentsView(strings["contents"], contents, on_screen=plan.guide_split))
    intro = strings["guide_intro" if answers else "sheet_intro"]
    downloads = strings["downloads"].format(**{kind: name.format(lang=lang) for kind, name in DECK_NAMES.items()})
    # The guide's study mode covers the whole bank, from cards.json when the guide is split (see qbank.js).
    bar = toolbar(lang, fragments, pdfs=pdf_links(lang), topics=graph.topics, writing_space=not answers,
                  cards=href(first, "index.md") + CARDS_FILE if answers else "")
    return (f"{NOT_SEARCHED}# {title}\n\n{bar}\n{cover}\n"
            f"{intro} {counts}\n{{ .qbank-intro }}\n\n{downloads}\n{{ .qbank-intro }}\n\n{toc}\n")


def topic_heading(name: str, anchor: str, classes: str, fragments: Fragments, style: BodyStyle, lang: str) -> str:
    """A topic's heading on the one-page guide or sheet, as HTML."""
    return fragments.render("guide_topic.html", title=style.inline(name), anchor=anchor, classes=classes,
                            permalink=style.permalink, t=ui(lang))


def guide_pages(graph: QuestionGraph, lang: str, fragments: Fragments, plan: Layout, style: BodyStyle,
                answers: bool = True) -> dict[str, str]:
    """The study guide (with answers) or the question sheet (without), grouped by topic and numbered:
    one page, or past the budget a contents page and pages per topic."""
    first = GUIDE_PAGE if answers else SHEET_PAGE
    front = guide_front(graph, lang, fragments, plan, answers)
    # The sheet's topics run on; the guide's each start a printed page.
    classes = "qbank-guide-topic" if answers else "qbank-guide-topic qbank-sheet-topic"
    answer_page = (lambda members: plan.guide_page_of(members)) if not answers else (lambda members: "")

    def entries(page: str, groups: list[Group], level: int) -> list[str]:
        return [entry(members, lang, page, plan.numbers[members[0].cluster], level, answers, fragments, style,
                      answer_page(members)) for members in groups]

    if not plan.guide_split:
        body = []
        for section in plan.sections:
            blocks = entries(first, section.groups, 3)
            if section.elsewhere:
                blocks.insert(0, elsewhere_block(section.elsewhere, lang, first, fragments, plan, first, style))
            name = topic_name(section.topic, lang)
            blocks.insert(0, topic_heading(name, f"t-{section.topic.id}", classes, fragments, style, lang))
            body.append("\n".join(blocks))
        return {first: with_body(front, "\n".join(body))}

    strings = ui(lang)
    folder = view_folder(first)
    paths = [first] + [page.path(first) for page in plan.guide]
    names = [strings["contents"]] + [text(topic_name(page.section.topic, lang)) + (
        strings["pager"]["continued"].format(number=page.number) if page.number > 1 else "") for page in plan.guide]
    shards, pages = anchor_maps(folder, {anchor: relative_url(f"{folder}/{ANCHORS_DIR}/", page_url(path))
                                         for anchor, path in plan.guide_location(first).items()})
    pages[first] = front + "\n" + pager(lang, fragments, paths, names, 0, folder, shards) + "\n"
    for index, page_plan in enumerate(plan.guide, start=1):
        page, topic = paths[index], page_plan.section.topic
        dotted = " ".join(f".{name}" for name in classes.split())
        anchor = f" {{ #t-{topic.id} {dotted} }}" if page_plan.number == 1 else f" {{ {dotted} }}"
        blocks = entries(page, page_plan.groups, 2)
        if page_plan.number == 1 and page_plan.section.elsewhere:
            blocks.insert(0, elsewhere_block(page_plan.section.elsewhere, lang, page, fragments, plan, first, style))
        nav = pager(lang, fragments, paths, names, index, folder, shards, first)
        bar = toolbar(lang, fragments, pdfs=pdf_links(lang), topics=graph.topics,
                      writing_space=not answers)
        pages[page] = with_body(f"{NOT_SEARCHED}# {names[index]}{anchor}\n\n{bar}\n{nav}\n",
                                "\n".join(blocks) + f"\n{nav}")
    return pages


def duplicates_pages(graph: QuestionGraph, lang: str, fragments: Fragments, plan: Layout,
                     style: BodyStyle) -> dict[str, str]:
    """Every duplicate cluster, most repeated first, with each of its wordings; split into pages past the budget."""
    strings = ui(lang)
    clusters = duplicate_clusters(graph)
    intro = strings["duplicates_intro"].format(
        clusters=len(clusters), questions=sum(len(members) for members in clusters),
    )
    view = plan.duplicates
    title = strings["duplicates_title"]
    names = [title + (strings["pager"]["continued"].format(number=n) if n > 1 else "")
             for n in range(1, len(view.paths) + 1)]
    folder = view_folder(DUPLICATES_PAGE)
    shards, pages = anchor_maps(folder, {cluster_anchor(members[0]): relative_url(f"{folder}/{ANCHORS_DIR}/",
                                                                                  page_url(path))
                                         for path, items in zip(view.paths, view.pages, strict=True)
                                         for members in items}) if len(view.paths) > 1 else (0, {})
    for index, (page, groups) in enumerate(zip(view.paths, view.pages, strict=True)):
        sections = []
        for members in groups:
            wordings: dict[str, list[Link]] = {}
            for member in members:
                wordings.setdefault(titles(member, lang)[0], []).append(question_place(member, lang, page))
            summary = (f'{strings["asked_times"].format(count=len(members))} · '
                       f'{strings["wordings"].format(count=len(wordings))}')
            group = DuplicateGroupView(style.inline(titles(members[0], lang)[0]), cluster_anchor(members[0]),
                                       summary, [Wording(wording, places) for wording, places in wordings.items()])
            sections.append(fragments.render("duplicate_group.html", group=group, permalink=style.permalink,
                                             t=strings))
        nav = pager(lang, fragments, view.paths, names, index, folder, shards) if shards else ""
        head = f"{intro}\n\n" if index == 0 else ""
        # Out of search like the other gathering pages: it would outrank the articles with every wording.
        pages[page] = with_body(f"{NOT_SEARCHED}# {names[index]}\n\n" + (f"{nav}\n" if nav else "") + head,
                                "\n\n".join(sections) + (f"\n\n{nav}" if nav else ""))
    return pages


def cards_json(graph: QuestionGraph, lang: str, plan: Layout) -> str:
    """The study cards of the whole bank in guide order: what the review page counts and lists."""
    cards = [{"id": members[0].cluster, "number": plan.numbers[members[0].cluster],
              "title": representative(members, lang).in_language(lang).title,
              "topics": sorted({topic for member in members for topic in member.topics}),
              "url": href("index.md", plan.guide_page_of(members), entry_anchor(members))}
             for section in plan.sections for members in section.groups]
    topics = [{"id": topic.id, "name": topic_name(topic, lang)} for topic in graph.topics]
    return json.dumps({"topics": topics, "cards": cards}, ensure_ascii=False) + "\n"


def review_page(graph: QuestionGraph, lang: str, fragments: Fragments) -> str:
    """Due cards, mastery per topic, streak, and moving progress between devices (filled by the page script)."""
    strings = ui(lang)["review"]
    view = ReviewView(href(REVIEW_PAGE, "index.md") + CARDS_FILE, href(REVIEW_PAGE, "index.md"), strings)
    body = fragments.render("review.html", review=view, t=strings)
    # The due cards are studied right here, fetched from the guide's pages: the dialog's strings.
    bar = toolbar(lang, fragments, topics=graph.topics)
    return f"{NOT_SEARCHED}# {text(strings['title'])}\n\n{text(strings['intro'])}\n\n{bar}\n{body}\n"


def generated_pages(graph: QuestionGraph, lang: str, fragments: Fragments, plan: Layout,
                    style: BodyStyle | None = None) -> dict[str, str]:
    """Every page (and anchor map) the graph adds to the site, by docs-relative path."""
    style = style or BodyStyle()
    pages = {
        f"{TOPICS_DIR}/index.md": topic_index_page(graph, lang, plan),
        **duplicates_pages(graph, lang, fragments, plan, style),
        **guide_pages(graph, lang, fragments, plan, style, answers=True),
        **guide_pages(graph, lang, fragments, plan, style, answers=False),
        REVIEW_PAGE: review_page(graph, lang, fragments),
    }
    for topic in graph.topics:
        pages.update(topic_pages(graph, topic, lang, fragments, plan, style))
    return pages
