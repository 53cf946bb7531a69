"""A search index split by token into small files, so that a query downloads only what it needs.

Chinese is indexed as overlapping character pairs (and single characters), so every query that is a
substring of a page's text finds that page, however a segmenter would have cut either. Latin words are
indexed with their prefixes, so `overfit` finds `overfitting`. The page script
(`overrides/assets/qbank/search-worker.js`, Material's custom search worker) cuts a query the same way,
fetches the shard of each of its tokens, intersects their posting lists and then fetches only the
stored entries of the results it shows.

Layout under a language's `search/`:
- `search_index.json`: Material's config only (no documents): the page script needs nothing else to start;
- `qbank/meta.json`: the format, how many shards and documents, page starts, entries per chunk;
- `qbank/s/<n>.json`: `{token: [all, title]}`, each a posting list, encoded as a bitmap or as deltas;
- `qbank/d/<n>.json`: `[[location, title, preview], …]`, the stored entries, `CHUNK` per file.
"""

from __future__ import annotations

import base64
import html
import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy

from qbank.bank.ingest import write_atomic

FORMAT = 1
CHUNK = 32  # stored entries per file: a result page fetches a handful of them
SHARD_BYTES = 40_000  # the aimed size of one shard file
PREVIEW = 240  # characters of a result's preview
MAX_PREFIX = 20
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUNS = re.compile(rf"[{HAN}]+|[a-z0-9]+")
HAN_CHARACTER = re.compile(rf"[{HAN}]")
HAN_PAIR = re.compile(rf"(?=([{HAN}]{{2}}))")  # overlapping pairs
LATIN_WORD = re.compile(r"[a-z0-9]+")
TAGS = re.compile(r"<[^>]+>")


def normalized(text: str) -> str:
    """Text as both sides compare it: NFKC (full-width to ASCII), lower case, no zero-width spaces."""
    return unicodedata.normalize("NFKC", text).replace("\u200b", "").lower()


def index_tokens(text: str) -> set[str]:
    """Every token a text is found by: Chinese characters and character pairs, Latin words and prefixes."""
    text = normalized(text)
    # The regular expressions do the per-character work (a page has thousands of pairs).
    found = set(HAN_CHARACTER.findall(text))
    found.update(HAN_PAIR.findall(text))
    for word in set(LATIN_WORD.findall(text)):
        found.update(word[:length] for length in range(1, min(len(word), MAX_PREFIX) + 1))
    return found


def query_tokens(query: str) -> list[str]:
    """The tokens a query needs, all of them (the page script's `queryTokens` does the same)."""
    tokens: list[str] = []
    for run in RUNS.findall(normalized(query)):
        if run[0].isascii():
            tokens.append(run[:MAX_PREFIX])
        elif len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
    return list(dict.fromkeys(tokens))


def shard_of(token: str, shards: int) -> int:
    """FNV-1a of the token's UTF-8 bytes, modulo the shard count (the page script computes the same)."""
    value = 0x811C9DC5
    for byte in token.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % shards


def encode(ids: list[int], total: int) -> str:
    """A sorted posting list as `b…` (a bitmap over all documents) or `v…` (varint gaps), whichever is smaller."""
    size = math.ceil(total / 8)
    if len(ids) >= size:  # a gap takes at least a byte: the bitmap is no larger
        return "b" + base64.b64encode(_bitmap(ids, size)).decode("ascii")
    gaps = bytearray()
    previous = -1
    for doc in ids:
        gap = doc - previous
        previous = doc
        while gap >= 0x80:
            gaps.append((gap & 0x7F) | 0x80)
            gap >>= 7
        gaps.append(gap)
    if len(gaps) <= size:
        return "v" + base64.b64encode(bytes(gaps)).decode("ascii")
    return "b" + base64.b64encode(_bitmap(ids, size)).decode("ascii")


def _bitmap(ids: list[int], size: int) -> bytes:
    """A bitmap of `size` bytes with the bits of `ids` set, least significant bit first."""
    bits = numpy.zeros(size * 8, dtype=bool)
    bits[ids] = True
    return numpy.packbits(bits, bitorder="little").tobytes()


