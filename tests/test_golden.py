"""Golden-file tests: each marker-style fixture and each real source → its expected page."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, SOURCES
from qbank.bank.page import render_page
from qbank.source.parse import parse_source

FIXTURES = sorted((ROOT / "tests/fixtures/parse").glob("*.txt"))


def rendered(path: Path) -> str:
    """The canonical page and ingest report for one source, as golden text."""
    label = path.relative_to(ROOT).as_posix()
    result = parse_source(path.read_bytes(), label)
    report = "".join(f"<!-- report: {entry} -->\n" for entry in result.report)
    return render_page(result.article) + report


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.stem)
def test_marker_style_fixture(fixture: Path, golden) -> None:
    golden(rendered(fixture), ROOT / "tests/golden/parse" / f"{fixture.stem}.md")


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_real_source(source: Path, golden, request: pytest.FixtureRequest) -> None:
    expected = ROOT / "tests/golden/sources" / f"{source.stem}.md"
    if not expected.exists() and not request.config.getoption("--update"):
        # A newly added article is reported, not failed: `--update` records its page for review.
        pytest.skip(f"{source.name} has no golden file yet; run `pytest tests/test_golden.py --update` and review it")
    golden(rendered(source), expected)
