"""The site published under a project subpath (`/qbank/`), as on GitHub Pages: 404, language switch, search."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from banks import Bank
from conftest import anchor_of, build_site, search, serve_under_subpath, title_query

SUBPATH = "/qbank/"


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory, bank: Bank) -> Iterator[str]:
    """The bank's site built for https://…/qbank/ and served at /qbank/ on a free port."""
    site = tmp_path_factory.mktemp("subpath") / "site"
    result = build_site(bank.project, site, site_url=f"https://example.org{SUBPATH}")
    assert result.returncode == 0, result.stderr
    with serve_under_subpath(site) as url:
        yield url


@pytest.fixture
def tab(browser) -> Iterator[object]:
    """A page that records every failed request (a deep 404 page itself is expected to be one)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.failed = []
    page.on("response", lambda response: page.failed.append(response.url) if response.status >= 400 else None)
    page.on("requestfailed", lambda request: page.failed.append(request.url))
    yield page
    context.close()


def test_a_deep_404_under_the_subpath_loads_the_theme(tab, subpath_site: str) -> None:
    missing = subpath_site + "en/articles/no-such-article/deeper/"
    response = tab.goto(missing)
    assert response.status == 404
    assert tab.failed == [missing], tab.failed  # every stylesheet, script and font loaded
    assets = tab.eval_on_selector_all("link[rel=stylesheet], script[src]", "els => els.map(e => e.href || e.src)")
    assert assets and all(SUBPATH + "assets/" in url for url in assets), assets
    header = tab.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent"), header  # Material's palette is applied
    home = tab.locator(".md-header__button.md-logo, a.md-header__button").first.evaluate("a => a.href")
    assert home.startswith(subpath_site), home
    # In both languages, with each language's home under the subpath, its language switcher's too.
    homes = tab.eval_on_selector_all(".qbank-not-found a", "els => els.map(e => [e.closest('p').lang, e.href])")
    assert homes == [["zh", subpath_site], ["en", subpath_site + "en/"]], homes
    switcher = tab.eval_on_selector_all("a.md-select__link", "els => els.map(e => e.href)")
    assert switcher == [subpath_site, subpath_site + "en/"], switcher


def test_the_language_switch_and_canonical_links_keep_the_subpath(tab, subpath_site: str, bank: Bank) -> None:
    # The bank's largest article, at its first question.
    article, anchor = f"articles/{bank.article}/", anchor_of(bank.article_questions(bank.article)[0])
    tab.goto(subpath_site + f"{article}#{anchor}")
    canonical = tab.locator("link[rel=canonical]").get_attribute("href")
    assert canonical == f"https://example.org{SUBPATH}{article}"
    tab.locator(".md-header__option .md-select").hover()
    tab.locator('a[hreflang="en"]').click()
    tab.wait_for_url(f"**/en/{article}**")
    assert tab.url.startswith(subpath_site + f"en/{article}") and tab.url.endswith(f"#{anchor}")
    assert tab.locator("html").get_attribute("lang") == "en" and not tab.failed, tab.failed


@pytest.mark.parametrize("language", ["", "en/"])
def test_search_under_the_subpath_finds_and_opens_questions(tab, subpath_site: str, language: str, bank: Bank) -> None:
    # A word of a question's title (Chinese, or English from a translated article).
    query, question = title_query(bank, "en" if language else "zh")
    tab.goto(subpath_site + language)
    results = search(tab, query)
    assert results, query
    assert any(urlparse(result["href"]).path == SUBPATH + question["url"]["en" if language else "zh"].split("#")[0]
               for result in results), (query, results)
    first = results[0]["href"]
    assert urlparse(first).path.startswith(SUBPATH + language), first
    tab.goto(first)
    assert "no-such" not in tab.url and not tab.failed, tab.failed

