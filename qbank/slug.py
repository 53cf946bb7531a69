"""Readable English slugs for article pages, derived from the Chinese title."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

ASCII_WORD = re.compile(r"[A-Za-z0-9]+")


@cache
def terms() -> dict[str, str]:
    """The zh → en slug vocabulary shipped in qbank/data/slug_terms.tsv."""
    table: dict[str, str] = {}
    text = resources.files("qbank").joinpath("data/slug_terms.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            zh, _, en = line.partition("\t")
            table[zh.strip()] = en.strip()
    return table


def _pinyin(char: str) -> str:
    """Romanise a Chinese character the vocabulary lacks."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # pragma: no cover - pypinyin is a declared dependency
        return ""
    return "".join(lazy_pinyin(char))


def slugify(title: str) -> str:
    """Turn a series title like "AI 大模型创业：如何利用科技优势？" into "technology-advantage"."""
    # The series prefix before the colon ("AI 大模型创业：") says nothing about the article.
    head, sep, tail = title.partition("：") if "：" in title else title.partition(":")
    text = tail if sep and "创业" in head and tail.strip() else title
    text = re.split(r"——|--", text)[0]
    vocabulary = terms()
    longest = max(map(len, vocabulary))
    words: list[str] = []
    index = 0
    while index < len(text):
        if match := ASCII_WORD.match(text, index):
            if match.group(0) not in vocabulary:
                words.append(match.group(0).lower())
            index = match.end()
            continue
        for size in range(min(longest, len(text) - index), 0, -1):
            piece = text[index:index + size]
            if piece in vocabulary:
                if vocabulary[piece]:
                    words.append(vocabulary[piece])
                index += size
                break
        else:
            if "\u4e00" <= text[index] <= "\u9fff" and (romanised := _pinyin(text[index])):
                words.append(romanised)
            index += 1
    while words and words[0] == "and":
        words.pop(0)
    while words and words[-1] == "and":
        words.pop()
    slug = "-".join(words)
    return re.sub(r"-{2,}", "-", slug).strip("-")
