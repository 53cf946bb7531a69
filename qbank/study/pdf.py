"""Print the study guide and question sheet of a built site to PDF with headless Chromium.

A guide split into pages (qbank.site.paging) prints whole all the same: its first page (cover and contents),
then every topic's pages in contents order, joined into one PDF with the contents numbered across it.

The built site is served on a free localhost port. The first page is printed twice: the first print
(or, on a split guide, the prints of the topics' pages) tells on which page every topic starts (read back
with poppler's `pdftotext`), those numbers are written into the printed table of contents, and the second
print is kept. The guide's print also tells where each answer is: the question sheet names that page.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from qbank.errors import QbankError
from qbank.site.layout import GUIDE_PAGE, SHEET_PAGE
from qbank.site.pages.common import PDF_MANIFEST, PDF_NAMES
from qbank.site.paging import ANCHORS_DIR
from qbank.site.urls import language_prefix

CHROMIUM = os.environ.get("QBANK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
FOOTER = (
    '<div style="width:100%;font-size:8px;color:#666;text-align:center;font-family:sans-serif">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


@dataclass
class PdfResult:
    """One written PDF and how long it took."""

    path: Path
    pages: int
    seconds: float


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        return


@contextlib.contextmanager
def serve(root: Path, handler_class: type[QuietHandler] = QuietHandler, path: str = "/") -> Iterator[str]:
    """Serve a folder on a free localhost port for the duration of the block; the URL of `path` on it."""
    handler = functools.partial(handler_class, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{path}"
    finally:
        server.shutdown()
        server.server_close()


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page of a PDF (poppler's pdftotext)."""
    if not shutil.which("pdftotext"):
        raise QbankError("pdftotext", 0, "poppler's pdftotext is not installed", "apt-get install poppler-utils")
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode("utf-8", errors="replace").split("\f")


def squashed(text: str) -> str:
    """Text without white space, as it compares across PDF line breaks."""
    return "".join(text.split())


def pages_in_order(texts: list[str], targets: list[tuple[str, str]], on_page, next_from: int) -> dict[str, int]:
    """The page of each target, in order: the first page from the previous one's (plus `next_from`)
    on which `on_page(lines, squashed text)` holds."""
    found: dict[str, int] = {}
    start = 0
    for target, text in targets:
        wanted = squashed(text)
        for index in range(start, len(texts)):
            lines = [squashed(line) for line in texts[index].splitlines() if line.strip()]
            if on_page(lines, wanted):
                found[target] = index + 1
                start = index + next_from
                break
    return found


def topic_pages(texts: list[str], names: list[tuple[str, str]]) -> dict[str, int]:
    """The page each topic starts on: the first page, in order, with its name as a line of its own (the
    sheet's topics run on, so several can start on one page; the contents lines also hold numbers)."""
    return pages_in_order(texts, names, lambda lines, name: name in lines, next_from=0)


def entry_pages(texts: list[str], entries: list[tuple[str, str]]) -> dict[str, int]:
    """The page each numbered entry ("12. Title") starts on, found in order after the contents."""
    # A long title wraps: its first characters are enough, with the number before them; several
    # entries share a page.
    return pages_in_order(texts, entries, lambda lines, heading: any(line.startswith(heading[:16]) for line in lines),
                          next_from=0)


def guide_entries(page) -> list[tuple[str, str]]:
    """The loaded guide's entries: anchor and heading text."""
    return page.eval_on_selector_all(
        ".qbank-entry", "els => els.map(e => { const c = e.cloneNode(true); "
        "c.querySelectorAll('.headerlink').forEach(x => x.remove()); return [e.id, c.textContent.trim()]; })",
    )


def load_for_print(page, url: str) -> None:
    """Load a page in print media."""
    page.goto(url, wait_until="load")
    page.emulate_media(media="print")


def load_answer_pages(page, answer_pages: dict[str, int]) -> None:
    """On the question sheet, turn each "answer in the guide" link into the page of the guide's PDF that
    holds the answer (`answer_pages`, from the guide's print)."""
    page.evaluate(
        "pages => document.querySelectorAll('.qbank-guide-page[data-target]').forEach(e => {"
        " const number = pages[e.dataset.target];"
        " if (number) e.textContent = e.dataset.pageLabel.replace('{page}', number); })",
        answer_pages,
    )


PRINT_OPTIONS = {"format": "A4", "print_background": True, "display_header_footer": True,
                 "header_template": "<span></span>", "footer_template": FOOTER,
                 "margin": {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}}


def contents_targets(page) -> list[tuple[str, str]]:
    """The printed contents' entries: the anchor each one numbers, and the name its topic's heading shows."""
    return page.eval_on_selector_all(
        ".qbank-toc-page[data-target]",
        "els => els.map(e => [e.dataset.target, document.getElementById(e.dataset.target)?.innerText.trim() || ''])",
    )


