"""The duplicate detector: measured quality by scope and cross-validated, linkage, review queue."""

from __future__ import annotations

import json
import re
import shutil
from html import escape
from pathlib import Path

import pytest

from banks import CORPUS, Bank
from conftest import ROOT, build_site
from qbank.bank.ingest import distinct_files, ingest
from qbank.cli import main
from qbank.graph.build import Overrides, load_graph
from qbank.graph.duplicates import cluster, load_model, related, score_pairs
from qbank.graph.linkage import average_linkage
from qbank.graph.pair_features import QuestionText
from qbank.graph.quality import compare, cross_validate, group_pairs, labelled_bank, load_labels, measure
from qbank.graph.review import review_queue
from qbank.graph.text import concepts

LABELS = ROOT / "tests/data/duplicate_labels.yml"
# The targets under the cross-validated figures, on pairs the detector was never fitted on: precision
# 0.97, recall 0.92, and 0.90 on pairs touching a corpus article. A change that trades any of them for
# speed or anything else fails here.
MIN_PRECISION, MIN_RECALL, MIN_TOUCHING_RECALL = 0.97, 0.92, 0.90


@pytest.fixture(scope="module")
def series_docs(tmp_path_factory) -> Path:
    """The seeds and the development corpus ingested into one scratch bank."""
    if not CORPUS.is_dir():
        pytest.skip(f"the development corpus is not beside the repository ({CORPUS})")
    docs = tmp_path_factory.mktemp("series") / "docs"
    shutil.copytree(ROOT / "docs/taxonomy", docs / "taxonomy")
    # Only the labelled articles: an article an editor adds to sources/ later must not move the figures.
    labelled = load_labels(LABELS).articles
    files = [path for path in distinct_files([str(ROOT / "sources"), str(CORPUS)]) if path.name in labelled]
    ingest(files, docs, skip_invalid=True)
    return docs


@pytest.fixture(scope="module")
def series_bank(series_docs: Path):
    return labelled_bank(series_docs, load_labels(LABELS))


def test_the_shipped_model_on_the_seeds_of_the_real_bank() -> None:
    bank, quality = measure(ROOT / "docs", LABELS)
    seeds = quality.scopes["seeds"]
    # The real bank may hold a labelled corpus article an editor added: only pairs within the seeds count here.
    within = [pair for pair in bank.index_pairs(bank.labels.must) if bank.scope(pair) == "seeds"]
    assert seeds.true_positives + seeds.false_negatives == len(within) > 0
    assert seeds.precision >= MIN_PRECISION, quality.false_positives
    assert seeds.recall >= MIN_RECALL, quality.false_negatives


def test_cross_validated_figures_on_seeds_and_corpus(series_bank) -> None:
    quality = cross_validate(series_bank)
    assert {scope for scope, counts in quality.scopes.items() if counts.true_positives} >= {"seeds", "corpus", "across"}
    assert quality.all.precision >= MIN_PRECISION, quality.false_positives
    assert quality.all.recall >= MIN_RECALL, quality.false_negatives
    assert quality.touching_corpus.recall >= MIN_TOUCHING_RECALL, quality.false_negatives


def test_quality_command_prints_scopes_and_cross_validation(series_docs: Path, capsys) -> None:
    assert main(["quality", "--docs", str(series_docs), "--labels", str(LABELS),
                 "--topic-labels", str(ROOT / "tests/data/topic_labels.yml")]) == 0
    out = capsys.readouterr().out
    # The topics' held-out figures are printed beside the duplicates'.
    assert re.search(r"^  labelled questions unsorted: \d+/\d+ \(\d+\.\d %\)$", out, re.M)
    assert re.search(r"first topic right \d\.\d{3}, topic precision \d\.\d{3}, recall \d\.\d{3}$", out, re.M)
    for scope in ("seeds", "corpus", "across", "all"):
        assert re.search(rf"^  {scope}\s+precision \d\.\d{{3}} \(\d+/\d+\)  recall \d\.\d{{3}}", out, re.M), scope
    assert "cross-validated" in out
    assert re.search(r"^  pairs touching a corpus article: recall \d\.\d{3} \(\d+/\d+\)$", out, re.M)
    # The detector's mistakes for an editor: at most ten of each, the surest false links and faintest misses first.
    for heading, descending in (("false links, highest-scoring first", True), ("missed links, lowest-scoring first",
                                                                               False)):
        section = out.split(heading, 1)[1].split("links, ", 1)[0]
        scores = [float(score) for score in re.findall(r"^  (\d\.\d\d)  \S+ ~ \S+$", section, re.M)]
        assert len(scores) <= 10 and scores == sorted(scores, reverse=descending), heading
        count = int(re.match(r" \((\d+);", section)[1])
        assert len(scores) == min(count, 10), heading


