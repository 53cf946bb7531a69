"""Study mode in a real browser: one card at a time, grading, persistence, reset, topic filter.

The article studied is the bank's largest; its cards, the topic whose page shows their marks and the topic
the guide is filtered by are read from the bank's questions.json.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from banks import Bank
from conftest import main_topic, open_study, view_pages


def article(bank: Bank) -> str:
    """The path of the article a test studies: the bank's largest."""
    return f"articles/{bank.article}/"


def progress(page) -> dict[str, int]:
    """Due, new and total counts shown in the study panel."""
    return {key: int(page.get_attribute(".qbank-study__progress", f"data-{key}")) for key in ("due", "new", "total")}


def article_cards(bank: Bank, topic: str = "") -> int:
    """Study cards of the studied article: one per distinct question (two askings of one question are one card)."""
    return len({q["cluster"] for q in bank.article_questions(bank.article) if not topic or topic in q["topics"]})


def narrow_topic(bank: Bank) -> str:
    """The topic with the most distinct questions short of the whole bank: a filter that leaves some out."""
    topics = sorted({topic for q in bank.questions for topic in q["topics"] if bank.distinct(topic) < bank.distinct()},
                    key=lambda topic: (-bank.distinct(topic), topic))
    if not topics:
        pytest.skip(f"every question of the {bank.name} bank is in every topic it has")
    return topics[0]


def stored(page) -> dict:
    """The progress this browser keeps."""
    return page.evaluate("JSON.parse(localStorage.getItem('qbank-fsrs-v1') || 'null')")


NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_one_card_at_a_time_reveal_and_grade_by_keyboard(page, bank: Bank) -> None:
    page.clock.install(time=NOW)
    page.goto(page.base + article(bank))
    open_study(page)
    cards = article_cards(bank)
    assert progress(page) == {"due": 0, "new": cards, "total": cards}
    assert page.locator(".qbank-study__answer").count() == 0
    first = page.get_attribute(".qbank-study [data-card]", "data-card")
    page.keyboard.press("Space")
    assert page.locator(".qbank-study__answer").is_visible()
    # Four grades, each with the interval it would schedule.
    labels = page.eval_on_selector_all(".qbank-study__actions [data-grade]:not([data-grade=skip])",
                                       "els => els.map(e => e.dataset.grade + ': ' + e.textContent)")
    assert [label.split(":")[0] for label in labels] == ["again", "hard", "good", "easy"], labels
    assert page.evaluate("document.activeElement.dataset.grade") == "good"
    page.keyboard.press("3")  # good
    assert progress(page)["new"] == cards - 1
    assert page.get_attribute(".qbank-study [data-card]", "data-card") != first
    page.keyboard.press("Space")
    page.keyboard.press("1")  # again: due again in minutes, so still in learning
    page.keyboard.press("s")  # skip without grading
    saved = stored(page)["cards"]
    assert len(saved) == 2 and saved[first]["reps"] == 1
    page.keyboard.press("Escape")
    assert page.locator(".qbank-study").count() == 0
    assert page.locator('[data-qbank-mark="learning"]').count() >= 2


def test_a_graded_card_is_due_later_and_the_review_page_lists_it_then(page, bank: Bank, site: Path) -> None:
    page.clock.install(time=NOW)
    page.goto(page.base + article(bank))
    open_study(page)
    card = page.get_attribute(".qbank-study [data-card]", "data-card")
    page.keyboard.press("Space")
    page.keyboard.press("4")  # easy: days away
    due = datetime.fromisoformat(stored(page)["cards"][card]["due"].replace("Z", "+00:00"))
    assert due > NOW + timedelta(days=1)
    page.keyboard.press("Escape")
    page.goto(page.base + "review/")
    page.wait_for_selector(".qbank-review[data-ready]", state="attached")
    assert page.get_attribute(".qbank-review", "data-due") == "0"
    assert page.locator(".qbank-review__nothing").is_visible()
    assert page.inner_text('[data-figure="streak"]').startswith("1")
    # The clock moves past the due date: the card is due, listed with a link to its guide entry.
    page.clock.set_system_time(due + timedelta(hours=1))
    page.reload()
    page.wait_for_selector(".qbank-review[data-ready]", state="attached")
    assert page.get_attribute(".qbank-review", "data-due") == "1"
    cards = json.loads((site / "cards.json").read_text(encoding="utf-8"))["cards"]
    mine = next(entry for entry in cards if entry["id"] == card)
    link = page.locator(".qbank-review__due a")
    assert link.count() == 1 and link.inner_text() == f"{mine['number']}. {mine['title']}"
    assert link.get_attribute("href").endswith("/" + mine["url"])
    rows = page.eval_on_selector_all(".qbank-review__topics tbody tr", "rows => rows.map(r => r.dataset.topic)")
    assert set(mine["topics"]) <= set(rows)
    # "Study the due cards" opens the guide in study mode on that card only.
    page.locator(".qbank-review__study").click()
    page.wait_for_selector(".qbank-study [data-card]")
    assert page.get_attribute(".qbank-study [data-card]", "data-card") == card
    assert progress(page)["due"] == 1


