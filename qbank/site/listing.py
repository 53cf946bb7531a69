"""Markdown that the site generates from the bank (home-page listing), free of MkDocs."""

from __future__ import annotations

import posixpath
import re

from qbank.bank.load import BankArticle
from qbank.bank.translation import question_fingerprint
from qbank.site.urls import DEFAULT_LANGUAGE, link
from qbank.source.escape import escape_html
from qbank.strings import ui

ARTICLES_MARKER = "<!-- qbank:articles -->"
# Pages that gather questions repeat the articles' text: searching them would only add noise.
NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n\n"
# The articles index: the nav and the home page lead there once a bank is past `listed_articles`.
ARTICLES_INDEX = "articles/index.md"


SERIES_PREFIX = re.compile(r"^[^:：]*(创业|startup)[^:：]*[:：]\s*", re.IGNORECASE)
SUBTITLE = re.compile(r"\s*(——|--| — | - ).*$")


def short_title(title: str) -> str:
    """An article title without the series prefix and subtitle, for compact references."""
    short = SUBTITLE.sub("", SERIES_PREFIX.sub("", title)).strip()
    return short or title


# The top-level nav: home, the study pages, then the reference pages; pages not named here come next,
# and the developer pages last (the benchmarks are not in the nav at all: mkdocs.yml `not_in_nav`, linked
# from the about page).
NAV_ORDER = ("index", "guide", "sheet", "review", "articles", "topics", "duplicates", "about")
DEVELOPER_PAGES = ("translation",)


def nav_rank(src: str) -> int:
    """Where a top-level nav entry goes, by its page (or its section's first page) in either language."""
    name = src.split("/")[0].split(".")[0]  # index.en.md → index, topics/index.md → topics
    if name in NAV_ORDER:
        return NAV_ORDER.index(name)
    return len(NAV_ORDER) + (1 + DEVELOPER_PAGES.index(name) if name in DEVELOPER_PAGES else 0)


def section_title(src: str, lang: str) -> str | None:
    """The title of a generated nav section (from its first page's folder) in a language."""
    strings = ui(lang)
    return {"articles": strings["articles_section"], "topics": strings["topics_section"]}.get(src.split("/")[0])


def translation_state(article: BankArticle, lang: str) -> str:
    """How much of an article a language has: translated, partly (by questions up to date), or none."""
    strings = ui(lang)["translation_state"]
    edition = article.editions.get(lang)
    if edition is None:
        return strings["original_only"]
    current = {q.anchor: question_fingerprint(q) for q in article.zh.questions}
    done = sum(1 for q in edition.questions
               if current.get(q.anchor) == q.translates and q.anchor not in edition.partial)
    if done == len(current) and edition.title != article.zh.title:
        return strings["translated"]
    return strings["partial"].format(percent=round(100 * done / max(len(current), 1)))


def article_table(articles: list[BankArticle], lang: str, page: str = "index.md") -> str:
    """A Markdown table of articles with their question counts, by kind, linked from `page`."""
    link_prefix = posixpath.relpath("articles", posixpath.dirname(page) or ".") + "/"
    strings = ui(lang)
    kinds = ("interview", "coding", "faq")
    present = [kind for kind in kinds if any(q.kind == kind for a in articles for q in a.zh.questions)]
    header = [strings["article"], *(strings["kind"][kind] for kind in present), strings["questions"]]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * (len(header) - 1) + "--:|"]
    total = 0
    for article in articles:
        edition = article.editions.get(lang, article.zh)
        counts = [sum(q.kind == kind for q in article.zh.questions) for kind in present]
        total += len(article.zh.questions)
        title = escape_html(edition.title).replace("|", "\\|")
        state = f" · *{translation_state(article, lang)}*" if lang != DEFAULT_LANGUAGE else ""
        cells = [f"[{title}]({link_prefix}{article.slug}.md){state}", *map(str, counts), str(len(article.zh.questions))]
        rows.append("| " + " | ".join(cells) + " |")
    summary = strings["total"].format(articles=len(articles), questions=total)
    return "\n".join(rows) + "\n\n" + summary


def article_summary(articles: list[BankArticle], lang: str, page: str = "index.md") -> str:
    """How many articles and questions the bank holds, linked to the articles index (for a large bank)."""
    strings = ui(lang)
    summary = strings["total"].format(articles=len(articles),
                                      questions=sum(len(article.zh.questions) for article in articles))
    return f"{summary} [{strings['all_articles']}]({link(page, ARTICLES_INDEX)})"


def articles_index_page(articles: list[BankArticle], lang: str) -> str:
    """The articles index: every article with its question counts, out of search (the articles are in it)."""
    listing = article_table(articles, lang, ARTICLES_INDEX)
    return (f"{NOT_SEARCHED}# {ui(lang)['articles_section']}\n\n"
            f'<div class="qbank-articles" markdown>\n\n{listing}\n\n</div>\n')