def number_contents(page, numbers: dict[str, int]) -> None:
    """Write each topic's page number into the loaded page's printed contents."""
    page.evaluate(
        "numbers => document.querySelectorAll('.qbank-toc-page[data-target]').forEach("
        "e => { e.textContent = numbers[e.dataset.target] || ''; })",
        numbers,
    )


def page_count(pdf: bytes) -> int:
    """How many pages a PDF has."""
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


CONTENTS_LINK = re.compile(r'<li><a href="([^"#]+)[^"]*">')


def split_topics(site: Path, folder: str) -> list[tuple[str, list[str]]]:
    """A split guide's (or sheet's) topics in contents order, each with its pages' site paths; none when
    it is one page."""
    index = site / folder / "index.html"
    if not (site / folder / ANCHORS_DIR).is_dir() or not index.exists():
        return []
    html = index.read_text(encoding="utf-8")
    contents = html[html.find('class="qbank-print-toc'):]
    topics = []
    for target in dict.fromkeys(CONTENTS_LINK.findall(contents[:contents.find("</ul>")])):
        topic = target.strip("/").split("/")[-1]
        later = sorted(int(path.name) for path in (site / folder / topic).iterdir() if path.name.isdigit())
        topics.append((topic, [f"{folder}/{topic}/"] + [f"{folder}/{topic}/{number}/" for number in later]))
    return topics


# Appends the later pages of a split guide (or sheet) to its loaded first page, in order, as one document:
# their article bodies without pager, toolbar and the headings of a topic's continued pages; answers open.
ASSEMBLE = """async (urls) => {
  const article = document.querySelector("article");
  for (const url of urls) {
    const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), "text/html");
    const body = doc.querySelector("article");
    body.querySelectorAll(".qbank-pager, .qbank-toolbar, h1:not([id]), .md-content__button, .md-source-file")
      .forEach((node) => node.remove());
    const part = document.createElement("div");
    part.className = "qbank-print-part";
    part.append(...Array.from(body.childNodes, (node) => document.importNode(node, true)));
    article.append(part);
  }
  document.querySelectorAll("details.answer").forEach((details) => { details.open = true; });
}"""


def print_view(browser, base: str, first: str, topics: list[tuple[str, list[str]]],
               answer_pages: dict[str, int] | None) -> tuple[bytes, dict[str, int]]:
    """The whole guide (or sheet) as one PDF, and the page of each entry in it.

    A split view (`topics` non-empty) is first joined into its first page in the browser (`ASSEMBLE`), so
    it prints as the one-page view does, page numbers and contents running across it: printed once to
    find where each topic starts, numbered, printed again. Each page of the site is loaded once.
    """
    page = browser.new_page()
    try:
        load_for_print(page, base + first)
        if topics:
            page.evaluate(ASSEMBLE, [base + path for _, pages in topics for path in pages])
        if answer_pages:
            load_answer_pages(page, answer_pages)
        draft = page.pdf(**PRINT_OPTIONS)
        number_contents(page, topic_pages(page_texts(draft), contents_targets(page)))
        final = page.pdf(**PRINT_OPTIONS)
        return final, entry_pages(page_texts(final), guide_entries(page))
    finally:
        page.close()


def write_pdf(path: Path, data: bytes) -> None:
    """Write a PDF atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def render_pdfs(
    site: Path, languages: list[str], default: str = "zh", browser: object = None,
) -> list[PdfResult]:
    """Print the guide and the sheet of every language into `site/pdf/` (with a browser of its own
    unless one is given)."""
    if not (site / "guide" / "index.html").exists():
        raise QbankError(str(site), 0, "no built site with a study guide here", "run `make build` first")
    if browser is None:
        if not Path(CHROMIUM).exists():
            raise QbankError(CHROMIUM, 0, "Chromium is not installed",
                             "apt-get install chromium (or set QBANK_CHROMIUM)")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                return render_pdfs(site, languages, default, own)
            finally:
                own.close()
    results = []
    with serve(site) as base:
        for lang in languages:
            prefix = language_prefix(lang, default)
            answer_pages: dict[str, int] = {}
            for kind, source in (("guide", GUIDE_PAGE), ("sheet", SHEET_PAGE)):  # the guide first: see answer_pages
                folder = f"{prefix}{source.removesuffix('.md')}"
                started = time.perf_counter()
                printed, entries = print_view(browser, base, f"{folder}/", split_topics(site, folder),
                                              answer_pages if kind == "sheet" else None)
                if kind == "guide":
                    answer_pages = entries
                name = PDF_NAMES[kind].format(lang=lang)
                write_pdf(site / name, printed)
                results.append(PdfResult(site / name, page_count(printed), time.perf_counter() - started))
    manifest = {"files": sorted(result.path.relative_to(site).as_posix() for result in results)}
    write_pdf(site / PDF_MANIFEST, (json.dumps(manifest) + "\n").encode("utf-8"))
    return results
