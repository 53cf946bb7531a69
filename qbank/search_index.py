"""Per-language search indexes from the single index mkdocs-static-i18n writes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qbank.ingest import write_atomic
from qbank.urls import language_prefix


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


def write_language_indexes(site: Path, default: str, languages: list[str]) -> dict[str, int]:
    """Split the built site's merged search index into one per language root; entries per language."""
    merged = site / "search/search_index.json"
    if not merged.exists():
        return {}
    written = {}
    for language, index in split_index(json.loads(merged.read_text(encoding="utf-8")), default, languages).items():
        write_atomic(site / language_prefix(language, default) / "search/search_index.json",
                     json.dumps(index, ensure_ascii=False, separators=(",", ":")))
        written[language] = len(index["docs"])
    return written
