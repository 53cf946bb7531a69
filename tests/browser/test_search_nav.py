"""Search that behaves like a search box, and a learner's navigation that is tidy and comfortable on a phone.

Every expectation is read from the site the test runs on (its questions.json, search index, nav and pages),
never from what the shipped bank happens to hold.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from qbank.site.search_shards import read_index

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def viewport() -> dict[str, int]:
    """Every test of this module on a phone: where learners study and search most."""
    return PHONE
LANGUAGES = {"zh": "", "en": "en/"}
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{3,}")
LATIN_WORD = re.compile(r"[A-Za-z]{5,}")
MIN_TARGET = 24  # CSS px: WCAG 2.5.8 and Lighthouse's target size
MIN_CODE = 12  # CSS px


def questions(site: Path) -> list[dict]:
    """Every question of the built bank."""
    return json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]


def question_text(question: dict, field: str, lang: str) -> str:
    """A question's title or answer in a language (the Chinese where the language has none)."""
    return question[field].get(lang) or question[field]["zh"]


def url_of(question: dict, lang: str) -> str:
    """A question's site-root-relative URL in a language (an untranslated article's is its original's there)."""
    return question["url"].get(lang) or LANGUAGES[lang] + question["url"]["zh"]


def page_path(url: str) -> str:
    """A site-root-relative question URL without its #anchor."""
    return url.split("#")[0]


@pytest.fixture
def phone(page) -> object:
    """The module's `page`: on a phone-sized screen."""
    return page


# -- 5a: any input searches ----------------------------------------------------------------------


def title_query(site: Path, lang: str) -> tuple[str, dict]:
    """A piece of a question title that few questions share, and the question it comes from."""
    bank = questions(site)
    pattern = HAN_RUN if lang == "zh" else LATIN_WORD
    texts = [question_text(q, "title", lang) + " " + question_text(q, "answer", lang) for q in bank]
    best: tuple[int, str, dict] | None = None
    for question in bank:
        for run in pattern.findall(question_text(question, "title", lang)):
            piece = run[:4] if lang == "zh" else run
            shared = sum(piece.lower() in text.lower() for text in texts)
            if best is None or shared < best[0]:
                best = (shared, piece, question)
    assert best is not None, f"no question title of this bank has a word to search for in {lang}"
    return best[1], best[2]


def open_search(page) -> object:
    """Focus Material's search field (the header's field on a wide screen, the search button on a phone)."""
    field = page.locator("input.md-search__input")
    button = page.locator("label.md-header__button[for='__search']")  # shown on a phone only
    if button.is_visible():
        button.click()
    field.click()
    # Material reads the field once more just after it gains focus, then opens the search: past that, only
    # what the field does next (a key, or now any input) can start a search.
    page.wait_for_function("() => document.getElementById('__search').checked")
    return field


def wait_for_result(page, lang: str, question: dict) -> None:
    """Wait until the results list links to the question's page."""
    path = "/" + page_path(url_of(question, lang))
    page.wait_for_function("""path => [...document.querySelectorAll('a.md-search-result__link')]
        .some(a => new URL(a.href).pathname.endsWith(path))""", arg=path, timeout=15_000)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_filling_the_field_searches_without_a_key_press(page, site: Path, lang: str) -> None:
    query, question = title_query(site, lang)
    page.goto(page.base + LANGUAGES[lang])
    open_search(page).fill(query)  # Playwright's fill sets the value and fires `input`: no key event
    wait_for_result(page, lang, question)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pasting_into_the_field_searches(page, site: Path, lang: str) -> None:
    query, question = title_query(site, lang)
    page.goto(page.base + LANGUAGES[lang])
    open_search(page)
    # What a paste from the context menu does to the field: the text arrives with an input event, no key.
    page.evaluate("""query => { const field = document.querySelector('input.md-search__input');
        field.dispatchEvent(new ClipboardEvent('paste', {bubbles: true, cancelable: true}));
        field.value = query;
        field.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste', data: query})); }""",
                  query)
    wait_for_result(page, lang, question)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_committed_by_an_input_method_searches(page, site: Path, lang: str) -> None:
    query, question = title_query(site, lang)
    page.goto(page.base + LANGUAGES[lang])
    open_search(page)
    # An IME: the field holds the candidate while composing (input events marked isComposing), then the
    # text is committed (compositionend), with no key event Material would take for it.
    page.evaluate("""query => { const field = document.querySelector('input.md-search__input');
        field.dispatchEvent(new CompositionEvent('compositionstart', {bubbles: true, data: ''}));
        for (let end = 1; end <= query.length; end++) {
          field.value = query.slice(0, end);
          field.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertCompositionText',
                                                        data: field.value, isComposing: true}));
        }
        field.dispatchEvent(new CompositionEvent('compositionend', {bubbles: true, data: query})); }""", query)
    wait_for_result(page, lang, question)


