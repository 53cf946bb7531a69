"""`qbank pdf` at any size: the whole guide and the whole sheet, every question in them, contents and page numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from banks import Bank
from qbank.study.pdf import page_texts, render_pdfs, squashed

# Markdown a title may carry that the printed page shows as formatting, not as characters.
MARKUP = re.compile(r"[*`\\_]|\[|\]\([^)]*\)")
WORDS = re.compile(r"[\w\u4e00-\u9fff]{6,}")


def plain(text: str) -> str:
    """Text as a printed page shows it, without white space (pdftotext breaks lines anywhere)."""
    return squashed(MARKUP.sub("", text))


def printed_clusters(bank: Bank, lang: str) -> dict[str, list[dict]]:
    """Each distinct question (cluster) with its askings' titles and answers in a language (Chinese where
    the English is missing, as the site shows it)."""
    clusters: dict[str, list[dict]] = {}
    for question in bank.questions:
        clusters.setdefault(question["cluster"], []).append({
            "title": question["title"].get(lang) or question["title"]["zh"],
            "answer": question["answer"].get(lang) or question["answer"]["zh"],
        })
    return clusters


def contents_numbers(texts: list[str], names: list[str]) -> dict[str, int]:
    """The page number the printed contents gives each topic (its line: name, question numbers, page)."""
    numbers = {}
    for page in texts[:4]:
        for line in page.splitlines():
            for name in names:
                if squashed(line).startswith(squashed(name)) and (found := re.search(r"(\d+)\s*$", line)):
                    numbers.setdefault(name, int(found.group(1)))
    return numbers


@pytest.mark.banks("shipped", "corpus", "synthetic")
def test_the_whole_guide_and_sheet_print_every_question_at_any_size(bank: Bank, site: Path, browser) -> None:
    results = render_pdfs(site, ["zh", "en"], browser=browser)
    # One guide and one sheet per language, whether or not the guide is split into pages on the site.
    assert sorted(result.path.relative_to(site).as_posix() for result in results) == [
        f"pdf/qbank-{kind}-{lang}.pdf" for kind in ("question-sheet", "study-guide") for lang in ("en", "zh")]
    for lang in ("zh", "en"):
        for kind, answers in (("study-guide", True), ("question-sheet", False)):
            texts = page_texts((site / f"pdf/qbank-{kind}-{lang}.pdf").read_bytes())
            texts = texts[:-1] if texts and not texts[-1].strip() else texts
            whole = squashed("".join(texts))
            missing = [askings[0]["title"] for askings in printed_clusters(bank, lang).values()
                       if not any(plain(asking["title"])[:14] in whole for asking in askings)]
            assert not missing, (kind, lang, len(missing), missing[:5])
            if answers:
                unanswered = []
                for askings in printed_clusters(bank, lang).values():
                    runs = [run[:8] for asking in askings for run in WORDS.findall(MARKUP.sub("", asking["answer"]))]
                    if runs and not any(run in whole for run in runs):
                        unanswered.append(askings[0]["title"])
                assert not unanswered, (lang, len(unanswered), unanswered[:5])
            # Every page carries its number of the whole print.
            total = len(texts)
            assert all(f"{number}/{total}" in squashed(text) for number, text in enumerate(texts, start=1)), kind
            # The contents gives each topic the page its heading opens.
            html = (site / ("" if lang == "zh" else "en/") / kind.replace("study-", "").replace("question-", "")
                    / "index.html").read_text(encoding="utf-8")
            toc = html[html.index('class="qbank-print-toc'):]
            names = [re.sub(r"<[^>]+>", "", name) for name in
                     re.findall(r'<li><a href="[^"]*">(.*?)</a>', toc[:toc.index("</ul>")])]
            numbers = contents_numbers(texts, names)
            assert set(numbers) == set(names), (kind, lang, set(names) - set(numbers))
            for name, number in numbers.items():
                lines = [squashed(line) for line in texts[number - 1].splitlines() if line.strip()]
                # A guide topic opens its page; the sheet's topics run on, so its heading is a line of the page.
                assert squashed(name) in (lines[:2] if answers else lines), (kind, lang, name, number)
