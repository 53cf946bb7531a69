"""A hostile study-progress file imported on the review page (tests/hostile/progress.yml): refused with its
reason in the page's language and the stored progress kept, or accepted and inert. Nothing in a file runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from banks import ROOT

CASES = yaml.safe_load((ROOT / "tests/hostile/progress.yml").read_text(encoding="utf-8"))
STORE = "qbank-fsrs-v1"
# One card as ts-fsrs makes it after a first "Good".
CARD = {"due": "2026-03-02T09:10:00.000Z", "stability": 2.3065, "difficulty": 2.11810397, "elapsed_days": 0,
        "scheduled_days": 0, "learning_steps": 1, "reps": 1, "lapses": 0, "state": 1,
        "last_review": "2026-03-02T09:00:00.000Z"}
KEPT = {"version": 1, "cards": {"kept-i01": CARD}, "days": ["2026-03-02"]}
# Nested deeper than any parser's recursion, and bigger than the page reads: made here, not stored.
GENERATED = {"nested_a_million_deep": ("[" * 1_000_000 + "]" * 1_000_000, None),
             "larger_than_32_mb": ('{"version": 1, "cards": {}, "days": [], "pad": "' + "x" * (33 << 20) + '"}',
                                   "too_large")}


def review(page, prefix: str) -> dict:
    """Open the review page with KEPT as this browser's progress; return the page's strings."""
    page.goto(page.base + prefix + "review/")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORE, json.dumps(KEPT)])
    page.reload()
    page.wait_for_selector(".qbank-review[data-ready]", state="attached")
    return json.loads(page.get_attribute(".qbank-review", "data-strings"))


def upload(page, tmp_path: Path, name: str, text: str) -> str:
    """Import `text` as a progress file; return the status line the page shows for it."""
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    page.evaluate("document.querySelector('.qbank-review__status').textContent = ''")
    page.set_input_files('[data-action="import"]', str(path))
    page.wait_for_function("() => document.querySelector('.qbank-review__status').textContent !== ''")
    return page.inner_text(".qbank-review__status")


def watch(page) -> list[str]:
    """Dialogs (an alert that ran) and script errors of the page, as they happen."""
    happened: list[str] = []
    page.on("dialog", lambda dialog: (happened.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: happened.append(f"error: {error}"))
    return happened


@pytest.mark.banks("shipped")
@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("name", list(CASES) + list(GENERATED))
def test_a_hostile_progress_file_is_refused_or_inert(page, tmp_path: Path, name: str, prefix: str) -> None:
    happened = watch(page)
    strings = review(page, prefix)
    if name in GENERATED:
        text, reason = GENERATED[name]
        case = {"reason": reason}
    else:
        case = CASES[name]
        text = case["file"].replace("CARD", json.dumps(CARD))
    status = upload(page, tmp_path, name, text)
    stored = json.loads(page.evaluate(f"localStorage.getItem('{STORE}')"))
    if "accepted" in case:
        assert status == strings["imported"].replace("{cards}", str(case["accepted"]))
        assert stored == json.loads(text)
    else:
        # A parser may refuse extreme nesting, or parse it and find no progress: either is a clear refusal.
        reasons = [case["reason"]] if case["reason"] else ["not_json", "unreadable", "not_progress"]
        expected = [strings["import_failed"].replace("{reason}", strings[reason].replace("{id}", case.get("id", "")))
                    for reason in reasons]
        assert status in expected, (status, expected)
        assert stored == KEPT  # a refused file changes nothing
    # Whatever the file held stayed text: no element came from it, nothing ran, the page still works.
    assert page.locator(".qbank-review__status *").count() == 0
    assert page.locator(".qbank-review[data-ready]").count() == 1
    assert happened == []
