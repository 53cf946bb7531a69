"""Markdown that the site generates from the bank (home-page listing), free of MkDocs."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

from qbank.bank import BankArticle
from qbank.escape import escape_html

ARTICLES_MARKER = "<!-- qbank:articles -->"


@cache
def ui_strings() -> dict[str, Any]:
    """All interface strings, keyed by language."""
    text = resources.files("qbank").joinpath("data/ui.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def ui(lang: str) -> dict[str, Any]:
    """Interface strings for one language, falling back to Chinese."""
    strings = ui_strings()
    return strings.get(lang) or strings["zh"]


SERIES_PREFIX = re.compile(r"^[^:：]*(创业|startup)[^:：]*[:：]\s*", re.IGNORECASE)
SUBTITLE = re.compile(r"\s*(——|--| — | - ).*$")


def short_title(title: str) -> str:
    """An article title without the series prefix and subtitle, for compact references."""
    short = SUBTITLE.sub("", SERIES_PREFIX.sub("", title)).strip()
    return short or title


def build_language(config: Any) -> str:
    """The language of an MkDocs build in progress (mkdocs-static-i18n runs one build per language)."""
    i18n = config.plugins.get("i18n")
    current = getattr(i18n, "current_language", None) if i18n else None
    return current or config.theme.get("language", "zh")


def article_table(articles: list[BankArticle], lang: str, link_prefix: str = "articles/") -> str:
    """A Markdown table of articles with their question counts, by kind."""
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
        cells = [f"[{title}]({link_prefix}{article.slug}.md)", *map(str, counts), str(len(article.zh.questions))]
        rows.append("| " + " | ".join(cells) + " |")
    summary = strings["total"].format(articles=len(articles), questions=total)
    return "\n".join(rows) + "\n\n" + summary
