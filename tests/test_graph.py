"""The question graph: measured duplicate quality, topics, overrides, parse cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from qbank.bank import load as bank
from qbank.check import unsorted_warnings
from qbank.errors import QbankError
from qbank.graph.build import Overrides, build_graph, load_graph
from qbank.graph.topic_quality import label_key
from qbank.graph.topics import load_topics
from qbank.site.settings import Settings


def test_the_issue_examples_are_linked() -> None:
    graph = load_graph(ROOT / "docs")
    same = [
        ("technology-advantage-i01", "opportunities-and-challenges-i04"),  # 性能 / 效果
        ("technology-advantage-i01", "resource-advantage-i06"),  # 评估模型性能
        ("resource-advantage-i10", "resource-advantage-i25"),  # 解释性 / 可解释性
        ("technology-advantage-i08", "technology-advantage-i10"),  # 数据不平衡 / 类别不平衡
    ]
    for a, b in same:
        assert graph.nodes[a].cluster == graph.nodes[b].cluster
    # Every labelled repeat is linked; an article added later may add more.
    labels = yaml.safe_load((ROOT / "tests/data/duplicate_labels.yml").read_text(encoding="utf-8"))["must_link"]
    by_key = {label_key(node.article.zh.source, node.anchor): node for node in graph.nodes.values()}
    for name, anchor in (("imbalance", "technology-advantage-i08"), ("interpretability", "resource-advantage-i10")):
        labelled = {by_key[key].id for key in labels[name] if key in by_key}
        assert labelled - {anchor} <= set(graph.nodes[anchor].duplicates), name


def test_related_is_short_outside_the_cluster_and_best_first() -> None:
    graph = load_graph(ROOT / "docs")
    for node in graph.nodes.values():
        assert len(node.related) <= 5
        assert all(graph.nodes[other].cluster != node.cluster for other in node.related)
    # 计算资源分配 is related to, not a repeat of, 计算资源问题.
    allocation = graph.nodes["opportunities-and-challenges-i22"]
    assert "opportunities-and-challenges-i18" not in allocation.duplicates
    assert graph.nodes[allocation.related[0]].cluster == graph.nodes["opportunities-and-challenges-i18"].cluster


def test_every_question_has_a_known_topic() -> None:
    graph = load_graph(ROOT / "docs")
    known = {topic.id for topic in graph.topics}
    assert "unsorted" in known
    assert all(node.topics and set(node.topics) <= known for node in graph.nodes.values())


def test_overrides_are_applied_after_detection() -> None:
    articles = bank.load_bank(ROOT / "docs")
    topics = load_topics(ROOT / "docs/taxonomy/topics.yml")
    overrides = Overrides(
        always=(("capital-advantage-i01", "innovation-advantage-i01"),),
        never=(("technology-advantage-i08", "technology-advantage-i10"),),
    )
    graph = build_graph(articles, topics, overrides)
    assert graph.nodes["capital-advantage-i01"].cluster == graph.nodes["innovation-advantage-i01"].cluster
    assert graph.nodes["technology-advantage-i08"].cluster != graph.nodes["technology-advantage-i10"].cluster


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A scratch copy of the repository's docs."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path / "docs"


def test_unknown_override_id_names_the_file(docs: Path) -> None:
    (docs / "taxonomy/duplicates.yml").write_text("always:\n  - [technology-advantage-i01, nope-i01]\n")
    with pytest.raises(QbankError, match="unknown question id 'nope-i01'") as raised:
        load_graph(docs)
    # The real folder and line, wherever the docs are.
    assert (raised.value.path, raised.value.line) == (str(docs / "taxonomy/duplicates.yml"), 2)


def test_unknown_topic_on_a_heading_names_the_page_and_line(docs: Path) -> None:
    page = docs / "articles/technology-advantage.md"
    text = page.read_text(encoding="utf-8")
    heading = next(number for number, line in enumerate(text.split("\n"), start=1) if "{ #i02 " in line)
    page.write_text(text.replace("{ #i02 .qbank-question ", '{ #i02 .qbank-question data-topics="no-such-topic" ', 1),
                    encoding="utf-8")
    with pytest.raises(QbankError, match="unknown topics") as raised:
        load_graph(docs)
    assert (raised.value.path, raised.value.line) == (str(page), heading)


def test_a_question_no_rule_places_is_placed_by_the_model_or_unsorted(docs: Path) -> None:
    before = load_graph(docs).nodes
    only_security = [key for key, node in before.items() if node.topics == ["security"] and node.placed_by == "rules"]
    assert only_security
    taxonomy = docs / "taxonomy/topics.yml"
    taxonomy.write_text(taxonomy.read_text().replace("match: [安全, 攻击, 注入]", "match: [不存在的词]"))
    after = load_graph(docs).nodes
    assert all(after[key].placed_by in ("model", "unsorted") and after[key].topics for key in only_security)


NOTHING_MATCHES = """topics:
  - id: a
    name: {zh: 甲, en: A}
    description: {zh: 甲, en: A}
    match: [不存在的词]
  - id: unsorted
    name: {zh: 未分类, en: Unsorted}
    description: {zh: 未分类, en: Unsorted}
    fallback: true