# -- 5b: following a hit opens the question it points at -----------------------------------------


def title_only_query(site: Path, lang: str) -> tuple[str, dict]:
    """A word of a question's title that its answer does not hold (the rarest in the bank), and the question."""
    bank = questions(site)
    pattern = HAN_RUN if lang == "zh" else LATIN_WORD
    answers = [question_text(q, "answer", lang).lower() for q in bank]
    best: tuple[int, str, dict] | None = None
    for question in bank:
        answer = question_text(question, "answer", lang).lower()
        for run in pattern.findall(question_text(question, "title", lang)):
            pieces = [run[i:i + 4] for i in range(max(len(run) - 3, 1))] if lang == "zh" else [run]
            for piece in pieces:
                if piece.lower() in answer:
                    continue
                shared = sum(piece.lower() in text for text in answers)
                if best is None or shared < best[0]:
                    best = (shared, piece, question)
    if best is None:
        pytest.skip(f"every {lang} question title word of this bank is in its answer")
    return best[1], best[2]


def opened(page) -> list[dict]:
    """Every answer on the page: its question's anchor, whether it is open, and its text without its title."""
    return page.eval_on_selector_all("section.qbank-q", """sections => sections.map(s => {
        const answer = s.querySelector(':scope > details.answer');
        const own = answer ? [...answer.children].filter(c => c.tagName !== 'SUMMARY').map(c => c.textContent).join(' ') : '';
        const prompt = s.querySelector(':scope > .qbank-prompt');
        return {anchor: s.firstElementChild.id, open: !!(answer && answer.open), answer: own.toLowerCase(),
                asks: (s.firstElementChild.textContent + ' ' + (prompt ? prompt.textContent : '')).toLowerCase()};
    })""")


def follow(page, link) -> None:
    """Follow a search result as a reader does (a result inside Material's folded "more" list is opened first)."""
    if not link.is_visible():
        link.locator("xpath=ancestor::details[1]/summary").click()
    link.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_following_a_hit_in_a_title_opens_that_question_and_only_answers_holding_the_query(
        page, site: Path, lang: str) -> None:
    query, question = title_only_query(site, lang)
    anchor = url_of(question, lang).split("#")[1]
    path = "/" + page_path(url_of(question, lang))
    page.goto(page.base + LANGUAGES[lang])
    open_search(page).fill(query)
    wait_for_result(page, lang, question)
    hit = page.locator(f"a.md-search-result__link[href*='{path}'][href$='#{anchor}']").first
    follow(page, hit)
    page.wait_for_function("a => document.getElementById(a).closest('section').querySelector('details.answer').open",
                           arg=anchor)
    assert parse_qs(urlsplit(page.url).query)["h"] == [query.lower()]
    answers = opened(page)
    assert next(a for a in answers if a["anchor"] == anchor)["open"]
    assert query.lower() not in next(a for a in answers if a["anchor"] == anchor)["answer"]  # opened for its title
    strays = [a["anchor"] for a in answers if a["open"] and a["anchor"] != anchor and query.lower() not in a["answer"]]
    assert not strays, strays

    # The page's own hit (no #anchor) opens the questions that ask the query, and the answers holding it.
    page.goto(page.base + LANGUAGES[lang])
    open_search(page).fill(query)
    wait_for_result(page, lang, question)
    follow(page, page.locator(f"a.md-search-result__link[href*='{path}']:not([href*='#'])").first)
    assert not urlsplit(page.url).fragment
    page.wait_for_function("a => document.getElementById(a).closest('section').querySelector('details.answer').open",
                           arg=anchor)
    for answer in opened(page):
        wanted = query.lower() in answer["answer"] or query.lower() in answer["asks"]
        assert answer["open"] == wanted, (answer["anchor"], answer["open"])


def test_following_a_hit_to_the_place_the_page_is_at_opens_it_again(page, site: Path) -> None:
    query, question = title_only_query(site, "zh")
    anchor = question["url"]["zh"].split("#")[1]
    hit = f"a.md-search-result__link[href*='/{page_path(url_of(question, 'zh'))}'][href$='#{anchor}']"
    page.goto(page.base)
    open_search(page).fill(query)
    wait_for_result(page, "zh", question)
    follow(page, page.locator(hit).first)
    # Read, closed again, searched again: the same hit leads where the page already is (no hashchange).
    page.evaluate("a => document.getElementById(a).closest('section').querySelector('details.answer').open = false",
                  anchor)
    open_search(page).fill(query)
    wait_for_result(page, "zh", question)
    address = page.url
    follow(page, page.locator(hit).first)
    assert page.url == address
    page.wait_for_function("a => document.getElementById(a).closest('section').querySelector('details.answer').open",
                           arg=anchor)


