"""Defects a learner's visit found, each checked in a real browser so that it can't come back.

The pages visited, the words searched for and the figures expected come from the bank the test runs on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import pytest

from banks import Bank
from conftest import (
    AXE,
    HAN_RUN,
    LATIN_TOKEN,
    anchor_of,
    answer_only_word,
    blocks_without_and_with_script,
    main_topic,
    open_answers,
    open_study,
    search,
    served_variant,
    stray_query,
    view_pages,
)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def article(bank: Bank) -> str:
    """The path of the article a test visits: the bank's largest."""
    return f"articles/{bank.article}/"


# Whether each answer's question holds a query, in its title, its prompt or its answer (not the answer's label):
# what a search hit opens on the page it leads to.
ASKS = """(answers, query) => answers.map(answer => {
    const question = answer.closest('section.qbank-q');
    const own = [...answer.children].filter(part => part.tagName !== 'SUMMARY').map(part => part.textContent);
    return [question.firstElementChild, question.querySelector('.qbank-prompt')]
        .some(part => part && part.textContent.includes(query)) || own.join(' ').includes(query);
})"""


def test_chinese_search_links_with_the_whole_query_and_opens_only_answers_holding_it(page, bank: Bank) -> None:
    # A word of a title that some questions hold, while answers of others hold only its first character.
    query = stray_query(bank, bank.article)
    page.goto(page.base)
    results = search(page, query)
    assert results
    # Every result carries the whole query, not the one character the index matched.
    assert all(re.search(rf"[?&]h={re.escape(quote(query))}(&|#|$)", result["href"]) for result in results), results
    target = next(result["href"] for result in results if "/articles/" in result["href"])
    page.goto(target)
    page.wait_for_selector(".md-content mark", state="attached")
    marks = page.eval_on_selector_all(".md-content mark", "els => els.map(mark => mark.textContent)")
    assert marks and all(mark == query for mark in marks), marks
    # An answer is opened only if its question holds the query; none is opened for a stray first character.
    states = open_answers(page)
    holding = page.eval_on_selector_all("details.answer", ASKS, query)
    assert all(holding[index] for index, state in enumerate(states) if state)


def test_a_query_term_missing_from_an_answer_does_not_open_it(page, bank: Bank) -> None:
    # The query's first character is in answers without the query; with the whole query as h, those stay closed.
    query = stray_query(bank, bank.article)
    page.goto(page.base + article(bank) + f"?h={query}")
    page.wait_for_selector(".md-content mark", state="attached")
    states = open_answers(page)
    holding = page.eval_on_selector_all("details.answer", ASKS, query)
    assert any(states) and all(holding[index] for index, state in enumerate(states) if state)
    assert sum(states) < len(states)
    # The stray character is there, in an answer left closed.
    stray = page.eval_on_selector_all("details.answer:not([open])", "(els, c) => els.some(d => d.textContent.includes(c))",
                                      query[0])
    assert stray


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
    # Evaluated by the test driver, not added as a <script>: the page's Content-Security-Policy rightly
    # refuses a script it has no hash for.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes'][:3]]}"
            for violation in result["violations"] if violation["impact"] in ("serious", "critical")]


def pages_of(bank: Bank, kind: str) -> list[str]:
    """The pages of a kind (`en/` before it for the English one): home, article (the largest), topic (the one
    with most questions), review, or a gathering view (`guide/`, `sheet/`) with, where it is split into a
    contents page and topic pages, its first topic page too."""
    prefix, kind = ("en/", kind[3:]) if kind.startswith("en/") else ("", kind)
    if kind in ("guide/", "sheet/"):
        return list(dict.fromkeys([prefix + kind, view_pages(bank.site, prefix + kind)[0]]))
    return [prefix + {"home": "", "article": article(bank), "topic": f"topics/{main_topic(bank)}/"}.get(kind, kind)]


PAGES = ["home", "article", "topic", "guide/", "review/"]
SETTINGS = [(scheme, viewport) for scheme in ("light", "dark") for viewport in (PHONE, DESKTOP)]


@pytest.mark.parametrize("tab", SETTINGS, indirect=True, ids=lambda s: f"{s[0]}-{s[1]['width']}")
@pytest.mark.parametrize("kind", PAGES + [f"en/{kind}" for kind in PAGES])
def test_no_serious_accessibility_violations_in_either_scheme_or_size(tab, kind: str, bank: Bank) -> None:
    for path in pages_of(bank, kind):
        tab.goto(tab.base + path)
        scheme = tab.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert scheme == ("slate" if tab.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "default")
        assert not serious_violations(tab), path


