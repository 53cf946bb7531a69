"""Lighthouse (npm, pinned in tools/package.json) on the shipped bank's site, as a host serves it: each language's
home, largest article, guide, review page and largest topic page, on Lighthouse's mobile profile (a mid-range
phone on a slow 4G link, simulated), in Debian's Chromium.

The site is served with its gzip copies (`qbank precompress`), as nginx `gzip_static`, Caddy, CDNs and GitHub
Pages (which compresses on its own) send it: an uncompressed local server would measure a host nobody uses.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from qbank.study.pdf import CHROMIUM, CHROMIUM_ARGS, QuietHandler, serve

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools/node_modules/.bin/lighthouse"
LANGUAGES = {"zh": "", "en": "en/"}
PERFORMANCE_TARGET = 95
SHIFT_TARGET = 0.05


class PrecompressedHandler(QuietHandler):
    """Send `file.gz` for `file` to a browser that accepts gzip, as nginx's `gzip_static on` does."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        packed = path.with_name(path.name + ".gz")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not packed.is_file():
            return super().send_head()
        body = packed.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(packed.stat().st_size))
        self.end_headers()
        return body


@dataclass
class PageScore:
    """Lighthouse's medians for one page: performance score (0–100), paint times, blocking time, layout shift."""

    lang: str
    kind: str
    path: str
    performance: float
    first_paint: float  # first contentful paint, s
    largest_paint: float  # largest contentful paint, s
    blocking: float  # total blocking time, ms
    shift: float  # cumulative layout shift

    @property
    def met(self) -> bool:
        """Whether the page meets both targets."""
        return self.performance >= PERFORMANCE_TARGET and self.shift < SHIFT_TARGET


def largest(site: Path, folder: str) -> str:
    """The site path of the largest page under a folder (its pages are `<folder>/<name>/index.html`)."""
    pages = [page for page in (site / folder).glob("*/index.html")]
    if not pages:
        return folder + "/"
    page = max(pages, key=lambda page: (page.stat().st_size, page.as_posix()))
    return page.parent.relative_to(site).as_posix() + "/"


def pages(site: Path, lang: str) -> dict[str, str]:
    """The measured pages of a language, by kind: site-relative paths."""
    root = LANGUAGES[lang]
    return {"home": root, "article": largest(site, root + "articles"), "guide": root + "guide/",
            "review": root + "review/", "topics": largest(site, root + "topics")}


def audit(url: str) -> dict:
    """One Lighthouse run (performance only, mobile), its JSON report."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    result = subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance", "--output=json",
                             "--output-path=stdout", f"--chrome-flags={flags}"],
                            env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def scored(reports: list[dict], lang: str, kind: str, path: str) -> PageScore:
    """The median of each figure over a page's runs."""
    def figure(name: str) -> float:
        return statistics.median(report["audits"][name]["numericValue"] for report in reports)

    return PageScore(lang, kind, path, statistics.median(report["categories"]["performance"]["score"] * 100
                                                         for report in reports),
                     figure("first-contentful-paint") / 1000, figure("largest-contentful-paint") / 1000,
                     figure("total-blocking-time"), figure("cumulative-layout-shift"))


def lighthouse(runs: int) -> list[PageScore]:
    """Build the shipped bank's site, precompress it, serve it and run Lighthouse `runs` times on each page."""
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `make tools` (npm ci --prefix tools)")
    python = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([str(python / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(site)],
                       cwd=ROOT, env=environment, check=True)
        subprocess.run([str(python / "qbank"), "precompress", "--site", str(site)], cwd=ROOT, check=True,
                       capture_output=True)
        scores = []
        with serve(site, PrecompressedHandler) as base:
            for lang in LANGUAGES:
                for kind, path in pages(site, lang).items():
                    scores.append(scored([audit(base + path) for _ in range(runs)], lang, kind, path))
        return scores
