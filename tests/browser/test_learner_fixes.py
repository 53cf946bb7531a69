"""Defects a learner's visit found, each checked in a real browser so that it can't come back."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import AXE, distinct_questions, open_answers, open_study, search, served_variant

ARTICLE = "articles/technology-advantage/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def test_chinese_search_links_with_the_whole_query_and_opens_only_answers_holding_it(page) -> None:
    page.goto(page.base)
    results = search(page, "过拟合")
    assert results
    # Every result carries the whole query, not the one character the index matched (过).
    assert all(re.search(r"[?&]h=%E8%BF%87%E6%8B%9F%E5%90%88(&|#|$)", result["href"]) for result in results), results
    target = next(result["href"] for result in results if "/articles/" in result["href"])
    page.goto(target)
    page.wait_for_selector(".md-content mark", state="attached")
    marks = page.eval_on_selector_all(".md-content mark", "els => els.map(mark => mark.textContent)")
    assert marks and all(mark == "过拟合" for mark in marks), marks
    # An answer is opened only if it holds the query; none is opened for a stray 过.
    opened = page.eval_on_selector_all("details.answer", "els => els.filter(d => d.open).map(d => d.textContent)")
    assert all("过拟合" in text for text in opened)


def test_a_query_term_missing_from_an_answer_does_not_open_it(page) -> None:
    # 过 is in many answers (过程, 通过); with the whole query 过拟合 as h, those stay closed.
    page.goto(page.base + ARTICLE + "?h=过拟合")
    page.wait_for_selector(".md-content mark", state="attached")
    states = open_answers(page)
    holding = page.eval_on_selector_all("details.answer", "els => els.map(d => d.textContent.includes('过拟合'))")
    assert any(states) and all(holding[index] for index, state in enumerate(states) if state)
    assert sum(states) < len(states)


@pytest.fixture
def tab(browser, base_url: str, request) -> Iterator[object]:
    """A page in a given colour scheme and viewport: request.param is (scheme, viewport)."""
    scheme, viewport = request.param
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.base = base_url
    yield page
    context.close()


def serious_violations(page) -> list[str]:
    """axe's serious and critical violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes'][:3]]}"
            for violation in result["violations"] if violation["impact"] in ("serious", "critical")]


PAGES = ["", ARTICLE, "topics/imbalance/", "guide/", "review/"]
SETTINGS = [(scheme, viewport) for scheme in ("light", "dark") for viewport in (PHONE, DESKTOP)]


@pytest.mark.parametrize("tab", SETTINGS, indirect=True, ids=lambda s: f"{s[0]}-{s[1]['width']}")
@pytest.mark.parametrize("path", PAGES + [f"en/{path}" for path in PAGES])
def test_no_serious_accessibility_violations_in_either_scheme_or_size(tab, path: str) -> None:
    tab.goto(tab.base + path)
    scheme = tab.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == ("slate" if tab.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "default")
    assert not serious_violations(tab)


@pytest.mark.parametrize("tab", SETTINGS, indirect=True, ids=lambda s: f"{s[0]}-{s[1]['width']}")
@pytest.mark.parametrize(("prefix", "label"), [("", "学习模式"), ("en/", "Study mode")])
def test_the_study_dialog_passes_axe_with_the_answer_button_focused(tab, prefix: str, label: str) -> None:
    tab.goto(tab.base + prefix + ARTICLE)
    open_study(tab, label)
    assert tab.evaluate("document.activeElement.dataset.grade") == "reveal"
    assert not serious_violations(tab)


def test_the_study_dialog_traps_focus(page) -> None:
    page.goto(page.base + ARTICLE)
    open_study(page)
    for key in ["Tab"] * 12 + ["Shift+Tab"] * 12:
        page.keyboard.press(key)
        assert page.evaluate("!!document.activeElement.closest('.qbank-study')"), key
    # The page behind can't be reached while the dialog is open, and is back once it closes.
    assert page.evaluate("document.querySelector('.md-container').inert")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.querySelector('.md-container').inert")


