"""Turn source articles into canonical pages: parse all, check all, then write atomically."""

from __future__ import annotations

import hashlib
import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from qbank.bank.page import render_page, split_page
from qbank.errors import NoQuestions, QbankError
from qbank.source.model import Article, ReportEntry
from qbank.source.parse import parse_source
from qbank.source.slug import english_words, path_date, slug_parts


def visible_files(folder: Path) -> list[Path]:
    """Every file under a folder, subfolders included, except hidden ones and those in hidden folders."""
    return sorted(
        path for path in folder.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def distinct_files(names: list[str]) -> list[Path]:
    """The files named or under the folders named, each content once (a corpus copied into sources/)."""
    seen: set[bytes] = set()
    files = []
    for name in names:
        path = Path(name)
        for candidate in visible_files(path) if path.is_dir() else [path]:
            digest = hashlib.sha256(candidate.read_bytes()).digest()
            if digest not in seen:
                seen.add(digest)
                files.append(candidate)
    return files


@dataclass
class PlannedPage:
    """A page ingest intends to write and what it will do to the file there."""

    path: Path
    text: str
    article: Article
    action: str  # "create", "update" or "unchanged"


@dataclass
class IngestOutcome:
    """What one ingest run planned, wrote, skipped and reported."""

    pages: list[PlannedPage] = field(default_factory=list)
    report: list[ReportEntry] = field(default_factory=list)
    errors: list[QbankError] = field(default_factory=list)
    # Essays of the series: readable articles with no interview questions.
    essays: list[QbankError] = field(default_factory=list)
    # With --skip-invalid: sources left out and why.
    skipped: list[QbankError] = field(default_factory=list)


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


SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def title_words(article: Article) -> Counter[str]:
    """How many of an article's question titles use each English word (through the slug vocabulary)."""
    counts: Counter[str] = Counter()
    for question in article.questions:
        # "TF-IDF" is one term, not "tf" and "idf".
        title = re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", "", question.title)
        counts.update({word for word in english_words(title)[0] if len(word) > 2 and word.isalpha()})
    return counts


class KeyTerms:
    """What sets each article's questions apart from the rest of the batch, computed once per run when first asked.

    Only an article whose title words are all taken asks, so most runs never read a question title for a slug.
    """

    def __init__(self, batch: list[Article]) -> None:
        self.batch = batch
        self.size = len(batch)

    @cached_property
    def words(self) -> dict[int, Counter[str]]:
        """Each article's title word counts, by the article's id."""
        return {id(article): title_words(article) for article in self.batch}

    @cached_property
    def frequency(self) -> Counter[str]:
        """In how many articles of the batch each title word occurs."""
        return Counter(word for counts in self.words.values() for word in counts)

    def of(self, article: Article, limit: int = 3) -> list[str]:
        """Its title words by count times inverse document frequency, best first; never the slug's own words
        nor a word every article has."""
        parts = slug_parts(article.title)
        core = set(parts.slug(len(parts.extra)).split("-"))
        scored = [
            (count * math.log(self.size / self.frequency[word]), word)
            for word, count in self.words[id(article)].items()
            if word not in core and self.frequency[word] < self.size
        ]
        return [word for score, word in sorted(scored, key=lambda item: (-item[0], item[1])) if score > 0][:limit]


def slug_candidates(article: Article, key_terms: KeyTerms) -> Iterator[str]:
    """Slugs to try in order: the title's core, its distinguishing words, the source's date, the key terms
    of its questions, and only then a number."""
    parts = slug_parts(article.title)
    core = parts.slug() or "article"
    longest = parts.slug(len(parts.extra)) or core
    yield from dict.fromkeys([core, *(parts.slug(count) for count in range(1, len(parts.extra) + 1))])
    if date := path_date(article.source):
        longest = f"{longest}-{date}"
        yield longest
    # Only reached when the words of the title are taken.
    for term in key_terms.of(article):
        yield f"{longest}-{term}"
    for number in range(2, 1000):
        yield f"{core}-{number}"


def assign_slugs(articles: list[Article], known: dict[str, str], chosen: dict[str, str]) -> list[ReportEntry]:
    """Give every article a slug: the one it has, the editor's, else the first free candidate.

    New articles are served in the order of their content hash, so which one keeps the plain slug never
    depends on file names.
    """
    report: list[ReportEntry] = []
    taken = set(known.values()) | set(chosen.values())
    for article in articles:
        article.slug = known.get(article.source) or chosen.get(article.source, "")
    new = [article for article in articles if not article.slug]
    key_terms = KeyTerms(articles)
    for article in sorted(new, key=lambda article: (len(slug_parts(article.title).extra), article.sha256)):
        article.slug = next(slug for slug in slug_candidates(article, key_terms) if slug not in taken)
        taken.add(article.slug)
        detail = f"new page slug {article.slug!r} for {article.title!r}; choose another with --slug"
        if unknown := slug_parts(article.title).unknown:
            detail += f" (no English word for {'、'.join(unknown)}: add it to qbank/data/slug_terms.tsv)"
        report.append(ReportEntry(article.source, 1, "slug", detail))
    return report


def plan(
    sources: list[Path], docs: Path, force: bool = False, slugs: dict[str, str] | None = None,
) -> IngestOutcome:
    """Parse every source and decide each page's content, collecting every problem of every source."""
    outcome = IngestOutcome()
    articles_dir = docs / "articles"
    known = existing_slugs(articles_dir) if articles_dir.is_dir() else {}
    chosen = {source_label(Path(source)): slug for source, slug in (slugs or {}).items()}
    for source, slug in chosen.items():
        if not SLUG.match(slug):
            outcome.errors.append(QbankError(
                source, 0, f"--slug {slug!r} is not a slug",
                "use lowercase ASCII words joined by -, e.g. channel-advantage",
            ))
    parsed: list[tuple[Article, list[ReportEntry]]] = []
    for source in sources:
        label = source_label(source)
        try:
            data = source.read_bytes()
        except OSError as exc:
            outcome.errors.append(QbankError(label, 0, f"cannot read the source: {exc.strerror}", "check the path"))
            continue
        try:
            result = parse_source(data, label)
        except NoQuestions as notice:
            outcome.essays.append(notice)
            continue
        except QbankError as error:
            outcome.errors.append(error)
            continue
        parsed.append((result.article, result.report))
    articles = [article for article, _ in parsed]
    outcome.report.extend(assign_slugs(articles, known, chosen))
    for article, report in parsed:
        try:
            outcome.pages.append(plan_page(article, articles_dir, force))
        except QbankError as error:
            outcome.errors.append(error)
            continue
        outcome.report.extend(report)
    return outcome


def plan_page(article: Article, articles_dir: Path, force: bool) -> PlannedPage:
    """Decide one article's page and what writing it would do."""
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
        elif (owner := split_page(current, str(path)).meta.get("source")) and owner != article.source:
            raise QbankError(
                str(path), 1, f"page belongs to {owner}, not {article.source}",
                "give the new article its own slug with --slug",
            )
        else:
            action = "update"
    return PlannedPage(path, text, article, action)


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


def ingest(
    sources: list[Path], docs: Path, force: bool = False, skip_invalid: bool = False,
    slugs: dict[str, str] | None = None,
) -> IngestOutcome:
    """Plan every page first, so one bad source leaves all pages untouched, then write.

    With `skip_invalid`, sources with errors are left out (and listed) and the valid ones are written.
    """
    outcome = plan(sources, docs, force, slugs)
    if outcome.errors and skip_invalid:
        outcome.skipped, outcome.errors = outcome.errors, []
    if outcome.errors:
        return outcome
    for page in outcome.pages:
        if page.action != "unchanged":
            write_atomic(page.path, page.text)
    return outcome
