"""Readable English slugs for article pages, derived from the series' title pattern."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
CJK = re.compile(r"[\u3400-\u9fff]")
ADVANTAGE = "优势"
# A date in a source path, as the series files them (`articles/20240105/…`, `2024-01-05-…`).
PATH_DATE = re.compile(r"(?<!\d)(20\d\d)-?([01]\d)-?([0-3]\d)(?!\d)")


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


@cache
def term_lengths() -> dict[str, tuple[int, ...]]:
    """The lengths of the vocabulary's terms by their first character, longest first."""
    lengths: dict[str, set[int]] = {}
    for term in terms():
        if term:
            lengths.setdefault(term[0], set()).add(len(term))
    return {first: tuple(sorted(sizes, reverse=True)) for first, sizes in lengths.items()}


def english_words(text: str) -> tuple[list[str], list[str]]:
    """Translate known terms word by word (longest match); also return the Chinese runs it could not."""
    vocabulary = terms()
    # Only the lengths of terms that start with the character at hand are tried: trying every length up to
    # the longest term at every character made this the slowest step of ingesting a big article.
    lengths = term_lengths()
    words: list[str] = []
    unknown: list[str] = []
    index = 0
    while index < len(text):
        if match := ASCII_WORD.match(text, index):
            if match.group(0) not in vocabulary:
                words.append(match.group(0).lower())
            index = match.end()
            continue
        for size in lengths.get(text[index], ()):
            piece = text[index:index + size]
            if len(piece) == size and piece in vocabulary:
                if vocabulary[piece]:
                    words.append(vocabulary[piece])
                index += size
                break
        else:
            if CJK.match(text[index]):
                if unknown and unknown[-1][-1] == text[index - 1]:
                    unknown[-1] += text[index]
                else:
                    unknown.append(text[index])
            index += 1
    return words, unknown


def _trim(words: list[str]) -> list[str]:
    """Drop joining words at either end and repeated words."""
    out: list[str] = []
    for word in words:
        if word not in out:
            out.append(word)
    while out and out[0] == "and":
        out.pop(0)
    while out and out[-1] == "and":
        out.pop()
    return out


@dataclass
class SlugParts:
    """The words of a title's slug: the core (`channel-advantage`), extra words that tell apart, and gaps."""

    core: list[str]
    extra: list[str]
    unknown: list[str]

    def slug(self, extra: int = 0) -> str:
        """The slug with the first `extra` distinguishing words."""
        return "-".join(_trim(self.core + self.extra[:extra]))


def slug_parts(title: str) -> SlugParts:
    """Split a series title like "AI 大模型创业：如何利用渠道优势与策略" into core and extra English words."""
    # The series prefix before the colon ("AI 大模型创业：") says nothing about the article.
    head, sep, tail = title.partition("：") if "：" in title else title.partition(":")
    text = tail if sep and "创业" in head and tail.strip() else title
    main, subtitle = [*re.split(r"——|--", text, maxsplit=1), ""][:2]
    if ADVANTAGE in main:
        before, _, after = main.partition(ADVANTAGE)
        vocabulary = terms()
        # X of "如何利用X优势": the longest known term right before 优势.
        x_term = next((before[-size:] for size in range(min(8, len(before)), 0, -1) if before[-size:] in vocabulary
                       and vocabulary[before[-size:]]), "")
        rest = before[: len(before) - len(x_term)] + " " + after + " " + subtitle
        extra, unknown = english_words(rest)
        core = [vocabulary[x_term], "advantage"] if x_term else ["advantage"]
        if not x_term:
            unknown = [before[-2:], *unknown]
        return SlugParts(core, [word for word in _trim(extra) if word not in core], unknown)
    core, unknown = english_words(main)
    extra, more = english_words(subtitle)
    return SlugParts(_trim(core), [word for word in _trim(extra) if word not in core], unknown + more)


def slugify(title: str) -> str:
    """Turn a series title like "AI 大模型创业：如何利用科技优势？" into "technology-advantage"."""
    return slug_parts(title).slug()


def path_date(path: str) -> str:
    """A date in a source's path as YYYY-MM-DD, or ""."""
    match = PATH_DATE.search(path)
    return f"{match[1]}-{match[2]}-{match[3]}" if match else ""


def positional_anchor(value: str, separator: str) -> str:
    """toc's `slugify` for section headings: no anchor from the text, so toc numbers them `_1`, `_2`, …

    A translation keeps its sections in order, so a section's anchor is the same in every language and
    switching language keeps the reader's place. Question headings carry their own anchors.
    """
    return ""
