"""Golden files of the site half: generated pages and annotated article HTML, in both languages.

Built from a fixed two-article project (copies of two real pages in both languages), so a change to
what the hooks emit shows up as a reviewed diff (`pytest --update`), while articles an editor adds to
the real bank change nothing here.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_site
from qbank.graph.build import load_graph
from qbank.site.layout import layout
from qbank.site.pages.generate import generated_pages
from qbank.site.paging import PageBudget
from qbank.site.render import Fragments
from qbank.site.settings import Settings

GOLDEN = ROOT / "tests/golden/pages"
ARTICLES = ("capital-advantage", "technology-advantage")
LANGUAGES = ("zh", "en")
MAIN = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A site project holding only the two fixed articles."""
    root = tmp_path_factory.mktemp("golden-site")
    for item in ("mkdocs.yml", "overrides", "hooks", "qbank"):
        (shutil.copytree if (ROOT / item).is_dir() else shutil.copy)(ROOT / item, root / item)
    shutil.copytree(ROOT / "docs/taxonomy", root / "docs/taxonomy")
    for name in ("index.md", "index.en.md"):
        shutil.copy(ROOT / "docs" / name, root / "docs" / name)
    (root / "docs/articles").mkdir()
    for slug in ARTICLES:
        for suffix in (".md", ".en.md"):
            shutil.copy(ROOT / f"docs/articles/{slug}{suffix}", root / f"docs/articles/{slug}{suffix}")
    return root


@pytest.fixture(scope="module")
def built(project: Path) -> Path:
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


def main_content(path: Path) -> str:
    """The page's article element, the part the hooks and templates shape."""
    found = MAIN.search(path.read_text(encoding="utf-8"))
    assert found, path
    return found.group(1).strip() + "\n"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_generated_markdown_pages(project: Path, golden, lang: str) -> None:
    graph = load_graph(project / "docs")
    plan = layout(graph, Settings(project / "docs").page_budget)
    pages = generated_pages(graph, lang, Fragments.from_dirs([project / "overrides"]), plan)
    assert not plan.guide_split and not any(path.endswith("/2.md") for path in pages)  # two articles fit a page
    for path in ("topics/index.md", "duplicates.md", "guide.md", "sheet.md", "review.md", "topics/overfitting.md"):
        golden(pages[path], GOLDEN / lang / "markdown" / path)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_split_pages(project: Path, golden, lang: str) -> None:
    """Past the budget: the guide's contents page, a topic's pages with pagers, and their anchor maps."""
    graph = load_graph(project / "docs")
    pages = generated_pages(graph, lang, Fragments.from_dirs([project / "overrides"]),
                            layout(graph, PageBudget(entries=2, weight=10**9)))
    for path in ("guide.md", "guide/training.md", "guide/training/2.md", "sheet/training/2.md", "guide/coding.md",
                 "topics/training.md", "topics/training/2.md", "guide/anchors/0.json"):
        golden(pages[path], GOLDEN / lang / "markdown" / "split" / path)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_annotated_article_html(built: Path, golden, lang: str) -> None:
    prefix = "" if lang == "zh" else "en/"
    for slug in ARTICLES:
        golden(main_content(built / f"{prefix}articles/{slug}/index.html"), GOLDEN / lang / "html" / f"{slug}.html")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_generated_page_html(built: Path, golden, lang: str) -> None:
    prefix = "" if lang == "zh" else "en/"
    for page in ("duplicates", "guide", "review", "topics/overfitting"):
        golden(main_content(built / f"{prefix}{page}/index.html"), GOLDEN / lang / "html" / f"{page.replace('/', '-')}.html")
