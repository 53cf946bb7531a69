"""The one safety boundary for HTML made from article or catalogue text (untrusted): an explicit allowlist.

Everything Python-Markdown, the site's pymdown-extensions (admonition, attr_list, md_in_html, tables, toc,
abbr, details, superfences, highlight with anchor_linenums, inlinehilite) and qbank's own extensions
(question_container, safe_links) produce passes unchanged, up to serialisation (`<br />` is `<br>`, an empty
attribute `=""`); anything else — event handlers, <script>, <style>, <iframe>, <object>, <embed>, forms,
`javascript:` and `data:` URLs, `srcdoc` — is removed. The theme's and qbank's own templates are trusted and
are not passed through it. Built on nh3 (a binding of the Rust crate ammonia): one Cleaner, made once.
"""

from __future__ import annotations

import functools

import nh3
from pygments.lexers import get_all_lexers
from pygments.token import STANDARD_TYPES

HEADINGS = {f"h{level}" for level in range(1, 7)}
TAGS = HEADINGS | {
    # Python-Markdown and raw HTML of the same harmless kinds
    "p", "br", "hr", "a", "img", "em", "strong", "b", "i", "code", "pre", "kbd", "samp", "var", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "del", "ins", "s", "mark", "sub", "sup", "small", "abbr",
    # tables
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    # admonition, md_in_html, details, question containers, highlight
    "div", "span", "section", "details", "summary",
}
# Removed with everything inside them (other tags off the list are removed, their text kept).
CLEAN_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "textarea", "select",
                 "svg", "math", "frame", "frameset", "noembed", "noframes", "xmp", "plaintext"}
# What question_container, ingest's canonical headings and the English view put on elements.
DATA_ATTRIBUTES = {"data-kind", "data-lines", "data-number", "data-zh", "data-question", "data-part",
                   "data-search-exclude"}
ATTRIBUTES = {
    "*": {"id", "title", "lang", "dir"} | DATA_ATTRIBUTES,
    "a": {"href", "name"},  # name: highlight's anchor_linenums
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"style", "align", "colspan", "rowspan"},
    "td": {"style", "align", "colspan", "rowspan"},
    "col": {"span"},
    "details": {"open"},
}
STYLE_PROPERTIES = {"text-align"}  # the tables extension's column alignment; no other style survives
URL_SCHEMES = {"http", "https", "mailto"}  # and relative URLs; never javascript:, data:, vbscript:, file:
# Admonition types (Material's, and those qbank's articles use), as `!!! type` or `??? type` give them.
ADMONITIONS = {
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check", "done",
    "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing", "danger", "error",
    "bug", "example", "quote", "cite", "answer", "analysis", "explanation",
}
QBANK_CLASSES = {"qbank-q", "qbank-question", "qbank-entry", "qbank-prompt", "qbank-slot", "qbank-places",
                 "qbank-unsafe-link", "qbank-untranslated"}
HIGHLIGHT_CLASSES = {"highlight", "highlighttable", "linenos", "linenodiv", "code", "filename", "hll", "normal",
                     "special", "nohighlight"}


@functools.cache
def classes() -> set[str]:
    """Every class the allowlist keeps (on any element): admonitions, toc's permalink, qbank's, highlight's,
    Pygments' token classes and highlight's `language-<alias>`."""
    tokens = {name for name in STANDARD_TYPES.values() if name}
    languages = {f"language-{alias}" for _, aliases, _, _ in get_all_lexers() for alias in aliases}
    return (ADMONITIONS | QBANK_CLASSES | HIGHLIGHT_CLASSES | tokens | languages
            | {"admonition", "admonition-title", "headerlink"})


@functools.cache
def _cleaner() -> nh3.Cleaner:
    allowed = classes()
    return nh3.Cleaner(
        tags=TAGS, clean_content_tags=CLEAN_CONTENT, attributes=ATTRIBUTES,
        allowed_classes={tag: allowed for tag in TAGS}, filter_style_properties=STYLE_PROPERTIES,
        url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True)


def sanitise(html: str) -> str:
    """`html` (made from untrusted text) with only what the allowlist keeps."""
    return _cleaner().clean(html) if html else html
