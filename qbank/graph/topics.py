"""The topic taxonomy: loading docs/taxonomy/topics.yml and assigning topics to questions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from qbank.errors import QbankError, line_of, load_yaml
from qbank.source.model import KINDS, Question

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
    # The topic of questions nothing else places (未分类 / Unsorted).
    fallback: bool = False

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        """Any of the match words, as one search: a loop over the words cost a Python step per word."""
        if not self.match:
            return None
        return re.compile("|".join(re.escape(word.lower()) for word in self.match))

    def says(self, text: str) -> bool:
        """Whether a lower-cased text holds one of this topic's match words."""
        return self._pattern is not None and self._pattern.search(text) is not None

    def matches(self, question: Question, text: str | None = None) -> bool:
        """Whether the rules assign this topic to a question (`text`: its `question_text`, lower-cased)."""
        if question.kind in self.kinds:
            return True
        return self.says(question_text(question).lower() if text is None else text)


def load_topics(path: Path) -> list[Topic]:
    """Read and validate the taxonomy file."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QbankError(
            name, 0, f"cannot read the topic taxonomy: {exc.strerror}", "restore docs/taxonomy/topics.yml",
        ) from None
    data = load_yaml(text, name) or {}
    if not isinstance(data, dict) or not isinstance(data.get("topics") or [], list):
        raise QbankError(
            name, 1, "the taxonomy must be a mapping with a `topics:` list",
            "start the file with `topics:` and list one `- id: …` entry per topic",
        )
    topics: list[Topic] = []
    for entry in data.get("topics") or []:
        topic_id = str(entry.get("id", "")) if isinstance(entry, dict) else ""
        line = line_of(text, f"id: {topic_id}") if topic_id else 1
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
        for field in ("match", "kinds"):
            if not isinstance(entry.get(field) or [], list):
                raise QbankError(
                    name, line, f"topic {topic_id!r} has a `{field}` that is not a list",
                    f"write `{field}:` as a list, one `- word` per line",
                )
        kinds = tuple(entry.get("kinds") or ())
        if unknown := [kind for kind in kinds if kind not in KINDS]:
            raise QbankError(name, line, f"topic {topic_id!r} has unknown kinds {unknown}", f"use {', '.join(KINDS)}")
        match = tuple(str(word) for word in entry.get("match") or ())
        fallback = bool(entry.get("fallback"))
        if not match and not kinds and not fallback:
            raise QbankError(name, line, f"topic {topic_id!r} has no `match` words or `kinds`", "add matching rules")
        topics.append(Topic(topic_id, entry["name"], entry["description"], match, kinds, fallback))
    if not topics:
        raise QbankError(name, 1, "the taxonomy defines no topics", "add a `topics:` list")
    if sum(topic.fallback for topic in topics) != 1:
        raise QbankError(
            name, 1, "the taxonomy needs exactly one topic with `fallback: true`",
            "keep the `unsorted` topic: questions nothing else places go there instead of failing the build",
        )
    return topics


def assign(question: Question, topics: list[Topic]) -> list[str]:
    """The topic ids the editor's rules give a question: its page override if it has one, else the topics
    its title matches, else those its title and prompt match."""
    if question.topics:
        return list(question.topics)
    # The title says what is asked; a prompt (a coding exercise's above all) mentions much else. Words the
    # title matches decide alone; only a title that matches no topic's words is read with its prompt.
    title = BOILERPLATE.sub("", question.title).lower()
    said = {topic.id for topic in topics if topic.says(title)}  # one search per topic: a big bank asks often
    if said:
        return [topic.id for topic in topics if topic.id in said or question.kind in topic.kinds]
    text = question_text(question).lower()  # once for all the topics
    return [topic.id for topic in topics if topic.matches(question, text)]


def question_text(question: Question) -> str:
    """The text topics are decided on: title and prompt, without the series' boilerplate."""
    return BOILERPLATE.sub("", f"{question.title}\n{question.prompt}")


def model_text(question: Question) -> str:
    """What the topic model reads: the title and prompt, and the opening of the answer.

    A short title (请简述 AI 大模型的基本原理。) says little; the answer's first lines say what it is about.
    The rules read only the title and prompt: an answer mentions much that it is not about.
    """
    return f"{question_text(question)}\n{question.answer[:ANSWER_OPENING]}"


NON_WORD = re.compile(r"[\W_]+")
# Characters of the answer the topic model reads (see `model_text`).
ANSWER_OPENING = 200


