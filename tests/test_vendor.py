"""Vendored JavaScript: exactly what tools/vendor.py wrote from the pinned npm release, bundled into the site."""

from __future__ import annotations

import hashlib
import json

from conftest import ROOT

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


def test_the_site_bundles_each_vendored_file_with_its_licence_beside_it() -> None:
    # tools/bundle.py builds the page's modules from web/, vendored libraries included; the built files keep the
    # header that names the library, its version and its licence, and the licence is served beside them.
    built = json.loads((ROOT / "tools/bundle.json").read_text(encoding="utf-8"))
    for name, entry in LOCK.items():
        assert entry["dest"].removeprefix("web/") in built["inputs"]
        header = f"{name} {entry['version']}".encode()
        assert any(header in path.read_bytes() for path in (ROOT / "overrides/assets/qbank").glob("*.js"))
        assert (ROOT / "overrides/assets/qbank" / f"{name}.LICENSE").read_bytes() == \
            (ROOT / entry["dest"]).with_name(f"{name}.LICENSE").read_bytes()
