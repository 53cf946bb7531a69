"""The English site where an article has no English page yet: said so on the home page, English around the original.

The articles in each translation state come from the bank: one it has no English page for (taken away here
where the bank has none), and one made half translated here from a fully translated one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

import polib
import pytest

from banks import Bank
from conftest import scripted_fill, served_variant
from qbank.cli import main


def translated_articles(bank: Bank, but: tuple[str, ...] = ()) -> list[str]:
    """The bank's fully translated articles (save some), smallest first."""
    found = [slug for slug in reversed(bank.slugs) if bank.translated(slug) == "full" and slug not in but]
    if not found:
        pytest.skip(f"the {bank.name} bank has no fully translated article{' besides ' if but else ''}{', '.join(but)}")
    return found


@pytest.fixture(scope="module")
def partly_translated(tmp_path_factory, bank: Bank, base_url: str) -> Iterator[tuple[str, str, dict[str, str]]]:
    """A site of the bank where an article has no English page, served: its URL, that article, and the translation
    state of every article there. The bank's own site where it has such an article (a bank awaiting
    translation), else the bank with the smallest translated article's English page taken away."""
    states = {slug: bank.translated(slug) for slug in bank.slugs}
    waiting = [slug for slug in bank.slugs if states[slug] == "none"]
    if waiting:
        yield base_url, waiting[0], states
        return
    untranslated = translated_articles(bank)[0]
    with served_variant(tmp_path_factory.mktemp("partly-translated"), remove=(f"articles/{untranslated}.en.md",),
                        project=bank.project) as url:
        yield url, untranslated, {**states, untranslated: "none"}


def test_the_english_home_page_marks_each_articles_translation(page, partly_translated) -> None:
    url, untranslated, expected = partly_translated
    page.goto(url + "en/")
    rows = page.eval_on_selector_all(".qbank-articles tbody tr td:first-child",
                                     "cells => cells.map(c => [c.querySelector('a').getAttribute('href'), c.innerText])")
    states = {href.strip("/").split("/")[-1]: text for href, text in rows}
    assert set(states) == set(expected), states
    assert states[untranslated].endswith("Chinese only"), states
    for slug, text in states.items():
        if expected[slug] == "none":
            assert text.endswith("Chinese only"), (slug, text)
        elif expected[slug] == "partial":
            assert re.search(r"partly translated \(\d+ %\)$", text), (slug, text)
        else:
            assert text.endswith("translated") and "partly" not in text, (slug, text)
    # The Chinese home page says nothing of translations.
    page.goto(url)
    assert "Chinese only" not in page.inner_text(".qbank-articles") and "仅有中文" not in page.inner_text(".qbank-articles")


def test_an_untranslated_article_has_english_labels_around_the_original(page, partly_translated) -> None:
    url, untranslated, _ = partly_translated
    page.goto(url + f"articles/{untranslated}/")
    original = page.eval_on_selector("article h1", "h => { const c = h.cloneNode(true); "
                                     "c.querySelectorAll('.headerlink').forEach(x => x.remove()); return c.textContent.trim(); }")
    page.goto(url + f"en/articles/{untranslated}/")
    assert page.locator("html").get_attribute("lang") == "en"
    # The <title> and the nav name the Chinese title, marked as the original.
    assert "(Chinese only)" in page.title() and original in page.title(), (original, page.title())
    assert any("(Chinese only)" in link for link in page.eval_on_selector_all(
        ".md-sidebar--primary .md-nav__link--active", "els => els.map(e => e.textContent)"))
    assert "Not yet translated" in page.inner_text(".md-content")
    summaries = page.eval_on_selector_all("details.answer > summary", "els => els.map(e => e.textContent.trim())")
    assert summaries and set(summaries) == {"Answer"}, set(summaries)
    # The study toolbar is English too.
    assert page.get_by_role("button", name="Study mode").count() == 1


def half_translate(slug: str, project: Path) -> None:
    """Replace an article's English page with one imported from a catalogue whose every other unit is filled."""
    docs, catalogues = project / "docs", project / "l10n"
    (docs / f"articles/{slug}.en.md").unlink()
    options = ["--docs", str(docs), "--config", str(project / "mkdocs.yml")]
    with redirect_stdout(StringIO()):
        assert main(["l10n", "export", slug, "--no-memory", "-o", str(catalogues), *options]) == 0
        scripted_fill(catalogues / f"{slug}.po", every=2)
        assert main(["l10n", "import", str(catalogues / f"{slug}.po"), *options]) == 0


@pytest.fixture(scope="module")
def imported(tmp_path_factory, bank: Bank) -> Iterator[tuple[str, str]]:
    """The bank's site where its smallest translated article's English comes from a half-filled catalogue,
    served: its URL and that article."""
    partial = translated_articles(bank)[0]
    with served_variant(tmp_path_factory.mktemp("half-translated"), prepare=functools.partial(half_translate, partial),
                        project=bank.project) as url:
        yield url, partial


def test_a_half_translated_article_is_marked_and_keeps_english_labels(page, imported) -> None:
    imported_site, partial = imported
    page.goto(imported_site + "en/")
    row = page.locator(".qbank-articles tbody tr", has=page.locator(f"a[href$='/{partial}/']"))
    assert re.search(r"partly translated \(\d+ %\)$", row.locator("td").first.inner_text()), row.inner_text()
    page.goto(imported_site + f"en/articles/{partial}/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "(Chinese only)" not in page.title()  # its title unit is translated
    content = page.inner_text(".md-content")
    assert "Parts of this question have not been translated into English yet" in content
    summaries = page.eval_on_selector_all("details.answer > summary", "els => els.map(e => e.textContent.trim())")
    assert summaries and set(summaries) == {"Answer"}, set(summaries)


def test_the_translation_status_page_counts_units_and_offers_the_catalogues(page, bank: Bank, imported) -> None:
    imported_site, partial = imported
    page.goto(imported_site + "en/translation/")
    assert page.locator("h1").inner_text().startswith("Translation status")
    row = page.locator(".qbank-l10n tbody tr", has=page.locator(f"a[href$='articles/{partial}/']"))
    translated = int(row.locator(".qbank-l10n__translated").inner_text())
    missing = int(row.locator(".qbank-l10n__missing").inner_text())
    assert translated and missing and row.locator(".qbank-l10n__fuzzy-count").inner_text() == "0"
    # An article translated whole lacks nothing.
    whole = translated_articles(bank, but=(partial,))[0]
    full = page.locator(".qbank-l10n tbody tr", has=page.locator(f"a[href$='articles/{whole}/']"))
    assert full.locator(".qbank-l10n__missing").inner_text() == "0"
    response = page.request.get(row.get_by_role("link", name="PO").evaluate("a => a.href"))
    assert response.ok
    catalogue = polib.pofile(response.text())
    assert catalogue.metadata["X-Qbank-Article"] == partial
    # What the page lacks is in the catalogue empty, or prefilled by the translation memory and said so.
    assert sum(1 for entry in catalogue if not entry.msgstr or "translation memory" in entry.comment) == missing
    page.goto(imported_site + "translation/")
    assert page.locator("h1").inner_text().startswith("翻译进度")
    articles = [path for path in (bank.project / "docs/articles").glob("*.md") if not path.name.endswith(".en.md")]
    assert page.locator(".qbank-l10n tbody tr").count() == len(articles)
