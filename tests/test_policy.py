"""The Content-Security-Policy made for a finished page (qbank.site.csp), on small real-shaped pages."""

from __future__ import annotations

import base64
import hashlib

from qbank.site.csp import policy, repository_api, with_policy

PAGE = "<html><head><title>t</title></head><body><script>var a = 1;</script><script src='x.js'></script></body></html>"


def directive(text: str, name: str) -> str:
    return next(part for part in text.split("; ") if part.startswith(name + " "))


def test_inline_scripts_are_allowed_by_their_hash_and_nothing_else() -> None:
    digest = base64.b64encode(hashlib.sha256(b"var a = 1;").digest()).decode()
    assert directive(policy(PAGE), "script-src") == f"script-src 'self' 'sha256-{digest}'"
    assert "'unsafe-inline'" not in directive(policy(PAGE), "script-src")
    assert directive(policy(PAGE, serving=True), "script-src") == "script-src 'self' 'unsafe-inline'"


def test_the_repository_api_is_the_only_foreign_connection() -> None:
    assert repository_api("https://github.com/example/qbank") == "https://api.github.com"
    assert repository_api("https://gitlab.example.org/team/qbank") == "https://gitlab.example.org"
    for url in (None, "", "https://example.org/qbank", "http://github.com/x/y", "javascript:alert(1)"):
        assert repository_api(url) is None, url
    assert directive(policy(PAGE, repo_url="https://github.com/a/b"), "connect-src") == \
        "connect-src 'self' https://api.github.com"
    assert directive(policy(PAGE), "connect-src") == "connect-src 'self'"
    assert "api.github.com" not in directive(policy(PAGE, repo_url="https://github.com/a/b"), "script-src")


def test_the_policy_is_the_first_element_of_head_and_replaced_not_repeated() -> None:
    once = with_policy(PAGE)
    assert once.index('<meta http-equiv="Content-Security-Policy"') == once.index("<head>") + len("<head>\n    ")
    assert with_policy(once).count("Content-Security-Policy") == 1
    assert with_policy("no head here") == "no head here"