@pytest.mark.parametrize("tab", SETTINGS, indirect=True, ids=lambda s: f"{s[0]}-{s[1]['width']}")
@pytest.mark.parametrize(("prefix", "label"), [("", "学习模式"), ("en/", "Study mode")])
def test_the_study_dialog_passes_axe_with_the_answer_button_focused(tab, prefix: str, label: str, bank: Bank) -> None:
    tab.goto(tab.base + prefix + article(bank))
    open_study(tab, label)
    assert tab.evaluate("document.activeElement.dataset.grade") == "reveal"
    assert not serious_violations(tab)


def test_the_study_dialog_traps_focus(page, bank: Bank) -> None:
    page.goto(page.base + article(bank))
    open_study(page)
    for key in ["Tab"] * 12 + ["Shift+Tab"] * 12:
        page.keyboard.press(key)
        assert page.evaluate("!!document.activeElement.closest('.qbank-study')"), key
    # The page behind can't be reached while the dialog is open, and is back once it closes.
    assert page.evaluate("document.querySelector('.md-container').inert")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.querySelector('.md-container').inert")


def test_the_question_sheet_offers_no_study_mode_without_answers(page, site: Path) -> None:
    # Each page of the sheet and the guide where either is split: its contents page and its first topic page.
    for path in dict.fromkeys(["sheet/", view_pages(site, "sheet/")[0]]):
        page.goto(page.base + path)
        page.wait_for_selector(".qbank-toolbar[data-ready]", state="attached")
        assert page.get_by_role("button", name="学习模式").count() == 0, path
    for path in dict.fromkeys(["guide/", view_pages(site, "guide/")[0]]):
        page.goto(page.base + path)
        page.wait_for_selector(".qbank-toolbar[data-ready]", state="attached")
        assert page.get_by_role("button", name="学习模式").count() == 1, path


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_guide_has_a_section_for_every_topic_with_questions(page, prefix: str, bank: Bank, site: Path) -> None:
    topics = {topic for question in bank.questions for topic in question["topics"]}
    for sheet in ("guide/", "sheet/"):
        # Its one page, or every topic page where it is split.
        sections, entries = [], 0
        for path in view_pages(site, prefix + sheet):
            page.goto(page.base + path)
            # (A topic's later page continues its section: its heading is not the topic's anchor.)
            if not path.rstrip("/").rsplit("/", 1)[-1].isdigit():
                sections += page.eval_on_selector_all(".qbank-guide-topic", "els => els.map(e => e.id)")
            entries += page.locator(".qbank-entry").count()
            # A chapter lists the questions it shares with earlier ones, by number, linked to where they are.
            for link in page.eval_on_selector_all(".qbank-elsewhere a", "els => els.map(a => a.getAttribute('href'))"):
                target = urlsplit(urljoin(page.url, link))
                if target.path == urlsplit(page.url).path:
                    assert page.locator(f"[id='{target.fragment}']").count() == 1, link
                else:
                    html = (site / target.path.lstrip("/") / "index.html").read_text(encoding="utf-8")
                    assert html.count(f'id="{target.fragment}"') == 1, (path, link)
        assert sorted(sections) == sorted(f"t-{topic}" for topic in topics)
        # Every question is written out once.
        assert entries == bank.distinct()


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
def test_phone_question_headings_keep_the_kind_badge_with_the_title(tab, bank: Bank) -> None:
    tab.goto(tab.base + article(bank))
    # The badge opens the heading, so it sits on the title's first line, never on a line of its own
    # after the ¶; nothing follows the title but the ¶ (and a study mark, once graded).
    styles = tab.eval_on_selector_all(".qbank-question", """els => els.map(h => [
        getComputedStyle(h, '::before').content, getComputedStyle(h, '::after').content])""")
    assert all(("面试题" in before or "算法编程题" in before) and after in ("none", "normal")
               for before, after in styles), styles[:3]


@pytest.mark.parametrize("tab", [("light", DESKTOP)], indirect=True, ids=["desktop"])
def test_desktop_sidebar_title_takes_one_line_in_english(tab, bank: Bank) -> None:
    tab.goto(tab.base + "en/" + article(bank))
    title = tab.locator(".md-sidebar--primary .md-nav--primary > .md-nav__title")
    height, line = tab.evaluate("""t => { const s = getComputedStyle(t);
        return [t.getBoundingClientRect().height, parseFloat(s.lineHeight)]; }""", title.element_handle())
    assert height < 1.8 * line


