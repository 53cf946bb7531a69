"""A bank past the page budget: the guide, sheet and topics split into pages, in a real browser.

The real site is built with a small budget (`extra.qbank.page_entries`), so its five articles
split the way a bank of hundreds does under the default one.
"""

from __future__ import annotations

import json
import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import open_study, search, served_variant

BUDGET = "extra:\n  qbank:\n    page_entries: 8\n"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def paged(tmp_path_factory) -> tuple[str, Path]:
    """The real site built with a budget of eight entries a page, served: its URL and its folder."""
    folder = tmp_path_factory.mktemp("paged-site")
    with served_variant(folder, config_extra=BUDGET) as url:
        yield url, folder / "site"


def later_entry(site: Path, prefix: str = "") -> tuple[str, str]:
    """A guide entry on a topic's second page: (that page's path, the entry's anchor)."""
    pages = sorted((site / prefix / "guide").glob("*/2/index.html"))
    assert pages, "the budget splits no topic of the guide"
    found = re.search(r'<h2 [^>]*id="(q-[^"]+)"', pages[0].read_text(encoding="utf-8"))
    assert found
    return pages[0].relative_to(site / prefix / "guide").parent.as_posix() + "/", found.group(1)


def test_every_built_page_stays_within_the_budget_and_no_question_is_lost(paged) -> None:
    _, site = paged
    bank = json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]
    clusters = {question["cluster"] for question in bank}
    for prefix in ("", "en/"):
        guide_pages = sorted((site / prefix / "guide").rglob("index.html"))
        assert len(guide_pages) > 10  # the contents page and the topics' pages
        entries = []
        for path in guide_pages:
            html = path.read_text(encoding="utf-8")
            found = re.findall(r'<h[23] class="qbank-entry" data-cluster="([^"]+)"', html)
            assert len(found) <= 8, path
            entries += found
        # Every distinct question once, across the pages; the sheet has the same pages.
        assert sorted(entries) == sorted(clusters)
        assert {p.relative_to(site / prefix / "guide") for p in guide_pages} == {
            p.relative_to(site / prefix / "sheet") for p in (site / prefix / "sheet").rglob("index.html")}


def test_a_permalink_into_a_later_page_of_the_guide_lands_on_its_entry(page, paged) -> None:
    url, site = paged
    for prefix in ("", "en/"):
        later, anchor = later_entry(site, prefix)
        # The stable permalink names the guide and the question: the contents page sends it on.
        page.goto(f"{url}{prefix}guide/#{anchor}")
        page.wait_for_url(f"**/{prefix}guide/{later}#{anchor}")
        page.wait_for_function(f"() => document.getElementById('{anchor}')")
        assert page.locator(f"#{anchor}").is_visible()
        # The answer under it is opened, as for any link to an entry.
        page.wait_for_function(f"""() => document.getElementById('{anchor}').closest('section')
            .querySelector('details.answer').open""")


def test_a_link_to_the_page_a_question_left_follows_it(page, paged) -> None:
    """A bookmark kept from when the question was on the topic's first page."""
    url, site = paged
    later, anchor = later_entry(site)
    first = later.rsplit("/", 2)[0] + "/"
    assert anchor not in (site / "guide" / first / "index.html").read_text(encoding="utf-8")
    page.goto(f"{url}guide/{first}#{anchor}")
    page.wait_for_url(f"**/guide/{later}#{anchor}")
    # Topic pages too.
    topic_page = sorted((site / "topics").glob("*/2/index.html"))[0]
    moved = re.search(r'<h2 [^>]*id="(q-[^"]+)"', topic_page.read_text(encoding="utf-8")).group(1)
    page.goto(f"{url}topics/{topic_page.parent.parent.name}/#{moved}")
    page.wait_for_url(f"**/topics/{topic_page.parent.parent.name}/2/#{moved}")


