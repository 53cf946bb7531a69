"""URLs of the built site, in one place: a page's directory URL, links between pages, language prefixes."""

from __future__ import annotations

import posixpath
from functools import lru_cache

# The site's default language lives at the root; every other language under `<lang>/`.
DEFAULT_LANGUAGE = "zh"


def language_prefix(lang: str, default: str = DEFAULT_LANGUAGE) -> str:
    """Where a language's pages live under the site root: "" or "en/"."""
    return "" if lang == default else f"{lang}/"


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative Markdown link target between two docs-relative pages."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


# Pure and called for every link of the generated pages (hundreds of thousands at 1,000 articles),
# mostly with the same few thousand pages: remembered.
@lru_cache(maxsize=1 << 16)
def page_url(src: str) -> str:
    """The directory URL MkDocs gives a page (`use_directory_urls`), without a language prefix."""
    stem = src.removesuffix(".md").split(".")[0]
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").rstrip("/")
    return f"{stem}/" if stem else ""


def href(from_page: str, to_page: str, anchor: str = "") -> str:
    """A ready-made relative URL between two pages of the same language.

    Link-heavy generated HTML skips MkDocs' Markdown link handling (the slowest part of those
    pages); the built-site tests check that every such link and anchor resolves.
    """
    here, there = page_url(from_page), page_url(to_page)
    if anchor and here == there:
        return f"#{anchor}"  # on the same page
    target = relative_url(here, there)
    return f"{target}#{anchor}" if anchor else target


@lru_cache(maxsize=1 << 18)
def relative_url(from_url: str, to_url: str) -> str:
    """The relative URL from one directory URL (`articles/a/`, or "" for the root) to another.

    Plain segment arithmetic: `posixpath.relpath` would consult the working directory on every call.
    """
    here, there = from_url.strip("/").split("/"), to_url.strip("/").split("/")
    here, there = [part for part in here if part], [part for part in there if part]
    shared = 0
    while shared < min(len(here), len(there)) and here[shared] == there[shared]:
        shared += 1
    steps = [".."] * (len(here) - shared) + there[shared:]
    return "/".join(steps) + "/" if steps else "./"


def site_url(src: str, lang: str, anchor: str = "", default: str = DEFAULT_LANGUAGE) -> str:
    """The site-relative URL of a page (or an anchor on it) in one language."""
    url = language_prefix(lang, default) + page_url(src)
    return f"{url}#{anchor}" if anchor else url
