"""Vendored JavaScript: exactly what tools/vendor.py wrote from the pinned npm release, loaded by the site."""

from __future__ import annotations

import hashlib
import json

from conftest import ROOT
from qbank.site.settings import read_site_config

LOCK = json.loads((ROOT / "tools/vendor.json").read_text(encoding="utf-8"))


def test_vendored_files_are_unchanged_and_name_their_version_and_licence() -> None:
    for name, entry in LOCK.items():
        path = ROOT / entry["dest"]
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], f"{path} was edited; re-run tools/vendor.py"
        first = data.split(b"\n", 1)[0].decode()
        assert f"{name} {entry['version']}" in first and entry["license"] in first
        assert path.with_name(f"{name}.LICENSE").is_file()
        assert b"sourceMappingURL" not in data  # no request for a map the site doesn't ship


def test_the_site_loads_each_vendored_file_before_the_page_script() -> None:
    config = read_site_config(ROOT / "mkdocs.yml")
    scripts = config["extra_javascript"]
    for entry in LOCK.values():
        loaded = entry["dest"].removeprefix("overrides/")
        assert loaded in scripts and scripts.index(loaded) < scripts.index("assets/qbank/qbank.js")