def test_about_page_states_the_cross_validated_figure(series_bank) -> None:
    counts = cross_validate(series_bank).all
    labelled = counts.true_positives + counts.false_negatives
    zh = (ROOT / "docs/about.md").read_text(encoding="utf-8")
    en = (ROOT / "docs/about.en.md").read_text(encoding="utf-8")
    assert f"{labelled} 对" in zh and f"精确率 {counts.precision:.3f}、召回率 {counts.recall:.3f}" in zh
    assert f"{labelled} " in en and f"precision {counts.precision:.3f} and recall {counts.recall:.3f}" in en


def test_shipped_model_is_the_one_the_labels_fit(series_bank) -> None:
    # A stale model file (labels or features changed without `qbank quality --fit`) shows here.
    from qbank.graph.quality import CALIBRATED_THRESHOLD, fit

    covered = {index for index in range(len(series_bank.keys)) if series_bank.labelled(index)}
    fitted, shipped = fit(series_bank, covered), load_model()
    # The threshold is the calibrated one, never tuned on the labels.
    assert fitted.threshold == shipped.threshold == CALIBRATED_THRESHOLD
    assert fitted.weights == pytest.approx(shipped.weights, abs=1e-4)


def test_average_linkage_does_not_chain_through_a_third() -> None:
    # a~b and b~c are strong, a~c was never scored: single linkage would join all three.
    assert average_linkage(3, [(0, 1, 0.9), (1, 2, 0.8)], 0.5) == [0, 0, 2]
    # With a~c scored as well, the mean link reaches the threshold and all three are one.
    assert average_linkage(3, [(0, 1, 0.9), (1, 2, 0.8), (0, 2, 0.6)], 0.5) == [0, 0, 0]


def test_average_linkage_applies_always_and_never() -> None:
    assert average_linkage(3, [(0, 1, 0.9)], 0.5, never=[(0, 1)]) == [0, 1, 2]
    assert average_linkage(3, [], 0.5, always=[(0, 2)]) == [0, 1, 0]
    # never wins over a chain: 0 and 2 stay apart even though both pair with 1.
    labels = average_linkage(3, [(0, 1, 0.9), (1, 2, 0.9), (0, 2, 0.9)], 0.5, never=[(0, 2)])
    assert labels[0] != labels[2]


def test_kind_and_number_labels_are_not_words() -> None:
    for title in ("面试题1：如何防止过拟合？", "算法题 2. 如何防止过拟合？", "问题3、如何防止过拟合？"):
        assert concepts(title) == concepts("如何防止过拟合？"), title


def test_detector_handles_tiny_and_degenerate_inputs() -> None:
    model = load_model()
    for titles in ([], ["如何防止过拟合？"], ["如何防止过拟合？"] * 3, ["？", "。"], ["如何处理问题？"] * 30):
        scored = score_pairs([QuestionText(title) for title in titles])
        labels = cluster(scored, model)
        assert len(labels) == len(titles) and len(related(scored, labels)) == len(titles)
    same = [QuestionText("如何防止过拟合？", "可以使用正则化、Dropout 和早停。"),
            QuestionText("面试题2：怎样避免大模型的过拟合？", "正则化、Dropout、早停都能缓解过拟合。"),
            QuestionText("如何部署模型？", "使用容器和推理服务部署。")]
    labels = cluster(score_pairs(same), model)
    assert labels[0] == labels[1] != labels[2]


def test_compare_counts_acceptable_pairs_as_neither(series_bank) -> None:
    acceptable = series_bank.index_pairs(series_bank.labels.acceptable)
    truth = series_bank.index_pairs(series_bank.labels.must)
    predicted = group_pairs(cluster(series_bank.scored, load_model()))
    with_acceptable = compare(series_bank, predicted | acceptable)
    assert with_acceptable.all.false_positives == compare(series_bank, predicted).all.false_positives
    assert compare(series_bank, truth).all.precision == compare(series_bank, truth).all.recall == 1.0


