"""Per-language search indexes from the single index mkdocs-static-i18n writes."""

from __future__ import annotations

from typing import Any


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
