"""English edition: parity and freshness checks, stray Chinese, and what readers see when English is missing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, bank_total
from qbank.bank.load import load_bank
from qbank.cli import main
from qbank.site.untranslated import english_view


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch copy of the repository's docs and sources, as the working directory."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "docs"


def check(capsys) -> tuple[int, str, str]:
    """Run `qbank check` and capture its output."""
    status = main(["check"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_translated_articles_are_complete_and_coverage_is_reported(docs: Path, capsys) -> None:
    status, out, err = check(capsys)
    assert status == 0, err
    bank = load_bank(docs)
    translated = [article for article in bank if "en" in article.editions]
    assert translated
    english = sum(len(article.zh.questions) for article in translated)
    total = bank_total()
    assert f"English coverage {100 * english / total:.0f}% ({english}/{total})" in out
    for article in translated:
        assert re.search(rf"^{article.slug}: \d+ questions .*English 100%", out, re.M), article.slug
    # Chinese-only articles are named, and do not fail the check.
    chinese_only = sorted(article.slug for article in bank if "en" not in article.editions)
    if chinese_only:
        listed = re.search(r"^Chinese only \(.*?\): (.*?); to translate", out, re.M)
        assert listed and sorted(listed[1].split(", ")) == chinese_only


def test_changing_a_chinese_answer_fails_until_the_translation_is_updated(docs: Path, capsys) -> None:
    page = docs / "articles/technology-advantage.md"
    page.write_text(page.read_text().replace("可以采用正则化、Dropout、交叉验证等方法来防止过拟合。",
                                             "可以采用正则化、Dropout、早停等方法来防止过拟合。"))
    status, out, err = check(capsys)
    assert status == 1
    assert re.search(r"technology-advantage\.en\.md:\d+: question i02 translates an older Chinese text", err)
    assert "English 95% (19/20)" in out
    english = docs / "articles/technology-advantage.en.md"
    english.write_text(english.read_text().replace("regularization, dropout, and cross-validation",
                                                   "regularization, dropout, and early stopping"))
    assert main(["stamp", "technology-advantage"]) == 0
    capsys.readouterr()
    assert check(capsys)[0] == 0


def test_missing_extra_and_reordered_questions_are_named(docs: Path, capsys) -> None:
    english = docs / "articles/innovation-advantage.en.md"
    text = english.read_text()
    start = text.index("#### 4. ")
    end = text.index("### ", start + 5)
    english.write_text(text[:start] + text[end:] + text[start:end].replace("#i04", "#i09"))
    status, _, err = check(capsys)
    assert status == 1
    assert "question i04 ('什么是梯度消失和梯度爆炸？如何避免这些问题？') is not translated" in err
    assert re.search(r"innovation-advantage\.en\.md:\d+: question i09 is not in the Chinese page", err)


def test_code_block_mismatch_is_named(docs: Path, capsys) -> None:
    english = docs / "articles/innovation-advantage.en.md"
    english.write_text(english.read_text().replace(
        "print('\\nTest accuracy:', test_acc)", "print('\\nTest accuracy:', test_acc)\n        print('extra')"))
    status, _, err = check(capsys)
    assert status == 1
    assert re.search(r"question c01 has code blocks of \[\d+\] lines, the Chinese has \[\d+\]", err)


def test_english_pages_hold_no_stray_chinese(docs: Path, capsys) -> None:
    english = docs / "articles/capital-advantage.en.md"
    lines = english.read_text().split("\n")
    lines[7] += " 资本优势"
    english.write_text("\n".join(lines))
    status, _, err = check(capsys)
    assert status == 1
    assert "capital-advantage.en.md:8: untranslated Chinese" in err


def test_code_data_literals_may_stay_chinese() -> None:
    english = (ROOT / "docs/articles/opportunities-and-challenges.en.md").read_text()
    assert '"张三在北京买了一套房。",' in english  # input data of the NER example
    assert "# Sample text data" in english and "# 示例文本数据" not in english


def test_missing_question_shows_the_chinese_with_a_notice(docs: Path) -> None:
    page = docs / "articles/innovation-advantage.en.md"
    text = page.read_text()
    page.write_text(text[:text.index("#### 2. ")] + text[text.index("#### 3. "):])
    article = next(a for a in load_bank(docs) if a.slug == "innovation-advantage")
    shown = english_view(page.read_text().split("---\n", 2)[2], article, "en", showing_original=False)
    assert "请简要介绍卷积神经网络（CNN）在图像处理中的应用。" in shown
    assert '!!! untranslated "Not yet translated"' in shown
    assert shown.index("#i01") < shown.index("#i02") < shown.index("#i03")


def test_untranslated_article_is_marked() -> None:
    article = next(a for a in load_bank(ROOT / "docs") if a.slug == "innovation-advantage")
    zh = (ROOT / "docs/articles/innovation-advantage.md").read_text()
    shown = english_view(zh, article, "en", showing_original=True)
    title, _, rest = shown.partition("\n\n")
    # The Chinese title first (the page's <title> and nav come from it), marked; then the notice.
    assert title == f"# {article.zh.title} (Chinese only)"
    assert rest.startswith('!!! untranslated "Not yet translated"')
    # The original's blocks carry English titles; its text and code are the Chinese page's own.
    assert '??? answer "Answer"' in rest and '"答案"' not in rest
    assert article.zh.questions[0].answer.split("\n")[0] in rest