def test_review_queue_on_the_real_bank_gives_ready_lines(capsys) -> None:
    assert main(["duplicates", "--review", "--docs", str(ROOT / "docs")]) == 0
    out = capsys.readouterr().out
    assert re.match(r"review queue: \d+ pair\(s\)", out), out
    items = re.findall(r"^(borderline|through a third)  score (\d\.\d\d)  (linked|not linked)$", out, re.M)
    lines = re.findall(r"add under `(always|never):` in .*duplicates\.yml:\n      - \[([\w-]+), ([\w-]+)\]", out)
    assert len(lines) == len(items)
    graph = load_graph(ROOT / "docs")
    for (_reason, _score, state), (decision, a, b) in zip(items, lines, strict=True):
        assert (graph.nodes[a].cluster == graph.nodes[b].cluster) == (state == "linked")
        assert decision == ("never" if state == "linked" else "always")


def test_review_queue_lists_members_joined_only_through_others(series_docs: Path) -> None:
    graph = load_graph(series_docs)
    items = review_queue(graph)
    assert items  # the labelled articles hold borderline pairs: the queue is not a no-op
    threshold = graph.model.threshold
    for item in items:
        if item.reason == "through a third":
            assert item.linked and item.score < threshold
        else:
            assert abs(item.score - threshold) <= 0.15
    decided = review_queue(graph, Overrides(never=tuple((item.first.id, item.second.id) for item in items)))
    assert decided == []  # a decision leaves the queue


def project_copy(tmp_path: Path) -> Path:
    """The repository's site project (config, theme, hooks, engine, docs) in a scratch folder."""
    for item in ("mkdocs.yml", "overrides", "hooks", "qbank", "docs", "sources"):
        (shutil.copytree if (ROOT / item).is_dir() else shutil.copy)(ROOT / item, tmp_path / item)
    return tmp_path


def test_override_lines_change_the_site_and_survive_reingest(tmp_path: Path) -> None:
    graph = load_graph(ROOT / "docs")
    linked = next(members for members in graph.clusters().values() if len(members) > 1)
    nodes = list(graph.nodes.values())
    first = next(node for node in nodes if node.cluster not in {member.cluster for member in linked})
    second = next(node for node in nodes if node.cluster not in {first.cluster, linked[0].cluster})
    split = (linked[0].id, linked[1].id)
    joined = (first.id, second.id)
    project = project_copy(tmp_path)
    (project / "docs/taxonomy/duplicates.yml").write_text(
        f"always:\n  - [{joined[0]}, {joined[1]}]\nnever:\n  - [{split[0]}, {split[1]}]\n", encoding="utf-8")
    # Re-ingest the unchanged sources: the pages keep their slugs and anchors, so the ids still hold.
    assert main(["ingest", "--docs", str(project / "docs"), *map(str, sorted((project / "sources").iterdir()))]) == 0
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    questions = {q["id"]: q for q in json.loads((project / "site/questions.json").read_text())["questions"]}
    assert questions[split[0]]["cluster"] != questions[split[1]]["cluster"]
    assert questions[joined[0]]["cluster"] == questions[joined[1]]["cluster"]
    # The duplicates page shows the joined pair in one group.
    html = (project / "site/duplicates/index.html").read_text(encoding="utf-8")
    section = html.split(f'id="c-{questions[joined[0]]["cluster"]}"', 1)[1].split("<h2", 1)[0]
    for node in (first, second):
        assert f"{node.slug}/#{node.anchor}" in section


def test_duplicates_page_lists_every_wording(site: Path, bank: Bank) -> None:
    graph = load_graph(bank.project / "docs")
    # Every page of the duplicates view: past the page budget it continues at duplicates/2/, 3/…
    html = "".join(page.read_text(encoding="utf-8") for page in sorted((site / "duplicates").rglob("index.html")))
    for members in graph.clusters().values():
        if len(members) < 2:
            continue
        section = html.split(f'id="c-{members[0].cluster}"', 1)[1].split("<h2", 1)[0]
        wordings = re.findall(r'<span class="qbank-wording">(.*?)</span>', section)
        assert sorted(wordings) == sorted({escape(node.question.title, quote=False) for node in members})
