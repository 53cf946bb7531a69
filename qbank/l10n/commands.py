"""`qbank l10n export|import|status`: translation catalogues from the command line."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from qbank.bank.ingest import distinct_files, ingest, write_atomic
from qbank.bank.load import BankArticle, read_cached
from qbank.errors import QbankError
from qbank.l10n.catalogue import FORMATS, catalogue_name, read_catalogue, render
from qbank.l10n.exporter import Export, export_bank
from qbank.l10n.importer import import_catalogue


@contextmanager
def bank_with_sources(args: argparse.Namespace) -> Iterator[Path]:
    """--docs, or with --add-sources a scratch copy of it with those sources ingested too."""
    docs = args.settings.docs
    if not args.add_sources:
        yield docs
        return
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "docs"
        shutil.copytree(docs, copy)
        sources = distinct_files(args.add_sources)
        outcome = ingest(sources, copy, skip_invalid=True)
        for skipped in outcome.skipped:
            print(f"skipped   {skipped}".replace("\n", "\n    "), file=sys.stderr)
        print(f"added {len(outcome.pages)} article(s) from {len(sources)} source file(s) "
              f"({len(outcome.essays)} essay(s) skipped)")
        yield copy


def exported(args: argparse.Namespace, docs: Path) -> Export:
    """The bank's catalogues, with the duplicate graph for the memory unless --no-memory."""
    from qbank.graph.build import load_graph  # numerical libraries: every command builds this parser

    graph = None if getattr(args, "no_memory", False) else load_graph(docs, args.settings.detector)
    result = export_bank(docs, graph)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return result


def run_export(args: argparse.Namespace) -> int:
    """Write one catalogue per article (or per SLUG) into the output folder."""
    with bank_with_sources(args) as docs:
        result = exported(args, docs)
        chosen = set(args.slugs)
        unknown = chosen - {catalogue.slug for catalogue in result.catalogues}
        if unknown:
            raise QbankError(str(docs / "articles"), 0, f"no article {sorted(unknown)[0]!r}",
                             "name an article by its page name, without .md")
        output = Path(args.output)
        for catalogue in result.catalogues:
            if chosen and catalogue.slug not in chosen:
                continue
            path = output / catalogue_name(catalogue.slug, args.format)
            write_atomic(path, render(catalogue, args.format))
            entries = catalogue.entries
            done = sum(1 for entry in entries if entry.target and not entry.fuzzy)
            fuzzy = sum(1 for entry in entries if entry.target and entry.fuzzy)
            print(f"wrote {path}: {len(entries)} units, {done} translated, {fuzzy} fuzzy, "
                  f"{len(entries) - done - fuzzy} untranslated")
        print(result.memory_of(chosen).summary())  # of the catalogues written
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Write the English page of each catalogue; nothing is written unless every catalogue imports."""
    docs = args.settings.docs
    pages = []
    for name in args.files:
        catalogue = read_catalogue(Path(name))
        zh_path = docs / "articles" / f"{catalogue.slug}.md"
        if not zh_path.is_file():
            raise QbankError(name, 0, f"no article {catalogue.slug!r} for this catalogue",
                             f"its Chinese page would be {zh_path}")
        # Only the Chinese page is read: the English one is made anew, even where it is broken.
        original = read_cached(zh_path)
        original.slug = catalogue.slug
        article = BankArticle(catalogue.slug, {"zh": original})
        en_path = docs / "articles" / f"{catalogue.slug}.en.md"
        pages.append((en_path, import_catalogue(catalogue, article, en_path)))
    for en_path, page in pages:
        write_atomic(en_path, page.text)
        shown = f"; shown in Chinese in: {', '.join(page.partial)}" if page.partial else ""
        print(f"wrote {en_path}: {page.translated} units translated, {page.fallback} untranslated or fuzzy{shown}")
    return 0


def run_status(args: argparse.Namespace) -> int:
    """Print each article's translated, fuzzy and missing units, and what the memory would fill."""
    with bank_with_sources(args) as docs:
        result = exported(args, docs)
        for analysis in result.analyses:
            translated, fuzzy, missing = analysis.counts()
            total = translated + fuzzy + missing
            share = 100.0 * translated / total if total else 100.0
            print(f"{analysis.slug}: {translated}/{total} units translated ({share:.0f} %), "
                  f"{fuzzy} fuzzy, {missing} missing")
        print(result.memory.summary())
    return 0


def add_parser(commands: argparse._SubParsersAction, docs: argparse.ArgumentParser) -> None:
    """Register `qbank l10n` and its subcommands."""
    l10n = commands.add_parser("l10n", help="translation catalogues (PO/XLIFF): export, import, status")
    actions = l10n.add_subparsers(dest="l10n_command", required=True)
    sources = argparse.ArgumentParser(add_help=False)
    sources.add_argument("--add-sources", nargs="+", metavar="PATH", default=[],
                         help="also ingest these source files or folders (into a scratch copy of --docs)")
    sources.add_argument("--no-memory", action="store_true", help="leave untranslated units empty")
    export = actions.add_parser("export", parents=[docs, sources], help="write one catalogue per article")
    export.add_argument("slugs", nargs="*", metavar="SLUG", help="articles to export (default: all)")
    export.add_argument("--format", choices=sorted(FORMATS), default="po", help="default: po")
    export.add_argument("-o", "--output", default="l10n/en",
                        help="folder for the catalogues (default: l10n/en, the target language's folder)")
    export.set_defaults(handler=run_export)
    imports = actions.add_parser("import", parents=[docs], help="write English pages from catalogues")
    imports.add_argument("files", nargs="+", metavar="FILE", help="PO or XLIFF catalogues")
    imports.set_defaults(handler=run_import)
    status = actions.add_parser("status", parents=[docs, sources],
                                help="units translated, fuzzy and missing per article, and the memory's fill")
    status.set_defaults(handler=run_status)