@pytest.fixture(scope="module")
def site_with_repository(tmp_path_factory, bank: Bank) -> Iterator[str]:
    """The bank's site built with `repo_url` set, served on a free port."""
    repository = "\nrepo_url: https://github.com/example/qbank\n"
    with served_variant(tmp_path_factory.mktemp("repo-site"), config_extra=repository, project=bank.project) as url:
        yield url


def test_each_question_links_to_the_issue_form_when_a_repository_is_set(page, browser, bank: Bank,
                                                                        site_with_repository: str) -> None:
    # With repo_url, Material's header asks GitHub's API for the repository's stars: answered here, offline.
    page.route("https://api.github.com/**", lambda route: route.fulfill(json={}))
    page.goto(site_with_repository + article(bank))
    links = page.eval_on_selector_all("section.qbank-q > a.qbank-report", "els => els.map(a => a.href)")
    assert len(links) == page.locator("section.qbank-q").count() == len(bank.article_questions(bank.article)) > 1
    # Each question keeps the link's line free from the first paint: the links move nothing as they come.
    without, with_links = blocks_without_and_with_script(
        browser, site_with_repository + article(bank), PHONE,
        lambda tab: tab.route("https://api.github.com/**", lambda route: route.fulfill(json={})))
    assert without and with_links == without
    # The article's second question.
    question = bank.article_questions(bank.article)[1]
    first = parse_qs(urlsplit(links[1]).query)
    assert links[1].startswith("https://github.com/example/qbank/issues/new?")
    assert question["id"] in first["body"][0]
    assert first["body"][0].count(site_with_repository + article(bank) + f"#{anchor_of(question)}") == 1
    assert max(HAN_RUN.findall(question["title"]["zh"]) or [question["title"]["zh"]], key=len) in first["title"][0]
    # Gathering pages report the asking whose answer they show, at the page that shows it.
    guide = view_pages(bank.site, "en/guide/")[0]
    page.goto(site_with_repository + guide)
    entry = page.locator("section.qbank-q").first
    body = parse_qs(urlsplit(entry.locator("> a.qbank-report").get_attribute("href")).query)["body"][0]
    heading = entry.locator("> .qbank-entry").get_attribute("id")
    assert entry.get_attribute("data-question-id") in body
    assert heading.startswith("q-") and f"{site_with_repository}{guide}#{heading}" in body, body


def test_no_report_link_without_a_repository(page, bank: Bank) -> None:
    page.goto(page.base + article(bank))
    assert page.locator("section.qbank-q").count() > 0
    assert page.locator("a.qbank-report").count() == 0


def test_the_sheet_runs_on_and_can_leave_space_to_write(page, site: Path) -> None:
    # The sheet's and the guide's entries: on their one page, or on the first topic page where they are split.
    sheet, guide = view_pages(site, "sheet/")[0], view_pages(site, "guide/")[0]
    page.goto(page.base + sheet)
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
    target = urljoin(page.url, link.get_attribute("href"))
    assert urlsplit(target).path.startswith("/guide/"), target
    page.goto(target)
    page.wait_for_function("id => document.getElementById(id)", arg=urlsplit(target).fragment)
    assert page.locator(f"[id='{urlsplit(target).fragment}']").count() == 1
    page.goto(page.base + guide)
    page.emulate_media(media="print")
    assert "page" in page.eval_on_selector_all(".qbank-guide-topic", "els => els.map(e => getComputedStyle(e).breakBefore)")


