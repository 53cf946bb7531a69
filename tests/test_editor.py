"""An editor's next article: each article of the development corpus, added alone to the shipped bank as
CONTRIBUTING.md says (copy into `sources/`, `qbank ingest`), builds strictly, and the guide, the sheet and
`questions.json` hold it. One such bank is also printed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from banks import add_articles, build_site, corpus_articles, new_project, qbank
from conftest import CHROMIUM
from qbank.study.pdf import page_texts, render_pdfs, squashed

ARTICLES = corpus_articles()
ENTRY = re.compile(r'<h[23] class="qbank-entry" data-cluster="([^"]+)"')


def view_html(site: Path, folder: str) -> str:
    """Every built page of a gathering view (its first page and any continuation), joined."""
    return "".join(page.read_text(encoding="utf-8") for page in sorted((site / folder).rglob("index.html")))


def added_bank(tmp_path: Path, article: Path, language: str = "") -> tuple[Path, Path, list[dict]]:
    """The shipped bank plus one article, ingested and built (only `language`'s pages, if given): project,
    site, and the article's questions."""
    project = new_project(tmp_path / "project")
    before = {page.name for page in (project / "docs/articles").glob("*.md")}
    result = add_articles(project, [article])
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"sources/{article.name}" in result.stdout, result.stdout  # the report names the new source
    added = [page for page in (project / "docs/articles").glob("*.md") if page.name not in before]
    assert len(added) == 1, (added, result.stdout)
    site = tmp_path / "site"
    built = build_site(project, site, language=language)
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr, built.stderr
    questions = json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]
    slug = added[0].name.removesuffix(".md")
    return project, site, [question for question in questions if question["article"] == slug]


@pytest.mark.skipif(not ARTICLES, reason="no development corpus beside the repository (../shared/corpus)")
@pytest.mark.parametrize("article", ARTICLES, ids=[path.stem for path in ARTICLES])
def test_an_article_added_alone_builds_and_reaches_the_guide(tmp_path: Path, article: Path) -> None:
    # The Chinese build: the English one of a new (untranslated) article is the corpus bank's, tested there.
    project, site, questions = added_bank(tmp_path, article, language="zh")
    assert questions, "the article's questions are in questions.json"
    published = json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]
    clusters = {question["cluster"] for question in published}
    for view in ("guide", "sheet"):
        entries = set(ENTRY.findall(view_html(site, view)))
        # Every distinct question of the bank, the new article's among them, has its entry.
        assert entries == clusters, (view, len(clusters - entries), sorted(clusters - entries)[:3])
    assert {question["cluster"] for question in questions} <= clusters
    assert qbank(project, "check").returncode == 0


@pytest.mark.skipif(not ARTICLES, reason="no development corpus beside the repository (../shared/corpus)")
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no browser at {CHROMIUM}")
def test_a_bank_one_article_larger_prints_the_whole_guide(tmp_path: Path, browser) -> None:
    """The first corpus article added to the shipped bank (both languages): the guides still print with
    every question, the article's among them."""
    _, site, questions = added_bank(tmp_path, ARTICLES[0])
    render_pdfs(site, ["zh", "en"], browser=browser)
    published = json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]
    for lang in ("zh", "en"):
        guide = squashed("".join(page_texts((site / f"pdf/qbank-study-guide-{lang}.pdf").read_bytes())))
        by_cluster: dict[str, list[str]] = {}
        for question in published:
            title = question["title"].get(lang) or question["title"]["zh"]
            by_cluster.setdefault(question["cluster"], []).append(squashed(re.sub(r"[*`\\]", "", title)))
        missing = [titles[0] for titles in by_cluster.values() if not any(t[:14] in guide for t in titles)]
        assert not missing, (lang, missing[:5])
        assert {question["cluster"] for question in questions} <= set(by_cluster)
