"""Whole-bank study and the study loop a learner expects from Anki, in a real browser.

Every expectation comes from the page under test (its cards.json, its DOM and the strings it carries), so
the tests hold for any bank: one whose guide is a single page and one whose guide is split into pages.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import served_variant, tab_in
from qbank.strings import ui_strings

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def viewport() -> dict[str, int]:
    """Every test of this module on a phone: where learners study and search most."""
    return PHONE
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# A page budget small enough that the shipped bank's guide splits into a contents page and topic pages.
SPLIT_BUDGET = "extra:\n  qbank:\n    page_entries: 8\n"
CJK = re.compile(r"[\u4e00-\u9fff]")

# The page's own FSRS module (web/qbank/fsrs.js, beside the page script): the vendored ts-fsrs and the state
# numbers the page marks cards by.
PAGE_FSRS = "(await import(new URL('fsrs.js', document.querySelector('script[src*=\"assets/qbank/main.js\"]').src)))"
# Progress made in the page by the vendored ts-fsrs, as the page script makes it: each card graded once,
# `minutesAgo` minutes before the page's clock.
SEED = """async ([ids, grade, minutesAgo]) => {
  const {FSRS} = """ + PAGE_FSRS + """;
  const scheduler = FSRS.fsrs(FSRS.generatorParameters({enable_fuzz: false}));
  const at = new Date(Date.now() - minutesAgo * 60000);
  const store = JSON.parse(localStorage.getItem('qbank-fsrs-v1') || 'null') || {version: 1, cards: {}, days: []};
  for (const id of ids) store.cards[id] = scheduler.next(FSRS.createEmptyCard(at), at, FSRS.Rating[grade]).card;
  localStorage.setItem('qbank-fsrs-v1', JSON.stringify(store));
}"""


@pytest.fixture
def phone(page) -> object:
    """The module's `page`: on a phone-sized screen."""
    return page


def bank_cards(site: Path, prefix: str = "") -> list[dict]:
    """The language's study cards, in guide order."""
    return json.loads((site / prefix / "cards.json").read_text(encoding="utf-8"))["cards"]


def counts(page) -> dict[str, int]:
    """Due, learning, new and total counts shown in the study dialog."""
    return {key: int(page.get_attribute(".qbank-study__progress", f"data-{key}"))
            for key in ("due", "learning", "new", "total")}


def shown(page) -> str:
    """The id of the card the study dialog shows."""
    return page.get_attribute(".qbank-study [data-card]", "data-card")


def stored(page, card: str) -> dict:
    """A card's schedule as this browser keeps it, with its due time and the page's clock in ms."""
    return page.evaluate("""id => { const card = JSON.parse(localStorage.getItem('qbank-fsrs-v1')).cards[id];
        return {...card, dueMs: new Date(card.due).getTime(), nowMs: Date.now()}; }""", card)


def seed(page, ids: list[str], grade: str, minutes_ago: float) -> None:
    """Grade cards in this browser's progress (the page must be loaded), then reload to use it."""
    page.evaluate(SEED, [ids, grade, minutes_ago])
    page.reload()


def review_strings(page) -> dict:
    """The review page's strings, once it has drawn its figures."""
    page.wait_for_selector(".qbank-review[data-ready]", state="attached")
    return json.loads(page.get_attribute(".qbank-review", "data-strings"))


def study_tool(page) -> str:
    """The home page's link to study mode over the whole bank."""
    links = page.eval_on_selector_all("ul.qbank-tools a[href]", "els => els.map(a => a.getAttribute('href'))")
    found = [link for link in links if "study=all" in link]
    assert len(found) == 1, links
    return found[0]


def topic_options(page) -> list[str]:
    """The topics the study dialog's filter offers."""
    return page.eval_on_selector_all(".qbank-study__topic option", "els => els.map(o => o.value).filter(Boolean)")


def assert_whole_bank_session(page, cards: list[dict]) -> None:
    """The open dialog studies every card of the bank, new and due alike, over all of its topics."""
    page.wait_for_selector(".qbank-study [data-card]")
    assert counts(page)["total"] == len(cards)
    assert shown(page) in {card["id"] for card in cards}
    assert sorted(topic_options(page)) == sorted({topic for card in cards for topic in card["topics"]})