@pytest.mark.parametrize("tab", [("light", PHONE)], indirect=True, ids=["phone"])
@pytest.mark.parametrize("kind", ["review/", "en/review/", "guide/", "en/sheet/", "topic"])
def test_phone_pages_do_not_scroll_sideways(tab, kind: str, bank: Bank) -> None:
    for path in pages_of(bank, kind):
        tab.goto(tab.base + path)
        if "review" in path:
            tab.wait_for_selector(".qbank-review[data-ready]", state="attached")
        # Nothing of the content reaches past the screen's edge, except inside blocks that scroll themselves
        # (code, Material's wrapped tables); the page's own overflow is hidden, so scrollWidth can't tell.
        overflowing = tab.evaluate("""() => [...document.querySelectorAll('.md-content *')]
            .filter(e => !e.closest('pre, .md-typeset__scrollwrap, .highlight') && e.getClientRects().length)
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
        assert not overflowing, (path, overflowing)


def test_keyboard_reaches_the_content_from_the_first_tab_stop(page, bank: Bank) -> None:
    page.goto(page.base + article(bank))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")  # "skip to content", first
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-content')")
    # Without the skip link: the collapsed nav keeps the stops before the content to the header, the
    # current section (the articles: one stop each) and the page's own contents; the header and the nav's
    # other entries take 25 at most.
    page.goto(page.base + article(bank))
    toc = page.locator(".md-sidebar--secondary a.md-nav__link").count()
    stops = 0
    while stops < 400 and not page.evaluate("!!document.activeElement.closest('.md-content')"):
        page.keyboard.press("Tab")
        stops += 1
    assert stops <= toc + len(bank.slugs) + 25, (stops, toc, len(bank.slugs))


def test_search_previews_never_show_answers(page, bank: Bank) -> None:
    page.goto(page.base)
    # A word only one question's answer holds: the question is found, and its preview doesn't say it.
    word, question = answer_only_word(bank)
    results = search(page, word)
    found = [result for result in results if f"/articles/{question['article']}/" in result["href"]
             and result["href"].endswith(f"#{anchor_of(question)}")]
    assert found
    assert not any(word in result["text"].lower() for result in results), results


def topic_query(bank: Bank, lang: str) -> tuple[str, str]:
    """A word of a topic's name that as few question titles and other topic names hold as can be (Chinese: a run
    of 2–4 characters; English: a word of five letters or more, found as the start of a word); and the topic."""
    names = {topic["id"]: topic["name"] for topic in json.loads(
        (bank.site / ("en/" if lang == "en" else "") / "cards.json").read_text(encoding="utf-8"))["topics"]}
    titles = [question["title"][lang] or question["title"]["zh"] for question in bank.questions]

    def holds(text: str, word: str) -> bool:
        return word in text if lang == "zh" else any(token.startswith(word) for token in LATIN_TOKEN.findall(
            text.lower()))

    best: tuple[int, int, str, str] | None = None
    for topic in sorted({topic for question in bank.questions for topic in question["topics"]}):
        name = names[topic]
        words = ({run[start:start + size] for run in HAN_RUN.findall(name) for size in (2, 3, 4)
                  for start in range(len(run) - size + 1)} if lang == "zh" else set(re.findall(r"[a-z]{5,}",
                                                                                               name.lower())))
        for word in sorted(words):
            shared = sum(holds(text, word) for text in titles) + sum(holds(other, word) for other in names.values())
            if best is None or (shared, -len(word)) < best[:2]:
                best = (shared, -len(word), word, topic)
    if best is None:
        pytest.skip(f"no {lang} topic name of the {bank.name} bank has a word to search for")
    return best[2], best[3]


def test_search_finds_a_topic_by_its_name(page, bank: Bank) -> None:
    word, topic = topic_query(bank, "zh")
    page.goto(page.base)
    results = search(page, word)
    assert any(urlsplit(result["href"]).path == f"/topics/{topic}/" for result in results), (word, results)
    word, topic = topic_query(bank, "en")
    page.goto(page.base + "en/")
    results = search(page, word)
    assert any(urlsplit(result["href"]).path == f"/en/topics/{topic}/" for result in results), (word, results)


def test_question_headings_look_the_same_at_any_level(page, site: Path) -> None:
    # The series marks questions with h2, h3 or h4 depending on the article; on the site they match.
    # One article for each level its questions are marked with.
    levels: dict[str, str] = {}
    for path in sorted((site / "articles").glob("*/index.html")):
        for level in re.findall(r'<(h\d)[^>]*class="qbank-question"', path.read_text(encoding="utf-8")):
            levels.setdefault(level, path.parent.name)
    if len(levels) < 2:
        pytest.skip(f"every question of the bank is marked with {set(levels)}")
    sizes = set()
    for slug in sorted(set(levels.values())):
        page.goto(page.base + f"articles/{slug}/")
        sizes |= set(page.eval_on_selector_all(
            ".qbank-question", "els => els.map(h => h.tagName + ' ' + getComputedStyle(h).fontSize)"))
    tags = {size.split()[0] for size in sizes}
    assert len(tags) > 1 and len({size.split()[1] for size in sizes}) == 1, sizes
