"""The English site where an article has no English page yet: said so on the home page, English around the original."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

import polib
import pytest

from conftest import ROOT, scripted_fill, served_variant
from qbank.cli import main

UNTRANSLATED = "capital-advantage"


@pytest.fixture(scope="module")
def partly_translated_site(tmp_path_factory) -> Iterator[str]:
    """The real site with one article's English page taken away, served on a free port."""
    with served_variant(tmp_path_factory.mktemp("partly-translated"), remove=(f"articles/{UNTRANSLATED}.en.md",)) as url:
        yield url


def test_the_english_home_page_marks_each_articles_translation(page, partly_translated_site: str) -> None:
    page.goto(partly_translated_site + "en/")
    rows = page.eval_on_selector_all(".qbank-articles tbody tr td:first-child",
                                     "cells => cells.map(c => [c.querySelector('a').getAttribute('href'), c.innerText])")
    states = {href.strip("/").split("/")[-1]: text for href, text in rows}
    assert states[UNTRANSLATED].endswith("Chinese only"), states
    assert all(text.endswith("translated") for slug, text in states.items() if slug != UNTRANSLATED), states
    # The Chinese home page says nothing of translations.
    page.goto(partly_translated_site)
    assert "Chinese only" not in page.inner_text(".qbank-articles") and "仅有中文" not in page.inner_text(".qbank-articles")


def test_an_untranslated_article_has_english_labels_around_the_original(page, partly_translated_site: str) -> None:
    page.goto(partly_translated_site + f"en/articles/{UNTRANSLATED}/")
    assert page.locator("html").get_attribute("lang") == "en"
    # The <title> and the nav name the Chinese title, marked as the original.
    assert "(Chinese only)" in page.title() and "资本" in page.title()
    assert any("(Chinese only)" in link for link in page.eval_on_selector_all(
        ".md-sidebar--primary .md-nav__link--active", "els => els.map(e => e.textContent)"))
    assert "Not yet translated" in page.inner_text(".md-content")
    summaries = page.eval_on_selector_all("details.answer > summary", "els => els.map(e => e.textContent.trim())")
    assert summaries and set(summaries) == {"Answer"}, set(summaries)
    # The study toolbar is English too.
    assert page.get_by_role("button", name="Study mode").count() == 1


PARTIAL = "innovation-advantage"


def half_translate(project: Path) -> None:
    """Replace an article's English page with one imported from a catalogue whose every other unit is filled."""
    docs, catalogues = project / "docs", project / "l10n"
    (docs / f"articles/{PARTIAL}.en.md").unlink()
    options = ["--docs", str(docs), "--config", str(project / "mkdocs.yml")]
    with redirect_stdout(StringIO()):
        assert main(["l10n", "export", PARTIAL, "--no-memory", "-o", str(catalogues), *options]) == 0
        scripted_fill(catalogues / f"{PARTIAL}.po", every=2)
        assert main(["l10n", "import", str(catalogues / f"{PARTIAL}.po"), *options]) == 0


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory) -> Iterator[str]:
    """The real site where one article's English comes from a half-filled catalogue, served."""
    with served_variant(tmp_path_factory.mktemp("half-translated"), prepare=half_translate) as url:
        yield url


def test_a_half_translated_article_is_marked_and_keeps_english_labels(page, imported_site: str) -> None:
    page.goto(imported_site + "en/")
    row = page.locator(".qbank-articles tbody tr", has=page.locator(f"a[href*='{PARTIAL}']"))
    assert re.search(r"partly translated \(\d+ %\)$", row.locator("td").first.inner_text()), row.inner_text()
    page.goto(imported_site + f"en/articles/{PARTIAL}/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "(Chinese only)" not in page.title()  # its title unit is translated
    content = page.inner_text(".md-content")
    assert "Parts of this question have not been translated into English yet" in content
    summaries = page.eval_on_selector_all("details.answer > summary", "els => els.map(e => e.textContent.trim())")
    assert summaries and set(summaries) == {"Answer"}, set(summaries)


def test_the_translation_status_page_counts_units_and_offers_the_catalogues(page, imported_site: str) -> None:
    page.goto(imported_site + "en/translation/")
    assert page.locator("h1").inner_text().startswith("Translation status")
    row = page.locator(".qbank-l10n tbody tr", has=page.locator(f"a[href*='articles/{PARTIAL}/']"))
    translated = int(row.locator(".qbank-l10n__translated").inner_text())
    missing = int(row.locator(".qbank-l10n__missing").inner_text())
    assert translated and missing and row.locator(".qbank-l10n__fuzzy-count").inner_text() == "0"
    full = page.locator(".qbank-l10n tbody tr", has=page.locator("a[href*='articles/capital-advantage/']"))
    assert full.locator(".qbank-l10n__missing").inner_text() == "0"
    response = page.request.get(row.get_by_role("link", name="PO").evaluate("a => a.href"))
    assert response.ok
    catalogue = polib.pofile(response.text())
    assert catalogue.metadata["X-Qbank-Article"] == PARTIAL
    # What the page lacks is in the catalogue empty, or prefilled by the translation memory and said so.
    assert sum(1 for entry in catalogue if not entry.msgstr or "translation memory" in entry.comment) == missing
    page.goto(imported_site + "translation/")
    assert page.locator("h1").inner_text().startswith("翻译进度")
    articles = [path for path in (ROOT / "docs/articles").glob("*.md") if not path.name.endswith(".en.md")]
    assert page.locator(".qbank-l10n tbody tr").count() == len(articles)