def test_the_question_sheet_offers_no_study_mode_without_answers(page) -> None:
    page.goto(page.base + "sheet/")
    page.wait_for_selector(".qbank-toolbar[data-ready]", state="attached")
    assert page.get_by_role("button", name="学习模式").count() == 0
    page.goto(page.base + "guide/")
    assert page.get_by_role("button", name="学习模式").count() == 1


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_guide_has_a_section_for_every_topic_with_questions(page, prefix: str, site: Path) -> None:
    import json

    questions = json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]
    topics = {topic for question in questions for topic in question["topics"]}
    for sheet in ("guide/", "sheet/"):
        page.goto(page.base + prefix + sheet)
        sections = page.eval_on_selector_all(".qbank-guide-topic", "els => els.map(e => e.id)")
        assert sorted(sections) == sorted(f"t-{topic}" for topic in topics)
        # Every question is written out once; the coding chapter lists its exercises, by number.
        assert page.locator(".qbank-entry").count() == distinct_questions(site)
        for link in page.eval_on_selector_all(".qbank-elsewhere a", "els => els.map(a => a.getAttribute('href'))"):
            assert page.locator(f"[id='{link[1:]}']").count() == 1, link


@pytest.mark.parametrize("tab", [("light", PHONE)], indirect=True, ids=["phone"])
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_phone_home_table_fits_the_screen(tab, prefix: str) -> None:
    tab.goto(tab.base + prefix)
    width = tab.evaluate("window.innerWidth")
    table = tab.locator(".qbank-articles table")
    box = table.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
    # The question count (last column) is on screen for every article.
    counts = tab.eval_on_selector_all(".qbank-articles tbody td:last-child",
                                      "tds => tds.map(td => td.getBoundingClientRect().right)")
    assert counts and all(right <= width for right in counts)
    assert tab.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("tab", [("light", PHONE)], indirect=True, ids=["phone"])
def test_phone_question_headings_keep_the_kind_badge_with_the_title(tab) -> None:
    tab.goto(tab.base + ARTICLE)
    # The badge opens the heading, so it sits on the title's first line, never on a line of its own
    # after the ¶; nothing follows the title but the ¶ (and a study mark, once graded).
    styles = tab.eval_on_selector_all(".qbank-question", """els => els.map(h => [
        getComputedStyle(h, '::before').content, getComputedStyle(h, '::after').content])""")
    assert all(("面试题" in before or "算法编程题" in before) and after in ("none", "normal")
               for before, after in styles), styles[:3]


@pytest.mark.parametrize("tab", [("light", DESKTOP)], indirect=True, ids=["desktop"])
def test_desktop_sidebar_title_takes_one_line_in_english(tab) -> None:
    tab.goto(tab.base + "en/" + ARTICLE)
    title = tab.locator(".md-sidebar--primary .md-nav--primary > .md-nav__title")
    height, line = tab.evaluate("""t => { const s = getComputedStyle(t);
        return [t.getBoundingClientRect().height, parseFloat(s.lineHeight)]; }""", title.element_handle())
    assert height < 1.8 * line


@pytest.fixture(scope="module")
def site_with_repository(tmp_path_factory) -> Iterator[str]:
    """The real site built with `repo_url` set, served on a free port."""
    repository = "\nrepo_url: https://github.com/example/qbank\n"
    with served_variant(tmp_path_factory.mktemp("repo-site"), config_extra=repository) as url:
        yield url


def test_each_question_links_to_the_issue_form_when_a_repository_is_set(page, site_with_repository: str) -> None:
    # With repo_url, Material's header asks GitHub's API for the repository's stars: answered here, offline.
    page.route("https://api.github.com/**", lambda route: route.fulfill(json={}))
    page.goto(site_with_repository + ARTICLE)
    links = page.eval_on_selector_all("section.qbank-q > a.qbank-report", "els => els.map(a => a.href)")
    assert len(links) == page.locator("section.qbank-q").count() > 0
    first = parse_qs(urlsplit(links[1]).query)
    assert links[1].startswith("https://github.com/example/qbank/issues/new?")
    assert "technology-advantage-i02" in first["body"][0]
    assert first["body"][0].count(site_with_repository + ARTICLE + "#i02") == 1
    assert "过拟合" in first["title"][0]
    # Gathering pages report the asking whose answer they show.
    page.goto(site_with_repository + "en/guide/")
    entry = page.locator("section.qbank-q").first
    body = parse_qs(urlsplit(entry.locator("> a.qbank-report").get_attribute("href")).query)["body"][0]
    assert entry.get_attribute("data-question-id") in body and "/en/guide/#q-" in body


