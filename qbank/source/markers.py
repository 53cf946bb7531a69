"""The genre's markers: how posts of the series mark questions, labels and sections."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qbank.source.model import Kind

_NUM = r"(\d{1,4})"
_SEP = r"\s*[.、．)）:：]\s*"
_KIND_WORDS = r"面试题|算法编程题|编程题|算法题|代码题|常见问题|问题|题目|FAQ|Q"



class Found:
    """The groups of a marker found without a regex's backtracking, read as a match's are (`group(1)`)."""

    def __init__(self, *groups: str) -> None:
        self.groups = groups

    def group(self, index: int) -> str:
        """The index-th group, 1-based as in `re.Match`."""
        return self.groups[index - 1]


class Heading:
    """`^(#{1,6})\\s+(.*?)\\s*#*\\s*$` in linear time: as a regex its lazy text before the optional closing
    hashes is retried at every position of a long blank run (a minute on 2,000 spaces)."""

    OPEN = re.compile(r"(#{1,6})\s+")

    def match(self, text: str) -> Found | None:
        """The hashes and the text of an ATX heading line, without closing hashes; None when it is none."""
        if not text.startswith("#"):
            return None  # asked of nearly every line, most of them prose
        opened = self.OPEN.match(text)
        if opened is None:
            return None
        # The shortest text whose remainder is blanks, hashes, blanks: strip those from the end once each.
        content = text[opened.end():].rstrip().rstrip("#").rstrip()
        return None if "\n" in content else Found(opened.group(1), content)


HEADING = Heading()
THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")

# `##### 面试题 1：title` / `### 算法编程题 2. title` — a kind word and a number in a heading.
HEADING_KIND_NUMBER = re.compile(rf"^(?:\*\*)?({_KIND_WORDS})\s*{_NUM}(?:{_SEP}|\s+|(?=\*\*|$))(.*?)(?:\*\*)?$")
# `#### 12. title` or `### 2.1 title` — a numbered heading; a question only if labels follow.
# A decimal number (`2.1`) counts by its last part: its section heading (`## 2.`) holds the rest.
NUMBERED = re.compile(rf"^(?:\*\*)?(?:(?:\d{{1,4}}\.)+{_NUM}\.?\s+|{_NUM}{_SEP})(.+?)(?:\*\*)?$")
# `**3. 算法编程题：** title` (kind word inside or outside the bold).
BOLD_NUMBER_KIND = re.compile(rf"^\*\*{_NUM}{_SEP}({_KIND_WORDS})\s*[:：]?\s*\*\*\s*[:：]?\s*(.+)$")
# `**面试题 1：** title` / `**题目 2：** title` — a bold kind word and number, the title after it.
BOLD_KIND_NUMBER = re.compile(rf"^\*\*({_KIND_WORDS})\s*{_NUM}\s*[.、．:：]?\s*\*\*\s*[:：]?\s*(.*)$")
# `#### 1. 面试题：title` — a numbered heading whose text opens with a kind word.
KIND_PREFIX = re.compile(rf"^({_KIND_WORDS})\s*[:：]\s*(.+)$")
# `1. 如何评估模型？` — a plain numbered item ending with a question mark (a question only if labels follow).
PLAIN_QUESTION_ITEM = re.compile(rf"^\s{{0,3}}{_NUM}[.、．)]\s+(?!\*\*)(.+[？?])\s*$")
# `**1. 什么是深度学习？**` — a whole bold numbered line.
BOLD_NUMBERED_LINE = re.compile(rf"^\*\*{_NUM}{_SEP}(.+?)\*\*\s*$")
# `1. **大模型训练需要多少数据？**` — a numbered list item that is bold as a whole.
LIST_BOLD_ITEM = re.compile(rf"^\s{{0,3}}{_NUM}[.、．)]\s+\*\*(.+?)\*\*\s*[:：]?\s*$")
# `**Q1：** …` / `Q：…` / `**问：**` in a FAQ section.
FAQ_QUESTION = re.compile(r"^(?:[-*+]\s+)?(?:\*\*)?(?:Q|问)\s*(\d{0,4})\s*[.:：、]\s*(?:\*\*)?\s*(.+?)(?:\*\*)?\s*$")
FAQ_ANSWER = re.compile(r"^(?:[-*+]\s+)?(?:\*\*)?(?:A|答)\s*\d{0,4}\s*[.:：、]\s*(?:\*\*)?\s*(.*)$")

# A title that asks: it ends with a question mark.
QUESTION_FORM = re.compile(r"[？?]\s*$")

# `**二、算法编程题库**` — a whole bold line numbered in Chinese, standing in for a section heading.
class BoldSection:
    """`^\\*\\*\\s*[一…十]{1,3}\\s*[、.．]\\s*(.+?)\\s*\\*\\*\\s*$` in linear time (the lazy text before the closing
    `**` is retried at every position of a blank run as a regex)."""

    OPEN = re.compile(r"\*\*\s*[一二三四五六七八九十]{1,3}\s*[、.．]")
    PATTERN = re.compile(r"^\*\*\s*[一二三四五六七八九十]{1,3}\s*[、.．]\s*(.+?)\s*\*\*\s*$")

    def match(self, text: str) -> Found | re.Match[str] | None:
        """The section name of a whole bold numbered line; None when the line is none."""
        opened = self.OPEN.match(text)
        if opened is None:
            return None
        rest = text[opened.end():]
        closed = rest.rstrip()
        if not closed.endswith("**"):
            return None
        name = closed[:-2].rstrip().lstrip()
        if not name:
            # Only blanks between the marks: the regex's answer is one of them, found without a long search.
            return self.PATTERN.match(text)
        return None if "\n" in name else Found(name)


BOLD_SECTION = BoldSection()
# `1. 请实现一个快速排序算法。` — a plain numbered item of a question list.
LIST_QUESTION_ITEM = re.compile(r"^\s{0,3}(\d{1,3})[.、．)]\s+(?!\*\*)(.+)$")

LABELS: dict[str, tuple[str, ...]] = {
    "prompt": ("面试题", "算法编程题", "编程题", "题目", "问题", "题目描述", "问题描述"),
    "answer": ("答案", "参考答案", "答案解析", "答案及解析", "答案与解析", "详细答案", "解答", "回答", "答"),
    "analysis": ("解析", "分析", "解释", "思路", "解题思路", "答案说明"),
    "code": ("示例代码", "代码示例", "代码", "源代码", "源代码实例", "代码实现", "实现代码", "参考代码", "代码实例"),
    "hints": ("提示", "提示信息"),
}
_LABEL_WORDS = "|".join(sorted({w for words in LABELS.values() for w in words}, key=len, reverse=True))
# `**答案：** text`, `- **答案：**`, `**答案**：text`, `答案：text`.
LABEL = re.compile(
    rf"^\s{{0,3}}(?:[-*+]\s+)?(?:\*\*\s*({_LABEL_WORDS})\s*\d{{0,3}}\s*[:：]\s*\*\*|\*\*({_LABEL_WORDS})\s*\d{{0,3}}\*\*\s*[:：]"
    rf"|({_LABEL_WORDS})\s*\d{{0,3}}\s*[:：])\s*(.*)$"
)
LABEL_KIND = {word: kind for kind, words in LABELS.items() for word in words}

# Bold labels that open an article's closing prose, never part of an answer.
CLOSING = re.compile(
    r"^\s{0,3}(?:\*\*)?\s*(总结|结语|小结|结论|总结与建议|总结与展望|结束语|写在最后)\s*[:：]?\s*(?:\*\*)?\s*[:：]?\s*$"
)
# Meta headings whose real title is on the next line (`### 自拟标题` + `《…》`).
META_TITLE = re.compile(r"^(?:自拟标题|拟定标题|标题|文章标题|博客标题|题目)\s*[:：]?$")

CODING_WORDS = ("算法编程题", "编程题", "算法题", "代码题")
INTERVIEW_WORDS = ("面试题",)
FAQ_WORDS = ("常见问题", "FAQ", "问答", "Q&A")


@dataclass(frozen=True)
class Label:
    """A recognised answer-part label on a line and the text after it."""

    part: str
    word: str
    rest: str


def match_label(line: str) -> Label | None:
    """Return the label a line opens with (答案/解析/示例代码…), if any."""
    match = LABEL.match(line)
    if not match:
        return None
    word = match.group(1) or match.group(2) or match.group(3)
    bold = match.group(3) is None
    # An unbolded "答：" or "问题：" is too common in prose; only answer words count bare.
    if not bold and LABEL_KIND[word] not in ("answer",):
        return None
    if not bold and word == "答":
        return None
    return Label(LABEL_KIND[word], word, match.group(4))


# The solution approach of a question: a bold label whose word is a head (思路, 方案…), optionally
# after a qualifier saying whose approach it is (算法思路, 解题思路, 解决方案, 算法设计).
_APPROACH_QUALIFIERS = "算法|解题|答题|实现|设计|解决|求解|编程|代码|技术|整体|总体|基本|核心"
_APPROACH_HEADS = "思路|思想|方案|解法|设计|方法"
# Heads that need a qualifier: a bare `**设计：**` or `**方法：**` may be the task itself.
_QUALIFIED_HEADS = ("设计", "方法")
_APPROACH_WORD = rf"(?:({_APPROACH_QUALIFIERS})?({_APPROACH_HEADS})(?:分析|说明|概述)?)"
# `**算法思路：**`, `**解题思路**：…`, `- **解决方案：** …`, `**思路 1：**`.
APPROACH_LABEL = re.compile(
    rf"^\s{{0,3}}(?:[-*+]\s+)?\*\*\s*({_APPROACH_WORD})\s*\d{{0,3}}\s*(?:[:：]\s*\*\*|\*\*\s*[:：])"
)


def approach_label(line: str) -> str | None:
    """The word of a bold solution-approach label the line opens with (算法思路, 解决方案…), if any."""
    match = APPROACH_LABEL.match(line)
    if not match or (match.group(2) is None and match.group(3) in _QUALIFIED_HEADS):
        return None
    return match.group(1)


# Prompt labels that can open an unnumbered question (`**题目：** …` followed by `**答案：** …`).
PROMPT_OPENERS = ("面试题", "算法编程题", "编程题", "题目", "问题")


def numbered(text: str) -> tuple[int, str] | None:
    """The number and title of a numbered line (`12. title`, `2.1 title`), if it is one."""
    match = NUMBERED.match(text)
    if not match:
        return None
    return int(match.group(1) or match.group(2)), match.group(3)


def kind_of_word(word: str) -> Kind | None:
    """Map a kind word from a marker (面试题, 算法编程题, Q…) to a question kind."""
    if word in CODING_WORDS:
        return "coding"
    if word in INTERVIEW_WORDS:
        return "interview"
    if word in ("常见问题", "FAQ", "Q"):
        return "faq"
    return None


def kind_of_section(heading: str) -> Kind | None:
    """Infer the kind of the questions under a section heading, if it says so unambiguously."""
    faq = any(word in heading for word in FAQ_WORDS)
    coding = any(word in heading for word in CODING_WORDS)
    interview = any(word in heading for word in INTERVIEW_WORDS) or (
        "问题" in heading and not faq
    )
    found = [kind for kind, hit in (("faq", faq), ("coding", coding), ("interview", interview)) if hit]
    return found[0] if len(found) == 1 else None  # type: ignore[return-value]


# Section headings that re-explain earlier questions rather than ask new ones.
EXPLANATION_SECTION = re.compile(r"解析|详解|说明|讲解|源代码|代码实例|代码实现|参考答案|答案")
# Words that make even a numbered heading an explanation section (`#### 4. 答案解析说明和源代码实例`).
ANSWER_KEY_SECTION = re.compile(r"答案解析|解析说明|详解|满分答案|源代码实例")
QUESTION_BANK_SECTION = re.compile(r"题库|面试题|编程题|问题|题目")


def is_explanation_section(heading: str) -> bool:
    """Whether a section heading announces explanations (`满分答案解析`), not questions (`面试题库与解析`)."""
    return bool(EXPLANATION_SECTION.search(heading)) and not QUESTION_BANK_SECTION.search(heading)


def title_similarity(first: str, second: str) -> float:
    """Share of character bigrams two titles have in common (Dice), for matching explanations."""
    def bigrams(text: str) -> set[str]:
        key = normalise_title(text)
        return {key[index:index + 2] for index in range(len(key) - 1)}

    a, b = bigrams(first), bigrams(second)
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


TITLE_MARKUP = re.compile(r"[*_`#《》\s]")
TITLE_PUNCTUATION = re.compile(r"[，。？！：；、,.?!:;（）()“”\"'‘’—\-]")


def normalise_title(text: str) -> str:
    """A comparison key for titles: no markup, spaces or punctuation."""
    return TITLE_PUNCTUATION.sub("", TITLE_MARKUP.sub("", text)).lower()
