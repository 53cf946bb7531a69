"""The banks the built-site and browser suites run on, and what a test may ask of the bank it runs on.

- `shipped`: the repository's own pages.
- `corpus`: the shipped bank plus every question article of `../shared/corpus/` ingested as an editor would
  (no English pages for them: a partly translated bank, as the bank is while an article awaits translation).
- `synthetic`: articles made by `benchmarks/synth.py`, half of them translated, with a page budget small enough
  that every paged view (guide, sheet, topics, duplicates) is split.

Nothing here knows what a bank holds: every figure comes from its pages or its built `questions.json`.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared/corpus"
BANK_NAMES = ("shipped", "corpus", "synthetic")
# Enough synthetic articles that the guide, topics and duplicates pages split under SYNTHETIC_BUDGET.
SYNTHETIC_ARTICLES = 12
SYNTHETIC_BUDGET = "\nextra:\n  qbank:\n    page_entries: 8\n"
# What a test project needs from the repository besides its pages.
PROJECT_PARTS = ("overrides", "hooks")


def build_site(project: Path, site: Path, site_url: str = "", language: str = "") -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` for a project folder (published at `site_url`; only `language`'s pages)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"QBANK_SITE_URL": site_url} if site_url else {}),
           **({"QBANK_LANGUAGE": language} if language else {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, env=env, cwd=project,
    )


def qbank(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run the qbank CLI in a project folder."""
    return subprocess.run([sys.executable, "-m", "qbank.cli", *arguments], cwd=project, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def new_project(folder: Path, config_extra: str = "", docs: bool = True) -> Path:
    """A project folder with the repository's config, theme overrides and hooks (and a copy of its docs)."""
    folder.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS + (("docs",) if docs else ()):
        shutil.copytree(ROOT / part, folder / part)
    (folder / "qbank").symlink_to(ROOT / "qbank")  # mkdocs.yml watches it
    (folder / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8") + config_extra,
                                       encoding="utf-8")
    return folder


def is_essay(path: Path) -> bool:
    """True for a source the parser skips as an essay of the series (no interview questions)."""
    from qbank.errors import NoQuestions
    from qbank.source.parse import parse_source

    try:
        parse_source(path.read_bytes(), path.name)
    except NoQuestions:
        return True
    return False


def corpus_articles() -> list[Path]:
    """The question articles of `../shared/corpus/` not already in `sources/` (none where it is absent)."""
    shipped = {path.read_bytes() for path in (ROOT / "sources").rglob("*") if path.is_file()}
    return [path for path in sorted(CORPUS.glob("*.md")) if path.read_bytes() not in shipped and not is_essay(path)]


def add_articles(project: Path, articles: list[Path]) -> subprocess.CompletedProcess[str]:
    """Copy articles into a project's `sources/` and ingest them, as CONTRIBUTING.md tells an editor to."""
    sources = project / "sources"
    if not sources.exists():
        shutil.copytree(ROOT / "sources", sources)
    for article in articles:
        shutil.copy(article, sources / article.name)
    return qbank(project, "ingest")


@dataclass
class Bank:
    """One bank as a project folder, and its built site once a test asks for it."""

    name: str
    project: Path
    site_folder: Path
    _built: bool = field(default=False, repr=False)

    @property
    def site(self) -> Path:
        """The bank's site, built (both languages, `--strict`, no warning) on first use."""
        if not self._built:
            result = build_site(self.project, self.site_folder)
            assert result.returncode == 0, result.stderr
            assert "WARNING" not in result.stderr, result.stderr
            self._built = True
        return self.site_folder

    @functools.cached_property
    def questions(self) -> list[dict]:
        """Every question of the built `questions.json`."""
        return json.loads((self.site / "questions.json").read_text(encoding="utf-8"))["questions"]

    def distinct(self, topic: str = "") -> int:
        """How many distinct questions (duplicate clusters) the bank holds, optionally in one topic."""
        return len({q["cluster"] for q in self.questions if not topic or topic in q["topics"]})

    @functools.cached_property
    def slugs(self) -> list[str]:
        """The article slugs, largest article first (ties by slug)."""
        counts: dict[str, int] = {}
        for question in self.questions:
            counts[question["article"]] = counts.get(question["article"], 0) + 1
        return sorted(counts, key=lambda slug: (-counts[slug], slug))

    def article_questions(self, slug: str) -> list[dict]:
        """An article's questions in page order."""
        return [q for q in self.questions if q["article"] == slug]

    @property
    def article(self) -> str:
        """The slug of the largest article: the one a test that needs "an article" visits."""
        return self.slugs[0]

    def translated(self, slug: str) -> str:
        """An article's English state: "full", "partial" or "none", read from its English page."""
        page = self.project / "docs/articles" / f"{slug}.en.md"
        if not page.exists():
            return "none"
        head = page.read_text(encoding="utf-8").split("\n---", 1)[0]
        return "partial" if re.search(r"^\s*partial:", head, re.M) else "full"

    def asked_again(self) -> list[dict]:
        """Questions asked at more than one place (in another article), in page order."""
        places: dict[str, set[str]] = {}
        for question in self.questions:
            places.setdefault(question["cluster"], set()).add(question["article"])
        return [q for q in self.questions if len(places[q["cluster"]]) > 1]


def make_bank(name: str, folder: Path) -> Bank:
    """Prepare one of BANK_NAMES in `folder` (the shipped bank is the repository itself)."""
    if name == "shipped":
        return Bank(name, ROOT, folder / "site")
    if name == "corpus":
        project = new_project(folder / "project")
        result = add_articles(project, corpus_articles())
        assert result.returncode == 0, result.stdout + result.stderr
        return Bank(name, project, folder / "site")
    if name == "synthetic":
        from benchmarks.synth import write_bank

        project = new_project(folder / "project", SYNTHETIC_BUDGET, docs=False)
        write_bank(project, ROOT / "docs", SYNTHETIC_ARTICLES, translated=0.5)
        return Bank(name, project, folder / "site")
    raise ValueError(f"unknown bank {name!r}; one of {BANK_NAMES}")


def unavailable(name: str) -> str:
    """Why a bank cannot be made on this machine ("" when it can)."""
    if name == "corpus" and not corpus_articles():
        return f"no question article in {CORPUS} (the development corpus beside the repository)"
    return ""
