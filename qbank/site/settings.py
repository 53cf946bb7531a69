"""One frozen settings object: where the bank is, which languages, and the limits of the site."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from qbank.bank.load import LANGUAGES
from qbank.errors import QbankError, key_line, load_yaml
from qbank.graph.detector import DetectorConfig
from qbank.site.paging import PageBudget
from qbank.site.urls import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Settings:
    """Everything a qbank run needs to know, built once from the CLI or from mkdocs.yml."""

    docs: Path
    default_language: str = DEFAULT_LANGUAGE
    languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)
    # How many other places a question's "also asked in" line names before linking the rest.
    also_asked_limit: int = 8
    # The most a page of the guide, the sheet, a topic or the duplicates holds (qbank.site.paging): entries,
    # and their weight (bytes of Markdown, code counted four times). Past it the page is split.
    page_entries: int = 60
    page_weight: int = 240_000
    # How many articles the nav and the home page list one by one. Past it both lead to the articles
    # index instead: a nav of every article would be most of every page's bytes (and of its build time).
    listed_articles: int = 60
    # How the duplicate detector gathers candidates and picks related questions (extra.qbank.detector).
    detector: DetectorConfig = field(default_factory=DetectorConfig)
    # Build this language's pages only (`QBANK_LANGUAGE`): the Pages workflow builds each language in its
    # own job and `qbank assemble` joins them. Empty: every language.
    only_language: str = ""

    @property
    def page_budget(self) -> PageBudget:
        """The most one page of a gathering view holds."""
        return PageBudget(self.page_entries, self.page_weight)

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
        origin: str = "mkdocs.yml", only_language: str = "",
    ) -> Settings:
        """Settings for a site build: its docs folder and languages, plus `extra.qbank` options."""
        if only_language and only_language not in languages:
            raise QbankError(origin, 0, f"QBANK_LANGUAGE={only_language} is not a language of this site",
                             f"use one of: {', '.join(languages)}, or leave it unset to build every language")
        options = dict(options or {})
        detector = options.get("detector", {})
        if not isinstance(detector, Mapping):
            raise QbankError(origin, key_line(origin, "detector"), "extra.qbank.detector must be a mapping",
                             "write its options indented under `detector:`, e.g. `related_limit: 5`")
        options["detector"] = DetectorConfig(**_checked(DetectorConfig(), detector, "extra.qbank.detector", origin))
        defaults = cls(Path(docs), default_language, tuple(languages), only_language=only_language)
        return replace(defaults, **_checked(defaults, options, "extra.qbank", origin, fixed=FIXED))

    @classmethod
    def from_cli(cls, docs: str | Path, config: str | Path = "mkdocs.yml") -> Settings:
        """Settings for a CLI run: `--docs`, with the site config's `extra.qbank` when there is one,
        so that `qbank export` and the built site find the same duplicates."""
        path = Path(config)
        data = read_site_config(path) if path.is_file() else {}
        extra = data.get("extra")
        options = extra.get("qbank") if isinstance(extra, Mapping) else None
        return cls.from_site(docs, options, DEFAULT_LANGUAGE, LANGUAGES, str(path))


class _SiteConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its `extra.qbank`: MkDocs' own tags (!ENV, !relative, !!python/name) become null."""


_SiteConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_SiteConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_site_config(path: Path) -> dict[str, Any]:
    """A site config (mkdocs.yml) as plain data, its MkDocs-only tags read as null."""
    data = load_yaml(path.read_text(encoding="utf-8"), str(path), _SiteConfigLoader)
    return data if isinstance(data, dict) else {}


# Set by the site itself (docs_dir, the i18n languages) or its environment, never under extra.qbank.
FIXED = frozenset({"docs", "default_language", "languages", "only_language"})


def _checked(defaults: Any, options: Mapping[str, Any], where: str, origin: str,
             fixed: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The options, refused with the line of the first one that is unknown or not a number where one is due."""
    names = {item.name for item in fields(defaults)} - fixed
    if unknown := sorted(set(options) - names):
        raise QbankError(origin, key_line(origin, unknown[0]),
                         f"unknown {where} option(s): {', '.join(unknown)}", f"use one of: {', '.join(sorted(names))}")
    for name, value in options.items():
        default = getattr(defaults, name)
        # A bool is no number, though Python counts it as an int; a whole number is a fine float.
        wanted = (int,) if isinstance(default, int) else (int, float) if isinstance(default, float) else None
        if wanted and (isinstance(value, bool) or not isinstance(value, wanted)):
            raise QbankError(origin, key_line(origin, name),
                             f"{where}.{name} must be a number, got {value!r}", f"e.g. `{name}: {default}`")
    return dict(options)
