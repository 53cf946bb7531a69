"""Print the study guide and question sheet of a built site to PDF with headless Chromium.

A guide split into pages (qbank.paging) prints as volumes: its contents page, and one volume per
topic made of that topic's pages; a sheet volume's "answer on page n" refers to its topic's guide volume.

The built site is served on a free localhost port, each page is printed twice: the first
print tells on which page every topic starts (read back with poppler's `pdftotext`), those
numbers are written into the printed table of contents, and the second print is kept. The
guide's final print also tells where each answer is: the question sheet names that page.
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
from qbank.graph_pages import PDF_MANIFEST, PDF_NAMES, PDF_VOLUMES
from qbank.layout import GUIDE_PAGE, SHEET_PAGE
from qbank.paging import ANCHORS_DIR
from qbank.urls import language_prefix

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
    """The page each topic starts on: the first page (after the contents) opening with its name."""
    return pages_in_order(texts, names, lambda lines, name: bool(lines) and lines[0] == name, next_from=1)


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


def print_page(page, url: str, answer_pages: dict[str, int] | None = None) -> bytes:
    """Load a page, number its contents from a first print, and return the final print.

    On the question sheet, `answer_pages` (from the guide's print) turns each "answer in the guide"
    link into the page of the guide that holds the answer.
    """
    page.goto(url, wait_until="load")
    page.emulate_media(media="print")
    if answer_pages:
        page.evaluate(
            "pages => document.querySelectorAll('.qbank-guide-page[data-target]').forEach(e => {"
            " const number = pages[e.dataset.target];"
            " if (number) e.textContent = e.dataset.pageLabel.replace('{page}', number); })",
            answer_pages,
        )
    options = {"format": "A4", "print_background": True, "display_header_footer": True,
               "header_template": "<span></span>", "footer_template": FOOTER,
               "margin": {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}}
    first = page.pdf(**options)
    names = page.eval_on_selector_all(
        ".qbank-toc-page[data-target]",
        "els => els.map(e => [e.dataset.target, document.getElementById(e.dataset.target)?.innerText.trim() || ''])",
    )
    numbers = topic_pages(page_texts(first), [(target, name) for target, name in names])
    page.evaluate(
        "numbers => document.querySelectorAll('.qbank-toc-page[data-target]').forEach("
        "e => { e.textContent = numbers[e.dataset.target] || ''; })",
        numbers,
    )
    return page.pdf(**options)


def page_count(pdf: bytes) -> int:
    """How many pages a PDF has."""
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


CONTENTS_LINK = re.compile(r'<li><a href="([^"#]+)[^"]*">')


def split_volumes(site: Path, folder: str) -> list[tuple[str, list[str]]]:
    """A split guide's (or sheet's) topics in contents order, each with its pages' site paths; none when
    it is one page."""
    index = site / folder / "index.html"
    if not (site / folder / ANCHORS_DIR).is_dir() or not index.exists():
        return []
    html = index.read_text(encoding="utf-8")
    contents = html[html.find('class="qbank-print-toc'):]
    volumes = []
    for target in dict.fromkeys(CONTENTS_LINK.findall(contents[:contents.find("</ul>")])):
        topic = target.strip("/").split("/")[-1]
        later = sorted(int(path.name) for path in (site / folder / topic).iterdir() if path.name.isdigit())
        volumes.append((topic, [f"{folder}/{topic}/"] + [f"{folder}/{topic}/{number}/" for number in later]))
    return volumes


def print_volume(browser, base: str, pages: list[str],
                 answer_pages: dict[str, int] | None) -> tuple[bytes, dict[str, int]]:
    """Print pages one after another as one PDF (poppler's pdfunite); where each entry is in it."""
    prints: list[bytes] = []
    entries: dict[str, int] = {}
    for path in pages:
        page = browser.new_page()
        data = print_page(page, base + path, answer_pages)
        offset = sum(page_count(done) for done in prints)
        entries.update({anchor: offset + number for anchor, number in
                        entry_pages(page_texts(data), guide_entries(page)).items()})
        page.close()
        prints.append(data)
    if len(prints) == 1:
        return prints[0], entries
    if not shutil.which("pdfunite"):
        raise QbankError("pdfunite", 0, "poppler's pdfunite is not installed", "apt-get install poppler-utils")
    with tempfile.TemporaryDirectory() as scratch:
        parts = []
        for number, data in enumerate(prints):
            parts.append(Path(scratch) / f"{number}.pdf")
            parts[-1].write_bytes(data)
        subprocess.run(["pdfunite", *map(str, parts), str(Path(scratch) / "volume.pdf")], check=True,
                       capture_output=True)
        return (Path(scratch) / "volume.pdf").read_bytes(), entries


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
            answer_pages: dict[str, dict[str, int]] = {}  # by volume ("" for the whole or index volume)
            for kind, source in (("guide", GUIDE_PAGE), ("sheet", SHEET_PAGE)):  # the guide first: see answer_pages
                folder = source.removesuffix(".md")
                volumes = [("", [f"{prefix}{folder}/"]), *split_volumes(site, f"{prefix}{folder}")]
                for topic, pages in volumes:
                    started = time.perf_counter()
                    printed, entries = print_volume(browser, base, pages, answer_pages.get(topic))
                    if kind == "guide":
                        answer_pages[topic] = entries
                    name = PDF_VOLUMES[kind].format(lang=lang, topic=topic) if topic else PDF_NAMES[kind].format(
                        lang=lang)
                    write_pdf(site / name, printed)
                    results.append(PdfResult(site / name, page_count(printed), time.perf_counter() - started))
    manifest = {"files": sorted(result.path.relative_to(site).as_posix() for result in results)}
    write_pdf(site / PDF_MANIFEST, (json.dumps(manifest) + "\n").encode("utf-8"))
    return results
