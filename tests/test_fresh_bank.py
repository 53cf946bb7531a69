"""A fresh bank takes any articles of the series, alone or together, in any order: every outcome is a page
or a clear QbankError, never a traceback, and a refused run leaves docs/ as it was."""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
import subprocess
import tempfile
import traceback
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qbank.cli import main
from tests.banks import CORPUS, ROOT, build_site, new_project

SERIES = sorted((ROOT / "sources").glob("*.txt"))
CORPUS_ARTICLES = sorted(CORPUS.glob("*.md"))
NO_CORPUS = f"no development corpus at {CORPUS} (../shared beside the repository)"
# Each example runs `qbank ingest` and `qbank check` (about a second each); builds take ~10 s more.
SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


def fresh_bank(folder: Path, topics: str | None = "shipped") -> Path:
    """A project with the shipped config and docs but no articles; `topics` is the shipped taxonomy,
    an empty topics.yml ("") or none at all (None)."""
    project = new_project(folder)
    for page in (project / "docs/articles").glob("*.md"):
        page.unlink()
    topics_file = project / "docs/taxonomy/topics.yml"
    if topics is None:
        topics_file.unlink()
    elif topics != "shipped":
        topics_file.write_text(topics, encoding="utf-8")
    (project / "sources").mkdir()
    return project


def test_no_topic_to_learn_is_no_model() -> None:
    """Examples that all share the same topics teach nothing: no model (was sklearn's "Unknown label type")."""
    from qbank.graph.topics import learn, load_topics, place_all
    from qbank.source.model import Question

    topics = load_topics(ROOT / "docs/taxonomy/topics.yml")
    both = [topic.id for topic in topics if topic.match][:2]
    question = Question(anchor="i01", kind="interview", number=1, title="为什么？", level=3, prompt="", answer="答。",
                        analysis="", code="", hints="")
    assert learn([(question, both), (question, both)], topics) is None
    assert place_all([question], topics)[0].how in ("rules", "unsorted")


def docs_digest(project: Path) -> str:
    """A hash of every file under docs/ and its path."""
    digest = hashlib.sha256()
    for path in sorted((project / "docs").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(project)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def qbank(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run the qbank CLI in-process in a project folder, as the command line would; an exception that
    escapes `main` is reported as the traceback a user would see. In-process, so no example pays for a
    new interpreter and jieba's dictionary."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.chdir(project), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            status = main(list(arguments))
        except SystemExit as exit_:  # argparse
            status = exit_.code if isinstance(exit_.code, int) else 1
        except Exception:  # any escape is the failure this test exists to catch
            stderr.write(traceback.format_exc())
            status = 1
    return subprocess.CompletedProcess(["qbank", *arguments], status, stdout.getvalue(), stderr.getvalue())


def assert_clear(result, what: str) -> None:
    """Whatever happened, the user reads a message, never a Python traceback."""
    output = result.stdout + result.stderr
    assert "Traceback" not in output, f"{what}:\n{output[-3000:]}"
    if result.returncode:
        assert "error:" in output or "hint:" in output, f"{what} failed without a clear message:\n{output[-3000:]}"


def ingest_articles(project: Path, articles: list[Path], taxonomy: bool = True) -> bool:
    """Copy the articles into sources/ in this order and ingest them; True when pages were written.
    Without a usable taxonomy `qbank check` may refuse the bank, but only by naming topics.yml."""
    for order, article in enumerate(articles):
        # The order of the copies is the order of the names: a prefix makes a chosen order the read order.
        shutil.copy(article, project / "sources" / f"{order:02d}_{article.name}")
    before = docs_digest(project)
    result = qbank(project, "ingest")
    assert_clear(result, f"ingest of {[a.name for a in articles]}")
    if result.returncode:
        assert docs_digest(project) == before, "a refused ingest changed docs/"
        return False
    checked = qbank(project, "check")
    assert_clear(checked, f"check after ingesting {[a.name for a in articles]}")
    if taxonomy or "topics.yml" not in checked.stderr:
        assert checked.returncode == 0, checked.stdout + checked.stderr
    return True


def orders(articles: list[Path]) -> st.SearchStrategy[list[Path]]:
    """One, two or all of `articles`, in any order."""
    some = st.lists(st.sampled_from(articles), min_size=1, max_size=2, unique=True)
    return st.one_of(some, st.permutations(articles))


@pytest.mark.parametrize("article", SERIES, ids=lambda path: path.name)
def test_first_article_of_a_new_bank(article: Path, tmp_path: Path) -> None:
    """Each article of the series alone makes the first page of a new bank with the shipped taxonomy."""
    assert ingest_articles(fresh_bank(tmp_path / "bank"), [article])


@pytest.mark.skipif(not CORPUS_ARTICLES, reason=NO_CORPUS)
@pytest.mark.parametrize("article", CORPUS_ARTICLES, ids=lambda path: path.name)
def test_corpus_article_alone(article: Path, tmp_path: Path) -> None:
    """Each corpus article alone in a new bank: its page (an essay is skipped with a clear notice)."""
    ingest_articles(fresh_bank(tmp_path / "bank"), [article])


@settings(SLOW, max_examples=5)
@given(articles=orders(SERIES))
def test_series_in_any_order(articles: list[Path]) -> None:
    """Any subset of sources/ in any order ingests into a fresh bank and passes `qbank check`."""
    with tempfile.TemporaryDirectory() as scratch:
        assert ingest_articles(fresh_bank(Path(scratch) / "bank"), articles)


@pytest.mark.skipif(not CORPUS_ARTICLES, reason=NO_CORPUS)
@settings(SLOW, max_examples=5)
@given(articles=orders(CORPUS_ARTICLES or [ROOT / "README.md"]))
def test_corpus_in_any_order(articles: list[Path]) -> None:
    """Any subset of the development corpus in any order: pages, or a refusal that says why and writes nothing."""
    with tempfile.TemporaryDirectory() as scratch:
        ingest_articles(fresh_bank(Path(scratch) / "bank"), articles)


@pytest.mark.parametrize("topics", ["", "topics: []\n", None], ids=["empty", "no-topics", "missing"])
def test_without_a_taxonomy(topics: str | None, tmp_path: Path) -> None:
    """An empty or missing topics.yml is refused with a clear message and docs/ untouched, or works."""
    ingest_articles(fresh_bank(tmp_path / "bank", topics), SERIES[:1], taxonomy=False)


@settings(SLOW, max_examples=2)
@given(articles=orders(SERIES + CORPUS_ARTICLES), taxonomy=st.sampled_from(["shipped", ""]))
def test_fresh_bank_builds(articles: list[Path], taxonomy: str) -> None:
    """What a fresh bank accepts builds with `mkdocs build --strict`."""
    with tempfile.TemporaryDirectory() as scratch:
        project = fresh_bank(Path(scratch) / "bank", taxonomy)
        if not ingest_articles(project, articles, taxonomy == "shipped"):
            return
        built = build_site(project, Path(scratch) / "site")
        assert_clear(built, "mkdocs build --strict")
        if taxonomy == "shipped" or "topics.yml" not in built.stderr:
            assert built.returncode == 0, built.stderr[-3000:]
