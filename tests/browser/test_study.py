"""The study experience in a real browser: answers, permalinks, language switch, search, print, PDF, a11y.

Every expectation comes from the bank the test runs on (its questions.json, its built pages): the article
visited is its largest, the anchors, counts and search words are that article's and that bank's.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from banks import Bank
from conftest import (
    HAN_RUN,
    anchor_of,
    answer_only_word,
    open_answers,
    page_text,
    search,
    title_query,
    view_pages,
)

CJK = re.compile(r"[\u4e00-\u9fff]")


def article(bank: Bank) -> str:
    """The path of the article a test visits: the bank's largest."""
    return f"articles/{bank.article}/"


def hit(results: list[dict], url: str) -> bool:
    """Whether a search result links to a site URL (`articles/x/#i08`), whatever query string it carries."""
    path, _, fragment = url.partition("#")
    return any(urlsplit(result["href"]).path == "/" + path and urlsplit(result["href"]).fragment == fragment
               for result in results)


def test_answers_collapse_expand_and_expand_all(page, bank: Bank) -> None:
    page.goto(page.base + article(bank))
    states = open_answers(page)
    assert len(states) == len(bank.article_questions(bank.article)) and not any(states)
    page.locator("details.answer > summary").first.click()
    assert open_answers(page)[0] and not any(open_answers(page)[1:])
    page.get_by_role("button", name="展开全部答案").click()
    assert all(open_answers(page))
    page.get_by_role("button", name="收起全部答案").click()
    assert not any(open_answers(page))


def test_answers_work_by_keyboard(page, bank: Bank) -> None:
    page.goto(page.base + article(bank))
    page.get_by_role("button", name="展开全部答案").focus()
    page.keyboard.press("Enter")
    assert all(open_answers(page))
    last = len(bank.article_questions(bank.article)) - 1
    summary = page.locator("details.answer > summary").nth(min(2, last))
    summary.focus()
    page.keyboard.press("Enter")
    assert not open_answers(page)[min(2, last)]


def permalink_questions(bank: Bank) -> tuple[int, int]:
    """Two questions of the article, a third and two thirds of the way down: their places on the page."""
    count = len(bank.article_questions(bank.article))
    if count < 2:
        pytest.skip(f"the {bank.name} bank's largest article has one question")
    return count // 3, max(2 * count // 3, count // 3 + 1)


def test_permalink_opens_its_answer(page, bank: Bank) -> None:
    first, second = permalink_questions(bank)
    questions = bank.article_questions(bank.article)
    anchor = anchor_of(questions[first])
    page.goto(page.base + article(bank) + f"#{anchor}")
    states = open_answers(page)
    assert states[first] and sum(states) == 1
    assert page.locator(f"#{anchor}").is_visible()
    top = page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
    assert 0 <= top < 400
    # Following another permalink on the same page opens that answer too.
    page.evaluate(f"location.hash = '#{anchor_of(questions[second])}'")
    page.wait_for_function(f"() => document.querySelectorAll('details.answer')[{second}].open")


