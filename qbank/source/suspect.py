"""Questions whose title reads like an answer sentence: flagged in the ingest report for an editor."""

from __future__ import annotations

import re
from statistics import median

from qbank.source.model import Article, ReportEntry

# Interrogatives and the imperatives that set a task: a closed class of Chinese grammar words, not topic words.
QUESTION_FORM = re.compile(
    r"[？?]|如何|怎样|怎么|什么|哪些|哪个|哪种|为什么|为何|是否|能否|可否|吗|呢|"
    r"请|实现|编写|设计|描述|说明|解释|比较|列举|简述|阐述|举例|写出|给出|"
    r"\b(?:how|what|why|which|when|who|implement|write|design|describe|explain)\b",
    re.I,
)
# A title this many times longer than the median of its siblings is more likely a sentence of an answer.
LONGER_THAN_SIBLINGS = 2.0
MIN_SUSPECT_LENGTH = 25


def answer_like_titles(article: Article) -> list[ReportEntry]:
    """Flag each question whose title has no question form and is far longer than its siblings' titles."""
    lengths = [len(question.title) for question in article.questions]
    if not lengths:
        return []
    typical = median(lengths)
    flagged = []
    for question in article.questions:
        title = question.title
        if QUESTION_FORM.search(title) or len(title) < MIN_SUSPECT_LENGTH:
            continue
        reasons = ["no question form"]
        if len(title) >= LONGER_THAN_SIBLINGS * typical:
            reasons.append(f"{len(title) / typical:.1f}× the length of a typical title here")
        elif not re.search(r"[。；;，,]", title):
            continue
        else:
            reasons.append("a sentence with clauses")
        flagged.append(ReportEntry(
            article.source, question.source_lines[0], "check",
            f"question {question.anchor} title reads like an answer ({', '.join(reasons)}): {title[:40]!r}; "
            "check the question boundaries",
        ))
    return flagged