def features(text: str) -> list[str]:
    """jieba words (the thesaurus' concepts) plus character bigrams and trigrams, which survive odd splits."""
    from qbank.graph.text import concepts  # jieba, only for a model: placing by the rules needs none

    chars = NON_WORD.sub("", text.lower())
    grams = [chars[i:i + size] for size in (2, 3) for i in range(len(chars) - size + 1)]
    return [f"w:{word}" for word in concepts(text)] + grams


@dataclass
class TopicModel:
    """A classifier learned from the questions the editor's rules already placed."""

    pipeline: object
    classes: list[str]

    def predict(self, questions: list[Question]) -> list[list[tuple[str, float]]]:
        """Each question's topics with their probabilities, most likely first."""
        if not questions:
            return []
        rows = self.pipeline.predict_proba([model_text(question) for question in questions])  # type: ignore[attr-defined]
        return [
            sorted(((self.classes[i], float(p)) for i, p in enumerate(row)), key=lambda item: -item[1]) for row in rows
        ]


def learn(examples: list[tuple[Question, list[str]]], topics: list[Topic]) -> TopicModel | None:
    """Fit a model on rule-placed questions; topics given by kind or fallback are not learned."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MultiLabelBinarizer

    learnable = {topic.id for topic in topics if topic.match}
    rows = [(model_text(q), [t for t in ids if t in learnable]) for q, ids in examples]
    rows = [(text, ids) for text, ids in rows if ids]
    binarizer = MultiLabelBinarizer()
    targets = binarizer.fit_transform([ids for _, ids in rows]) if rows else None
    if targets is None or targets.shape[1] < 2:
        return None
    # Topics every example has (or none has) cannot be learned one-vs-rest; drop them.
    keep = [i for i in range(targets.shape[1]) if 0 < targets[:, i].sum() < len(rows)]
    if not keep:
        return None  # no topic tells the examples apart: nothing to learn, the rules and fallback place them
    pipeline = make_pipeline(
        TfidfVectorizer(analyzer=features, sublinear_tf=True),
        OneVsRestClassifier(LogisticRegression(C=MODEL_C, class_weight="balanced", max_iter=1000)),
    )
    pipeline.fit([text for text, _ in rows], targets[:, keep])
    return TopicModel(pipeline, [binarizer.classes_[i] for i in keep])


# Regularisation of the topic model and the probability a learned topic needs (see `qbank topics`).
MODEL_C = 4.0
THRESHOLD = 0.4
MAX_LEARNED = 2
# A question the rules leave alone and for which no topic reaches THRESHOLD still takes its one likeliest
# topic from this probability up: fewer questions in "unsorted", at the cost of one topic that may be wrong.
GUESS = 0.25


@dataclass
class Placement:
    """A question's topics and how they were found: `rules`, `model` or `unsorted`."""

    topics: list[str]
    how: str


def place_all(
    questions: list[Question], topics: list[Topic], model: TopicModel | None = None, threshold: float = THRESHOLD,
    training: list[Question] | None = None, guess: float = GUESS,
) -> list[Placement]:
    """Place every question: the editor's rules first, then the learned model, else the fallback topic.

    The model learns from `training` (default: the questions themselves) as the rules place them.
    """
    ruled = [assign(question, topics) for question in questions]
    by_kind = {topic.id for topic in topics if topic.kinds and not topic.match}
    fallback = next(topic.id for topic in topics if topic.fallback)
    placements: list[Placement] = []
    pending = [i for i, ids in enumerate(ruled) if not [t for t in ids if t not in by_kind]]
    # Learned only for the questions the rules leave to it: when the rules place them all, the fit (the
    # slowest step of placing a big bank) would predict nothing.
    if model is None and pending:
        examples = (list(zip(questions, ruled, strict=True)) if training is None
                    else [(q, assign(q, topics)) for q in training])
        model = learn(examples, topics)
    predictions = dict(zip(pending, model.predict([questions[i] for i in pending]) if model else [], strict=False))
    for index, ids in enumerate(ruled):
        if index not in predictions and ids:
            placements.append(Placement(ids, "rules"))
            continue
        likely = predictions.get(index, [])
        learned = [topic for topic, p in likely[:MAX_LEARNED] if p >= threshold]
        if not learned and not ids and likely and likely[0][1] >= guess:
            learned = [likely[0][0]]  # the one likeliest topic, rather than "unsorted"
        if learned:
            placements.append(Placement([*learned, *ids], "model"))
        elif ids:
            placements.append(Placement(ids, "rules"))  # a coding exercise with no subject topic
        else:
            placements.append(Placement([fallback], "unsorted"))
    return placements
