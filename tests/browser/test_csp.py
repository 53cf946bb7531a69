"""Every built page's Content-Security-Policy (qbank.site.csp): the site's own scripts run under it, untouched by
violations, and a handler or script planted in a built page is blocked."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from banks import Bank
from conftest import search, title_query
from qbank.study.pdf import serve

# Records every CSP violation of the page (dispatched on its document) before any script of the page runs.
LISTEN = """window.__violations = [];
document.addEventListener('securitypolicyviolation', event => window.__violations.push(
  `${event.violatedDirective} ${event.blockedURI} ${event.sample}`));"""
POLICY = re.compile(r'<head[^>]*>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def watched(browser) -> tuple[object, object, list[str]]:
    """A context and page listening for violations, and the console errors it logs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(LISTEN)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    return context, tab, errors


def first_article(site: Path, prefix: str) -> str:
    return next(f"{prefix}articles/{path.parent.name}/" for path in sorted((site / prefix / "articles").glob(
        "*/index.html")))


def first_topic(site: Path, prefix: str) -> str:
    return next(f"{prefix}topics/{path.parent.name}/" for path in sorted((site / prefix / "topics").glob(
        "*/index.html")))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_kind_of_page_runs_without_violations(browser, base_url: str, site: Path, prefix: str) -> None:
    paths = [prefix, first_article(site, prefix), f"{prefix}guide/", f"{prefix}sheet/", first_topic(site, prefix),
             f"{prefix}review/", "404.html"]  # one 404 page for both languages (a host serves it for any miss)
    # The site's other pages, whichever this bank has: the articles index, duplicates, about, translation…
    paths += [f"{prefix}{folder.name}/" for folder in sorted((site / prefix).iterdir())
              if (folder / "index.html").is_file() and f"{prefix}{folder.name}/" not in paths
              and folder.name not in ("en", "search")]
    context, tab, errors = watched(browser)
    try:
        for path in paths:
            # Until the network is quiet: Material's deferred work (search worker, palette) has run too.
            tab.goto(base_url + path, wait_until="networkidle")
            assert tab.evaluate("window.__violations") == [], path
            assert 'http-equiv="Content-Security-Policy"' in tab.content(), path
        assert errors == [], errors
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_runs_without_violations(browser, base_url: str, bank: Bank, lang: str) -> None:
    query, _ = title_query(bank, lang)
    context, tab, errors = watched(browser)
    try:
        tab.goto(base_url + ("en/" if lang == "en" else ""), wait_until="load")
        assert search(tab, query), query
        assert tab.evaluate("window.__violations") == []
        assert errors == []
    finally:
        context.close()


def test_every_built_page_carries_a_strict_policy(site: Path) -> None:
    pages = [path for path in site.rglob("*.html") if path.stat().st_size]
    assert pages
    for path in pages:
        found = POLICY.search(path.read_text(encoding="utf-8"))
        assert found, path
        policy = html.unescape(found[1])
        script = next(part for part in policy.split("; ") if part.startswith("script-src "))
        assert "'unsafe-inline'" not in script and "http" not in script, (path, script)
        assert "object-src 'none'" in policy, path


def test_a_planted_handler_and_script_are_blocked(browser, site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    article = copy / first_article(site, "") / "index.html"
    page = article.read_text(encoding="utf-8")
    planted = ('<img src="x" onerror="document.title=\'pwned\'">'
               "<script>document.title = 'pwned by script'</script>")
    article.write_text(page.replace('<article class="md-content__inner md-typeset">',
                                    '<article class="md-content__inner md-typeset">' + planted, 1), encoding="utf-8")
    context, tab, _ = watched(browser)
    try:
        with serve(copy) as url:
            tab.goto(url + first_article(site, ""), wait_until="load")
            tab.wait_for_function("() => window.__violations.length >= 2")
            assert "pwned" not in tab.title()
            violations = tab.evaluate("window.__violations")
            assert any(violation.startswith("script-src") for violation in violations), violations
    finally:
        context.close()
