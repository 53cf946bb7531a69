"""The sanitiser's cost (qbank.site.sanitise): every article page's content of a built site, sanitised again.

`make bench` reports it per bank size as a share of the build; `python -m benchmarks.sanitise SITE` prints the
seconds and the article HTML's size for one built site.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from qbank.site.sanitise import sanitise

CONTENT = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def article_html(site: Path) -> list[str]:
    """The content HTML of every article page of a built site (both languages)."""
    pages = sorted(site.glob("articles/*/index.html")) + sorted(site.glob("*/articles/*/index.html"))
    return [found[1] for page in pages if (found := CONTENT.search(page.read_text(encoding="utf-8")))]


def sanitise_seconds(site: Path, runs: int = 3) -> tuple[float, int]:
    """The best of `runs` times to sanitise all article HTML of `site`, and its size in bytes."""
    fragments = article_html(site)
    sanitise("<p>warm</p>")  # the allowlist's cleaner is made once per process
    best = min(_timed(fragments) for _ in range(runs))
    return best, sum(len(fragment.encode()) for fragment in fragments)


def _timed(fragments: list[str]) -> float:
    start = time.perf_counter()
    for fragment in fragments:
        sanitise(fragment)
    return time.perf_counter() - start


if __name__ == "__main__":
    seconds, size = sanitise_seconds(Path(sys.argv[1]))
    print(f"sanitised {size / 1e6:.2f} MB of article HTML in {seconds * 1000:.0f} ms")
