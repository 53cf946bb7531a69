"""Earlier versions of a page from git: where a stale translation's Chinese (gettext's previous msgid) is found."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

# Enough for years of edits to one page; a page older than that shows its fuzzy units without the earlier text.
MAX_VERSIONS = 200


def _git(folder: Path, *args: str) -> str | None:
    """Run git in a folder; None where git or the repository is missing."""
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.decode("utf-8", errors="replace")


def earlier_versions(path: Path) -> Iterator[str]:
    """The committed texts of a file, newest first (nothing outside a git work tree)."""
    folder = path.resolve().parent
    if not folder.is_dir():
        return
    root = _git(folder, "rev-parse", "--show-toplevel")
    if root is None:
        return
    top = Path(root.strip()).resolve()
    relative = path.resolve().relative_to(top).as_posix()
    commits = _git(top, "log", f"-n{MAX_VERSIONS}", "--format=%H", "--", relative) or ""
    for commit in commits.split():
        text = _git(top, "show", f"{commit}:{relative}")
        if text is not None:
            yield text


def last_changed(path: Path) -> str:
    """When a file was last committed, as a PO date (`YYYY-MM-DD HH:MM+ZZZZ`), or "" outside git."""
    folder = path.resolve().parent
    if not path.exists() or not folder.is_dir():
        return ""
    date = _git(folder, "log", "-1", "--date=format:%Y-%m-%d %H:%M%z", "--format=%ad", "--", path.name) or ""
    return date.strip()