"""


def test_unsorted_questions_are_listed_with_page_and_line(docs: Path) -> None:
    (docs / "taxonomy/topics.yml").write_text(NOTHING_MATCHES)
    warnings = unsorted_warnings(Settings(docs))
    assert len(warnings) == len(load_graph(docs).nodes)
    for warning in warnings:
        path, line, _ = warning.split(":", 2)
        anchor = warning.split("question ", 1)[1].split(" ", 1)[0]
        assert f"{{ #{anchor} " in Path(path).read_text().splitlines()[int(line) - 1]


def test_taxonomy_needs_one_fallback_topic(tmp_path: Path) -> None:
    path = tmp_path / "topics.yml"
    path.write_text("topics:\n  - id: a\n    name: {zh: a, en: a}\n    description: {zh: a, en: a}\n    match: [x]\n")
    with pytest.raises(QbankError, match="fallback: true"):
        load_topics(path)


def test_page_topic_override_wins(docs: Path) -> None:
    page = docs / "articles/technology-advantage.md"
    page.write_text(page.read_text().replace('data-lines="31-33" }', 'data-lines="31-33" data-topics="startup" }'))
    assert load_graph(docs).nodes["technology-advantage-i01"].topics == ["startup"]


def test_bad_taxonomy_is_reported_with_line(tmp_path: Path) -> None:
    path = tmp_path / "topics.yml"
    path.write_text("topics:\n  - id: Bad Id\n    name: {zh: a, en: b}\n")
    with pytest.raises(QbankError, match=r"topics.yml:2: topic id 'Bad Id'"):
        load_topics(path)


def test_unchanged_pages_are_not_reparsed(docs: Path, monkeypatch) -> None:
    calls: list[str] = []
    original = bank.read_page
    monkeypatch.setattr(bank, "read_page", lambda text, path: calls.append(path) or original(text, path))
    bank.load_bank(docs)
    assert len(calls) == len(list((docs / "articles").glob("*.md")))  # every page, both languages
    page = docs / "articles/innovation-advantage.md"
    page.write_text(page.read_text().replace("什么是深度学习？", "什么是深度学习（DL）？"))
    calls.clear()
    graph = load_graph(docs)
    assert calls == [str(page)]
    assert graph.nodes["innovation-advantage-i01"].question.title.startswith("什么是深度学习（DL）")




def test_questions_json_holds_one_question_per_line() -> None:
    """questions.json is the bank's JSON, each question on a line of its own; an empty bank is valid JSON too."""
    import json

    from qbank.site.export import bank_json, bank_text

    graph = load_graph(ROOT / "docs")
    text = bank_text(graph)
    assert json.loads(text) == bank_json(graph)
    lines = [line for line in text.splitlines() if line.lstrip().startswith('{"id": ')]
    assert len(lines) == len(graph.nodes) and all(json.loads(line.rstrip(",")) for line in lines)
    empty = build_graph([], load_topics(ROOT / "docs/taxonomy/topics.yml"), Overrides())
    assert json.loads(bank_text(empty)) == {"version": 1, "questions": []}