def test_progress_exports_and_imports_between_browsers(page, browser, base_url: str, bank: Bank,
                                                       tmp_path: Path) -> None:
    page.clock.install(time=NOW)
    page.goto(page.base + article(bank))
    open_study(page)
    for grade in ("3", "1"):
        page.keyboard.press("Space")
        page.keyboard.press(grade)
    page.keyboard.press("Escape")
    page.goto(page.base + "review/")
    page.wait_for_selector(".qbank-review[data-ready]", state="attached")
    with page.expect_download() as download:
        page.get_by_role("button", name="导出进度（JSON）").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text()) == stored(page)
    # Another device (a fresh browser context): import, and the same progress is there.
    other = browser.new_context()
    laptop = other.new_page()
    laptop.clock.install(time=NOW)
    laptop.goto(base_url + "en/review/")
    laptop.wait_for_selector(".qbank-review[data-ready]", state="attached")
    laptop.set_input_files('[data-action="import"]', str(exported))
    laptop.wait_for_function("() => document.querySelector('.qbank-review__status').textContent.includes('2')")
    assert stored(laptop) == stored(page)
    # A file that isn't progress is refused, and what was there is kept.
    broken = tmp_path / "broken.json"
    broken.write_text('{"cards": 3}')
    laptop.set_input_files('[data-action="import"]', str(broken))
    laptop.wait_for_function("() => document.querySelector('.qbank-review__status').textContent.includes('Could not')")
    assert stored(laptop) == stored(page)
    other.close()


def test_earlier_marks_migrate_to_scheduled_cards(page, bank: Bank) -> None:
    page.clock.install(time=NOW)
    page.goto(page.base + article(bank))
    # The first two distinct questions of the page (two askings of one question on a page are one card).
    ids = page.eval_on_selector_all(".qbank-links[data-cluster]",
                                    "els => [...new Set(els.map(e => e.dataset.cluster))].slice(0, 2)")
    if len(ids) < 2:
        pytest.skip(f"the {bank.name} bank's largest article asks one distinct question")
    when = int((NOW - timedelta(days=3)).timestamp() * 1000)
    page.evaluate("([ids, t]) => localStorage.setItem('qbank-study-v1', JSON.stringify("
                  "{[ids[0]]: {state: 'known', t}, [ids[1]]: {state: 'learning', t}}))", [ids, when])
    page.reload()
    # The scheduler loads only for the move (the page marks cards without it): once it has run, the marks
    # are FSRS progress.
    page.wait_for_function("() => localStorage.getItem('qbank-fsrs-v1') !== null")
    saved = stored(page)
    assert set(saved["cards"]) == set(ids)
    assert saved["cards"][ids[0]]["reps"] == saved["cards"][ids[1]]["reps"] == 1
    assert saved["days"] == ["2026-11-28"]
    assert page.evaluate("localStorage.getItem('qbank-study-v1')") is None
    # "Not yet" three days ago is due now; "knew it" three days ago is not yet.
    # (Every asking of a question on the page carries its mark.)
    marked = f'.qbank-q:has(.qbank-links[data-cluster="{ids[1]}"]) > .qbank-question'
    page.wait_for_selector(f"{marked}[data-qbank-mark]", state="attached")
    marks = page.eval_on_selector_all(marked, "els => els.map(e => e.dataset.qbankMark)")
    assert marks and set(marks) == {"due"}, marks


def test_reset_clears_progress(page, bank: Bank) -> None:
    page.goto(page.base + article(bank))
    open_study(page)
    page.get_by_role("button", name="显示答案").click()
    page.locator('.qbank-study__actions [data-grade="good"]').click()
    page.keyboard.press("Escape")
    page.reload()
    assert page.locator("[data-qbank-mark]").count() >= 1
    open_study(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="重置进度").click()
    assert progress(page)["new"] == progress(page)["total"]
    page.keyboard.press("Escape")
    assert page.locator("[data-qbank-mark]").count() == 0


def test_marks_follow_a_question_to_other_pages(page, bank: Bank, site: Path) -> None:
    page.goto(page.base + article(bank))
    open_study(page)
    cards = article_cards(bank)
    for _ in range(cards):
        page.keyboard.press("Space")
        page.keyboard.press("4")
    assert progress(page)["new"] == 0
    assert page.locator(".qbank-study__done").is_visible()
    # The topic page (every page of it) marks each of the article's questions it holds as known.
    topic = main_topic(bank, bank.article)
    known = 0
    for path in view_pages(site, f"topics/{topic}/"):
        page.goto(page.base + path)
        known += page.locator('.qbank-entry[data-qbank-mark="known"]').count()
    assert known == article_cards(bank, topic) >= 1


def test_topic_filter_on_the_guide_in_english(page, bank: Bank) -> None:
    topic = narrow_topic(bank)
    page.goto(page.base + "en/guide/")
    open_study(page, "Study mode")
    assert progress(page)["total"] == bank.distinct()
    page.select_option(".qbank-study__topic", topic)
    assert progress(page)["total"] == bank.distinct(topic)
    card = page.get_attribute(".qbank-study [data-card]", "data-card")
    assert any(topic in q["topics"] for q in bank.questions if q["cluster"] == card)
    page.select_option(".qbank-study__topic", "")
    assert progress(page)["total"] == bank.distinct()
