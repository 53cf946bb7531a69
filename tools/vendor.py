"""Vendor the site's JavaScript libraries from npm: `python tools/vendor.py` (`make vendor`).

Each library in tools/vendor.json is fetched once, by `npm pack`, at the pinned version; its built
file and licence are copied under overrides/assets/vendor/ with a header naming both, and the lock
records the file's hash. The site loads the copies: nothing is fetched when it is built or visited.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "tools/vendor.json"
SOURCE_MAP = "//# sourceMappingURL="


def header(name: str, version: str, licence: str) -> str:
    """The comment that opens a vendored file."""
    return f"/*! {name} {version} | {licence} licence: {name}.LICENSE | vendored from npm by tools/vendor.py */\n"


def vendored(name: str, entry: dict) -> bytes:
    """The file as the site ships it: header, then the package's built file without its source-map link."""
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(["npm", "pack", f"{name}@{entry['version']}", "--silent", "--pack-destination", scratch],
                       check=True, capture_output=True)
        (archive,) = Path(scratch).glob("*.tgz")
        with tarfile.open(archive) as package:
            built = package.extractfile(f"package/{entry['file']}").read().decode("utf-8")
            licence = package.extractfile("package/LICENSE").read()
    lines = [line for line in built.splitlines(keepends=True) if not line.startswith(SOURCE_MAP)]
    (ROOT / entry["dest"]).with_name(f"{name}.LICENSE").write_bytes(licence)
    return (header(name, entry["version"], entry["license"]) + "".join(lines)).encode("utf-8")


def main() -> int:
    """Fetch every library of the lock and record the hash of what was written."""
    lock = json.loads(LOCK.read_text(encoding="utf-8"))
    for name, entry in lock.items():
        data = vendored(name, entry)
        dest = ROOT / entry["dest"]
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
        entry["sha256"] = hashlib.sha256(data).hexdigest()
        print(f"vendored {name} {entry['version']} → {entry['dest']} ({len(data)} bytes)")
    LOCK.write_text(json.dumps(lock, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
