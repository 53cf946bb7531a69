"""The interface strings of both languages, from one file (qbank/data/ui.yml)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def ui_strings() -> dict[str, Any]:
    """All interface strings, keyed by language."""
    text = resources.files("qbank").joinpath("data/ui.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def ui(lang: str) -> dict[str, Any]:
    """Interface strings for one language, falling back to Chinese."""
    strings = ui_strings()
    return strings.get(lang) or strings["zh"]
