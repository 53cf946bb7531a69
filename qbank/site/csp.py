"""Every built page's Content-Security-Policy: defence in depth behind the sanitiser (qbank.site.sanitise).

The policy is a <meta> made from the finished page: each inline <script> it holds (Material's and qbank's,
all trusted — content lost its scripts to the sanitiser) is allowed by the sha256 of its exact text; no
other inline script, no event handler attribute, no `javascript:` URL and no foreign script runs.
Under `mkdocs serve` the live-reload script MkDocs injects later (with a per-request number: no fixed hash)
needs inline scripts: the served policy allows them instead of listing hashes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urlsplit

from markupsafe import Markup

# An inline script: a <script> without src (a JSON <script type="application/json"> is hashed too: harmless).
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
EXISTING = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', re.IGNORECASE)
META = Markup('<meta http-equiv="Content-Security-Policy" content="{}">')
# Fixed directives. Material sets inline styles (style-src keeps 'unsafe-inline') and draws icons as data:
# images; the search worker (assets/qbank/search-worker.js) is the site's own.
DIRECTIVES = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self' 'unsafe-inline'",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def script_hashes(html: str) -> list[str]:
    """The CSP source of each distinct inline script of `html`, in order: 'sha256-<base64>'."""
    hashes = []
    for found in INLINE_SCRIPT.finditer(html):
        digest = base64.b64encode(hashlib.sha256(found[1].encode("utf-8")).digest()).decode("ascii")
        if (source := f"'sha256-{digest}'") not in hashes:
            hashes.append(source)
    return hashes


def repository_api(repo_url: str | None) -> str | None:
    """The origin Material's header reads a repository's facts (version, stars) from, for `repo_url`:
    GitHub's API, or a GitLab host itself; None for no repository or a host Material does not query."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host:
        return None
    if host == "github.com":
        return "https://api.github.com"
    return f"https://{host}" if "gitlab" in host else None


def policy(html: str, serving: bool = False, repo_url: str | None = None) -> str:
    """The policy for the finished page `html`; `serving`: under `mkdocs serve` (its live-reload script);
    `repo_url`: the site's repository, whose facts the header may fetch (the only foreign connection)."""
    scripts = "'self' 'unsafe-inline'" if serving else " ".join(["'self'", *script_hashes(html)])
    directives = {**DIRECTIVES, "script-src": scripts}
    if api := repository_api(repo_url):
        directives["connect-src"] = f"{DIRECTIVES['connect-src']} {api}"
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def with_policy(html: str, serving: bool = False, repo_url: str | None = None) -> str:
    """The finished page with its policy as the first element of <head> (replacing one put there before)."""
    html = EXISTING.sub("", html, count=1)
    head = HEAD.search(html)
    if head is None:
        return html
    meta = META.format(policy(html, serving, repo_url))
    return f"{html[:head.end()]}\n    {meta}{html[head.end():]}"
