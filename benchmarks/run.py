"""`make bench`: measure ingest, builds with and without the qbank hooks, duplicate detection,
`mkdocs serve` rebuilds and index sizes; check the targets; write docs/benchmarks(.en).md."""

from __future__ import annotations

import argparse
import bisect
import datetime
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from benchmarks.browser import search_runs, summary
from benchmarks.hostile import hostile
from benchmarks.lighthouse import lighthouse
from benchmarks.report import SMALL_BANK, SMALL_BANK_RUNS, Rebuild, Run, SizeResult
from benchmarks.sanitise import sanitise_seconds
from benchmarks.synth import questions, write_bank

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a command, returning wall time and the peak resident memory of that process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{process.stderr.read().decode()[-2000:]}")
    return Run(elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def project(folder: Path, hooks: bool, root: Path = ROOT) -> Path:
    """A site project in `folder` using the config, theme overrides and (optionally) hooks of `root`."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    if not hooks:
        start, end = config.index("hooks:\n"), config.index("watch:")
        # Without the hooks nothing generates questions.json, which the home page links to.
        config = config[:start] + config[end:]
        config = config.replace("strict: true", "strict: false")
    config = config.replace("  - qbank\n", f"  - {root / 'qbank'}\n")
    name = "mkdocs.yml" if hooks else "mkdocs-without-hooks.yml"
    (folder / name).write_text(config, encoding="utf-8")
    for item in ("overrides", "hooks"):
        if not (folder / item).exists():
            shutil.copytree(root / item, folder / item)
    return folder / name


@contextmanager
def baseline_tree(revision: str) -> Iterator[Path]:
    """The repository as it was at `revision`, unpacked into a scratch folder."""
    with tempfile.TemporaryDirectory() as scratch:
        archive = subprocess.run(["git", "archive", revision], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", scratch], input=archive, check=True)
        yield Path(scratch)


def baseline_project(folder: Path, tree: Path) -> Path:
    """The same pages as `folder`'s, built by the baseline tree's config, theme overrides and hooks."""
    home = folder / "baseline"
    home.mkdir()
    (home / "docs").symlink_to(folder / "docs")
    return project(home, True, tree)


def prepare(folder: Path, articles: int) -> SizeResult:
    """Synthetic sources → pages in both languages, timing ingest (the last of three on fresh pages)."""
    result = SizeResult(articles)
    write_bank(folder, ROOT / "docs", articles)
    qbank = [PYTHON, "-m", "qbank.cli"]
    docs = folder / "docs"
    english = {page.name: page.read_bytes() for page in (docs / "articles").glob("*.en.md")}
    for _ in range(3):
        shutil.rmtree(docs / "articles", ignore_errors=True)
        result.ingest.append(measure([*qbank, "ingest"], folder).seconds)
    for name, content in english.items():
        (docs / "articles" / name).write_bytes(content)
    subprocess.run([*qbank, "stamp"], cwd=folder, env=ENV, check=True, stdout=subprocess.DEVNULL)
    result.pages = len(list((docs / "articles").glob("*.md")))
    return result


# `make pdf` is timed on banks up to this size (its target: linear in the bank, judged up to 200 articles).
PDF_SIZE = 200


def print_pdfs(result: SizeResult, folder: Path, runs: int) -> None:
    """Time `qbank pdf` (both languages, guide and sheet) on the bank's built site."""
    site = folder / "site"
    questions = json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"]
    result.distinct = len({question["cluster"] for question in questions})
    for _ in range(max(1, runs // 3)):  # minutes each at 200 articles
        result.pdf.append(measure([PYTHON, "-m", "qbank.cli", "pdf", "--site", str(site)], folder).seconds)


def build_runs(articles: int, runs: int) -> int:
    """How many times to build a bank of this size with and without the hooks."""
    return max(runs, SMALL_BANK_RUNS) if articles <= SMALL_BANK else runs


def build_sizes(result: SizeResult, folder: Path, runs: int, baseline: Path | None = None) -> None:
    """Build the same pages with and without the hooks (and by the baseline's code), `runs` times each, interleaved."""
    with_hooks, without_hooks = project(folder, True), project(folder, False)
    builds = [(without_hooks, result.without_hooks, ENV), (with_hooks, result.with_hooks, ENV)]
    if baseline is not None:
        # Its own qbank package first on the path, ahead of the installed one.
        env = {**ENV, "PYTHONPATH": str(baseline)}
        builds.insert(0, (baseline_project(folder, baseline), result.baseline, env))
    site = folder / "site"
    for _ in range(build_runs(result.articles, runs)):
        # This tree's build with hooks last, so the site left behind is the real one, measured below.
        for config, bucket, env in builds:
            shutil.rmtree(site, ignore_errors=True)
            command = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
            bucket.append(measure(command, config.parent, env))
    folders = {"zh": site / "search", "en": site / "en/search"}
    result.index_bytes = {lang: sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
                          for lang, folder in folders.items()}
    result.query_bytes = {lang: max(query_bytes(folders[lang], query) for query in QUERIES[lang]) for lang in folders}
    result.recall = {lang: search_recall(site, lang, QUERIES[lang]) for lang in folders}
    measured = search_runs(site, QUERIES, runs)
    result.search = {lang: {query: summary(runs_) for query, runs_ in by_query.items()}
                     for lang, by_query in measured.items()}
    pages = [(path, path.stat().st_size) for path in site.rglob("*.html")]
    biggest = max(pages, key=lambda item: item[1])
    result.largest_page = (biggest[0].relative_to(site).as_posix(), biggest[1])
    result.questions = len(json.loads((site / "questions.json").read_text(encoding="utf-8"))["questions"])
    result.sanitise = sanitise_seconds(site, runs)


# A fixed list of queries: common and rare words of the series, in both languages.
QUERIES = {
    "zh": ["过拟合", "数据不平衡", "模型压缩", "知识蒸馏", "分布式训练", "数据隐私", "正则化", "医疗", "推理速度", "模型"],
    # The synthetic English pages are made of a small vocabulary (benchmarks/synth.py WORDS).
    "en": ["model", "training data", "optimize performance", "monitor", "industry"],
}
SHOWN_GROUPS, SHOWN_SECTIONS = 40, 12  # as the search worker (overrides/assets/qbank/search-worker.js) shows


def query_bytes(folder: Path, query: str) -> int:
    """What the search worker downloads for a query: meta, its tokens' shards, the chunks of the entries shown."""
    from qbank.site.search_shards import lookup

    meta_path = folder / "qbank/meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    found, shard_bytes = lookup(folder, query)
    pages = meta["pages"]
    groups: dict[int, list[int]] = {}
    for doc in found:
        page = pages[bisect.bisect_right(pages, doc) - 1] if pages and pages[0] <= doc else 0
        groups.setdefault(page, []).append(doc)
    shown = [doc for page, docs in list(groups.items())[:SHOWN_GROUPS] for doc in [page, *docs[:SHOWN_SECTIONS]]]
    chunks = {doc // meta["chunk"] for doc in shown}
    entry_bytes = sum((folder / "qbank/d" / f"{chunk}.json").stat().st_size for chunk in chunks)
    return meta_path.stat().st_size + shard_bytes + entry_bytes


ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
# The links under a question list other questions' titles; search leaves them out, and so does recall.
LINKS = re.compile(r'<div class="qbank-links".*?</div>', re.S)


def search_recall(site: Path, lang: str, queries: list[str]) -> dict[str, float]:
    """Per query, the share of article pages whose text holds it that the search finds (None holding it: 1)."""
    from qbank.site.search_shards import lookup, normalized, plain, read_index

    root = site if lang == "zh" else site / lang
    texts = {}
    for page in (root / "articles").glob("*/index.html"):
        found = ARTICLE.search(page.read_text(encoding="utf-8"))
        texts[f"articles/{page.parent.name}/"] = normalized(plain(LINKS.sub(" ", found.group(1) if found else "")))
    _, entries = read_index(root / "search")
    recall = {}
    for query in queries:
        holding = {location for location, text in texts.items() if normalized(query) in text}
        docs, _ = lookup(root / "search", query)
        found_pages = {entries[doc][0].split("#")[0] for doc in docs}
        recall[query] = len(holding & found_pages) / len(holding) if holding else 1.0
    return recall


def detection(articles: int, runs: int) -> list[float]:
    """Duplicate detection alone (vectors, candidate pairs, pair model, clusters, related) on `articles` × 30."""
    from qbank.graph.duplicates import cluster, load_model, related, score_pairs
    from qbank.graph.pair_features import QuestionText
    from qbank.graph.text import concept_forms, segment

    texts = [QuestionText(title, answer) for title, answer in questions(articles)]
    model = load_model()
    timings = []
    for _ in range(runs):
        concept_forms.cache_clear()  # each run segments every title afresh, as a new build would
        segment.cache_clear()
        started = time.perf_counter()
        scored = score_pairs(texts)
        related(scored, cluster(scored, model))
        timings.append(time.perf_counter() - started)
    return timings


def free_port() -> int:
    """A free localhost port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_rebuilds(folder: Path, runs: int) -> list[Rebuild]:
    """Edit one article of a prepared bank under `make serve`'s `mkdocs serve --dirty --no-strict`, `runs` times."""
    config = project(folder, True)
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        cwd=folder, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        wait_for(process, "Serving on")  # after the first build, search index included
        page = sorted((folder / "docs/articles").glob("*.md"))[0]
        if page.name.endswith(".en.md"):
            page = page.with_name(page.name.removesuffix(".en.md") + ".md")
        original = page.read_text(encoding="utf-8")
        timings = []
        for run in range(runs):
            # A change to the first answer's text: no title changes, as in most edits.
            lines = original.splitlines(keepends=True)
            opening = next(number for number, line in enumerate(lines) if line.startswith("??? answer"))
            first = next(number for number in range(opening + 1, len(lines)) if lines[number].strip())
            lines[first] = lines[first].rstrip("\n") + "，" * (run + 1) + "\n"
            page.write_text("".join(lines), encoding="utf-8")
            started = time.perf_counter()
            wait_for(process, "Reloading browsers")
            shown = time.perf_counter() - started
            wait_for(process, "search index written")
            timings.append(Rebuild(shown, time.perf_counter() - started))
        page.write_text(original, encoding="utf-8")
        return timings
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for(process: subprocess.Popen, marker: str, limit: float = 300) -> None:
    """Read the server's log until a line contains `marker`."""
    deadline = time.monotonic() + limit
    assert process.stderr is not None
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            raise SystemExit("mkdocs serve stopped unexpectedly")
        if marker in line:
            return
    raise SystemExit(f"mkdocs serve did not log {marker!r} within {limit} s")


def median(values: list[float]) -> float:
    """The median of some timings."""
    return statistics.median(values)


def machine() -> str:
    """A one-line description of this machine."""
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else ""
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"MemTotal:\s*(\d+)", meminfo.read_text())
        memory = f", {int(found.group(1)) / 1024 / 1024:.0f} GiB RAM" if found else ""
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({cpu}){memory}, "
            f"Python {platform.python_version()}")


def hostile_seconds() -> dict[str, tuple[float, int]]:
    """Seconds `qbank ingest` takes on each hostile source, and its exit status, in a scratch folder."""
    with tempfile.TemporaryDirectory() as scratch:
        return hostile(Path(scratch))


def hostile_only() -> int:
    """`--hostile-only`: time the hostile sources, print their checks; 1 when one misses its target."""
    from benchmarks.report import hostile_checks

    checks = hostile_checks(hostile_seconds())
    for line in checks:
        print(line.text)
    return 0 if all(line.met for line in checks) else 1


def lighthouse_only(runs: int) -> int:
    """`--lighthouse-only`: Lighthouse on the shipped bank's pages, print the checks; 1 when one misses its target."""
    from benchmarks.report import lighthouse_checks, lighthouse_table

    scores = lighthouse(runs)
    print(lighthouse_table(scores, "en"))
    checks = lighthouse_checks(scores)
    for line in checks:
        print(line.text)
    return 0 if all(line.met for line in checks) else 1


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark and write the report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="+", type=int, default=[50, 200, 1000])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument("--detection-articles", type=int, default=1000)
    parser.add_argument("--serve-articles", type=int, default=200,
                        help="the size at which to time `mkdocs serve --dirty` after an edit (default 200)")
    parser.add_argument("--no-write", action="store_true", help="print only; do not update docs/benchmarks*.md")
    parser.add_argument("--baseline", metavar="REV",
                        help="also build each bank with this git revision's code, interleaved, and compare")
    parser.add_argument("--hostile-only", action="store_true",
                        help="only time `qbank ingest` on the hostile sources (benchmarks/hostile.py); write nothing")
    parser.add_argument("--lighthouse-only", action="store_true",
                        help="only run Lighthouse on the shipped bank's pages (benchmarks/lighthouse.py); write nothing")
    args = parser.parse_args(argv)
    if args.hostile_only:
        return hostile_only()
    if args.lighthouse_only:
        return lighthouse_only(args.runs)

    results = []
    with ExitStack() as stack:
        baseline = stack.enter_context(baseline_tree(args.baseline)) if args.baseline else None
        for size in args.sizes:
            with tempfile.TemporaryDirectory() as scratch:
                print(f"[bench] {size} articles: generating and ingesting", flush=True)
                result = prepare(Path(scratch), size)
                also = f" and with {args.baseline}'s code" if baseline else ""
                print(f"[bench] {size} articles: building {build_runs(size, args.runs)}× with and without hooks{also}",
                      flush=True)
                build_sizes(result, Path(scratch), args.runs, baseline)
                if size <= PDF_SIZE:
                    print(f"[bench] {size} articles: make pdf", flush=True)
                    print_pdfs(result, Path(scratch), args.runs)
                if size == args.serve_articles:
                    print(f"[bench] {size} articles: mkdocs serve --dirty, {args.runs} one-page edits", flush=True)
                    result.rebuild = serve_rebuilds(Path(scratch), args.runs)
                results.append(result)
    print(f"[bench] duplicate detection on {args.detection_articles * 30} questions", flush=True)
    detect = detection(args.detection_articles, args.runs)

    print(f"[bench] Lighthouse on the shipped bank's pages, {args.runs} runs each", flush=True)
    scores = lighthouse(args.runs)

    from benchmarks.report import comparison, hostile_checks, lighthouse_checks, lighthouse_table, render, targets

    checks = targets(results, detect, args.baseline) + hostile_checks(hostile_seconds()) + lighthouse_checks(scores)
    report = render(results, detect, checks, machine(), datetime.date.today().isoformat(), args.runs, args.baseline,
                    scores)
    print(report["table"])
    if args.baseline:
        print(comparison(results, args.baseline, "en"))
    print(lighthouse_table(scores, "en"))
    for line in checks:
        print(line.text)
    if not args.no_write:
        (ROOT / "docs/benchmarks.md").write_text(report["zh"], encoding="utf-8")
        (ROOT / "docs/benchmarks.en.md").write_text(report["en"], encoding="utf-8")
        print("[bench] wrote docs/benchmarks.md and docs/benchmarks.en.md")
    return 0 if all(line.met for line in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
