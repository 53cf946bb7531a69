"""`qbank check`'s trust gate: refuse markup in a canonical page that would run or restyle in a reader's browser."""

from __future__ import annotations

import re
from pathlib import Path

from qbank.bank.page import ATTRIBUTE, QUESTION_HEADING
from qbank.source.escape import MAX_INDENT, MAX_NESTING, deep_nesting
from qbank.source.fences import fence_roles
from qbank.source.safe_links import MARKDOWN_URL, is_unsafe_url

# A page indents answers and analyses inside their `??? answer` block: ingest's limit, plus that block.
PAGE_INDENT = MAX_INDENT + 8
_DEEP = deep_nesting(PAGE_INDENT)
_CODE_SPAN = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)")
QUESTION_ATTRIBUTES = ("data-kind", "data-number", "data-lines", "data-topics", "data-zh")
DANGEROUS_TAGS = ("script", "iframe", "object", "embed", "style", "form")
# A tag's name may follow `<` or `</` after blanks (`< script` is not a tag, but browsers differ on `</ script`).
_TAG = re.compile(r"</?\s*([a-zA-Z][\w:-]*)", re.I)
# An event handler in a raw tag or an attribute list: `onclick=`, `ONLOAD =`, `on-error` is no handler.
_HANDLER = re.compile(r"(?:^|[\s\"'/{.;])on[a-z]+\s*=", re.I)
_ATTRIBUTE_LIST = re.compile(r"\{[^}\n]*\}")
_URL_ATTRIBUTE = re.compile(
    r"\b(?:href|src|action|formaction|xlink:href|poster|data)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I,
)
NESTING_HINT = ("flatten it, or write the markers past that depth as text (`&#45;` for `-`, `&gt;` for `>`), "
                "as `qbank ingest` does")
HINT = ("article and catalogue text is shown as text: write `<` as `&lt;` and `{` as `&#123;` (or put it in "
        "`code`), and remove script URLs; see CONTRIBUTING.md, “Trust boundary”")


def _prose(line: str) -> str:
    """A line without its inline code spans, which render as code and never as markup."""
    return _CODE_SPAN.sub(lambda span: " " * len(span.group(0)), line)


def line_problems(line: str) -> list[str]:
    """What in one line of prose would be live markup on the site."""
    problems: list[str] = []
    text = _prose(line)
    heading = QUESTION_HEADING.match(text)
    if heading:
        # qbank's own list on a question heading is structure; the heading's text is not.
        text = f"{heading.group(1)} {heading.group(2)}"
        extra = ATTRIBUTE.sub("", heading.group(4)).strip()
        unknown = [key for key, _ in ATTRIBUTE.findall(heading.group(4)) if key not in QUESTION_ATTRIBUTES]
        if extra or unknown:
            problems.append(f"question heading attributes qbank does not write ({' '.join(unknown) or extra[:40]})")
    for tag in _TAG.finditer(text):
        name = tag.group(1)
        if name.lower() in DANGEROUS_TAGS:
            problems.append(f"a raw <{name}> tag")
        if _HANDLER.search(inside := text[tag.end():].split(">", 1)[0]):
            problems.append(f"an on* event handler in a raw <{name}> tag")
        for value in _URL_ATTRIBUTE.finditer(inside):
            if is_unsafe_url(value.group(1).strip("\"'")):
                problems.append(f"a script URL {value.group(1)[:40]!r} in a raw <{name}> tag")
    for attributes in _ATTRIBUTE_LIST.finditer(text):
        problems.append(f"an attribute list {attributes.group(0)[:40]!r}"
                        + (" with an event handler" if _HANDLER.search(attributes.group(0)) else ""))
    for match in MARKDOWN_URL.finditer(text):
        if is_unsafe_url(url := match[1] or match[2]):
            problems.append(f"a script URL {url[:40]!r}")
    return problems


def page_problems(path: Path) -> list[str]:
    """Every line of a canonical page with live markup, as `file:line: message` plus a hint."""
    lines = path.read_text(encoding="utf-8").split("\n")
    roles, _ = fence_roles(lines)
    front_end = lines.index("---", 1) if lines and lines[0] == "---" and "---" in lines[1:] else -1
    problems: list[str] = []
    for index, line in enumerate(lines):
        if index <= front_end or roles[index]:
            continue
        for problem in line_problems(line):
            problems.append(f"{path}:{index + 1}: live markup: {problem}\n  hint: {HINT}")
        if _DEEP.match(line):
            problems.append(f"{path}:{index + 1}: a list or quote nested deeper than {MAX_NESTING} levels, or "
                            f"indented past {PAGE_INDENT} columns: Markdown cannot build it\n  hint: {NESTING_HINT}")
    return problems


def live_markup_problems(docs: Path) -> list[str]:
    """Live markup in every canonical article page, Chinese and English."""
    return [problem for path in sorted((docs / "articles").glob("*.md")) for problem in page_problems(path)]
