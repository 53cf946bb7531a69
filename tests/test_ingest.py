"""Ingest as editors use it: counts, idempotence, stable slugs, hand-edit protection, report."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import EXPECTED_COUNTS, QUESTION_SOURCES, ROOT, SOURCES, bank_total
from qbank.bank.load import load_bank
from qbank.cli import main


def ingest_copy(tmp_path: Path, *extra: str) -> Path:
    """Ingest the real sources into a scratch docs folder and return it."""
    docs = tmp_path / "docs"
    assert main(["ingest", *map(str, SOURCES), "--docs", str(docs), *extra]) == 0
    return docs


def test_counts_per_source(tmp_path: Path, in_root: Path) -> None:
    bank = load_bank(ingest_copy(tmp_path))
    counts = {Path(article.zh.source).name: len(article.zh.questions) for article in bank}
    assert {name: counts.get(name, 0) for name in EXPECTED_COUNTS} == EXPECTED_COUNTS
    assert sum(counts.values()) == bank_total()


def test_ingesting_twice_is_byte_identical(tmp_path: Path, in_root: Path, capsys) -> None:
    docs = ingest_copy(tmp_path)
    first = {path.name: path.read_bytes() for path in (docs / "articles").iterdir()}
    capsys.readouterr()
    ingest_copy(tmp_path)
    assert {path.name: path.read_bytes() for path in (docs / "articles").iterdir()} == first
    assert capsys.readouterr().out.count("unchanged") == len(QUESTION_SOURCES)


def test_hand_edited_page_is_never_overwritten_without_force(tmp_path: Path, in_root: Path, capsys) -> None:
    docs = ingest_copy(tmp_path)
    page = docs / "articles/technology-advantage.md"
    edited = page.read_text().replace("如何评估大模型的性能？", "如何评估大模型的性能？（编辑修订）")
    page.write_text(edited)
    assert main(["ingest", *map(str, SOURCES), "--docs", str(docs)]) == 1
    err = capsys.readouterr().err
    assert f"{page}:1: page was edited by hand" in err and "--force" in err
    assert page.read_text() == edited
    ingest_copy(tmp_path, "--force")
    assert "编辑修订" not in page.read_text()


def test_slug_survives_a_title_change(tmp_path: Path, in_root: Path) -> None:
    docs = ingest_copy(tmp_path)
    source = tmp_path / "sources/000_b05d2d534fbead76.txt"
    source.parent.mkdir()
    shutil.copy(SOURCES[0], source)
    retitled = source.read_text().replace("如何利用科技优势", "如何利用品牌优势")
    source.write_text(retitled)
    # Recorded source paths are relative to the working directory.
    (docs / "articles/technology-advantage.md").unlink()
    assert main(["ingest", str(source), "--docs", str(docs)]) == 0
    assert (docs / "articles/brand-advantage.md").exists()
    source.write_text(retitled.replace("品牌", "渠道"))
    pages = sorted(path.name for path in (docs / "articles").iterdir())
    assert main(["ingest", str(source), "--docs", str(docs)]) == 0
    assert sorted(path.name for path in (docs / "articles").iterdir()) == pages
    assert "渠道" in (docs / "articles/brand-advantage.md").read_text()


def test_report_lists_debris_and_merges(tmp_path: Path, in_root: Path, capsys) -> None:
    ingest_copy(tmp_path)
    out = capsys.readouterr().out
    assert "sources/001_abd9b37aa37f1085.txt:333: debris: removed '<|user|>'" in out
    assert out.count("sources/001_abd9b37aa37f1085.txt") and len(re.findall(
        r"^  sources/001_abd9b37aa37f1085\.txt:\d+: merged: re-explanation", out, re.M)) == 8
    assert "sources/004_c8830975bead65f4.txt:3: meta:" in out
    assert f"ingested {len(QUESTION_SOURCES)} article(s), {bank_total()} questions" in out


def test_default_sources_are_the_sources_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    assert main(["ingest"]) == 0
    assert len(list((tmp_path / "docs/articles").glob("*.md"))) == len(QUESTION_SOURCES)
    # A fresh bank has no English yet: a normal state, reported; --require-english makes it fail.
    assert main(["check"]) == 0
    assert main(["check", "--require-english"]) == 1
    assert f"{len(QUESTION_SOURCES)} articles, {bank_total()} questions" in capsys.readouterr().out
