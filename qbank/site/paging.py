"""Pages a phone can open: the gathering pages (guide, sheet, topics, duplicates) split by a budget.

A view (the guide, one topic's page…) is one page while it fits the budget. Past it, the view is cut
into consecutive pages: `topics/x.md`, then `topics/x/2.md`, `topics/x/3.md`. Entry anchors stay
the same wherever an entry lands; each view publishes where its anchors are (sharded, so a lookup
downloads a few kilobytes at any size), and the page script follows a link whose anchor has moved.
"""

from __future__ import annotations

import json
import math
import re
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from qbank.source.model import Question

Item = TypeVar("Item")

# Highlighted code costs several times its characters in HTML (a span per token).
CODE_WEIGHT = 4
FENCE = re.compile(r"^( *)(`{3,}|~{3,}).*?^\1\2", re.M | re.S)
# About this many anchors per shard of a view's anchor map.
ANCHORS_PER_SHARD = 256
ANCHORS_DIR = "anchors"


@dataclass(frozen=True)
class PageBudget:
    """The most a page of a gathering view holds: entries, and their weight (see `markdown_weight`)."""

    entries: int
    weight: int


def markdown_weight(markdown: str) -> int:
    """About how much HTML some Markdown makes: its characters, fenced code counted `CODE_WEIGHT` times."""
    code = sum(len(found.group(0)) for found in FENCE.finditer(markdown))
    return len(markdown) + (CODE_WEIGHT - 1) * code


def question_weight(question: Question) -> int:
    """The weight of a question's prompt, hints and answer."""
    return markdown_weight("\n".join((question.title, question.prompt, question.hints, question.answer_markdown())))


def split(items: Sequence[Item], weight: Callable[[Item], int], budget: PageBudget) -> list[list[Item]]:
    """Consecutive runs of the items, each within the budget; an item heavier than it is a page of its own."""
    pages: list[list[Item]] = [[]]
    load = 0
    for item in items:
        cost = weight(item)
        if pages[-1] and (len(pages[-1]) >= budget.entries or load + cost > budget.weight):
            pages.append([])
            load = 0
        pages[-1].append(item)
        load += cost
    return pages


def continuation(first: str, number: int) -> str:
    """The docs path of page `number` of a view whose first page is `first`: `topics/x.md` → `topics/x/2.md`."""
    if number == 1:
        return first
    return f"{first.removesuffix('.md').removesuffix('/index')}/{number}.md"


def anchor_shard(anchor: str, shards: int) -> int:
    """Which shard of an anchor map holds an anchor: FNV-1a over its UTF-16 code units (qbank.js does the same)."""
    value = 0x811C9DC5
    encoded = anchor.encode("utf-16-le")
    for unit in struct.unpack(f"<{len(encoded) // 2}H", encoded):
        value = ((value ^ unit) * 0x01000193) & 0xFFFFFFFF
    return value % shards


def shard_count(anchors: int) -> int:
    """How many shards an anchor map of this many anchors is cut into (a power of two)."""
    return 1 << max(0, math.ceil(math.log2(max(1, anchors) / ANCHORS_PER_SHARD)))


def anchor_maps(folder: str, locations: dict[str, str]) -> tuple[int, dict[str, str]]:
    """A view's anchor map as files under `folder/anchors/`: the shard count, and JSON by docs path.

    `locations` maps each anchor to its page's URL relative to the language root.
    """
    shards = shard_count(len(locations))
    maps: list[dict[str, str]] = [{} for _ in range(shards)]
    for anchor, url in locations.items():
        maps[anchor_shard(anchor, shards)][anchor] = url
    return shards, {f"{folder}/{ANCHORS_DIR}/{number}.json": json.dumps(found, ensure_ascii=False,
                                                                        separators=(",", ":"), sort_keys=True) + "\n"
                    for number, found in enumerate(maps)}
