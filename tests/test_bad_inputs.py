"""Bad input: a clear `file:line: message`, exit 1, and nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from qbank.cli import main

GOOD = (ROOT / "tests/fixtures/parse/bold_line_questions.txt").read_bytes()

CASES = {
    "empty": (b"", 1, "the file is empty"),
    "blank": (b"  \n\n \n", 1, "the file is empty"),
    "gbk": ("### AI 大模型创业：测试\n\n**1. 面试题：** 什么？\n".encode("gbk"), 1, "not valid UTF-8"),
    "gbk_later_line": (b"### title\n\nplain\n" + "中文".encode("gbk"), 4, "not valid UTF-8"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", 3, "binary data"),
    "no_answer": ("### AI 大模型创业：测试\n\n**1. 面试题：** 什么是过拟合？\n\n**2. 面试题：** 什么是欠拟合？\n\n- **答案：** 欠拟合。\n".encode(),
                  3, "has no answer"),
    "repeated_number": (
        "### AI 大模型创业：测试\n\n#### 1. 甲？\n\n**题目：** 甲\n\n**答案：** 甲。\n\n#### 1. 乙？\n\n**题目：** 乙\n\n**答案：** 乙。\n".encode(),
        9, "repeats in the same section (first on line 3)"),
    "untitled_question": ("### AI 大模型创业：测试\n\n##### 面试题 4\n\n**答案：** 有答案却没有题目。\n".encode(), 3, "has no title"),
    "fence_opened_inside_fence": (
        "### AI 大模型创业：测试\n\n**1. 写代码？**\n\n**答案：**\n\n```python\nprint(1)\n\n**2. 再写？**\n\n**答案：**\n\n```python\nprint(2)\n```\n".encode(),
        14, "opens inside the code block opened on line 7"),
    "marker_inside_code": (
        "### AI 大模型创业：测试\n\n**面试题 1：** 写代码？\n\n**答案：**\n\n```python\nprint(1)\n\n**面试题 2：** 再写？\n\n**答案：** 好。\n```\n".encode(),
        10, "marker is inside a code block"),
    "unclosed_fence": ("### AI 大模型创业：测试\n\n**1. 写代码？**\n\n**答案：**\n\n```python\nprint(1)\n".encode(), 7, "never closed"),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_source_fails_clearly_and_writes_nothing(name: str, tmp_path: Path, capsys) -> None:
    data, line, message = CASES[name]
    good = tmp_path / "good.txt"
    good.write_bytes(GOOD)
    bad = tmp_path / f"{name}.txt"
    bad.write_bytes(data)
    docs = tmp_path / "docs"
    assert main(["ingest", str(good), str(bad), "--docs", str(docs)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:{line}: " in err and message in err, err
    assert "hint:" in err and "Traceback" not in err
    # One bad source stops the whole run before anything is written, the good page included.
    assert not (docs / "articles").exists()


ESSAY = "### AI 大模型创业：测试\n\n只有正文，没有题目。\n\n1. 列表一\n2. 列表二\n".encode()


def test_essay_is_skipped_with_a_notice_and_the_rest_written(tmp_path: Path, capsys) -> None:
    (tmp_path / "good.txt").write_bytes(GOOD)
    (tmp_path / "essay.txt").write_bytes(ESSAY)
    docs = tmp_path / "docs"
    assert main(["ingest", str(tmp_path / "good.txt"), str(tmp_path / "essay.txt"), "--docs", str(docs)]) == 0
    out = capsys.readouterr().out
    assert f"skipped   {tmp_path / 'essay.txt'}: no questions found" in out
    assert [path.name for path in (docs / "articles").iterdir()] == ["market-advantage.md"]


def test_a_lone_essay_is_an_error_because_nothing_was_ingested(tmp_path: Path, capsys) -> None:
    (tmp_path / "essay.txt").write_bytes(ESSAY)
    assert main(["ingest", str(tmp_path / "essay.txt"), "--docs", str(tmp_path / "docs")]) == 1
    assert "nothing could be ingested" in capsys.readouterr().err
    assert not (tmp_path / "docs").exists()


def test_every_problem_of_every_source_is_reported_at_once(tmp_path: Path, capsys) -> None:
    sources = []
    for name in ("no_answer", "unclosed_fence", "binary"):
        (tmp_path / f"{name}.txt").write_bytes(CASES[name][0])
        sources.append(str(tmp_path / f"{name}.txt"))
    (tmp_path / "good.txt").write_bytes(GOOD)
    assert main(["ingest", *sources, str(tmp_path / "good.txt"), "--docs", str(tmp_path / "docs")]) == 1
    err = capsys.readouterr().err
    for name in ("no_answer", "unclosed_fence", "binary"):
        assert f"{tmp_path / name}.txt:{CASES[name][1]}: " in err
    assert "3 error(s)" in err and "--skip-invalid" in err
    assert not (tmp_path / "docs").exists()


def test_skip_invalid_writes_the_valid_sources_and_lists_the_rest(tmp_path: Path, capsys) -> None:
    (tmp_path / "bad.txt").write_bytes(CASES["no_answer"][0])
    (tmp_path / "good.txt").write_bytes(GOOD)
    docs = tmp_path / "docs"
    code = main(["ingest", str(tmp_path / "bad.txt"), str(tmp_path / "good.txt"), "--docs", str(docs), "--skip-invalid"])
    assert code == 0
    assert f"skipped   {tmp_path / 'bad.txt'}:3: question 1" in capsys.readouterr().err
    assert (docs / "articles/market-advantage.md").is_file()


def test_script_urls_are_reported_at_ingest(tmp_path: Path, capsys) -> None:
    source = tmp_path / "links.txt"
    source.write_bytes(GOOD + "\n[点我](javascript:alert(1)) ![图](data:text/html;base64,PHNjcmlwdD4=)\n".encode())
    assert main(["ingest", str(source), "--docs", str(tmp_path / "docs")]) == 0
    out = capsys.readouterr().out
    assert out.count("unsafe: link to") == 2


def test_bom_and_crlf_give_the_same_page(tmp_path: Path) -> None:
    plain, windows = tmp_path / "plain", tmp_path / "windows"
    for folder, data in ((plain, GOOD), (windows, b"\xef\xbb\xbf" + GOOD.replace(b"\n", b"\r\n"))):
        folder.mkdir()
        (folder / "a.txt").write_bytes(data)
        assert main(["ingest", str(folder / "a.txt"), "--docs", str(folder / "docs")]) == 0
    body = [(folder / "docs/articles/market-advantage.md").read_text().split("---\n", 2)[2] for folder in (plain, windows)]
    assert body[0] == body[1]


def test_missing_source_is_reported(tmp_path: Path, capsys) -> None:
    assert main(["ingest", str(tmp_path / "nope.txt"), "--docs", str(tmp_path / "docs")]) == 1
    assert "nope.txt: cannot read the source" in capsys.readouterr().err


def test_raw_html_is_escaped_in_the_page(tmp_path: Path) -> None:
    source = ROOT / "tests/fixtures/parse/code_hash_lines_and_html.txt"
    assert main(["ingest", str(source), "--docs", str(tmp_path)]) == 0
    page = next((tmp_path / "articles").glob("*.md")).read_text()
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script>alert(1)&lt;/script>" in page
    assert 'return "<script>"' in page  # code is code, never escaped


def test_a_question_whose_title_reads_like_an_answer_is_flagged(tmp_path: Path, capsys) -> None:
    source = tmp_path / "answer_title.md"
    source.write_text(
        "# AI 大模型创业：如何利用数据优势？\n\n"
        "### 1. 如何清洗数据？\n\n**答案：** 去重、纠错。\n\n"
        "### 2. 如何标注数据？\n\n**答案：** 众包与主动学习。\n\n"
        "### 3. 数据清洗需要去除重复样本、修正错误标签并统一格式，这样模型才能学到可靠的规律\n\n"
        "**答案：** 见上文。\n",
        encoding="utf-8",
    )
    assert main(["ingest", str(source), "--docs", str(tmp_path / "docs")]) == 0
    out = capsys.readouterr().out
    flagged = re.findall(r"answer_title\.md:(\d+): check: question (\w+) title reads like an answer", out)
    assert flagged == [("11", "i03")]
