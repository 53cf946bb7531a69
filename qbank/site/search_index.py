"""Per-language search indexes from the single index mkdocs-static-i18n writes, written sharded.

Two things are added on the way. Answers are left out of the pages' text (their <details> carry
`data-search-exclude`), so a result's preview never gives an answer away; each question's entry
gets its answer back as a field of its own, `answer`, which search matches but never shows. And each
topic gets a small entry of its name and description, so a query finds the topic, while the topic
pages themselves, which repeat every question, stay out. Headings of an article's prose with nothing
under them (`Interview questions`, a numbered part title) are left out too: they match common words and
lead nowhere. Each language's entries are then written as a sharded index (qbank.site.search_shards): a query
downloads only the shards of its own tokens.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qbank.background import Background
from qbank.site.sanitise import sanitise
from qbank.site.search_shards import build_index, plain, write_index
from qbank.site.urls import language_prefix

ANSWER_FIELD = "answer"


@dataclass
class IndexAdditions:
    """What one language's index gains: answers by their question's location, and whole new entries."""

    answers: dict[str, str] = field(default_factory=dict)
    entries: list[dict[str, str]] = field(default_factory=list)


def is_empty_heading(entry: dict[str, str]) -> bool:
    """Whether an entry is a section of a page (not the page) with no text and no answer: a bare heading."""
    return "#" in entry.get("location", "") and not entry.get(ANSWER_FIELD) and not plain(entry.get("text", ""))


def add_to_index(index: dict[str, Any], additions: IndexAdditions) -> dict[str, Any]:
    """The index with each question's answer as an unseen field, without bare headings, and the extra entries."""
    docs = []
    for entry in index.get("docs", []):
        answer = additions.answers.get(entry.get("location", ""))
        entry = {**entry, ANSWER_FIELD: answer} if answer else entry
        if not is_empty_heading(entry):
            docs.append(entry)
    docs += [{**entry, "text": sanitise(entry.get("text", ""))} for entry in additions.entries]  # shown as HTML
    config = dict(index.get("config", {}))
    config["fields"] = {**config.get("fields", {}), ANSWER_FIELD: {"boost": 1.0}}
    return {**index, "config": config, "docs": docs}


def split_index(index: dict[str, Any], default: str, languages: list[str]) -> dict[str, dict[str, Any]]:
    """One index per language; each language's locations become relative to its own root."""
    prefixes = {language: f"{language}/" for language in languages if language != default}
    result: dict[str, dict[str, Any]] = {language: {**index, "docs": []} for language in languages}
    for entry in index.get("docs", []):
        location = entry.get("location", "")
        language = next((lang for lang, prefix in prefixes.items() if location.startswith(prefix)), default)
        if language != default:
            entry = {**entry, "location": location[len(prefixes[language]):]}
        result[language]["docs"].append(entry)
    return result


def write_language_indexes(site: Path, default: str, languages: list[str],
                           additions: dict[str, Callable[[], IndexAdditions]] | None = None,
                           parallel: bool = False) -> dict[str, int]:
    """Split the built site's merged search index into one sharded index per language root; bytes per language.
    `additions` makes a language's additions, where its index is written. With `parallel`, every language's
    but the last is written by a process of its own, beside it."""
    merged = site / "search/search_index.json"
    if not merged.exists():
        return {}
    whole = json.loads(merged.read_text(encoding="utf-8"))
    # A dirty rebuild's index (`mkdocs serve --dirty`) holds the last build's entries and the rebuilt
    # pages' again: one entry per location, the newest.
    whole["docs"] = list({entry.get("location", ""): entry for entry in whole.get("docs", [])}.values())
    def write(language: str, index: dict[str, Any]) -> int:
        index = add_to_index(index, (additions or {}).get(language, IndexAdditions)())
        folder = site / language_prefix(language, default) / "search"
        return write_index(folder, build_index(index["docs"]), index["config"])

    indexes = split_index(whole, default, languages)
    jobs = [(language, Background(lambda language=language, index=index: write(language, index),
                                  parallel and number < len(indexes) - 1))
            for number, (language, index) in enumerate(indexes.items())]
    # The last, made in place, first: the others' processes run meanwhile (`make bench`: "build, with hooks").
    written = {language: job.result() for language, job in reversed(jobs)}
    return {language: written[language] for language, _ in jobs}
