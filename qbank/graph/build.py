"""The question graph: questions from the pages, their topics, duplicate clusters and related links."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from qbank.background import Background
from qbank.bank.load import BankArticle, load_bank, question_id
from qbank.errors import QbankError, key_line, line_in_file, line_of, load_yaml
from qbank.graph.duplicates import DetectorConfig, PairModel, Scored, cluster, load_model, related, score_pairs
from qbank.graph.pair_features import QuestionText
from qbank.graph.topics import Topic, load_topics, place_all
from qbank.source.model import Question


@dataclass
class Node:
    """One question in the graph, with where it lives."""

    id: str
    article: BankArticle
    question: Question
    topics: list[str] = field(default_factory=list)
    # How the topics were found: "rules" (the editor's), "model" (learned) or "unsorted".
    placed_by: str = "rules"
    cluster: str = ""
    duplicates: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """The article page the question is on."""
        return self.article.slug

    @property
    def anchor(self) -> str:
        """The question's anchor on its page."""
        return self.question.anchor

    def in_language(self, lang: str) -> Question:
        """The question in a language, the Chinese original where it is not translated."""
        return self.article.question(lang, self.anchor) or self.question

    def article_title(self, lang: str) -> str:
        """The title of the question's article in a language, the Chinese where not translated."""
        return (self.article.editions.get(lang) or self.article.zh).title


def representative(members: list[Node], lang: str) -> Node:
    """The asking of a question whose answer is the fullest: the one shown for the whole cluster."""
    return max(members, key=lambda node: (len(node.in_language(lang).answer_markdown()), -members.index(node)))


@dataclass
class QuestionGraph:
    """All questions in bank order, with topics and duplicate/related links."""

    nodes: dict[str, Node]
    topics: list[Topic]
    # The detector's candidate pairs and model, for the editor's review queue.
    scored: Scored | None = None
    model: PairModel | None = None

    def clusters(self) -> dict[str, list[Node]]:
        """Every cluster by id, in bank order of first member."""
        grouped: dict[str, list[Node]] = {}
        for node in self.nodes.values():
            grouped.setdefault(node.cluster, []).append(node)
        return grouped

    def by_topic(self, topic: str) -> list[Node]:
        """The questions with a topic, in bank order."""
        return [node for node in self.nodes.values() if topic in node.topics]


@dataclass(frozen=True)
class Overrides:
    """Editor decisions applied after detection: pairs always or never linked as duplicates."""

    always: tuple[tuple[str, str], ...] = ()
    never: tuple[tuple[str, str], ...] = ()


def load_overrides(path: Path) -> Overrides:
    """Read docs/taxonomy/duplicates.yml (missing file: no overrides)."""
    if not path.exists():
        return Overrides()
    text = path.read_text(encoding="utf-8")
    data = load_yaml(text, str(path)) or {}
    if not isinstance(data, dict):
        raise QbankError(str(path), 1, "duplicates.yml must be a mapping with `always:` and `never:` lists",
                         "write `always: []` and `never: []`, each entry a pair of question ids")
    result = {}
    for key in ("always", "never"):
        pairs = []
        entries = data.get(key) or []
        if not isinstance(entries, list):
            raise QbankError(str(path), key_line(path, key) or 1, f"`{key}` must be a list of pairs, got {entries!r}",
                             f"write `{key}: []` or one `- [id, id]` line per pair")
        for pair in entries:
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(item, str) for item in pair)):
                line = line_of(text, str(pair[0]) if pair else key)
                raise QbankError(str(path), line, f"`{key}` entries must be pairs of question ids, got {pair!r}",
                                 "write each entry as `- [technology-advantage-i01, resource-advantage-i06]`")
            pairs.append((pair[0], pair[1]))
        result[key] = tuple(pairs)
    return Overrides(**result)


def question_text(question: Question) -> QuestionText:
    """What the duplicate detector reads of a question."""
    body = "\n\n".join(part for part in (question.prompt, question.answer, question.analysis) if part)
    return QuestionText(question.title, body, question.code, question.kind)



