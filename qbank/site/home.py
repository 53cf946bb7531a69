"""The home page's generated blocks: the study tools (a fragment) and the article listing."""

from __future__ import annotations

from qbank.bank.load import BankArticle
from qbank.site.layout import DUPLICATES_PAGE, GUIDE_PAGE, SHEET_PAGE, TOPICS_DIR
from qbank.site.listing import ARTICLES_MARKER, article_summary, article_table
from qbank.site.pages.common import DECK_NAMES, REVIEW_PAGE, STUDY_ALL
from qbank.site.render import Fragments
from qbank.site.urls import href
from qbank.site.views import Link, StudyTool
from qbank.strings import ui

STUDY_MARKER = "<!-- qbank:study -->"


def study_tools(lang: str, page: str) -> list[StudyTool]:
    """Every study page and download, linked from `page`, with what it is for."""
    strings = ui(lang)["study_tools"]
    # Decks are files at this language's root, not pages: relative to the home page's own URL.
    decks = [Link(href(page, "index.md") + name.format(lang=lang), strings[f"deck_{kind}"])
             for kind, name in DECK_NAMES.items()]
    places = {"guide": GUIDE_PAGE, "sheet": SHEET_PAGE, "study": GUIDE_PAGE, "review": REVIEW_PAGE,
              "topics": f"{TOPICS_DIR}/index.md", "duplicates": DUPLICATES_PAGE}
    tools = [StudyTool(strings[key]["name"], href(page, path) + (STUDY_ALL if key == "study" else ""),
                       strings[key]["text"]) for key, path in places.items()]
    tools.insert(4, StudyTool(strings["decks"]["name"], "", strings["decks"]["text"], decks))
    return tools


def expand_markers(markdown: str, articles: list[BankArticle], lang: str, page: str, fragments: Fragments,
                   listed: bool = True) -> str:
    """Replace the home page's markers with the study tools and the article listing (unless not `listed`:
    then the bank's size and a link to the articles index)."""
    if STUDY_MARKER in markdown:
        block = fragments.render("study_tools.html", tools=study_tools(lang, page))
        markdown = markdown.replace(STUDY_MARKER, block)
    if ARTICLES_MARKER in markdown:
        listing = article_table(articles, lang, page) if listed else article_summary(articles, lang, page)
        markdown = markdown.replace(ARTICLES_MARKER, listing)
    return markdown
