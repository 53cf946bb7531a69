"""Deck exports: a valid Anki package with one note per distinct question and stable ids; CSV rows."""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from pathlib import Path

from conftest import ROOT, bank_total
from qbank.bank.load import load_bank, question_id
from qbank.cli import main
from qbank.graph.build import load_graph


def notes(package: Path, tmp_path: Path) -> list[tuple[str, str, str]]:
    """(guid, tags, fields) of every note in an .apkg."""
    with zipfile.ZipFile(package) as archive:
        assert archive.testzip() is None
        archive.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as database:
        return database.execute("select guid, tags, flds from notes order by guid").fetchall()


def test_anki_package_has_one_note_per_distinct_question_with_stable_ids(tmp_path: Path, capsys) -> None:
    docs = str(ROOT / "docs")
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    assert main(["export", "--docs", docs, "--format", "anki", "-o", str(first)]) == 0
    assert main(["export", "--docs", docs, "--format", "anki", "-o", str(second)]) == 0
    one = notes(first, tmp_path / "one")
    two = notes(second, tmp_path / "two")
    graph = load_graph(ROOT / "docs")
    assert len(one) == len(graph.clusters())
    assert [guid for guid, _, _ in one] == [guid for guid, _, _ in two]
    # Topics become tags; the note knows its question id; code stays preformatted.
    cluster = graph.nodes["technology-advantage-i08"].cluster
    imbalance = next(row for row in one if row[2].endswith(cluster))
    assert "imbalance" in imbalance[1].split()
    assert any("<pre><code" in fields for _, _, fields in one)


def test_english_deck_is_in_english(tmp_path: Path) -> None:
    target = tmp_path / "en.apkg"
    assert main(["export", "--docs", str(ROOT / "docs"), "--format", "anki", "--lang", "en", "-o", str(target)]) == 0
    fields = " ".join(row[2] for row in notes(target, tmp_path))
    assert "overfitting" in fields.lower()


def test_csv_has_one_row_per_question(capsys) -> None:
    # An untranslated question is exported in Chinese, and says so.
    translated = {
        question_id(article.slug, question.anchor)
        for article in load_bank(ROOT / "docs") if "en" in article.editions
        for question in article.editions["en"].questions
    }
    for lang in ("zh", "en"):
        assert main(["export", "--docs", str(ROOT / "docs"), "--format", "csv", "--lang", lang]) == 0
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        assert len(rows) == bank_total()
        assert set(rows[0]) == {"id", "language", "topics", "question", "answer"}
        assert all(row["answer"].strip() and row["topics"] for row in rows)
        for row in rows:
            assert row["language"] == (lang if lang == "zh" or row["id"] in translated else "zh"), row["id"]
    assert len({row["id"] for row in rows}) == bank_total()


def test_anki_needs_an_output_file(capsys) -> None:
    assert main(["export", "--docs", str(ROOT / "docs"), "--format", "anki"]) == 1
    assert "give a file" in capsys.readouterr().err
