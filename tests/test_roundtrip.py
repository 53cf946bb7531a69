"""Pages → model equals the ingest model, for real sources, fixtures and the shipped pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS_ARTICLES, ESSAYS, QUESTION_SOURCES, ROOT, SOURCES
from qbank.bank.ingest import plan
from qbank.bank.load import load_bank
from qbank.bank.page import read_page, render_page
from qbank.errors import QbankError
from qbank.source.parse import parse_source

ALL_INPUTS = QUESTION_SOURCES + CORPUS_ARTICLES + sorted((ROOT / "tests/fixtures/parse").glob("*.txt"))


@pytest.mark.parametrize("source", ALL_INPUTS, ids=lambda path: path.stem)
def test_page_reads_back_to_the_parsed_model(source: Path) -> None:
    article = parse_source(source.read_bytes(), source.name).article
    article.slug = "sample"
    page = render_page(article)
    assert read_page(page, "docs/articles/sample.md") == article
    # Rendering what was read gives the same bytes: the format is a fixed point.
    assert render_page(read_page(page, "docs/articles/sample.md")) == page


def test_shipped_pages_are_what_ingest_writes(in_root: Path) -> None:
    outcome = plan(SOURCES, in_root / "docs")
    assert not outcome.errors
    assert [page.action for page in outcome.pages] == ["unchanged"] * len(QUESTION_SOURCES)
    assert sorted(Path(essay.path).name for essay in outcome.essays) == sorted(path.name for path in ESSAYS)


def test_shipped_pages_load_with_every_question_answered(in_root: Path) -> None:
    bank = load_bank(in_root / "docs")
    questions = [q for article in bank for q in article.zh.questions]
    assert len(questions) == sum(len(parse_source(s.read_bytes(), s.name).article.questions) for s in QUESTION_SOURCES)
    assert all(q.answer_markdown().strip() for q in questions)
    anchors = [(article.slug, q.anchor) for article in bank for q in article.zh.questions]
    assert len(set(anchors)) == len(anchors)


def test_a_hand_edited_heading_qbank_cannot_read_is_an_error_not_lost() -> None:
    page = (ROOT / "docs/articles/technology-advantage.md").read_text(encoding="utf-8")
    lines = page.split("\n")
    number = next(index for index, line in enumerate(lines) if "{ #i02 .qbank-question " in line)
    # The attributes in another order: read as prose, the question would silently leave the bank.
    lines[number] = lines[number].replace("{ #i02 .qbank-question ", "{ .qbank-question #i02 ")
    with pytest.raises(QbankError, match="question heading qbank cannot read") as raised:
        read_page("\n".join(lines), "docs/articles/technology-advantage.md")
    assert raised.value.line == number + 1