def test_no_report_link_without_a_repository(page) -> None:
    page.goto(page.base + ARTICLE)
    assert page.locator("section.qbank-q").count() > 0
    assert page.locator("a.qbank-report").count() == 0


def test_the_sheet_runs_on_and_can_leave_space_to_write(page) -> None:
    page.goto(page.base + "sheet/")
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(".qbank-guide-topic", "els => els.map(e => getComputedStyle(e).breakBefore)")
    assert breaks and "page" not in breaks  # topics flow on; the guide's each start a page
    entry = page.locator("section.qbank-q").first
    before = entry.bounding_box()["height"]
    page.emulate_media(media="screen")
    switch = page.get_by_role("button", name="打印时留出作答空间")
    switch.click()
    assert switch.get_attribute("aria-pressed") == "true"
    page.emulate_media(media="print")
    assert entry.bounding_box()["height"] > before + 100  # 40 mm of room, in CSS pixels
    # Each question says where its answer is: a link to its entry in the guide.
    link = entry.locator(".qbank-guide-page")
    target = link.get_attribute("href")
    page.goto(page.base + "sheet/" + target)
    assert page.locator(f"[id='{target.split('#')[1]}']").count() == 1
    page.goto(page.base + "guide/")
    page.emulate_media(media="print")
    assert "page" in page.eval_on_selector_all(".qbank-guide-topic", "els => els.map(e => getComputedStyle(e).breakBefore)")


@pytest.mark.parametrize("tab", [("light", PHONE)], indirect=True, ids=["phone"])
@pytest.mark.parametrize("path", ["review/", "en/review/", "guide/", "en/sheet/", "topics/imbalance/"])
def test_phone_pages_do_not_scroll_sideways(tab, path: str) -> None:
    tab.goto(tab.base + path)
    if "review" in path:
        tab.wait_for_selector(".qbank-review[data-ready]", state="attached")
    # Nothing of the content reaches past the screen's edge, except inside blocks that scroll themselves
    # (code, Material's wrapped tables); the page's own overflow is hidden, so scrollWidth can't tell.
    overflowing = tab.evaluate("""() => [...document.querySelectorAll('.md-content *')]
        .filter(e => !e.closest('pre, .md-typeset__scrollwrap, .highlight') && e.getClientRects().length)
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
    assert not overflowing, overflowing


def test_keyboard_reaches_the_content_from_the_first_tab_stop(page) -> None:
    page.goto(page.base + ARTICLE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")  # "skip to content", first
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-content')")
    # Without the skip link: the collapsed nav keeps the stops before the content to the header, the
    # current section and the page's own contents.
    page.goto(page.base + ARTICLE)
    toc = page.locator(".md-sidebar--secondary a.md-nav__link").count()
    stops = 0
    while stops < 200 and not page.evaluate("!!document.activeElement.closest('.md-content')"):
        page.keyboard.press("Tab")
        stops += 1
    assert stops <= toc + 30, (stops, toc)


def test_search_previews_never_show_answers(page) -> None:
    page.goto(page.base)
    # SMOTE is only in the answer of 资源优势 Q8: the question is found, and its preview doesn't say it.
    results = search(page, "SMOTE")
    found = [result for result in results if "resource-advantage" in result["href"] and "#i08" in result["href"]]
    assert found
    assert not any("smote" in result["text"].lower() for result in results), results


def test_search_finds_a_topic_by_its_name(page) -> None:
    page.goto(page.base)
    results = search(page, "过拟合")
    assert any(urlsplit(result["href"]).path == "/topics/overfitting/" for result in results), results
    page.goto(page.base + "en/")
    results = search(page, "regularization")
    assert any(urlsplit(result["href"]).path == "/en/topics/overfitting/" for result in results), results


def test_question_headings_look_the_same_at_any_level(page) -> None:
    # The series marks questions with h3 in some articles and h4 in others; on the site they match.
    sizes = set()
    for slug in ("technology-advantage", "resource-advantage", "capital-advantage", "innovation-advantage"):
        page.goto(page.base + f"articles/{slug}/")
        sizes |= set(page.eval_on_selector_all(
            ".qbank-question", "els => els.map(h => h.tagName + ' ' + getComputedStyle(h).fontSize)"))
    levels = {size.split()[0] for size in sizes}
    assert len(levels) > 1 and len({size.split()[1] for size in sizes}) == 1, sizes
