"""`qbank` command line: ingest sources, check pages, export the bank."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from qbank.bank.ingest import distinct_files, ingest, visible_files, write_atomic, write_bytes_atomic
from qbank.errors import QbankError
from qbank.site.settings import Settings

if TYPE_CHECKING:
    from qbank.graph.quality import Quality
    from qbank.graph.topic_quality import TopicQuality

# Unsorted questions `qbank ingest` lists one by one; `qbank check` lists every one.
UNSORTED_SHOWN = 20
# The detector's mistakes `qbank quality` shows an editor: the surest false links, the faintest missed ones.
SHOWN_MISTAKES = 10


def default_sources() -> list[Path]:
    """Every visible file under ./sources, subfolders included (the folder is part of a source's name)."""
    folder = Path("sources")
    if not folder.is_dir():
        raise QbankError("sources", 0, "no SOURCE given and there is no sources/ folder", "pass the files to ingest")
    files = visible_files(folder)
    if not files:
        raise QbankError("sources", 0, "the sources/ folder is empty", "copy the articles into sources/")
    return files


def parse_slug_options(values: list[str], sources: list[Path]) -> dict[str, str]:
    """`--slug SLUG` (with one SOURCE) or `--slug SOURCE=SLUG` into a source → slug map."""
    chosen: dict[str, str] = {}
    for value in values:
        source, sep, slug = value.rpartition("=")
        if not sep:
            if len(sources) != 1:
                raise QbankError("--slug", 0, f"--slug {value!r} needs its source", "write --slug SOURCE=SLUG")
            source = str(sources[0])
        chosen[source] = slug
    return chosen


def run_ingest(args: argparse.Namespace) -> int:
    """Parse sources and write their canonical pages; report every problem of every source at once."""
    sources = [Path(name) for name in args.sources] or default_sources()
    outcome = ingest(
        sources, args.settings.docs, force=args.force, skip_invalid=args.skip_invalid,
        slugs=parse_slug_options(args.slug, sources),
    )
    for error in outcome.errors:
        print(f"error: {error}", file=sys.stderr)
    if outcome.errors:
        print(f"ingest failed: {len(outcome.errors)} error(s) in {len(sources)} source(s); no page was written",
              file=sys.stderr)
        print("  hint: fix the sources, or run with --skip-invalid to write the valid ones", file=sys.stderr)
        return 1
    total = 0
    for page in outcome.pages:
        count = len(page.article.questions)
        total += count
        print(f"{page.action:9} {page.path} ({count} questions) <- {page.article.source}")
    for entry in sorted(outcome.report, key=lambda entry: (entry.source, entry.line)):
        print(f"  {entry}")
    for essay in outcome.essays:
        print(f"skipped   {essay.path}: {essay.message} (not a question article)")
    for skipped in outcome.skipped:
        print(f"skipped   {skipped}".replace("\n", "\n    "), file=sys.stderr)
    print(f"ingested {len(outcome.pages)} article(s), {total} questions; "
          f"{len(outcome.essays)} essay(s) and {len(outcome.skipped)} invalid source(s) skipped")
    if outcome.pages and args.settings.topics_file.is_file():
        from qbank.check import unsorted_warnings

        try:
            warnings = unsorted_warnings(args.settings)
            for warning in warnings[:UNSORTED_SHOWN]:
                print(f"warning: {warning}")
            if len(warnings) > UNSORTED_SHOWN:
                print(f"warning: and {len(warnings) - UNSORTED_SHOWN} more unsorted questions; "
                      "`qbank check` lists them all")
        except QbankError as error:  # the pages are written; `qbank check` says what else is wrong
            print(f"warning: topics not checked: {error}")
    if not outcome.pages:
        print("error: nothing could be ingested", file=sys.stderr)
        for essay in outcome.essays:
            print(f"error: {essay}", file=sys.stderr)
        return 1
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Validate every page and that it still matches its source."""
    from qbank.check import check_docs

    problems, summary = check_docs(args.settings.docs, require_english=args.require_english)
    for line in summary:
        print(line)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if not problems:
        from qbank.check import alignment_warnings, unsorted_warnings

        for warning in unsorted_warnings(args.settings) + alignment_warnings(args.settings.docs):
            print(f"warning: {warning}")
    return 1 if problems else 0


def run_stamp(args: argparse.Namespace) -> int:
    """Record that English pages translate the current Chinese text."""
    from qbank.bank.load import load_bank
    from qbank.bank.translation import require_english, stamp

    docs = args.settings.docs
    articles = {article.slug: article for article in load_bank(docs)}
    slugs = args.slugs or sorted(slug for slug, article in articles.items() if "en" in article.editions)
    for slug in slugs:
        if slug not in articles:
            raise QbankError(str(docs / "articles" / f"{slug}.md"), 0, f"no article {slug!r}",
                             "use a page name without .md")
        require_english(articles[slug], docs / "articles")
        write_atomic(docs / "articles" / f"{slug}.en.md", stamp(articles[slug], docs))
        print(f"stamped {docs / 'articles' / f'{slug}.en.md'}")
    return 0


def run_pdf(args: argparse.Namespace) -> int:
    """Print the study guide and question sheet of the built site to PDF."""
    from qbank.study.pdf import render_pdfs

    started = time.perf_counter()
    for result in render_pdfs(Path(args.site), args.languages):
        print(f"wrote {result.path} ({result.pages} pages, {result.seconds:.1f} s)")
    print(f"PDFs done in {time.perf_counter() - started:.1f} s")
    return 0


def run_assemble(args: argparse.Namespace) -> int:
    """Put the site together from builds of one language each."""
    from qbank.site.assemble import assemble
    from qbank.site.urls import DEFAULT_LANGUAGE

    parts = {}
    for part in args.parts:
        language, _, folder = part.partition("=")
        if not folder:
            raise QbankError("qbank assemble", 0, f"{part!r} names no folder", "write LANG=FOLDER, e.g. en=site-en")
        parts[language] = Path(folder)
    for language, count in assemble(parts, Path(args.out), DEFAULT_LANGUAGE).items():
        print(f"{language}: {count} files from {parts[language]}")
    print(f"assembled {args.out}")
    return 0


def run_precompress(args: argparse.Namespace) -> int:
    """Write gzip copies beside the built site's text files."""
    from qbank.site.precompress import precompress

    site = Path(args.site)
    if not (site / "index.html").is_file():
        raise QbankError(str(site), 0, "no built site here", "build it first: make build")
    done = precompress(site)
    saved = 1 - done.compressed_bytes / done.original_bytes if done.original_bytes else 0
    print(f"{done.files} files: {done.original_bytes / 1e6:.1f} MB, gzip copies {done.compressed_bytes / 1e6:.1f} MB "
          f"({saved:.0%} less to send)")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Print or write questions.json, or write the deck as an Anki package or CSV."""
    from qbank.graph.build import load_graph
    from qbank.site.export import export_text
    from qbank.site.render import Fragments
    from qbank.study.deck import anki_package, csv_text

    if args.format == "json":
        text = export_text(args.settings.docs, args.settings.detector)
    elif args.format == "csv":
        text = csv_text(load_graph(args.settings.docs, args.settings.detector), args.lang)
    else:
        if not args.output:
            raise QbankError("-o", 0, "an Anki package is binary", "give a file: --format anki -o qbank.apkg")
        fragments = Fragments.from_dirs([Path(args.theme_dir)])
        data = anki_package(load_graph(args.settings.docs, args.settings.detector), args.lang, fragments)
        write_bytes_atomic(Path(args.output), data)
        print(f"wrote {args.output} ({len(data)} bytes)")
        return 0
    if args.output:
        write_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return 0


@contextmanager
def bank_docs(args: argparse.Namespace) -> Iterator[Path]:
    """--docs, or with --sources a scratch docs folder the sources are ingested into."""
    if not args.sources:
        yield args.settings.docs
        return
    with tempfile.TemporaryDirectory() as scratch:
        docs = Path(scratch) / "docs"
        shutil.copytree(args.settings.taxonomy, docs / "taxonomy")
        sources = distinct_files(args.sources)
        outcome = ingest(sources, docs, skip_invalid=True)
        for skipped in outcome.skipped:
            print(f"skipped   {skipped}".replace("\n", "\n    "), file=sys.stderr)
        print(f"ingested {len(outcome.pages)} article(s) from {len(sources)} source file(s)")
        yield docs


def print_scopes(heading: str, quality: Quality) -> None:
    """One line per scope: precision and recall with their counts."""
    print(heading)
    for scope, counts in quality.scopes.items():
        found = counts.true_positives + counts.false_positives
        labelled = counts.true_positives + counts.false_negatives
        print(f"  {scope:<7} precision {counts.precision:.3f} ({counts.true_positives}/{found})  "
              f"recall {counts.recall:.3f} ({counts.true_positives}/{labelled})")
    unseen = quality.touching_corpus
    print(f"  pairs touching a corpus article: recall {unseen.recall:.3f} "
          f"({unseen.true_positives}/{unseen.true_positives + unseen.false_negatives})")


def run_quality(args: argparse.Namespace) -> int:
    """Print the duplicate detector's precision and recall by scope, tuned and cross-validated."""
    from qbank.graph.duplicates import MODEL_FILE, cluster, load_model
    from qbank.graph.quality import compare, cross_validate, fit, group_pairs, labelled_bank, load_labels, scored_pairs

    labels = load_labels(Path(args.labels))
    topic_labels = Path(args.topic_labels) if args.topic_labels else None
    with bank_docs(args) as docs:
        bank = labelled_bank(docs, labels)
        topics = topic_figures(docs, topic_labels) if topic_labels and topic_labels.is_file() else None
    covered = [index for index in range(len(bank.keys)) if bank.labelled(index)]
    print(f"labelled: {len(covered)} questions in {len({bank.articles[i] for i in covered})} article(s); "
          f"{len(bank.index_pairs(labels.must))} must-link pairs, "
          f"{len(bank.index_pairs(labels.acceptable))} acceptable")
    if args.fit:
        model = fit(bank, set(covered))
        target = Path(__file__).parent / MODEL_FILE
        write_atomic(target, model.to_yaml())
        print(f"fitted on every labelled pair, threshold {model.threshold:.2f}: wrote {target}")
    else:
        model = load_model()
    print_scopes("shipped model (fitted on these labels):", compare(bank, group_pairs(cluster(bank.scored, model))))
    if topics is not None:
        print(f"topics, each article placed by a model that never saw it ({topic_labels}):")
        print_topic_figures(topics, indent="  ")
    if args.no_cross_validation:
        return 0
    quality = cross_validate(bank)
    print_scopes("cross-validated (each article scored by a model fitted without it):", quality)
    title = dict(zip(bank.keys, bank.titles, strict=True))
    worst = (("false links, highest-scoring first", scored_pairs(bank, model, quality.false_positives), True),
             ("missed links, lowest-scoring first", scored_pairs(bank, model, quality.false_negatives), False))
    for heading, pairs, descending in worst:
        print(f"{heading} ({len(pairs)}; scores by the shipped model, threshold {model.threshold:.2f}):")
        for score, a, b in sorted(pairs, reverse=descending)[:SHOWN_MISTAKES]:
            print(f"  {score:.2f}  {a} ~ {b}\n        {title[a]} ~ {title[b]}")
    return 0


def run_duplicates(args: argparse.Namespace) -> int:
    """List the duplicate clusters, or with --review the decisions an editor should check."""
    from qbank.graph.build import load_graph, load_overrides
    from qbank.graph.review import review_queue

    settings = args.settings
    graph = load_graph(settings.docs, settings.detector)
    clusters = [members for members in graph.clusters().values() if len(members) > 1]
    if not args.review:
        for members in clusters:
            print(f"{len(members)}× {members[0].question.title}")
            for node in members:
                print(f"    {node.id}  {node.question.title}")
        print(f"{len(clusters)} duplicate clusters over {len(graph.nodes)} questions")
        return 0
    overrides_path = settings.overrides_file
    margin = settings.detector.review_margin if args.margin is None else args.margin
    items = review_queue(graph, load_overrides(overrides_path), margin)
    threshold = graph.model.threshold if graph.model else 0.0
    print(f"review queue: {len(items)} pair(s); the detector links pairs scoring {threshold:.2f} or more "
          f"(average over the whole cluster)")
    for item in items:
        state = "linked" if item.linked else "not linked"
        print(f"\n{item.reason}  score {item.score:.2f}  {state}")
        for node in (item.first, item.second):
            print(f"    {node.id}  {node.question.title}  (articles/{node.slug}.md#{node.anchor})")
        change = "they are different questions" if item.linked else "they are the same question"
        print(f"    if {change}, add under `{item.decision}:` in {overrides_path}:\n      {item.line}")
    return 0


def run_topics(args: argparse.Namespace) -> int:
    """Print how topics place each article when the model never saw it, and the unsorted share."""
    from qbank.graph.topic_quality import load_labels, measure_topics
    from qbank.graph.topics import THRESHOLD

    labels = load_labels(Path(args.labels)) if args.labels else None
    threshold = THRESHOLD if args.threshold is None else args.threshold
    with bank_docs(args) as docs:
        quality = measure_topics(docs, labels, threshold)
    print("held-out placement: each article's questions placed by the rules plus a model trained on the others")
    for article in quality.articles:
        print(f"  {article.slug}: {article.unsorted}/{len(article.ids)} unsorted ({article.source})")
    share = 100.0 * quality.unsorted / quality.questions if quality.questions else 0.0
    print(f"unsorted: {quality.unsorted}/{quality.questions} questions ({share:.1f} %)")
    if labels is not None:
        print_topic_figures(quality)
    return 0


def topic_figures(docs: Path, labels_path: Path) -> TopicQuality:
    """Held-out topic placement of the bank in `docs` against the hand labels."""
    from qbank.graph.topic_quality import load_labels, measure_topics

    return measure_topics(docs, load_labels(labels_path))


def print_topic_figures(quality: TopicQuality, indent: str = "") -> None:
    """The labelled questions left unsorted, and the precision and recall of the topics placed."""
    precision = quality.assigned_right / quality.assigned if quality.assigned else 0.0
    recall = quality.label_found / quality.label_total if quality.label_total else 0.0
    first = quality.correct_first / quality.labelled if quality.labelled else 0.0
    unsorted_share = 100.0 * quality.labelled_unsorted / quality.labelled if quality.labelled else 0.0
    print(f"{indent}labelled questions unsorted: {quality.labelled_unsorted}/{quality.labelled} "
          f"({unsorted_share:.1f} %)")
    print(f"{indent}against {quality.labelled} labelled questions: first topic right {first:.3f}, "
          f"topic precision {precision:.3f}, recall {recall:.3f}")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="qbank", description="Bilingual AI-interview question bank tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    docs = argparse.ArgumentParser(add_help=False)
    docs.add_argument("--docs", default="docs", help="docs folder (default: docs)")
    docs.add_argument("--config", default="mkdocs.yml",
                      help="site config whose extra.qbank options apply, if it exists (default: mkdocs.yml)")
    ingest_cmd = commands.add_parser("ingest", parents=[docs], help="parse source articles into canonical pages")
    ingest_cmd.add_argument(
        "sources", nargs="*", metavar="SOURCE", help="source files (default: every file in sources/)",
    )
    ingest_cmd.add_argument("--force", action="store_true", help="overwrite pages edited by hand")
    ingest_cmd.add_argument(
        "--skip-invalid", action="store_true", help="write the valid sources and list the invalid ones with why",
    )
    ingest_cmd.add_argument(
        "--slug", action="append", default=[], metavar="[SOURCE=]SLUG",
        help="the page name for a new article (SOURCE= may be left out with a single SOURCE)",
    )
    ingest_cmd.set_defaults(handler=run_ingest)
    check_cmd = commands.add_parser("check", parents=[docs], help="validate pages against their sources")
    check_cmd.add_argument(
        "--require-english", action="store_true", help="also fail on articles that have no English page yet",
    )
    check_cmd.set_defaults(handler=run_check)
    stamp_cmd = commands.add_parser(
        "stamp", parents=[docs], help="mark English pages as translating the current Chinese",
    )
    stamp_cmd.add_argument("slugs", nargs="*", metavar="SLUG", help="articles to stamp (default: all translated)")
    stamp_cmd.set_defaults(handler=run_stamp)
    export_cmd = commands.add_parser(
        "export", parents=[docs], help="export the bank: questions.json, an Anki deck or CSV",
    )
    export_cmd.add_argument("--format", choices=("json", "anki", "csv"), default="json", help="default: json")
    export_cmd.add_argument("--lang", choices=("zh", "en"), default="zh", help="deck language (default: zh)")
    export_cmd.add_argument("-o", "--output", help="write to FILE instead of standard output")
    export_cmd.add_argument(
        "--theme-dir", default="overrides", help="folder holding fragments/qbank/*.html (default: overrides)",
    )
    export_cmd.set_defaults(handler=run_export)
    pdf_cmd = commands.add_parser("pdf", help="print the study guide and question sheet of a built site to PDF")
    pdf_cmd.add_argument("--site", default="site", help="built site folder (default: site)")
    pdf_cmd.add_argument("--languages", nargs="+", default=["zh", "en"], help="languages (default: zh en)")
    pdf_cmd.set_defaults(handler=run_pdf)
    assemble_cmd = commands.add_parser(
        "assemble", help="put the site together from builds of one language each (QBANK_LANGUAGE=<lang>)",
    )
    assemble_cmd.add_argument("parts", nargs="+", metavar="LANG=FOLDER", help="each language's build folder")
    assemble_cmd.add_argument("-o", "--out", default="site", help="the assembled site (default: site)")
    assemble_cmd.set_defaults(handler=run_assemble)
    precompress_cmd = commands.add_parser(
        "precompress", help="write gzip copies beside a built site's text files (nginx gzip_static, Caddy, CDNs)",
    )
    precompress_cmd.add_argument("--site", default="site", help="built site folder (default: site)")
    precompress_cmd.set_defaults(handler=run_precompress)
    quality_cmd = commands.add_parser(
        "quality", parents=[docs], help="measure duplicate detection against labelled pairs",
    )
    quality_cmd.add_argument(
        "--labels", default="tests/data/duplicate_labels.yml", help="labelled clusters (default: %(default)s)",
    )
    quality_cmd.add_argument(
        "--sources", nargs="+", metavar="PATH",
        help="measure on the articles of these files or folders (ingested into a scratch copy) instead of --docs",
    )
    quality_cmd.add_argument(
        "--topic-labels", default="tests/data/topic_labels.yml",
        help="hand-labelled topics; their held-out precision is printed when the file exists (default: %(default)s)",
    )
    quality_cmd.add_argument("--fit", action="store_true", help="refit the shipped pair model on the labels first")
    quality_cmd.add_argument("--no-cross-validation", action="store_true", help="skip the leave-one-article-out run")
    quality_cmd.set_defaults(handler=run_quality)
    duplicates_cmd = commands.add_parser(
        "duplicates", parents=[docs], help="list duplicate clusters, or the editor's review queue",
    )
    duplicates_cmd.add_argument(
        "--review", action="store_true", help="list borderline pairs and pairs joined only through others",
    )
    duplicates_cmd.add_argument(
        "--margin", type=float,
        help="how close to the threshold a borderline score is (default: extra.qbank.detector.review_margin, 0.15)",
    )
    duplicates_cmd.set_defaults(handler=run_duplicates)
    topics_cmd = commands.add_parser(
        "topics", parents=[docs], help="measure topic placement on articles the model has not seen",
    )
    topics_cmd.add_argument(
        "--labels", help="hand-labelled topics (YAML source.md#anchor: [topic, …]) to score against",
    )
    topics_cmd.add_argument(
        "--sources", nargs="+", metavar="PATH",
        help="place the articles of these files or folders (ingested into a scratch copy) instead of --docs",
    )
    topics_cmd.add_argument("--threshold", type=float, help="model confidence a learned topic needs (default: 0.4)")
    topics_cmd.set_defaults(handler=run_topics)
    from qbank.l10n.commands import add_parser as add_l10n

    add_l10n(commands, docs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand; user errors print `file:line: message` and exit 1."""
    args = build_parser().parse_args(argv)
    try:
        if hasattr(args, "docs"):  # one settings object for the whole run, as a site build has
            args.settings = Settings.from_cli(args.docs, args.config)
        return args.handler(args)
    except QbankError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
