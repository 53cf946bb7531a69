"""One settings object: `extra.qbank` in the site config reaches the graph, for the site and the CLI alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from qbank.cli import main
from qbank.errors import QbankError
from qbank.graph.build import load_graph
from qbank.site.settings import Settings

# MkDocs' own YAML tags must not stop qbank from reading its options.
SITE_CONFIG = """site_name: test
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
extra:
  analytics: !ENV [ANALYTICS, ""]
  qbank:
    also_asked_limit: 3
    detector:
      related_limit: 1
"""


def write(tmp_path: Path, text: str) -> Path:
    """A site config in a scratch folder."""
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_site_options_reach_the_graph(tmp_path: Path) -> None:
    settings = Settings.from_cli(ROOT / "docs", write(tmp_path, SITE_CONFIG))
    assert settings.also_asked_limit == 3 and settings.detector.related_limit == 1
    default = load_graph(settings.docs)
    assert max(len(node.related) for node in default.nodes.values()) > 1
    limited = load_graph(settings.docs, settings.detector)
    assert max(len(node.related) for node in limited.nodes.values()) == 1


def test_the_cli_reads_the_same_options(tmp_path: Path, capsys) -> None:
    config = write(tmp_path, SITE_CONFIG)
    assert main(["export", "--docs", str(ROOT / "docs"), "--config", str(config)]) == 0
    questions = json.loads(capsys.readouterr().out)["questions"]
    assert max(len(question["related"]) for question in questions) == 1


@pytest.mark.parametrize(("options", "line", "message"), [
    ("    also_asked_limit: many\n", 3, "also_asked_limit must be a number"),
    ("    detector:\n      related: true\n", 4, "detector.related must be a number"),
    ("    detector:\n      no_such_knob: 1\n", 4, "unknown extra.qbank.detector option"),
    ("    detector: 5\n", 3, "detector must be a mapping"),
    ("    limit: 2\n", 3, "unknown extra.qbank option"),
])
def test_bad_options_name_the_file_and_line(tmp_path: Path, options: str, line: int, message: str) -> None:
    config = write(tmp_path, "extra:\n  qbank:\n" + options)
    with pytest.raises(QbankError, match=message) as raised:
        Settings.from_cli(ROOT / "docs", config)
    assert (raised.value.path, raised.value.line) == (str(config), line)


def test_the_cli_reports_a_bad_option_instead_of_failing(tmp_path: Path, capsys) -> None:
    config = write(tmp_path, "extra:\n  qbank:\n    limit: 2\n")
    assert main(["duplicates", "--docs", str(ROOT / "docs"), "--config", str(config)]) == 1
    assert f"{config}:3: unknown extra.qbank option(s): limit" in capsys.readouterr().err


def test_a_one_language_build_must_name_a_language_of_the_site() -> None:
    """QBANK_LANGUAGE picks one of the site's languages; anything else is refused with the choices."""
    assert Settings.from_site(ROOT / "docs", {}, "zh", ["zh", "en"], only_language="en").only_language == "en"
    with pytest.raises(QbankError) as refused:
        Settings.from_site(ROOT / "docs", {}, "zh", ["zh", "en"], only_language="fr")
    assert "QBANK_LANGUAGE=fr" in str(refused.value) and "zh, en" in str(refused.value)
    with pytest.raises(QbankError, match=r"unknown extra\.qbank option"):
        Settings.from_site(ROOT / "docs", {"only_language": "en"}, "zh", ["zh", "en"])
