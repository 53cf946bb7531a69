"""Build the site's scripts and styles from web/: `python tools/bundle.py` (`make js`).

esbuild (pinned in tools/package.json, installed by `npm ci --prefix tools`) bundles web/qbank/'s ES modules
and the vendored libraries of web/vendor/ into overrides/assets/qbank/, minified: `main.js` on every page,
`study.js`, `review.js` and `fsrs.js` loaded only when used, shared code in chunks beside them. The search
worker and the stylesheet are minified as they are. The output is committed, so nothing is built when the
site is; tools/bundle.json records the hash of every input and output, and `make test` fails when the
output is stale or edited by hand (tests/test_bundle.py).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "web"
OUTPUT = ROOT / "overrides/assets/qbank"
LOCK = ROOT / "tools/bundle.json"
ESBUILD = ROOT / "tools/node_modules/.bin/esbuild"
# The pages' modules: main.js on every page; the others are imported where they are used.
ENTRIES = ("qbank/main.js", "qbank/study.js", "qbank/review.js", "qbank/fsrs.js")
# Files minified alone: the search worker is a classic worker script, the stylesheet is linked by every page.
SINGLES = ("qbank/search-worker.js", "qbank/qbank.css")
# Browsers the site supports: those with ES modules, dynamic import and :is() (2021 on).
TARGET = "chrome100,edge100,firefox100,safari15"


def digest(path: Path) -> str:
    """The sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def inputs() -> dict[str, str]:
    """Every file the output is built from, by its path under web/, with its hash."""
    return {path.relative_to(SOURCE).as_posix(): digest(path)
            for path in sorted(SOURCE.rglob("*")) if path.is_file()}


def outputs() -> dict[str, str]:
    """Every file of the output folder, by name, with its hash."""
    return {path.name: digest(path) for path in sorted(OUTPUT.iterdir()) if path.is_file()}


def esbuild(*arguments: str) -> None:
    """Run the pinned esbuild."""
    if not ESBUILD.exists():
        raise SystemExit(f"{ESBUILD.relative_to(ROOT)} is missing: run `npm ci --prefix tools` first")
    subprocess.run([str(ESBUILD), *arguments, "--minify", f"--target={TARGET}", "--log-level=warning"],
                   cwd=SOURCE, check=True)


def build() -> None:
    """Write the output folder afresh: bundles, chunks, the worker, the stylesheet and the vendored licences."""
    if OUTPUT.exists():
        shutil.rmtree(OUTPUT)
    OUTPUT.mkdir(parents=True)
    # Chunks stay in the entries' folder: dom.js finds the site's root from its own address (import.meta.url).
    esbuild(*ENTRIES, "--bundle", "--splitting", "--format=esm", f"--outdir={OUTPUT}",
            "--chunk-names=chunk-[hash]", "--legal-comments=inline")
    for single in SINGLES:
        esbuild(single, f"--outfile={OUTPUT / Path(single).name}", "--legal-comments=inline")
    # A vendored file's header names its licence file: it is served beside the bundle that holds the library.
    for licence in sorted((SOURCE / "vendor").glob("*.LICENSE")):
        shutil.copyfile(licence, OUTPUT / licence.name)


def main() -> int:
    """Build, then record what was built from what."""
    build()
    version = subprocess.run([str(ESBUILD), "--version"], capture_output=True, text=True, check=True).stdout.strip()
    lock = {"esbuild": version, "inputs": inputs(), "outputs": outputs()}
    LOCK.write_text(json.dumps(lock, indent=2) + "\n", encoding="utf-8")
    for name in lock["outputs"]:
        print(f"built {OUTPUT.relative_to(ROOT) / name} ({(OUTPUT / name).stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
