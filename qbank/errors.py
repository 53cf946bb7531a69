"""Errors a user can cause, each naming the file and line and what to do."""

from __future__ import annotations

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


def load_yaml(text: str, path: str) -> Any:
    """Parse YAML; a syntax error becomes a QbankError naming the file and line."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        problem = getattr(exc, "problem", exc)
        raise QbankError(path, line, f"invalid YAML: {problem}", "fix the YAML syntax") from None