def test_pagers_walk_the_guide_and_later_pages_stay_out_of_the_nav(page, paged) -> None:
    url, site = paged
    later, _ = later_entry(site)
    page.goto(f"{url}guide/{later}")
    pager = page.locator(".qbank-pager").first
    assert re.search(r"第 \d+ / \d+ 页 · 目录", pager.inner_text())
    pager.locator("a[rel=prev]").click()
    page.wait_for_url(f"**/guide/{later.rsplit('/', 2)[0]}/")
    page.locator(".qbank-pager").first.locator("a[rel=next]").click()
    page.wait_for_url(f"**/guide/{later}")
    # The nav lists the guide once; its topic pages are reached from its contents.
    nav = page.eval_on_selector_all(".md-nav--primary a.md-nav__link[href]", "els => els.map(a => a.href)")
    assert not [href for href in nav if re.search(r"/(guide|sheet)/[^/]+/", href)], nav
    page.goto(f"{url}guide/")
    contents = page.locator(".qbank-print-toc a")
    assert contents.count() > 10 and contents.first.is_visible()
    # On a phone the pager wraps inside the screen.
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{url}guide/{later}")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_search_from_a_later_page_opens_results(page, paged) -> None:
    url, site = paged
    later, _ = later_entry(site, "en/")
    for path, query in ((f"guide/{later}", "过拟合"), (f"en/guide/{later}", "overfitting")):
        page.goto(url + path)
        results = search(page, query)
        # Hub pages (the guide, the sheet) are out of search; the articles asking it come first.
        assert results and "/articles/" in results[0]["href"]
        assert not [result for result in results if re.search(r"/(guide|sheet)/", result["href"])]
        page.locator(".md-search-result__item > a").first.click()
        page.wait_for_url(re.compile(r"/articles/"))
        assert page.locator("article h1").count() == 1


def test_study_mode_on_a_topic_page_and_due_cards_from_several_pages(page, paged) -> None:
    url, site = paged
    page.clock.install(time=NOW)
    later, _ = later_entry(site)
    graded = set()
    for path in (f"guide/{later}", f"guide/{later.rsplit('/', 2)[0]}/"):  # a topic's second page, then its first
        page.goto(url + path)
        open_study(page)
        graded.add(page.get_attribute(".qbank-study [data-card]", "data-card"))
        page.keyboard.press("Space")
        page.keyboard.press("1")  # again: due in minutes
        page.keyboard.press("Escape")
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('qbank-fsrs-v1'))")
    assert set(stored["cards"]) == graded and len(graded) == 2
    # Later the same day both are due; the review page studies them, fetched from the two pages.
    page.clock.set_system_time(NOW + timedelta(hours=2))
    page.goto(f"{url}review/")
    page.wait_for_selector(".qbank-review[data-ready]", state="attached")
    assert page.get_attribute(".qbank-review", "data-due") == "2"
    page.locator(".qbank-review__study").click()
    page.wait_for_selector(".qbank-study [data-card]")
    studied = set()
    for _ in graded:
        studied.add(page.get_attribute(".qbank-study [data-card]", "data-card"))
        page.keyboard.press("Space")
        assert page.locator(".qbank-study__card").inner_text().strip()  # the fetched question and its answer
        page.keyboard.press("4")
    assert studied == graded


def test_pdf_volumes_per_topic_hold_every_question(paged, browser) -> None:
    from qbank.pdf import render_pdfs

    _, site = paged
    results = render_pdfs(site, ["zh"], browser=browser)
    names = sorted(result.path.name for result in results)
    topics = sorted(path.name for path in (site / "guide").iterdir() if (path / "index.html").exists())
    assert names == sorted(["qbank-study-guide-zh.pdf", "qbank-question-sheet-zh.pdf"]
                           + [f"qbank-study-guide-zh-{topic}.pdf" for topic in topics]
                           + [f"qbank-question-sheet-zh-{topic}.pdf" for topic in topics])
    manifest = json.loads((site / "pdf/manifest.json").read_text(encoding="utf-8"))["files"]
    assert sorted(Path(path).name for path in manifest) == names
    text = ""
    for topic in topics:
        pdf = site / f"pdf/qbank-study-guide-zh-{topic}.pdf"
        text += subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    squashed = "".join(re.sub(r"^\d+ / \d+$", "", text, flags=re.M).split())
    bank = json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]
    titles: dict[str, set[str]] = {}
    for question in bank:
        titles.setdefault(question["cluster"], set()).add("".join(question["title"]["zh"].split()))
    # Each distinct question is printed once, in its topic's volume, under one of its wordings.
    missing = [cluster for cluster, wordings in titles.items() if not any(title in squashed for title in wordings)]
    assert not missing, missing
