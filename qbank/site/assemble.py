"""One site from builds of one language each (`QBANK_LANGUAGE`), as the Pages workflow makes them in parallel.

A build for one language still lays out the whole site, but writes pages only for its language: the
default language's pages at the root, another language's under `<lang>/`. Assembling takes the
default language's build without the other languages' folders, then each other language's folder.
The sitemap is written by every language's build at the root, each listing its own pages: they are joined.
"""

from __future__ import annotations

import gzip
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

from qbank.errors import QbankError
from qbank.site.urls import language_prefix


def assemble(parts: Mapping[str, Path], out: Path, default: str) -> dict[str, int]:
    """Write the site at `out` from one build folder per language; files taken per language.

    `out` is replaced only once the whole site is assembled beside it.
    """
    if default not in parts:
        raise QbankError(str(out), 0, f"no build of the default language {default!r} to assemble",
                         f"pass {default}=<folder built with QBANK_LANGUAGE={default}>")
    for language, folder in parts.items():
        if not folder.is_dir():
            raise QbankError(str(folder), 0, f"the {language} build folder does not exist",
                             f"build it first: QBANK_LANGUAGE={language} mkdocs build -d {folder}")
        prefix = language_prefix(language, default)
        if not (folder / prefix / "index.html").is_file():
            raise QbankError(str(folder), 0, f"no {language} home page at {prefix or '/'}index.html",
                             f"build this folder with QBANK_LANGUAGE={language}")
    staging = out.with_name(f".{out.name}.assembling")
    shutil.rmtree(staging, ignore_errors=True)
    others = {language_prefix(language, default).rstrip("/") for language in parts if language != default}
    copied = {}
    root = parts[default]
    shutil.copytree(root, staging, ignore=lambda folder, names: others & set(names) if Path(folder) == root else [])
    copied[default] = _count(staging)
    for language, folder in parts.items():
        if language != default:
            prefix = language_prefix(language, default)
            shutil.copytree(folder / prefix, staging / prefix)
            copied[language] = _count(staging / prefix)
    if (staging / SITEMAP).is_file():
        sitemap = joined_sitemap([folder / SITEMAP for folder in parts.values() if (folder / SITEMAP).is_file()])
        (staging / SITEMAP).write_text(sitemap, encoding="utf-8")
        (staging / f"{SITEMAP}.gz").write_bytes(gzip.compress(sitemap.encode("utf-8"), mtime=0))
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return copied


SITEMAP = "sitemap.xml"
_URL_ENTRY = re.compile(r"[ \t]*<url>.*?</url>\n?", re.DOTALL)


def joined_sitemap(sitemaps: list[Path]) -> str:
    """The first sitemap with the other sitemaps' `<url>` entries added after its own, each once."""
    first = sitemaps[0].read_text(encoding="utf-8")
    entries = {entry: None for path in sitemaps for entry in _URL_ENTRY.findall(path.read_text(encoding="utf-8"))}
    closing = first.rindex("</urlset>")
    body_start = _URL_ENTRY.search(first)
    head = first[:body_start.start()] if body_start else first[:closing]
    return head + "".join(entries) + first[closing:]


def _count(folder: Path) -> int:
    """How many files a folder holds, subfolders included."""
    return sum(1 for path in folder.rglob("*") if path.is_file())
