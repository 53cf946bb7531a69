"""Hostile sources for `make bench`: one huge line, a 10 MB article, 5,000 questions in one article.

Every text step of ingest must be linear in its input, so each of these ingests in seconds.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINE_CHARS = 200_000
ARTICLE_BYTES = 10_000_000
QUESTIONS = 5_000
# Seconds after which an ingest is stopped and reported as this long.
LIMIT = 600.0
# The status reported for an ingest stopped at LIMIT, and for one that ended in a Python traceback.
STOPPED, TRACEBACK = -1, -2
# CJK, heading marks, emphasis, digits and sentence ends, no spaces: nothing for a pattern to match.
NOISE = "面试题答案算法模型数据优势？。：#*123"


def material() -> str:
    """A real article of the series (the first of sources/) to build the inputs from."""
    return sorted((ROOT / "sources").glob("*.txt"))[0].read_text(encoding="utf-8")


def one_line(text: str) -> str:
    """A real article with its newlines removed, cut or repeated to LINE_CHARS characters."""
    flat = text.replace("\n", " ")
    # Led by prose, so the line is not a heading the clean-up steps pass over.
    return ("导言：" + flat * (LINE_CHARS // len(flat) + 1))[:LINE_CHARS] + "\n"


def noise_line(seed: int = 0) -> str:
    """LINE_CHARS random CJK, `#`, `*`, digits and punctuation on one line, after a real title."""
    rng = random.Random(seed)
    return "# 如何利用噪声优势\n\n" + "".join(rng.choice(NOISE) for _ in range(LINE_CHARS)) + "\n"


def big_article(text: str) -> str:
    """A real article repeated to ARTICLE_BYTES bytes."""
    return text * (ARTICLE_BYTES // len(text.encode("utf-8")) + 1)


def many_questions(count: int = QUESTIONS) -> str:
    """One article of `count` numbered questions, each with a short answer."""
    parts = ["# 如何利用规模优势\n\n## 面试题\n"]
    for number in range(1, count + 1):
        parts.append(f"**{number}. 面试题：** 第 {number} 题：如何评估模型 {number} 的效果？\n\n"
                     f"**答案：** 用验证集上的指标 {number} 评估，并与基线比较。\n")
    return "\n".join(parts)


def inputs() -> dict[str, str]:
    """The hostile sources by name."""
    text = material()
    return {
        "one line of 200,000 characters (an article)": one_line(text),
        "one line of 200,000 characters (random)": noise_line(),
        "a heading line with 200,000 blanks": f"# 如何利用空白优势{' ' * LINE_CHARS}。\n\n{text}",
        "10 MB article": big_article(text),
        "5,000 questions in one article": many_questions(),
    }


def ingest_seconds(name: str, text: str, folder: Path) -> tuple[float, int]:
    """Time `qbank ingest` of one source into a fresh bank; return seconds and exit status."""
    project = folder / "bank"
    shutil.rmtree(project, ignore_errors=True)
    (project / "sources").mkdir(parents=True)
    (project / "docs/articles").mkdir(parents=True)
    shutil.copytree(ROOT / "docs/taxonomy", project / "docs/taxonomy")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "sources/hostile.md").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "qbank.cli", "ingest", "sources/hostile.md"], cwd=project,
                              capture_output=True, text=True, timeout=LIMIT,
                              env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"})
    except subprocess.TimeoutExpired:
        return LIMIT, STOPPED  # a regression is reported as the limit, not waited for
    seconds = time.perf_counter() - start
    if "Traceback" in done.stderr:  # exits 1 like a refusal, but is a bug
        print(f"[bench] {name}: traceback\n{done.stderr[-2000:]}", flush=True)
        return seconds, TRACEBACK
    return seconds, done.returncode


def hostile(folder: Path) -> dict[str, tuple[float, int]]:
    """Seconds `qbank ingest` takes on each hostile source, and its exit status (1: refused with a message)."""
    outcomes = {}
    for name, text in inputs().items():
        print(f"[bench] hostile input: {name}", flush=True)
        outcomes[name] = ingest_seconds(name, text, folder)
        print(f"[bench]   {outcomes[name][0]:.1f} s", flush=True)
    return outcomes