# -- 5c: the topic index and bare headings stay out of the results ---------------------------------


BARE_HEADINGS = """async urls => {
    const bare = [];
    for (const url of urls) {
      const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
      const content = doc.querySelector('.md-content__inner');
      for (const heading of content.querySelectorAll('h2[id], h3[id], h4[id], h5[id], h6[id]')) {
        if (heading.closest('section.qbank-q')) continue;
        let text = '';
        for (let next = heading.nextElementSibling; next && !/^H[1-6]$/.test(next.tagName)
             && !next.matches('section.qbank-q'); next = next.nextElementSibling) text += next.textContent;
        if (!text.trim()) bare.push(url + '#' + heading.id);
      }
    }
    return bare;
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_topic_index_and_bare_headings_are_not_searched_but_every_question_is(
        page, site: Path, lang: str) -> None:
    prefix = LANGUAGES[lang]
    locations = {location for location, _, _ in read_index(site / prefix / "search")[1]}
    assert "topics/" not in locations
    # Each topic is still found by its own entry, and every question (its answer a field of it) is there.
    assert any(re.fullmatch(r"topics/[\w-]+/", location) for location in locations)
    bank = questions(site)
    assert {url_of(q, lang).removeprefix(prefix) for q in bank} <= locations
    # Headings of the articles' prose with nothing under them: read from the pages.
    page.goto(page.base + prefix)
    pages = sorted({page_path(url_of(q, lang)) for q in bank})
    bare = page.evaluate(BARE_HEADINGS, [page.base + path for path in pages])
    found = [url for url in bare if url.removeprefix(page.base + prefix) in locations]
    assert not found, found
    # Searching the topic index's own title leads nowhere near it.
    page.goto(page.base + prefix + "topics/")
    title = page.locator(".md-content h1").inner_text()
    page.goto(page.base + prefix)
    field = open_search(page)
    waiting = page.locator(".md-search-result__meta").inner_text()  # "type to start searching"
    field.fill(title)
    page.wait_for_function("before => document.querySelector('.md-search-result__meta').textContent !== before",
                           arg=waiting)
    links = page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => new URL(a.href).pathname)")
    assert f"/{prefix}topics/" not in links, links


# -- 6a: link targets a finger can hit -----------------------------------------------------------


def repeated_question(site: Path) -> dict | None:
    """A question asked in another article too: its links block has "also asked in"."""
    bank = questions(site)
    article = {q["id"]: q["article"] for q in bank}
    return next((q for q in bank if any(article.get(other) != q["article"] for other in q["duplicates"])), None)


def small_targets(page, selector: str) -> list[tuple[str, float, float]]:
    """Visible links matching `selector` smaller than the minimum target size."""
    sizes = page.eval_on_selector_all(selector, """links => links.filter(a => a.getClientRects().length)
        .map(a => { const r = a.getBoundingClientRect(); return [a.textContent, r.width, r.height]; })""")
    assert sizes, selector
    return [size for size in sizes if size[1] < MIN_TARGET or size[2] < MIN_TARGET]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_question_links_are_at_least_24px(phone, site: Path, lang: str) -> None:
    question = repeated_question(site) or questions(site)[0]
    phone.goto(phone.base + page_path(url_of(question, lang)))
    assert not small_targets(phone, ".qbank-links a")
    # A gathered question's places on its topic page.
    phone.goto(phone.base + LANGUAGES[lang] + f"topics/{question['topics'][0]}/")
    assert not small_targets(phone, ".qbank-places a")


# -- 6b: legible code on a phone -----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_code_in_answers_is_at_least_12px(phone, site: Path, lang: str) -> None:
    coded = Counter(page_path(url_of(q, lang)) for q in questions(site) if "```" in question_text(q, "answer", lang))
    if not coded:
        pytest.skip("no answer of this bank holds code")
    phone.goto(phone.base + coded.most_common(1)[0][0])
    phone.evaluate("document.querySelectorAll('details.answer').forEach(d => d.open = true)")
    sizes = phone.eval_on_selector_all("details.answer code", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= MIN_CODE, sorted(set(sizes))


# -- 6c, 6d: the nav lists what a learner can use ------------------------------------------------


def nav_links(page) -> list[str]:
    """The site paths the primary nav of the current page links to."""
    return page.eval_on_selector_all(".md-nav--primary a.md-nav__link[href]",
                                     "links => links.map(a => new URL(a.href).pathname)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_nav_lists_only_topics_with_questions(page, site: Path, lang: str) -> None:
    prefix = LANGUAGES[lang]
    counts = Counter(topic for q in questions(site) for topic in q["topics"])
    built = {path.parent.name for path in (site / prefix / "topics").glob("*/index.html")}
    page.goto(page.base + prefix)
    listed = {path.rstrip("/").split("/")[-1] for path in nav_links(page)
              if re.fullmatch(rf"/{prefix}topics/[\w-]+/", path)}
    assert listed == set(counts), (listed ^ set(counts))
    # A topic without questions keeps its page (the topic index links to it), out of the nav.
    for empty in built - set(counts):
        response = page.goto(page.base + prefix + f"topics/{empty}/")
        assert response.ok and page.locator("section.qbank-q").count() == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_benchmarks_leave_the_nav_for_the_about_page(page, site: Path, lang: str) -> None:
    prefix = LANGUAGES[lang]
    if not (site / prefix / "benchmarks/index.html").exists():
        pytest.skip("this bank has no benchmarks page")
    page.goto(page.base + prefix + "about/")
    assert f"/{prefix}benchmarks/" not in nav_links(page)
    link = page.locator(".md-content a[href$='benchmarks/']")
    assert link.count() == 1
    link.click()
    assert urlsplit(page.url).path == f"/{prefix}benchmarks/"
    assert f"/{prefix}benchmarks/" not in nav_links(page)


# -- 6e: the home page says where to start and promises no PDF that is not there -----------------


def page_kind(page) -> str:
    """What a study page is, from its content: the review page, the guide or the sheet (the one of the two
    with the "leave space to write" switch), or another page."""
    return page.evaluate("""() => document.querySelector('.qbank-review') ? 'review'
        : document.querySelector('.qbank-toolbar[data-pdf-guide]')
          ? (document.querySelector('.qbank-toolbar[data-writing-space]') ? 'sheet' : 'guide') : 'other'""")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_says_where_to_start_and_offers_only_printed_pdfs(page, site: Path, lang: str) -> None:
    home = page.base + LANGUAGES[lang]
    page.goto(home)
    start = page.locator(".md-content .qbank-start")
    assert start.count() == 1 and start.inner_text().strip()
    # It comes before the study tools and the articles, and leads to the guide and the review page.
    assert page.evaluate("""() => { const start = document.querySelector('.qbank-start');
        return !!(start.compareDocumentPosition(document.querySelector('.qbank-tools')) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
    hrefs = start.locator("a").evaluate_all("links => links.map(a => a.href)")
    kinds_in_order = []
    for href in hrefs:
        page.goto(href)
        kinds_in_order.append(page_kind(page))
    assert {"guide", "review"} <= set(kinds_in_order), kinds_in_order

    # PDFs exist once `make pdf` has printed them (pdf/manifest.json lists them): until then no page offers one,
    # and the guide's toolbar, where the home page says they are, offers exactly those listed.
    printed = json.loads((site / "pdf/manifest.json").read_text(encoding="utf-8"))["files"]
    page.goto(home)
    assert all(printed_path(href) in printed for href in pdf_links(page, "a[href$='.pdf']"))
    guide = next(href for href, kind in zip(hrefs, kinds_in_order, strict=True) if kind == "guide")
    with page.expect_response("**/pdf/manifest.json"):
        page.goto(guide)
    expected = set(printed) & set(toolbar_pdfs(page))
    page.wait_for_function("n => document.querySelectorAll('a.qbank-pdf').length === n", arg=len(expected))
    assert {printed_path(href) for href in pdf_links(page, "a.qbank-pdf")} == expected
    # Once printed, there they are.
    listed = toolbar_pdfs(page)
    page.route("**/pdf/manifest.json", lambda route: route.fulfill(json={"files": listed}))
    page.goto(guide)
    page.wait_for_function("n => document.querySelectorAll('a.qbank-pdf').length === n", arg=len(listed))


def printed_path(href: str) -> str:
    """A PDF link's path from the site root, as pdf/manifest.json lists it."""
    return unquote(urlsplit(href).path).lstrip("/")


def pdf_links(page, selector: str) -> list[str]:
    """The addresses of the PDF links a page offers."""
    return page.eval_on_selector_all(selector, "links => links.map(a => a.href)")


def toolbar_pdfs(page) -> list[str]:
    """The PDFs the page's toolbar would offer once printed (its data-pdf-* paths)."""
    return page.eval_on_selector_all(".qbank-toolbar", """bars => bars.flatMap(bar => [...bar.attributes]
        .filter(a => /^data-pdf-[a-z]+$/.test(a.name)).map(a => a.value))""")
