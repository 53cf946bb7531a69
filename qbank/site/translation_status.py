"""The site's translation files: each article's catalogues and the translation status page."""

from __future__ import annotations

from qbank.bank.load import BankArticle
from qbank.l10n.catalogue import catalogue_name, render
from qbank.l10n.exporter import Export
from qbank.site.render import Fragments
from qbank.site.urls import href
from qbank.site.views import Link, TranslationRow, TranslationStatusView
from qbank.strings import ui

STATUS_PAGE = "translation.md"
CATALOGUE_DIR = "l10n"
# The site publishes PO, which every translation tool reads; `qbank l10n export --format xliff` writes XLIFF.
SITE_FORMAT = "po"


# Rendered catalogues by their content: a rebuild after one edit renders one catalogue again, not all.
_rendered: dict[str, str] = {}


def catalogue_path(slug: str) -> str:
    """Where an article's catalogue is published, from the site root."""
    return f"{CATALOGUE_DIR}/{catalogue_name(slug, SITE_FORMAT)}"


def catalogue_files(export: Export) -> dict[str, str]:
    """Every article's PO catalogue, by site path (published once, at the default language's root)."""
    files, rendered = {}, {}
    for catalogue in export.catalogues:
        key = repr(catalogue)
        rendered[key] = _rendered.get(key) or render(catalogue, SITE_FORMAT)
        files[catalogue_path(catalogue.slug)] = rendered[key]
    _rendered.clear()
    _rendered.update(rendered)  # only the current ones: an edited article's old catalogue is let go
    return files


def status_rows(export: Export, articles: list[BankArticle], lang: str, site_root: str) -> list[TranslationRow]:
    """One row per article, linked from the status page; `site_root` is the site root from this language's."""
    by_slug = {article.slug: article for article in articles}
    # Catalogues are files at the site's root: relative to the status page's own URL.
    root = href(STATUS_PAGE, "index.md") + site_root
    rows = []
    for analysis in export.analyses:
        article = by_slug[analysis.slug]
        title = article.editions.get(lang, article.zh).title
        translated, fuzzy, missing = analysis.counts()
        catalogues = [Link(root + f"{CATALOGUE_DIR}/{catalogue_name(analysis.slug, SITE_FORMAT)}", "PO")]
        rows.append(TranslationRow(Link(href(STATUS_PAGE, f"articles/{analysis.slug}.md"), title),
                                   translated, fuzzy, missing, catalogues))
    return rows


def status_page(export: Export, articles: list[BankArticle], lang: str, fragments: Fragments,
                site_root: str = "") -> str:
    """The translation status page's Markdown: intro, totals and the table (kept out of search)."""
    strings = ui(lang)["translation_status"]
    rows = status_rows(export, articles, lang, site_root)
    translated = sum(row.translated for row in rows)
    fuzzy = sum(row.fuzzy for row in rows)
    units = sum(row.total for row in rows)
    total = strings["total"].format(units=units, translated=translated, fuzzy=fuzzy, missing=units - translated - fuzzy,
                                    percent=round(100 * translated / units) if units else 100)
    table = fragments.render("translation_status.html", status=TranslationStatusView(rows, strings))
    return (f"---\nsearch:\n  exclude: true\n---\n\n# {strings['title']}\n\n{strings['intro']}\n\n{total}\n\n"
            f"{table}\n")
