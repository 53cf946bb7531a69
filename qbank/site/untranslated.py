"""What the English site shows where the translation is missing or stale: the Chinese, clearly marked."""

from __future__ import annotations

from qbank.bank.load import BankArticle
from qbank.bank.page import QUESTION_HEADING, indent, render_body, render_question
from qbank.bank.translation import question_fingerprint
from qbank.strings import ui


def notice(kind: str, title: str, message: str) -> str:
    """A visible admonition."""
    return f'!!! {kind} "{title}"\n\n{indent(message)}\n'


def after_heading(question_markdown: str, block: str) -> str:
    """Put a block right under a question's heading line."""
    heading, _, rest = question_markdown.partition("\n")
    return f"{heading}\n\n{block}\n{rest.lstrip(chr(10))}"


def english_view(markdown: str, article: BankArticle, lang: str, showing_original: bool) -> str:
    """Mark a page of the English site: untranslated article, missing questions, stale translations."""
    strings = ui(lang)
    if showing_original:
        # The original, with this language's block titles ("Answer", not "答案"): the page's own
        # Markdown carries the Chinese ones. The title says it is the original, and stays the
        # page's first block, so that the <title> and the nav are made from it.
        title, _, body = render_body(article.zh, lang).partition("\n")
        banner = notice("untranslated", strings["untranslated_title"], strings["untranslated_article"])
        return f"{title} {strings['original_only_title']}\n\n{banner}{body}"
    edition = article.editions.get(lang)
    if edition is None:
        return markdown
    present = {q.anchor: q for q in edition.questions}
    missing = [q for q in article.zh.questions if q.anchor not in present]
    stale = {q.anchor for q in article.zh.questions
             if q.anchor in present and present[q.anchor].translates != question_fingerprint(q)}
    partial = [anchor for anchor in edition.partial if anchor in present and anchor not in stale]
    if not missing and not stale and not partial and not {"title", "prose"} & set(edition.partial):
        return markdown
    lines = markdown.split("\n")
    headings = {match.group(3): index for index, line in enumerate(lines) if (match := QUESTION_HEADING.match(line))}
    inserts: dict[int, list[str]] = {}
    title_line = next((index for index, line in enumerate(lines) if line.startswith("# ")), None)
    if title_line is not None and "title" in edition.partial:
        lines[title_line] += f" {strings['original_only_title']}"
    if title_line is not None and "prose" in edition.partial:
        inserts.setdefault(title_line + 1, []).append(
            "\n" + notice("untranslated", strings["untranslated_title"], strings["partial_prose"]))
    for anchor in partial:
        inserts.setdefault(headings[anchor] + 1, []).append(
            "\n" + notice("untranslated", strings["untranslated_title"], strings["partial_question"]))
    order = [q.anchor for q in article.zh.questions]
    for question in missing:
        # Before the next question that the English page has, or at the end.
        later = [headings[a] for a in order[order.index(question.anchor) + 1:] if a in headings]
        at = later[0] if later else len(lines)
        block = after_heading(render_question(question, "zh"), notice(
            "untranslated", strings["untranslated_title"], strings["untranslated_question"]))
        inserts.setdefault(at, []).append(block + "\n")
    for anchor in stale:
        inserts.setdefault(headings[anchor] + 1, []).append(
            "\n" + notice("stale", strings["stale_title"], strings["stale_question"]))
    out: list[str] = []
    for index in range(len(lines) + 1):
        out.extend(inserts.get(index, []))
        if index < len(lines):
            out.append(lines[index])
    return "\n".join(out)