def decode(encoded: str, total: int) -> list[int]:
    """The document ids of an encoded posting list."""
    data = base64.b64decode(encoded[1:])
    if encoded[0] == "b":
        return [doc for doc in range(total) if data[doc >> 3] >> (doc & 7) & 1]
    ids, value, shift, previous = [], 0, 0, -1
    for byte in data:
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            previous += value
            ids.append(previous)
            value, shift = 0, 0
    return ids


def plain(text: str) -> str:
    """An index entry's HTML as plain text."""
    return " ".join(html.unescape(TAGS.sub(" ", text.replace("\u200b", ""))).split())


@dataclass
class ShardedIndex:
    """One language's index, ready to write."""

    meta: dict[str, Any]
    shards: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    chunks: list[list[list[str]]] = field(default_factory=list)


def build_index(docs: Iterable[dict[str, str]], searched_fields: tuple[str, ...] = ("text", "answer")) -> ShardedIndex:
    """Shards and stored entries of Material-style index entries (location, title, text, extra fields)."""
    entries = list(docs)
    postings: dict[str, list[int]] = {}
    titles: dict[str, list[int]] = {}
    for doc, entry in enumerate(entries):
        title = index_tokens(entry.get("title", ""))
        body = index_tokens(" ".join(plain(entry.get(name, "")) for name in searched_fields))
        for token in title | body:
            postings.setdefault(token, []).append(doc)
        for token in title:
            titles.setdefault(token, []).append(doc)
    total = len(entries)
    encoded = {token: [encode(ids, total), encode(titles.get(token, []), total)] for token, ids in postings.items()}
    size = sum(len(token) + len(all_) + len(title) + 10 for token, (all_, title) in encoded.items())
    count = 1 << max(0, math.ceil(math.log2(max(size / SHARD_BYTES, 1))))
    index = ShardedIndex({"format": FORMAT, "shards": count, "documents": total, "chunk": CHUNK,
                          "pages": [doc for doc, entry in enumerate(entries) if "#" not in entry.get("location", "")]})
    for token in sorted(encoded):  # tokens came from sets: sorted, a build writes the same bytes every time
        index.shards.setdefault(shard_of(token, count), {})[token] = encoded[token]
    stored = [[entry.get("location", ""), plain(entry.get("title", "")), plain(entry.get("text", ""))[:PREVIEW]]
              for entry in entries]
    index.chunks = [stored[start:start + CHUNK] for start in range(0, total, CHUNK)]
    return index


def write_index(folder: Path, index: ShardedIndex, config: dict[str, Any]) -> int:
    """Write one language's index under its `search/` folder; the bytes written."""
    def dump(path: Path, value: object) -> int:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        write_atomic(path, text)
        return len(text.encode("utf-8"))

    root = folder / "qbank"
    written = dump(folder / "search_index.json", {"config": config, "docs": []})
    written += dump(root / "meta.json", index.meta)
    for number in range(index.meta["shards"]):
        written += dump(root / "s" / f"{number}.json", index.shards.get(number, {}))
    for number, chunk in enumerate(index.chunks):
        written += dump(root / "d" / f"{number}.json", chunk)
    return written


def read_index(folder: Path) -> tuple[dict[str, Any], list[list[str]]]:
    """A written index's meta and every stored entry (location, title, preview), in document order."""
    root = folder / "qbank"
    meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    chunks = math.ceil(meta["documents"] / meta["chunk"])
    entries = [entry for number in range(chunks)
               for entry in json.loads((root / "d" / f"{number}.json").read_text(encoding="utf-8"))]
    return meta, entries


def lookup(folder: Path, query: str) -> tuple[list[int], int]:
    """The documents holding every token of a query, as the page script finds them, and the shard bytes read."""
    meta = json.loads((folder / "qbank/meta.json").read_text(encoding="utf-8"))
    found: set[int] | None = None
    read = 0
    for token in query_tokens(query):
        path = folder / "qbank/s" / f"{shard_of(token, meta['shards'])}.json"
        read += path.stat().st_size
        lists = json.loads(path.read_text(encoding="utf-8")).get(token)
        ids = set(decode(lists[0], meta["documents"])) if lists else set()
        found = ids if found is None else found & ids
    return sorted(found or ()), read
