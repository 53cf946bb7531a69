"""A bank past the page budget: the guide, sheet and topics split into pages, in a real browser.

Every test runs on the synthetic bank (tests/banks.py), whose page budget (`extra.qbank.page_entries`) is
small enough that each of its gathering views splits the way a bank of hundreds does under the default one.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from banks import Bank
from conftest import open_study, search, title_query

pytestmark = pytest.mark.banks("synthetic")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# Markdown a title may carry that the printed page shows as formatting, not as characters.
MARKUP = re.compile(r"[*`\\_]|\[|\]\([^)]*\)")


def budget(bank: Bank) -> int:
    """The most entries a page of the bank holds (its mkdocs.yml's `extra.qbank.page_entries`)."""
    found = re.search(r"^\s+page_entries:\s*(\d+)", (bank.project / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert found, "the bank sets no page budget"
    return int(found.group(1))


@pytest.fixture
def paged(page, site: Path) -> tuple[str, Path]:
    """The bank's site, served: its URL and its folder."""
    return page.base, site


def later_entry(site: Path, prefix: str = "") -> tuple[str, str]:
    """A guide entry on a topic's second page: (that page's path, the entry's anchor)."""
    pages = sorted((site / prefix / "guide").glob("*/2/index.html"))
    assert pages, "the budget splits no topic of the guide"
    found = re.search(r'<h2 [^>]*id="(q-[^"]+)"', pages[0].read_text(encoding="utf-8"))
    assert found
    return pages[0].relative_to(site / prefix / "guide").parent.as_posix() + "/", found.group(1)


def test_every_built_page_stays_within_the_budget_and_no_question_is_lost(bank: Bank, site: Path) -> None:
    from qbank.study.pdf import split_topics

    clusters = {question["cluster"] for question in bank.questions}
    for prefix in ("", "en/"):
        guide_pages = sorted((site / prefix / "guide").rglob("index.html"))
        # The contents page and the topics' pages, one topic at least taking more than one.
        volumes = split_topics(site, f"{prefix}guide")
        assert volumes and len(guide_pages) == 1 + sum(len(pages) for _, pages in volumes) > 1 + len(volumes)
        entries = []
        for path in guide_pages:
            html = path.read_text(encoding="utf-8")
            found = re.findall(r'<h[23] class="qbank-entry" data-cluster="([^"]+)"', html)
            assert len(found) <= budget(bank), path
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


def test_search_from_a_later_page_opens_results(page, paged, bank: Bank) -> None:
    url, site = paged
    later, _ = later_entry(site, "en/")
    # A word of a question's title, in Chinese and in English (from a translated article).
    queries = (title_query(bank, "zh")[0], title_query(bank, "en")[0])
    for path, query in zip((f"guide/{later}", f"en/guide/{later}"), queries, strict=True):
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


def test_the_printed_guide_holds_each_question_in_its_topics_part(bank: Bank, site: Path, browser) -> None:
    """A guide split on the site prints whole: its contents page, then each topic's pages in contents order."""
    from qbank.study.pdf import page_texts, render_pdfs, split_topics, squashed

    results = render_pdfs(site, ["zh"], browser=browser)
    names = sorted(result.path.name for result in results)
    assert names == ["qbank-question-sheet-zh.pdf", "qbank-study-guide-zh.pdf"]
    manifest = json.loads((site / "pdf/manifest.json").read_text(encoding="utf-8"))["files"]
    assert sorted(Path(path).name for path in manifest) == names
    texts = [[squashed(line) for line in text.splitlines() if line.strip()]
             for text in page_texts((site / "pdf/qbank-study-guide-zh.pdf").read_bytes())]
    # Where each topic's part of the print begins: the next page, in order, that its name opens.
    cards = json.loads((site / "cards.json").read_text(encoding="utf-8"))
    topic_names = {topic["id"]: topic["name"] for topic in cards["topics"]}
    starts: list[tuple[str, int]] = []
    for topic, _ in split_topics(site, "guide"):
        first = starts[-1][1] + 1 if starts else 1  # the cover and contents come first
        opens = next((index for index in range(first, len(texts)) if squashed(topic_names[topic]) in texts[index][:2]),
                     None)
        assert opens is not None, f"no page opens with the topic {topic} after the one before it"
        starts.append((topic, opens))
    ends = [start for _, start in starts[1:]] + [len(texts)]
    parts = {topic: "".join("".join(lines) for lines in texts[start:end])
             for (topic, start), end in zip(starts, ends, strict=True)}
    # Each distinct question is printed in its topic's part (the topic its guide entry is under), under one of
    # its wordings.
    wordings: dict[str, set[str]] = {}
    for question in bank.questions:
        wordings.setdefault(question["cluster"], set()).add(squashed(MARKUP.sub("", question["title"]["zh"]))[:14])
    misplaced = [card["id"] for card in cards["cards"]
                 if not any(wording in parts[card["url"].split("/")[1]] for wording in wordings[card["id"]])]
    assert not misplaced, misplaced
