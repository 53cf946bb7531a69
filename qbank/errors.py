"""Errors a user can cause, each naming the file and line and what to do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class QbankError(Exception):
    """A problem in an input file, reported as `path:line: message`."""

    def __init__(self, path: str, line: int, message: str, hint: str = "") -> None:
        self.path = path
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class NoQuestions(QbankError):
    """A readable article of the series that holds no interview questions (an essay): skipped, not an error."""


def line_of(text: str, needle: str) -> int:
    """The 1-based line where `needle` first appears in `text` (1 when absent)."""
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def line_in_file(path: Path | str, needle: str) -> int:
    """The line of `needle` in a file, for an error about it (0, "no line", when it can't be read)."""
    try:
        return line_of(Path(path).read_text(encoding="utf-8"), needle)
    except OSError:
        return 0


def key_line(path: Path | str, key: str) -> int:
    """The first line of a YAML file that sets `key` (0, "no line", when there is none)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    return next((number for number, line in enumerate(lines, start=1) if line.strip().startswith(f"{key}:")), 0)


def load_yaml(text: str, path: str, loader: type[yaml.SafeLoader] = yaml.SafeLoader) -> Any:
    """Parse YAML; a syntax error becomes a QbankError naming the file and line."""
    try:
        return yaml.load(text, Loader=loader)  # a SafeLoader or a subclass of one: no arbitrary objects
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        problem = getattr(exc, "problem", exc)
        raise QbankError(path, line, f"invalid YAML: {problem}", "fix the YAML syntax") from None
