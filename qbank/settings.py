"""One frozen settings object: where the bank is, which languages, and the limits of the site."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from qbank.errors import QbankError
from qbank.urls import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Settings:
    """Everything a qbank run needs to know, built once from the CLI or from mkdocs.yml."""

    docs: Path
    default_language: str = DEFAULT_LANGUAGE
    languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)
    # How many other places a question's "also asked in" line names before linking the rest.
    also_asked_limit: int = 8

    @property
    def taxonomy(self) -> Path:
        """The folder of the editor's topic and duplicate decisions."""
        return self.docs / "taxonomy"

    @property
    def topics_file(self) -> Path:
        """The topic taxonomy."""
        return self.taxonomy / "topics.yml"

    @property
    def overrides_file(self) -> Path:
        """The editor's always/never duplicate decisions."""
        return self.taxonomy / "duplicates.yml"

    @classmethod
    def from_site(
        cls, docs: str | Path, options: Mapping[str, Any] | None, default_language: str, languages: Sequence[str],
        origin: str = "mkdocs.yml",
    ) -> Settings:
        """Settings for a site build: its docs folder and languages, plus `extra.qbank` options."""
        options = dict(options or {})
        tunable = {field.name for field in fields(cls)} - {"docs", "default_language", "languages"}
        if unknown := sorted(set(options) - tunable):
            raise QbankError(origin, 0, f"unknown extra.qbank option(s): {', '.join(unknown)}",
                             f"use one of: {', '.join(sorted(tunable))}")
        return cls(Path(docs), default_language, tuple(languages), **options)