def study_another_topic(page, cards: list[dict]) -> set[str]:
    """Pick a topic the shown card is not in: the dialog shows one of that topic's cards, with its answer."""
    first = next(card for card in cards if card["id"] == shown(page))
    other = next(topic for topic in topic_options(page) if topic not in first["topics"])
    page.select_option(".qbank-study__topic", other)
    page.wait_for_selector(".qbank-study [data-card]")
    card = next(card for card in cards if card["id"] == shown(page))
    assert other in card["topics"]
    assert counts(page)["total"] == sum(other in entry["topics"] for entry in cards)
    page.keyboard.press("Space")
    assert page.locator(".qbank-study__answer").inner_text().strip()
    return set(first["topics"]) | set(card["topics"])


# -- A. Whole-bank study from the home page and the guide's first page ---------------------------


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_whole_bank_study_opens_from_the_home_page(page, site: Path, prefix: str) -> None:
    cards = bank_cards(site, prefix)
    page.goto(page.base + prefix)
    page.locator(f'ul.qbank-tools a[href="{study_tool(page)}"]').click()
    page.wait_for_url(re.compile(r"/guide/\?study=all$"))
    assert_whole_bank_session(page, cards)
    assert len(study_another_topic(page, cards)) >= 2


@pytest.fixture(scope="module")
def split_site(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The shipped bank built with a page budget that splits its guide, served: its URL and its folder."""
    folder = tmp_path_factory.mktemp("split-guide")
    with served_variant(folder, config_extra=SPLIT_BUDGET) as url:
        yield url, folder / "site"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_whole_bank_study_opens_from_the_home_page_and_a_split_guide(browser, split_site, prefix: str) -> None:
    url, site = split_site
    cards = bank_cards(site, prefix)
    with tab_in(browser, url, PHONE) as tab:
        # The guide is split: its first page is the contents, without a question of its own.
        tab.goto(url + prefix + "guide/")
        tab.wait_for_selector(".qbank-toolbar[data-ready]", state="attached")
        assert tab.locator("section.qbank-q").count() == 0
        assert len({card["url"].split("#")[0] for card in cards}) > 1
        # From the home page: the study tool opens the guide's first page in study mode over the whole bank.
        tab.goto(url + prefix)
        tab.locator(f'ul.qbank-tools a[href="{study_tool(tab)}"]').click()
        assert_whole_bank_session(tab, cards)
        assert len(study_another_topic(tab, cards)) >= 2
        tab.keyboard.press("Escape")
        # From the contents page's own toolbar.
        label = json.loads(tab.get_attribute(".qbank-toolbar", "data-study"))["open"]
        tab.get_by_role("button", name=label).click()
        assert_whole_bank_session(tab, cards)
        assert len(study_another_topic(tab, cards)) >= 2


# -- B. The study loop -----------------------------------------------------------------------------


def open_guide_study(page, site: Path, prefix: str = "") -> list[dict]:
    """Study mode on the guide page holding the bank's first card (the whole guide when it is one page)."""
    cards = bank_cards(site, prefix)
    page.goto(page.base + prefix + cards[0]["url"].split("#")[0] + "?study=all")
    page.wait_for_selector(".qbank-study [data-card]")
    return cards


def test_failed_cards_come_back_within_the_session(phone, site: Path) -> None:
    phone.clock.install(time=NOW)
    open_guide_study(phone, site)
    assert counts(phone)["total"] >= 2
    failed = shown(phone)
    phone.keyboard.press("Space")
    phone.keyboard.press("1")  # again
    # ts-fsrs's first learning step: due again in minutes, still in learning, and counted as such.
    card = stored(phone, failed)
    assert card["state"] == phone.evaluate(f"async () => {PAGE_FSRS}.FSRS.State.Learning")
    assert card["nowMs"] < card["dueMs"] < card["nowMs"] + 86_400_000
    assert counts(phone)["learning"] == 1
    # Other cards come first while it waits...
    other = shown(phone)
    assert other != failed
    # ...and once its step is over it comes back before them.
    phone.clock.fast_forward(card["dueMs"] - card["nowMs"] + 1000)
    phone.keyboard.press("Space")
    phone.keyboard.press("4")  # easy: the other card is learnt
    assert shown(phone) == failed
    # Failed again, it waits again; with nothing else left it is shown a little early, as Anki does.
    phone.keyboard.press("Space")
    phone.keyboard.press("1")
    for _ in range(counts(phone)["total"]):
        if shown(phone) == failed:
            break
        phone.keyboard.press("s")
    assert shown(phone) == failed
    card = stored(phone, failed)
    assert card["dueMs"] > card["nowMs"]
    # Learnt at last: the session ends.
    phone.keyboard.press("Space")
    phone.keyboard.press("4")
    assert phone.locator(".qbank-study__done").is_visible()
    assert stored(phone, failed)["state"] == phone.evaluate(f"async () => {PAGE_FSRS}.FSRS.State.Review")


def topic_row(page, topic: str) -> dict[str, str]:
    """A topic's row of the review page: due cards, studied / all, mastery."""
    cells = page.eval_on_selector_all(f'.qbank-review__topics tr[data-topic="{topic}"] td',
                                      "tds => tds.map(td => td.textContent.trim())")
    return {"due": cells[1], "seen": cells[2], "mastery": cells[3]}


def test_the_review_page_updates_when_a_session_ends(phone, site: Path) -> None:
    cards = bank_cards(site)
    card = cards[0]
    phone.clock.install(time=NOW)
    phone.goto(phone.base + "review/")
    review_strings(phone)
    seed(phone, [card["id"]], "Easy", 365 * 24 * 60)  # learnt a year ago: due now
    strings = review_strings(phone)
    assert phone.get_attribute(".qbank-review", "data-due") == "1"
    assert phone.inner_text('[data-figure="due"]') == "1"
    assert all(topic_row(phone, topic)["due"] == "1" for topic in card["topics"])
    new_before = phone.inner_text('[data-figure="new"]')
    phone.evaluate("window.sameDocument = true")
    phone.locator(".qbank-review__study").click()
    phone.wait_for_selector(".qbank-study [data-card]")
    assert shown(phone) == card["id"]
    phone.keyboard.press("Space")
    phone.keyboard.press("3")  # good: due again in days
    assert phone.locator(".qbank-study__done").is_visible()
    phone.keyboard.press("Escape")
    # The figures are drawn again, without a reload: nothing due, a day's streak, the topics' due cells.
    phone.wait_for_function("() => document.querySelector('[data-figure=\"due\"]').textContent === '0'")
    assert phone.evaluate("window.sameDocument === true")
    assert phone.inner_text('[data-figure="streak"]') == strings["streak_days"].replace("{days}", "1")
    assert phone.inner_text('[data-figure="new"]') == new_before
    assert all(topic_row(phone, topic)["due"] == "0" for topic in card["topics"])
    assert phone.locator(".qbank-review__nothing").is_visible()
    assert phone.locator(".qbank-review__due li").count() == 0


def test_a_card_just_failed_is_not_mastered(page, site: Path) -> None:
    cards = bank_cards(site)
    by_topic: dict[str, list[str]] = {}
    for card in cards:
        for topic in card["topics"]:
            by_topic.setdefault(topic, []).append(card["id"])
    failed_topic = min(by_topic, key=lambda topic: len(by_topic[topic]))
    page.clock.install(time=NOW)
    page.goto(page.base + "review/")
    review_strings(page)
    seed(page, by_topic[failed_topic], "Again", 0)
    review_strings(page)
    # FSRS puts the recall of a card just failed near 1; in its learning steps it is not mastered.
    recall = page.evaluate("""async ids => { const {FSRS} = """ + PAGE_FSRS + """;
        const s = FSRS.fsrs(FSRS.generatorParameters({enable_fuzz: false}));
        const cards = JSON.parse(localStorage.getItem('qbank-fsrs-v1')).cards;
        return Math.min(...ids.map(id => s.get_retrievability(cards[id], new Date(), false))); }""",
                           by_topic[failed_topic])
    assert recall > 0.9
    row = topic_row(page, failed_topic)
    assert row["seen"].startswith(f"{len(by_topic[failed_topic])} ")
    assert row["mastery"] == "0%"
    # A card learnt (graded easy, so in review) does count.
    learnt = next(card for card in cards if failed_topic not in card["topics"])
    seed(page, [learnt["id"]], "Easy", 0)
    review_strings(page)
    smallest = min(learnt["topics"], key=lambda topic: len(by_topic[topic]))
    assert topic_row(page, smallest)["mastery"] == f"{math.floor(100 / len(by_topic[smallest]) + 0.5)}%"


def test_study_the_due_cards_shows_only_when_cards_are_due(page, site: Path) -> None:
    card = bank_cards(site)[0]
    page.clock.install(time=NOW)
    page.goto(page.base + "review/")
    review_strings(page)
    study = page.locator(".qbank-review__study")
    assert study.is_hidden()
    assert study.evaluate("button => getComputedStyle(button).display") == "none"
    assert page.locator(".qbank-review__nothing").is_visible()
    seed(page, [card["id"]], "Again", 60)  # failed an hour ago: due
    review_strings(page)
    assert study.is_visible()
    # Studied meanwhile in another tab: the button is stale, and opens no empty session.
    page.evaluate("localStorage.removeItem('qbank-fsrs-v1')")
    study.click()
    study.wait_for(state="hidden")
    assert page.locator(".qbank-study").count() == 0
    assert page.locator(".qbank-review__nothing").is_visible()


def longest_answer(page) -> str:
    """The card of this page whose answer is longest."""
    return page.evaluate("""() => {
        let best = null, length = -1;
        for (const section of document.querySelectorAll('section.qbank-q')) {
          const data = section.dataset.cluster ? section.dataset : section.querySelector(':scope > .qbank-links')?.dataset;
          const answer = section.querySelector(':scope > details.answer');
          if (!data || !data.cluster || !answer) continue;
          if (answer.textContent.length > length) { best = data.cluster; length = answer.textContent.length; }
        }
        return best; }""")


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_show_answer_keeps_the_question_in_view_on_a_phone(phone, site: Path, prefix: str) -> None:
    phone.clock.install(time=NOW)
    open_guide_study(phone, site, prefix)
    phone.keyboard.press("Escape")
    card = longest_answer(phone)
    seed(phone, [card], "Again", 60)  # due: studied first
    phone.wait_for_selector(".qbank-study [data-card]")
    assert shown(phone) == card
    label = phone.inner_text('.qbank-study__actions [data-grade="reveal"]')
    phone.get_by_role("button", name=label).click()
    phone.wait_for_selector(".qbank-study__answer")
    boxes = phone.evaluate("""() => {
        const box = selector => document.querySelector(selector).getBoundingClientRect();
        return {title: box('.qbank-study__title'), answer: box('.qbank-study__answer'),
                actions: box('.qbank-study__actions'), good: box('.qbank-study__actions [data-grade="good"]'),
                focused: document.activeElement.dataset.grade, height: innerHeight}; }""")
    title, answer, actions, good = boxes["title"], boxes["answer"], boxes["actions"], boxes["good"]
    # The question's title on screen, the start of the answer under it, above the grades.
    assert title["top"] >= 0 and title["bottom"] <= answer["top"] + 1, boxes
    assert answer["top"] + 20 < actions["top"] <= boxes["height"], boxes
    # The grades stay on screen and by the keyboard, without having scrolled the question away.
    assert boxes["focused"] == "good" and good["top"] >= 0 and good["bottom"] <= boxes["height"], boxes


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_import_errors_speak_the_page_language(page, tmp_path: Path, prefix: str) -> None:
    page.goto(page.base + prefix + "review/")
    strings = review_strings(page)
    files = {"not_json": "not json at all", "not_progress": '{"cards": 3}',
             "bad_card": '{"version": 1, "cards": {"card-x": {"due": "soon"}}, "days": []}'}
    for reason, text in files.items():
        upload = tmp_path / f"{reason}.json"
        upload.write_text(text, encoding="utf-8")
        page.set_input_files('[data-action="import"]', str(upload))
        expected = strings["import_failed"].replace("{reason}", strings[reason].replace("{id}", "card-x"))
        page.wait_for_function("text => document.querySelector('.qbank-review__status').textContent === text",
                               arg=expected)
    assert bool(CJK.search(page.inner_text(".qbank-review__status"))) == (prefix == "")


def test_study_strings_exist_in_both_languages() -> None:
    def keys(strings: dict, path: str = "") -> set[str]:
        found = set()
        for key, value in strings.items():
            found.add(path + key)
            if isinstance(value, dict):
                found |= keys(value, f"{path}{key}.")
        return found

    zh, en = ui_strings()["zh"], ui_strings()["en"]
    for part in ("study", "review"):
        assert keys(zh[part]) == keys(en[part]), part


def test_the_page_marks_cards_by_the_schedulers_own_states(page) -> None:
    # The page script marks cards without loading the scheduler, by its own copy of ts-fsrs' State numbers.
    page.goto(page.base)
    library, copy = page.evaluate(f"async () => {{ const m = {PAGE_FSRS}; return [m.FSRS.State, m.STATE]; }}")
    assert copy and all(library[name] == number for name, number in copy.items())
    assert set(copy) == {name for name in library if not name.isdigit()}
