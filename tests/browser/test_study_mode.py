"""Study mode in a real browser: one card at a time, grading, persistence, reset, topic filter."""

from __future__ import annotations

ARTICLE = "articles/technology-advantage/"


def open_study(page, label: str = "学习模式") -> None:
    """Open study mode from the page toolbar."""
    page.get_by_role("button", name=label).click()
    page.wait_for_selector(".qbank-study [data-card]")


def progress(page) -> dict[str, int]:
    """Known, learning and total counts shown in the study panel."""
    return {key: int(page.get_attribute(".qbank-study__progress", f"data-{key}")) for key in ("known", "learning", "total")}


def test_one_card_at_a_time_reveal_and_grade_by_keyboard(page) -> None:
    page.goto(page.base + ARTICLE)
    open_study(page)
    # 20 questions, two of them one duplicate cluster (数据不平衡 / 类别不平衡): 19 cards.
    assert progress(page) == {"known": 0, "learning": 0, "total": 19}
    assert page.locator(".qbank-study__answer").count() == 0
    first = page.get_attribute(".qbank-study [data-card]", "data-card")
    page.keyboard.press("Space")
    assert page.locator(".qbank-study__answer").is_visible()
    page.keyboard.press("1")
    assert progress(page)["known"] == 1
    assert page.get_attribute(".qbank-study [data-card]", "data-card") != first
    page.keyboard.press("Space")
    page.keyboard.press("2")
    assert progress(page) == {"known": 1, "learning": 1, "total": 19}
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


def test_marks_follow_a_question_to_other_pages(page) -> None:
    page.goto(page.base + ARTICLE)
    open_study(page)
    for _ in range(19):
        page.keyboard.press("Space")
        page.keyboard.press("1")
    assert progress(page)["known"] == 19
    assert page.locator(".qbank-study__done").is_visible()
    page.goto(page.base + "topics/imbalance/")
    assert page.locator('.qbank-entry[data-qbank-mark="known"]').count() == 1


def test_topic_filter_on_the_guide_in_english(page) -> None:
    page.goto(page.base + "en/guide/")
    open_study(page, "Study mode")
    assert progress(page)["total"] == 63
    page.select_option(".qbank-study__topic", "imbalance")
    assert progress(page)["total"] == 1
    assert "imbalance" in page.text_content(".qbank-study [data-card]").lower()
    page.select_option(".qbank-study__topic", "")
    assert progress(page)["total"] == 63
