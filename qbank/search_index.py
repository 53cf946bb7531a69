"""Per-language search indexes from the single index mkdocs-static-i18n writes.

Two things are added on the way. Answers are left out of the pages' text (their <details> carry
`data-search-exclude`), so a result's preview never gives an answer away; each question's entry
gets its answer back as a field of its own, `answer`, which search matches but never shows. And each
topic gets a small entry of its name and description, so a query finds the topic, while the topic
pages themselves, which repeat every question, stay out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jieba

from qbank.ingest import write_atomic
from qbank.urls import language_prefix

ANSWER_FIELD = "answer"
# Han characters, as Material's search plugin finds them to segment (its `\p{script: Han}`).
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")


def segmented(text: str) -> str:
    """Chinese runs split into words with zero-width spaces, exactly as Material indexes page text."""
    def words(match: re.Match[str]) -> str:
        return "\u200b" + "\u200b".join(jieba.cut(match.group(0))) + "\u200b"
    return HAN.sub(words, " ".join(text.split())).strip("\u200b")


@dataclass
class IndexAdditions:
    """What one language's index gains: answers by their question's location, and whole new entries."""

    answers: dict[str, str] = field(default_factory=dict)
    entries: list[dict[str, str]] = field(default_factory=list)


def add_to_index(index: dict[str, Any], additions: IndexAdditions) -> dict[str, Any]:
    """The index with each question's answer as an unseen field, and the extra entries."""
    docs = []
    for entry in index.get("docs", []):
        answer = additions.answers.get(entry.get("location", ""))
        docs.append({**entry, ANSWER_FIELD: segmented(answer)} if answer else entry)
    docs += [{key: segmented(value) if key != "location" else value for key, value in entry.items()}
             for entry in additions.entries]
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
                           additions: dict[str, IndexAdditions] | None = None) -> dict[str, int]:
    """Split the built site's merged search index into one per language root; entries per language."""
    merged = site / "search/search_index.json"
    if not merged.exists():
        return {}
    written = {}
    for language, index in split_index(json.loads(merged.read_text(encoding="utf-8")), default, languages).items():
        index = add_to_index(index, (additions or {}).get(language, IndexAdditions()))
        write_atomic(site / language_prefix(language, default) / "search/search_index.json",
                     json.dumps(index, ensure_ascii=False, separators=(",", ":")))
        written[language] = len(index["docs"])
    return written
