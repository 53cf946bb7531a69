"""The site's scripts and stylesheet: built from web/ by tools/bundle.py (esbuild), committed, and split so that
a page loads only what it uses."""

from __future__ import annotations

import hashlib
import json
import re

from conftest import ROOT
from qbank.site.settings import read_site_config

BUILT = json.loads((ROOT / "tools/bundle.json").read_text(encoding="utf-8"))
OUTPUT = ROOT / "overrides/assets/qbank"
# A module's static imports, as esbuild writes them: `import{a}from"./chunk-X.js"` or `import"./chunk-X.js"`.
STATIC_IMPORT = re.compile(r'\bimport(?:\s*\{[^}]*\}\s*from|\s*\*\s*as\s*\w+\s*from)?\s*"\./([\w.-]+\.js)"')
DYNAMIC_IMPORT = re.compile(r'\bimport\("\./([\w.-]+\.js)"\)')


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_built_files_are_what_the_sources_build() -> None:
    sources = {path.relative_to(ROOT / "web").as_posix(): sha256(path.read_bytes())
               for path in sorted((ROOT / "web").rglob("*")) if path.is_file()}
    assert sources == BUILT["inputs"], "web/ changed since the last build: run `make js` and commit its output"
    built = {path.name: sha256(path.read_bytes()) for path in sorted(OUTPUT.iterdir()) if path.is_file()}
    assert built == BUILT["outputs"], "overrides/assets/qbank/ is tools/bundle.py's output: edit web/, run `make js`"


def static_closure(name: str) -> set[str]:
    """A built module and every module it imports statically, i.e. what a page loading it fetches at once."""
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(STATIC_IMPORT.findall((OUTPUT / current).read_text(encoding="utf-8")))
    return seen


def test_every_page_loads_one_module_that_never_blocks_it() -> None:
    scripts = read_site_config(ROOT / "mkdocs.yml")["extra_javascript"]
    assert scripts == [{"path": "assets/qbank/main.js", "type": "module"}]


def test_the_scheduler_and_study_mode_load_only_when_used() -> None:
    first = static_closure("main.js")
    # The scheduler (ts-fsrs) and the study dialog are not among what every page fetches ...
    assert not any(b"ts-fsrs" in (OUTPUT / name).read_bytes() for name in first)
    assert not any(b"qbank-study__box" in (OUTPUT / name).read_bytes() for name in first)
    # ... the page script imports them when they are used, and they hold them.
    wanted = set(DYNAMIC_IMPORT.findall("".join((OUTPUT / name).read_text(encoding="utf-8") for name in first)))
    assert {"study.js", "review.js", "fsrs.js"} <= wanted
    later = static_closure("study.js") | static_closure("review.js")
    assert any(b"ts-fsrs" in (OUTPUT / name).read_bytes() for name in later)
    assert any(b"qbank-study__box" in (OUTPUT / name).read_bytes() for name in later)


def test_the_built_scripts_are_minified() -> None:
    for name in BUILT["outputs"]:
        if name.endswith((".js", ".css")):
            text = (OUTPUT / name).read_text(encoding="utf-8")
            # Minified: no indented lines, no line comments.
            assert not re.search(r"\n[ \t]+\S", text), name
            assert not re.search(r"^\s*//", text, re.MULTILINE), name
