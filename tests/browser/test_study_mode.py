"""Study mode in a real browser: one card at a time, grading, persistence, reset, topic filter."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import distinct_questions

ARTICLE = "articles/technology-advantage/"


def open_study(page, label: str = "学习模式") -> None:
    """Open study mode from the page toolbar."""
    page.get_by_role("button", name=label).click()
    page.wait_for_selector(".qbank-study [data-card]")


def progress(page) -> dict[str, int]:
    """Known, learning and total counts shown in the study panel."""
    return {key: int(page.get_attribute(".qbank-study__progress", f"data-{key}")) for key in ("known", "learning", "total")}


def article_cards(site: Path, topic: str = "", slug: str = "technology-advantage") -> int:
    """Study cards of one article: one per distinct question (数据不平衡 / 类别不平衡 are one card)."""
    questions = json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]
    return len({q["cluster"] for q in questions if q["article"] == slug and (not topic or topic in q["topics"])})


def test_one_card_at_a_time_reveal_and_grade_by_keyboard(page, site: Path) -> None:
    page.goto(page.base + ARTICLE)
    open_study(page)
    assert progress(page) == {"known": 0, "learning": 0, "total": article_cards(site)}
    assert page.locator(".qbank-study__answer").count() == 0
    first = page.get_attribute(".qbank-study [data-card]", "data-card")
    page.keyboard.press("Space")
    assert page.locator(".qbank-study__answer").is_visible()
    page.keyboard.press("1")
    assert progress(page)["known"] == 1
    assert page.get_attribute(".qbank-study [data-card]", "data-card") != first
    page.keyboard.press("Space")
    page.keyboard.press("2")
    assert progress(page) == {"known": 1, "learning": 1, "total": article_cards(site)}
    page.keyboard.press("3")  # skip without grading
    assert progress(page)["known"] + progress(page)["learning"] == 2
    page.keyboard.press("Escape")
    assert page.locator(".qbank-study").count() == 0
    assert page.locator('[data-qbank-mark="known"]').count() >= 1
    assert page.locator('[data-qbank-mark="learning"]').count() >= 1


def test_progress_survives_a_reload_and_reset_clears_it(page) -> None:
    page.goto(page.base + ARTICLE)
    open_study(page)
    page.get_by_role("button", name="显示答案").click()
    page.get_by_role("button", name="会了").click()
    page.keyboard.press("Escape")
    page.reload()
    assert page.locator('[data-qbank-mark="known"]').count() >= 1
    open_study(page)
    assert progress(page)["known"] == 1
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="重置进度").click()
    assert progress(page)["known"] == 0
    page.keyboard.press("Escape")
    assert page.locator("[data-qbank-mark]").count() == 0


def test_marks_follow_a_question_to_other_pages(page, site: Path) -> None:
    page.goto(page.base + ARTICLE)
    open_study(page)
    cards = article_cards(site)
    for _ in range(cards):
        page.keyboard.press("Space")
        page.keyboard.press("1")
    assert progress(page)["known"] == cards
    assert page.locator(".qbank-study__done").is_visible()
    page.goto(page.base + "topics/imbalance/")
    assert page.locator('.qbank-entry[data-qbank-mark="known"]').count() == article_cards(site, "imbalance") >= 1


def test_topic_filter_on_the_guide_in_english(page, site: Path) -> None:
    page.goto(page.base + "en/guide/")
    open_study(page, "Study mode")
    assert progress(page)["total"] == distinct_questions(site)
    page.select_option(".qbank-study__topic", "imbalance")
    assert progress(page)["total"] == distinct_questions(site, "imbalance")
    questions = json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]
    card = page.get_attribute(".qbank-study [data-card]", "data-card")
    assert any("imbalance" in q["topics"] for q in questions if q["cluster"] == card)
    page.select_option(".qbank-study__topic", "")
    assert progress(page)["total"] == distinct_questions(site)
