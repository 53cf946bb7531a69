"""Shared fixtures: the `--update` switch for golden files, the built site, and the browser."""

from __future__ import annotations

import contextlib
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import axe_playwright_python
import pytest
import yaml

from qbank.pdf import CHROMIUM, CHROMIUM_ARGS, QuietHandler, serve
from qbank.translation import CJK

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(path for path in (ROOT / "sources").iterdir() if path.is_file())
# Question counts read by hand per article (tests/data/corpus_manifest.yml); a source not listed there yet is
# checked by everything else but its count.
MANIFEST = yaml.safe_load((ROOT / "tests/data/corpus_manifest.yml").read_text(encoding="utf-8"))
EXPECTED_COUNTS = {path.name: MANIFEST[path.name]["questions"] for path in SOURCES if path.name in MANIFEST}


def is_essay(path: Path) -> bool:
    """True for a source the parser skips as an essay of the series (no interview questions)."""
    from qbank.errors import NoQuestions
    from qbank.parse import parse_source

    try:
        parse_source(path.read_bytes(), path.name)
    except NoQuestions:
        return True
    return False


# Editors drop essays of the series into sources/ too; ingest skips them, so page-level tests use the rest.
ESSAYS = [path for path in SOURCES if is_essay(path)]
QUESTION_SOURCES = [path for path in SOURCES if path not in ESSAYS]
# The development corpus beside the repository (absent in a user's clone): the parser-level tests
# (conservation, round trip) run on its question articles too, once each.
CORPUS = ROOT.parent / "shared/corpus"
_in_sources = {path.read_bytes() for path in SOURCES}
CORPUS_ARTICLES = [
    path for path in sorted(CORPUS.glob("*.md")) if path.read_bytes() not in _in_sources and not is_essay(path)
]


def bank_total() -> int:
    """Questions in the shipped pages: tests over the real bank derive their figures from it."""
    from qbank.bank import load_bank

    return sum(len(article.zh.questions) for article in load_bank(ROOT / "docs"))


def distinct_questions(site: Path, topic: str = "") -> int:
    """How many distinct questions (duplicate clusters) the built site holds, optionally in one topic."""
    questions = json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]
    return len({q["cluster"] for q in questions if not topic or topic in q["topics"]})


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text to a golden file, or rewrite it with --update; fail with a unified diff."""
    update = request.config.getoption("--update")

    def check(actual: str, path: Path) -> None:
        if update or not path.exists():
            if not update:
                pytest.fail(f"golden file {path} is missing; run pytest --update and review it")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                fromfile=str(path), tofile="actual",
            ))
            pytest.fail(f"output differs from {path.name} (run pytest --update to accept):\n{diff}")

    return check


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run with the repository root as working directory (source paths are recorded relative to it)."""
    monkeypatch.chdir(ROOT)
    return ROOT


def build_site(project: Path, site: Path, site_url: str = "", language: str = "") -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` for a project folder (published at `site_url`; only `language`'s pages)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"QBANK_SITE_URL": site_url} if site_url else {}),
           **({"QBANK_LANGUAGE": language} if language else {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, env=env, cwd=project,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site (both languages), built once per test session."""
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, out)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


# -- browser tests (tests/browser) ---------------------------------------------


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip browser tests only outside CI when the browser stack is missing; CI must run them."""
    missing = [tool for tool in (CHROMIUM,) if not Path(tool).exists()]
    missing += [tool for tool in ("pdftotext",) if not shutil.which(tool)]
    if not missing:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"browser tests need {', '.join(missing)}; `make test` installs them (tools/setup.sh)")
    marker = pytest.mark.skip(reason=f"missing {', '.join(missing)}: run `make test` (as root) to install them")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(marker)


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site served on a free port."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the session, no network beyond localhost."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, base_url: str) -> Iterator[object]:
    """A fresh page that records console errors and uncaught exceptions; the test fails on any."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.base = base_url
    yield tab
    context.close()
    assert not errors, f"console errors: {errors}"


# -- browser helpers shared by the browser tests -----------------------------------


@contextmanager
def served_variant(folder: Path, config_extra: str = "", remove: tuple[str, ...] = (),
                   prepare: Callable[[Path], None] | None = None) -> Iterator[str]:
    """The real site built in `folder` with lines added to mkdocs.yml, docs files removed and `prepare` run, served."""
    for item in ("docs", "overrides", "hooks"):
        shutil.copytree(ROOT / item, folder / item)
    (folder / "qbank").symlink_to(ROOT / "qbank")
    (folder / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8") + config_extra,
                                       encoding="utf-8")
    for path in remove:
        (folder / "docs" / path).unlink()
    if prepare is not None:
        prepare(folder)
    result = build_site(folder, folder / "site")
    assert result.returncode == 0, result.stderr
    with serve(folder / "site") as url:
        yield url

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")


def open_answers(page) -> list[bool]:
    """Open/closed state of every answer block on the page."""
    return page.eval_on_selector_all("details.answer", "els => els.map(e => e.open)")


def search(page, query: str) -> list[dict]:
    """Type a query into Material's search and return the results (title, link)."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    field = page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")  # Material starts searching on a key event, not on fill alone
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    return page.eval_on_selector_all(
        ".md-search-result__item > a",
        "els => els.map(a => ({href: a.href, text: a.innerText}))",
    )


def open_study(page, label: str = "学习模式") -> None:
    """Open study mode from the page toolbar."""
    page.get_by_role("button", name=label).click()
    page.wait_for_selector(".qbank-study [data-card]")


# -- translation catalogues ----------------------------------------------------------

CJK_RUN = re.compile(f"(?:{CJK.pattern})+")


def scripted_fill(path: Path, every: int = 1) -> None:
    """Fill a PO catalogue: every `every`-th unit gets its Chinese replaced by an English word, Markdown kept."""
    import polib

    po = polib.pofile(str(path), wrapwidth=0)
    for number, entry in enumerate(po):
        if number % every == 0:
            entry.msgstr = re.sub(" {2,}", " ", CJK_RUN.sub("word ", entry.msgid)).strip() or entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = None
    po.save(str(path))


# -- hosting under a subpath ---------------------------------------------------------


class ProjectPagesHandler(QuietHandler):
    """A site served under `/<prefix>/` as a project-pages host serves it: its 404.html for any missing path."""

    prefix = "/qbank/"

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve_under_subpath(site: Path) -> contextlib.AbstractContextManager[str]:
    """Serve a built site at `http://127.0.0.1:<free port>/qbank/`, missing paths answered by its 404.html."""
    return serve(site, ProjectPagesHandler, ProjectPagesHandler.prefix)
