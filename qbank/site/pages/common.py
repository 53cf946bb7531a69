"""What the generated pages share: file names, the toolbar, titles and links, entries and pagers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from markupsafe import Markup

from qbank.graph.build import Node, representative
from qbank.graph.topics import Topic
from qbank.site.inline import InlineMarkdown
from qbank.site.layout import entry_anchor
from qbank.site.listing import short_title
from qbank.site.paging import ANCHORS_DIR
from qbank.site.render import Fragments
from qbank.site.urls import href, page_url, relative_url
from qbank.site.views import EntryView, Link, PagerView, PdfLink, ToolbarView
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


def toolbar(lang: str, fragments: Fragments, pdfs: list[PdfLink] | None = None, topics: list[Topic] | None = None,
            writing_space: bool = False, cards: str = "", answers: bool = False) -> str:
    """The toolbar under a page's title: study mode, expand/collapse and the writing-space switch, rendered
    here so that nothing moves when the page script gives them their behaviour; PDFs once printed.

    `answers`: the page shows answers (study them, expand or collapse them). `cards`: the URL of cards.json, on
    a page whose study mode covers the whole bank (the guide's first page).
    """
    strings = ui(lang)
    study = {**strings["study"], "topics": {topic.id: topic_name(topic, lang) for topic in topics or []}}
    view = ToolbarView(strings["expand_all"], strings["collapse_all"], study, pdfs or [],
                       strings["writing_space"] if writing_space else "", cards, answers)
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
