"""The topic taxonomy: loading docs/taxonomy/topics.yml and assigning topics to questions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from qbank.errors import QbankError
from qbank.model import KINDS, Question

TOPIC_ID = re.compile(r"^[a-z][a-z0-9-]*$")
# Series boilerplate that would otherwise match every question of an article.
BOILERPLATE = re.compile(r"AI\s*大模型创业中[，,]?|在\s*AI\s*大模型创业中[，,]?")


@dataclass(frozen=True)
class Topic:
    """One topic with its names and descriptions per language and its matching rules."""

    id: str
    name: dict[str, str]
    description: dict[str, str]
    match: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    def matches(self, question: Question) -> bool:
        """Whether the rules assign this topic to a question."""
        if question.kind in self.kinds:
            return True
        text = BOILERPLATE.sub("", f"{question.title}\n{question.prompt}").lower()
        return any(word.lower() in text for word in self.match)


def _line_of(text: str, needle: str) -> int:
    """The 1-based line where `needle` first appears (1 when absent)."""
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def load_topics(path: Path) -> list[Topic]:
    """Read and validate the taxonomy file."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QbankError(
            name, 0, f"cannot read the topic taxonomy: {exc.strerror}", "restore docs/taxonomy/topics.yml",
        ) from None
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        problem = getattr(exc, "problem", exc)
        raise QbankError(name, line, f"invalid YAML: {problem}", "fix the YAML syntax") from None
    topics: list[Topic] = []
    for entry in data.get("topics") or []:
        topic_id = str(entry.get("id", "")) if isinstance(entry, dict) else ""
        line = _line_of(text, f"id: {topic_id}") if topic_id else 1
        if not TOPIC_ID.match(topic_id):
            raise QbankError(
                name, line, f"topic id {topic_id!r} is not a lowercase slug", "use ids like `data-quality`",
            )
        if any(topic.id == topic_id for topic in topics):
            raise QbankError(name, line, f"topic id {topic_id!r} is used twice", "give each topic its own id")
        for field in ("name", "description"):
            value = entry.get(field)
            if not isinstance(value, dict) or set(value) != {"zh", "en"} or not all(
                isinstance(value[lang], str) and value[lang].strip() for lang in ("zh", "en")
            ):
                raise QbankError(
                    name, line, f"topic {topic_id!r} needs `{field}` with exactly `zh` and `en` texts",
                    "add both languages; quote a text that contains a comma",
                )
        kinds = tuple(entry.get("kinds") or ())
        if unknown := [kind for kind in kinds if kind not in KINDS]:
            raise QbankError(name, line, f"topic {topic_id!r} has unknown kinds {unknown}", f"use {', '.join(KINDS)}")
        match = tuple(str(word) for word in entry.get("match") or ())
        if not match and not kinds:
            raise QbankError(name, line, f"topic {topic_id!r} has no `match` words or `kinds`", "add matching rules")
        topics.append(Topic(topic_id, entry["name"], entry["description"], match, kinds))
    if not topics:
        raise QbankError(name, 1, "the taxonomy defines no topics", "add a `topics:` list")
    return topics


def assign(question: Question, topics: list[Topic]) -> list[str]:
    """The topic ids of a question: its page override if it has one, else every matching topic."""
    if question.topics:
        return list(question.topics)
    return [topic.id for topic in topics if topic.matches(question)]