def build_graph(
    articles: list[BankArticle], topics: list[Topic], overrides: Overrides = Overrides(),
    config: DetectorConfig | None = None, docs: Path = Path("docs"), model: PairModel | None = None,
    parallel: bool = False,
) -> QuestionGraph:
    """Assign topics, detect duplicates and related questions, apply the editor's overrides.

    `docs` is where the pages and taxonomy were read from, for the paths errors name. With `parallel`,
    the question pairs are scored in a worker process while the topics are placed (qbank.background).
    """
    config = config or DetectorConfig()
    model = model or load_model()
    nodes = {
        question_id(article.slug, question.anchor): Node(question_id(article.slug, question.anchor), article, question)
        for article in articles for question in article.zh.questions
    }
    ids = list(nodes)
    known_topics = {topic.id for topic in topics}
    texts = [question_text(node.question) for node in nodes.values()]
    # Scoring is independent of the topics: overlapping them moves `make bench`'s "build, with hooks" at 1,000 articles.
    scoring = Background(lambda: score_pairs(texts, config), parallel)
    placements = place_all([node.question for node in nodes.values()], topics)
    for node, placement in zip(nodes.values(), placements, strict=True):
        node.topics, node.placed_by = placement.topics, placement.how
        if unknown := [topic for topic in node.topics if topic not in known_topics]:
            page = docs / "articles" / f"{node.slug}.md"
            raise QbankError(str(page), line_in_file(page, f"{{ #{node.anchor} "),
                             f"question {node.anchor} names unknown topics {unknown}",
                             f"use ids from {docs / 'taxonomy/topics.yml'} in data-topics")
    position = {identifier: index for index, identifier in enumerate(ids)}

    def indices(pairs: tuple[tuple[str, str], ...]) -> list[tuple[int, int]]:
        for a, b in pairs:
            for identifier in (a, b):
                if identifier not in position:
                    path = docs / "taxonomy/duplicates.yml"
                    raise QbankError(str(path), line_in_file(path, identifier),
                                     f"unknown question id {identifier!r}", "use ids as listed in questions.json")
        return [(position[a], position[b]) for a, b in pairs]

    scored = scoring.result()
    labels = cluster(scored, model, indices(overrides.always), indices(overrides.never))
    linked = related(scored, labels, config)
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(label, []).append(index)
    for index, node in enumerate(nodes.values()):
        node.cluster = ids[labels[index]]
        node.duplicates = [ids[other] for other in members[labels[index]] if other != index]
        node.related = [ids[other] for other in linked[index]]
    return QuestionGraph(nodes, topics, scored, model)


# The last graph and the fingerprint of its inputs: one build per language, and `mkdocs serve`
# rebuilds after edits elsewhere, need not recompute an unchanged graph.
_last: tuple[str, QuestionGraph] | None = None


def inputs_fingerprint(docs: Path) -> str:
    """A hash of everything the graph depends on: article pages and taxonomy files."""
    digest = hashlib.sha256()
    for path in sorted([*(docs / "articles").glob("*.md"), *(docs / "taxonomy").glob("*.yml")]):
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_graph(docs: Path, detector: DetectorConfig | None = None, parallel: bool = False) -> QuestionGraph:
    """The question graph of the pages, taxonomy and overrides under `docs` (`parallel`: see `build_graph`)."""
    global _last
    detector = detector or DetectorConfig()
    fingerprint = f"{inputs_fingerprint(docs)} {detector}"
    if _last is not None and _last[0] == fingerprint:
        return _last[1]
    taxonomy = docs / "taxonomy"
    topics = load_topics(taxonomy / "topics.yml")
    graph = build_graph(load_bank(docs), topics, load_overrides(taxonomy / "duplicates.yml"), detector, docs,
                        parallel=parallel)
    _last = (fingerprint, graph)
    return graph
