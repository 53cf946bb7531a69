"""Gzip copies beside a built site's text files, for hosts that serve them as they are.

nginx (`gzip_static on`), Caddy (`precompressed gzip`) and most CDNs in front of object storage send
`page.html.gz` to a browser that accepts gzip, with no compression on each request. GitHub Pages
compresses on its own and ignores such copies, so the Pages workflow leaves them out.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

from qbank.bank.ingest import write_bytes_atomic

# Text the browser downloads: pages, styles, scripts, the search shards, questions.json, the sitemap.
COMPRESSIBLE = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".csv", ".po"})
# Below this, a gzip copy saves less than a packet.
SMALLEST = 1024


@dataclass(frozen=True)
class Compressed:
    """What precompressing a site did."""

    files: int
    original_bytes: int
    compressed_bytes: int


def precompress(site: Path, smallest: int = SMALLEST) -> Compressed:
    """Write `<file>.gz` beside every compressible file of `smallest` bytes or more, when it is smaller.

    Idempotent: a copy already up to date is kept, a stale one rewritten, one no longer smaller removed.
    """
    files = original = compressed = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in COMPRESSIBLE or not path.is_file():
            continue
        data = path.read_bytes()
        target = path.with_name(path.name + ".gz")
        # mtime 0: the same site gives the same bytes, so a deploy uploads only what changed.
        packed = gzip.compress(data, compresslevel=9, mtime=0) if len(data) >= smallest else b""
        if not packed or len(packed) >= len(data):
            target.unlink(missing_ok=True)
            continue
        if not target.is_file() or target.read_bytes() != packed:
            write_bytes_atomic(target, packed)
        files, original, compressed = files + 1, original + len(data), compressed + len(packed)
    return Compressed(files, original, compressed)