def test_language_switch_keeps_page_and_anchor(page, bank: Bank) -> None:
    first, _ = permalink_questions(bank)
    anchor = anchor_of(bank.article_questions(bank.article)[first])
    page.goto(page.base + article(bank) + f"#{anchor}")
    page.locator(".md-header__option .md-select").hover()
    page.locator('a[hreflang="en"]').click()
    page.wait_for_url(re.compile(rf"/en/{re.escape(article(bank))}#{anchor}$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert open_answers(page)[first]
    page.locator(".md-header__option .md-select").hover()
    page.locator('a[hreflang="zh"]').click()
    page.wait_for_url(re.compile(rf"^{re.escape(page.base + article(bank))}#{anchor}$"))


def pieces(text: str) -> set[str]:
    """Every run of 2–4 Chinese characters in a text."""
    return {run[start:start + size] for run in HAN_RUN.findall(text) for size in (2, 3, 4)
            for start in range(len(run) - size + 1)}


def chinese_query(bank: Bank, kind: str) -> tuple[str, dict | None]:
    """A Chinese query of a kind, and the question it is taken from (none for a word many titles share).

    rare: a run of 2–4 characters as few titles hold as can be; common: the run of 2–4 characters most titles
    hold; mixed: a Latin word and a Chinese run of one title, as few titles hold both as can be."""
    titles = [question["title"]["zh"] for question in bank.questions]
    if kind == "rare":
        return title_query(bank)
    runs = {piece for title in titles for piece in pieces(title)}
    if kind == "common":
        return max(sorted(runs), key=lambda run: (sum(run in title for title in titles), len(run))), None
    best: tuple[int, str, dict] | None = None
    for question in bank.questions:
        title = question["title"]["zh"]
        for word in sorted(set(re.findall(r"[A-Za-z]{3,}", title))):
            for run in sorted(pieces(title)):
                shared = sum(word.lower() in other.lower() and run in other for other in titles)
                if best is None or shared < best[0]:
                    best = (shared, f"{word} {run}", question)
    if best is None:
        pytest.skip(f"no question title of the {bank.name} bank holds a Latin word and Chinese")
    return best[1], best[2]


@pytest.mark.parametrize("kind", ["rare", "common", "mixed"])
def test_chinese_search_finds_chinese_questions(page, kind: str, bank: Bank, site: Path) -> None:
    query, question = chinese_query(bank, kind)
    page.goto(page.base)
    results = search(page, query)
    assert results
    assert all("/en/" not in result["href"] for result in results)
    assert all(CJK.search(result["text"]) for result in results)
    # The question the query was taken from is found, under its own heading.
    if question is not None:
        assert hit(results, question["url"]["zh"]), (query, question["url"]["zh"], results)
    # Found: the pages whose text holds the query are among the results. (Which section Material shows
    # first for a page is its own ranking, and shifts as the bank grows.)
    term = query.split()[-1]
    holding = {
        path.parent.relative_to(site).as_posix() for path in (site / "articles").glob("*/index.html")
        if term in page_text(path.read_text(encoding="utf-8"))
    }
    found = {re.sub(r"^https?://[^/]+/|/?[?#].*$", "", result["href"]).rstrip("/") for result in results}
    assert holding and holding & found, (sorted(holding), sorted(found))


def test_english_search_finds_english_questions(page, bank: Bank) -> None:
    word, question = title_query(bank, "en")
    page.goto(page.base + "en/")
    results = search(page, word)
    assert results
    assert all("/en/" in result["href"] for result in results)
    # An article not (fully) translated shows its Chinese on the English site, in its results too.
    shown_in_english = [result for result in results if not (found := re.search(r"/en/articles/([^/]+)/",
                        result["href"])) or bank.translated(found.group(1)) == "full"]
    assert shown_in_english and not any(CJK.search(result["text"]) for result in shown_in_english)
    assert any(word in result["text"].lower() for result in results)
    assert hit(results, question["url"]["en"]), (word, question["url"]["en"], results)


def test_search_result_inside_a_collapsed_answer_opens_it(page, bank: Bank) -> None:
    # The word is in one question's answer only, not in its heading nor anywhere else on the site.
    word, question = answer_only_word(bank)
    slug, anchor = question["article"], anchor_of(question)
    page.goto(page.base)
    results = search(page, word)
    assert hit(results, question["url"]["zh"]), (word, results)
    page.locator(f'.md-search-result__item a[href*="/{slug}/"][href$="#{anchor}"]').first.click()
    page.wait_for_url(re.compile(rf"{re.escape(slug)}/\?h={word}#{anchor}$"))
    page.wait_for_selector(".md-content mark", state="attached")
    page.wait_for_function("""() => [...document.querySelectorAll('.md-content mark')]
        .every(mark => !mark.closest('details') || mark.closest('details').open)""")


def test_print_shows_every_answer(page, site: Path) -> None:
    # The guide's answers: on its one page, or on its topic pages where it is split.
    first = view_pages(site, "guide/")[0]
    page.goto(page.base + first)
    assert open_answers(page) and not any(open_answers(page))
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert all(open_answers(page))
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
    # The guide's first page opens with its cover.
    page.goto(page.base + "guide/")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert all(open_answers(page))
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator(".qbank-cover").is_visible()


def squash(text: str) -> str:
    """Text without white space or hyphens, for comparing across PDF line breaks.

    pdftotext joins a word broken after a hyphen ("large-" / "model" gives "largemodel").
    """
    return re.sub(r"[\s\-\u00ad]+", "", text)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_pdf_of_the_guide_holds_every_question_and_answer(page, prefix: str, tmp_path: Path, bank: Bank,
                                                          site: Path) -> None:
    # Each page of the guide printed from the browser: the one page, or every topic page of a split guide.
    entries = 0
    for number, path in enumerate(view_pages(site, prefix + "guide/")):
        page.goto(page.base + path)
        titles = page.eval_on_selector_all(
            ".qbank-entry", "els => els.map(e => e.cloneNode(true)).map(e => "
            "{ e.querySelectorAll('.headerlink').forEach(x => x.remove()); return e.textContent.trim(); })")
        answers = page.eval_on_selector_all(
            "details.answer", "els => els.map(d => (d.querySelector(':scope > p, :scope > ul li, :scope > ol li, "
            ":scope > .admonition p') || {textContent: ''}).textContent.trim().slice(0, 30))")
        sections = page.eval_on_selector_all(".qbank-guide-topic",
                                             "els => els.map(e => e.firstChild.textContent.trim())")
        assert len(titles) == len(answers), path
        pdf = tmp_path / f"guide-{number}.pdf"
        pdf.write_bytes(page.pdf(format="A4", print_background=True))
        text = squash(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode())
        missing = [title for title in titles if squash(title) not in text]
        assert not missing, (path, missing[:5])
        missing = [answer for answer in answers if squash(answer) not in text]
        assert not missing, (path, missing[:5])
        # Every topic section of the page is in the PDF too.
        assert sections and not [section for section in sections if squash(section) not in text], path
        entries += len(titles)
    assert entries == bank.distinct()


def test_highlighted_search_terms_inside_closed_answers_are_revealed(page, bank: Bank) -> None:
    word, question = answer_only_word(bank)
    page.goto(page.base + f"articles/{question['article']}/?h={word}")  # a result link without a heading anchor
    page.wait_for_selector(".md-content mark", state="attached")
    page.wait_for_function("""() => [...document.querySelectorAll('.md-content mark')]
        .every(mark => mark.closest('details') && mark.closest('details').open)""")
    assert sum(open_answers(page)) == 1


def contents_head(site: Path, prefix: str) -> tuple[str, str]:
    """The guide's first topic in its contents: its name, and the range of question numbers it holds."""
    html = (site / prefix / "guide/index.html").read_text(encoding="utf-8")
    found = re.search(r'<li><a href="[^"]*">(.*?)</a>\s*<span class="qbank-toc-range">([^<]*)</span>',
                      html[html.index('class="qbank-print-toc'):])
    assert found, "the guide has no contents"
    return page_text(found.group(1)).strip(), found.group(2).strip()


def test_make_pdf_writes_four_pdfs_with_every_question_title(bank: Bank, site: Path, browser, page) -> None:
    from qbank.study.pdf import render_pdfs

    results = render_pdfs(site, ["zh", "en"], browser=browser)
    # One guide and one sheet per language, whether or not the guide is split into pages on the site.
    assert sorted(result.path.name for result in results) == [
        "qbank-question-sheet-en.pdf", "qbank-question-sheet-zh.pdf",
        "qbank-study-guide-en.pdf", "qbank-study-guide-zh.pdf",
    ]
    for lang in ("zh", "en"):
        prefix = "en/" if lang == "en" else ""
        pdf = site / f"pdf/qbank-study-guide-{lang}.pdf"
        pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
        text = squash(re.sub(r"^\d+ / \d+$", "", pages, flags=re.M))  # page-number footers interrupt text
        # A question not yet translated is printed in Chinese.
        missing = [q["id"] for q in bank.questions if squash(q["title"][lang] or q["title"]["zh"]) not in text]
        assert not missing, missing
        # Title page, contents with page numbers, and numbered pages.
        assert ("学习指南" if lang == "zh" else "Study guide") in pages.split("\f")[0]
        contents = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-"],
                                  capture_output=True, check=True).stdout.decode().strip().splitlines()
        # The first topic: its questions' numbers, and the page it opens (after the contents) in the print.
        name, numbers = contents_head(site, prefix)
        guide = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode().split("\f")
        layout = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                check=True).stdout.decode().split("\f")
        opens = next((number for number, sheet in enumerate(layout, start=1) if number > 2
                      and squash(name) in [squash(line) for line in sheet.splitlines() if line.strip()][:2]), None)
        assert opens, f"no page of the {lang} guide opens with its first topic, {name}"
        assert re.search(rf"\s{re.escape(numbers)}\s+{opens}$", contents[1]), (contents[:3], numbers, opens)
        # The question sheet names, for each question, the guide page that holds its answer.
        sheet = subprocess.run(["pdftotext", str(site / f"pdf/qbank-question-sheet-{lang}.pdf"), "-"],
                               capture_output=True, check=True).stdout.decode()
        label = "答案见学习指南第" if lang == "zh" else "Answer: study guide, page"
        # A label can break across lines anywhere, so white space may fall between any two of its characters.
        pattern = r"\s*".join(map(re.escape, squash(label))) + r"\s*(\d+)"
        references = [int(number) for number in re.findall(pattern, re.sub(r"^\d+ / \d+$", "", sheet, flags=re.M))]
        assert len(references) == bank.distinct()
        # In guide order, so the pages never go back; question 1's title is on the page named for it.
        cards = json.loads((site / prefix / "cards.json").read_text())["cards"]
        assert references == sorted(references) and references[-1] <= len(guide)
        assert squash(cards[0]["title"])[:12] in squash(guide[references[0] - 1])
    manifest = json.loads((site / "pdf/manifest.json").read_text())
    assert len(manifest["files"]) == 4
    # Once printed, the guide offers the PDFs for download.
    page.goto(page.base + "guide/")
    link = page.locator("a.qbank-pdf").first
    link.wait_for()
    assert link.get_attribute("href").endswith("/pdf/qbank-study-guide-zh.pdf")
