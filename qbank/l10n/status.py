"""The site's translation files: each article's catalogues and the translation status page."""

from __future__ import annotations

from qbank.bank import BankArticle
from qbank.l10n.catalogue import FORMATS, catalogue_name, render
from qbank.l10n.exporter import Export
from qbank.render import Fragments
from qbank.strings import ui
from qbank.urls import href
from qbank.views import Link, TranslationRow, TranslationStatusView

STATUS_PAGE = "translation.md"
CATALOGUE_DIR = "l10n"
FORMAT_LABELS = {"po": "PO", "xliff": "XLIFF"}


def catalogue_files(export: Export) -> dict[str, str]:
    """Every article's catalogue in every format, by site path."""
    return {f"{CATALOGUE_DIR}/{catalogue_name(catalogue.slug, kind)}": render(catalogue, kind)
            for catalogue in export.catalogues for kind in FORMATS}


def status_rows(export: Export, articles: list[BankArticle], lang: str) -> list[TranslationRow]:
    """One row per article, linked from the status page."""
    by_slug = {article.slug: article for article in articles}
    rows = []
    for analysis in export.analyses:
        article = by_slug[analysis.slug]
        title = article.editions.get(lang, article.zh).title
        translated, fuzzy, missing = analysis.counts()
        # Catalogues are files at this language's root: relative to the status page's own URL.
        root = href(STATUS_PAGE, "index.md")
        catalogues = [Link(root + f"{CATALOGUE_DIR}/{catalogue_name(analysis.slug, kind)}", FORMAT_LABELS[kind])
                      for kind in FORMATS]
        rows.append(TranslationRow(Link(href(STATUS_PAGE, f"articles/{analysis.slug}.md"), title),
                                   translated, fuzzy, missing, catalogues))
    return rows


def status_page(export: Export, articles: list[BankArticle], lang: str, fragments: Fragments) -> str:
    """The translation status page's Markdown: intro, totals and the table (kept out of search)."""
    strings = ui(lang)["translation_status"]
    rows = status_rows(export, articles, lang)
    translated = sum(row.translated for row in rows)
    fuzzy = sum(row.fuzzy for row in rows)
    units = sum(row.total for row in rows)
    total = strings["total"].format(units=units, translated=translated, fuzzy=fuzzy, missing=units - translated - fuzzy,
                                    percent=round(100 * translated / units) if units else 100)
    table = fragments.render("translation_status.html", status=TranslationStatusView(rows, strings))
    return (f"---\nsearch:\n  exclude: true\n---\n\n# {strings['title']}\n\n{strings['intro']}\n\n{total}\n\n"
            f"{table}\n")
