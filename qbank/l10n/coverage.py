"""An English edition against its Chinese original: parity, freshness and Chinese left where it shouldn't be.

Built on qbank.bank.translation's fingerprints and on the catalogue units (qbank.l10n.pages), which is why
it is here and not in the bank layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from qbank.bank.load import BankArticle
from qbank.bank.page import split_page
from qbank.bank.translation import (
    Coverage,
    all_code,
    code_blocks,
    heading_lines,
    prose_fingerprint,
    question_fingerprint,
    stray_cjk,
)
from qbank.source.model import Article


def check_article(article: BankArticle, docs: Path, allowed: set[str]) -> Coverage:
    """Compare an article's English edition with its Chinese original."""
    zh = article.zh
    coverage = Coverage(article.slug, len(zh.questions), 0, [])
    english = article.editions.get("en")
    path = docs / "articles" / f"{article.slug}.en.md"
    if english is None:
        coverage.problems.append(f"{path}: missing; translate docs/articles/{article.slug}.md (see CONTRIBUTING.md)")
        return coverage
    text = path.read_text(encoding="utf-8")
    lines = heading_lines(text)
    meta = split_page(text, str(path)).meta
    if meta.get("zh_prose") != prose_fingerprint(zh):
        coverage.problems.append(
            f"{path}:1: the Chinese title or prose changed since it was translated; "
            f"update the English prose, then run `qbank stamp {article.slug}`")
    zh_anchors = [q.anchor for q in zh.questions]
    en_by_anchor = {q.anchor: q for q in english.questions}
    for extra in sorted(set(en_by_anchor) - set(zh_anchors)):
        coverage.problems.append(
            f"{path}:{lines.get(extra, 1)}: question {extra} is not in the Chinese page; remove it",
        )
    for question in zh.questions:
        translated = en_by_anchor.get(question.anchor)
        if translated is None:
            coverage.problems.append(f"{path}: question {question.anchor} ({question.title!r}) is not translated")
            continue
        where = f"{path}:{lines.get(question.anchor, 1)}: question {question.anchor}"
        fresh = True
        if translated.translates != question_fingerprint(question):
            fresh = False
            coverage.problems.append(
                f"{where} translates an older Chinese text; update the translation, "
                f"then run `qbank stamp {article.slug}`")
        if (translated.kind, translated.number) != (question.kind, question.number):
            fresh = False
            coverage.problems.append(f"{where} has kind/number {translated.kind}/{translated.number}, "
                                     f"the Chinese has {question.kind}/{question.number}")
        if code_blocks(all_code(translated)) != code_blocks(all_code(question)):
            fresh = False
            coverage.problems.append(f"{where} has code blocks of {code_blocks(all_code(translated))} lines, "
                                     f"the Chinese has {code_blocks(all_code(question))}; keep the code as it is")
        if question.anchor in english.partial:
            fresh = False  # imported with some units still in the original: counted, not an error
        coverage.translated += fresh
    if [q.anchor for q in english.questions if q.anchor in set(zh_anchors)] != [a for a in zh_anchors
                                                                               if a in en_by_anchor]:
        coverage.problems.append(f"{path}:1: questions are not in the Chinese order")
    shown_in_original = original_units(zh, english.partial)
    zh_path = docs / "articles" / f"{article.slug}.md"
    coverage.problems.extend(stray_cjk(text, zh_path, path, allowed | shown_in_original))
    return coverage


def original_units(original: Article, partial: Sequence[str]) -> set[str]:
    """The Chinese an English page shows on purpose: the units of the blocks it lists as partly translated."""
    if not partial:
        return set()
    from qbank.l10n.pages import page_template  # Pygments (the units' lexers): only for partial pages

    template = page_template(original)
    block_of = template.block_of()
    return {unit.text for unit in template.units if block_of[unit.context] in partial}
