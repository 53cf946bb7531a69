"""Turn source articles into canonical pages: parse all, check all, then write atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from qbank.errors import QbankError
from qbank.model import Article, ReportEntry
from qbank.page import render_page, split_page
from qbank.parse import parse_source
from qbank.slug import slugify


@dataclass
class PlannedPage:
    """A page ingest intends to write and what it will do to the file there."""

    path: Path
    text: str
    article: Article
    action: str  # "create", "update" or "unchanged"


@dataclass
class IngestOutcome:
    """What one ingest run wrote and reported."""

    pages: list[PlannedPage] = field(default_factory=list)
    report: list[ReportEntry] = field(default_factory=list)
    errors: list[QbankError] = field(default_factory=list)


def source_label(path: Path) -> str:
    """The source path as recorded in pages: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def existing_slugs(articles_dir: Path) -> dict[str, str]:
    """Map each source already ingested to the slug of its page, so slugs never change."""
    slugs: dict[str, str] = {}
    for page_path in sorted(articles_dir.glob("*.md")):
        if page_path.name.count(".") > 1:  # translations such as <slug>.en.md
            continue
        try:
            page = split_page(page_path.read_text(encoding="utf-8"), str(page_path))
        except (QbankError, UnicodeDecodeError):
            continue
        if source := page.meta.get("source"):
            slugs[str(source)] = page_path.stem
    return slugs


def choose_slug(article: Article, known: dict[str, str], taken: set[str]) -> str:
    """Keep the page's existing slug, else derive a new unique one from the title."""
    if article.source in known:
        return known[article.source]
    base = slugify(article.title) or f"article-{article.sha256[:8]}"
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def plan(sources: list[Path], docs: Path, force: bool = False) -> IngestOutcome:
    """Parse every source and decide each page's content, collecting every problem."""
    outcome = IngestOutcome()
    articles_dir = docs / "articles"
    known = existing_slugs(articles_dir) if articles_dir.is_dir() else {}
    taken = set(known.values())
    for source in sources:
        try:
            planned, report = plan_one(source, articles_dir, known, taken, force)
        except QbankError as error:
            outcome.errors.append(error)
            continue
        outcome.pages.append(planned)
        outcome.report.extend(report)
    return outcome


def plan_one(
    source: Path, articles_dir: Path, known: dict[str, str], taken: set[str], force: bool,
) -> tuple[PlannedPage, list[ReportEntry]]:
    """Parse one source and decide its page."""
    label = source_label(source)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise QbankError(label, 0, f"cannot read the source: {exc.strerror}", "check the path") from None
    result = parse_source(data, label)
    article = result.article
    article.slug = choose_slug(article, known, taken)
    taken.add(article.slug)
    path = articles_dir / f"{article.slug}.md"
    text = render_page(article)
    action = "create"
    if path.exists():
        current = path.read_text(encoding="utf-8")
        if current == text:
            action = "unchanged"
        elif split_page(current, str(path)).edited and not force:
            raise QbankError(
                str(path), 1, "page was edited by hand since it was generated; refusing to overwrite it",
                "keep your edits (do not re-ingest this source), or re-run with --force to replace them",
            )
        else:
            action = "update"
    return PlannedPage(path, text, article, action), result.report


def write_atomic(path: Path, text: str) -> None:
    """Write a text file so that readers see either the old or the new content, never a part."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see either the old or the new content, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp creates 0600 files; pages are ordinary files, readable like any other.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def ingest(sources: list[Path], docs: Path, force: bool = False) -> IngestOutcome:
    """Plan every page first, so one bad source leaves all pages untouched, then write."""
    outcome = plan(sources, docs, force)
    if outcome.errors:
        return outcome
    for page in outcome.pages:
        if page.action != "unchanged":
            write_atomic(page.path, page.text)
    return outcome
