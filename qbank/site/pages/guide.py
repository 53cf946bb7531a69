"""The study guide and the question sheet: the bank in topic order, with and without answers.

They are a Markdown head and an HTML body (qbank.site.html_body).
"""

from __future__ import annotations

from markupsafe import Markup

from qbank.graph.build import QuestionGraph, representative
from qbank.site.html_body import with_body
from qbank.site.layout import GUIDE_PAGE, SHEET_PAGE, Group, Layout, entry_anchor
from qbank.site.listing import NOT_SEARCHED
from qbank.site.pages.common import (
    CARDS_FILE,
    DECK_NAMES,
    BodyStyle,
    entry,
    pager,
    pdf_links,
    text,
    toolbar,
    topic_name,
    view_folder,
)
from qbank.site.paging import ANCHORS_DIR, anchor_maps
from qbank.site.render import Fragments
from qbank.site.urls import href, page_url, relative_url
from qbank.site.views import ContentsItem, ContentsView, CoverView, Link
from qbank.strings import ui

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
    # The guide's study mode covers the whole bank, from cards.json when the guide is split (web/qbank/toolbar.js).
    bar = toolbar(lang, fragments, pdfs=pdf_links(lang), topics=graph.topics, writing_space=not answers,
                  cards=href(first, "index.md") + CARDS_FILE if answers else "",
                  answers=answers and not plan.guide_split)
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
                      writing_space=not answers, answers=answers)
        pages[page] = with_body(f"{NOT_SEARCHED}# {names[index]}{anchor}\n\n{bar}\n{nav}\n",
                                "\n".join(blocks) + f"\n{nav}")
    return pages
