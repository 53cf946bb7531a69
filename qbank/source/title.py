"""Recognising an article's title among the lines the generator put before it, and freeing any title of debris."""

from __future__ import annotations

import re

# Meta nouns the generator uses for "the title goes here": 自拟标题, 主题标题, 博客内容, 标题…
_META_NOUN = r"(?:自拟|拟定|拟|文章|博客|主题|正文|推荐)?(?:标题|题目|主题|内容|正文)"
META_LABEL = re.compile(rf"^{_META_NOUN}\s*[:：]?$")
# The same words, or an instruction such as 撰写博客, as a prefix: `标题：…`, `主题：…`, `撰写博客：…`.
META_PREFIX = re.compile(rf"(?:{_META_NOUN}|(?:撰写|写|生成)(?:一篇)?(?:博客|文章))\s*[:：]\s*")
CJK = re.compile(r"[\u3400-\u9fff]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


def is_meta_label(text: str) -> bool:
    """Whether a heading only announces the title or the body (`自拟标题`, `博客内容`)."""
    return bool(META_LABEL.match(text.strip()))


def is_preamble(text: str) -> bool:
    """Whether a line is the generator talking in English before the article starts."""
    letters = len(LATIN_LETTER.findall(text))
    return len(text) >= 30 and letters > 2 * len(CJK.findall(text)) and " " in text.strip()


def strip_meta_prefix(title: str) -> str:
    """Drop a `标题：` / `主题：` / `撰写博客：` prefix, keeping the title after it."""
    # An index, not a slice per prefix: `标题：` repeated 100,000 times is read once.
    position, last = 0, len(title.rstrip())
    while (match := META_PREFIX.match(title, position)) and match.end() < last:
        position = match.end()
    return title[position:].strip() if position else title


# -- a title as an editor writes it ------------------------------------------------------------------------
# Each step is idempotent and linear; `clean_title` runs them in turn until nothing changes, since one layer of
# debris may hide another (`**1. 面试题：** …`). A title that is all debris (`面试题 3：`) comes out empty: the
# caller knows where the real title is (a question's prompt line) or keeps what it had.

# `[text](url)` / `![alt](src)`: a heading is no place for a link, so the link text is the title's words.
LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")
_CN_NUMBER = "一二三四五六七八九十"
# Kind words the generator puts before a question (the markers' words and their `描述` forms), longest first.
_KIND = "|".join(sorted(("面试题", "算法编程题", "编程题", "算法题", "代码题", "常见问题", "问题", "题目", "题目描述",
                         "问题描述", "试题"), key=len, reverse=True))
_SEPARATOR = r"[.．、)）:：]"
# One layer of numbering or kind label before a title. Every form ends in a separator (or, after a kind word, a
# blank), so a title that merely starts with a number or a numeral word (`5G …`, `一对一…`, `第一性原理`) keeps it.
NUMBERING = re.compile(
    rf"(?:[(（]\s*(?:\d{{1,3}}|[{_CN_NUMBER}]{{1,3}})\s*[)）]"  # （1） (一)
    r"|[\u2460-\u2473]"  # ①…⑳
    rf"|第\s*(?:\d{{1,3}}|[{_CN_NUMBER}]{{1,3}})\s*(?:[题问]\s*{_SEPARATOR}?|{_SEPARATOR})"  # 第3题： 第一、
    rf"|(?:{_KIND})\s*(?:\d{{1,3}}|[{_CN_NUMBER}]{{1,3}})\s*(?:{_SEPARATOR}|(?=\s)|$)"  # 问题1： 面试题 3: 问题一：
    rf"|(?:Q|Question|Problem)\s*\d{{1,3}}\s*{_SEPARATOR}"  # Q1. (a bare `Q3` may be a quarter)
    # 1. 1、 1) 2.3. 1\. — not `1.5 倍` or `1:1`: a decimal with no separator after it is a value, not a number.
    rf"|\d{{1,3}}(?:[.．]\d{{1,3}})*\\?{_SEPARATOR}(?!\d)"
    rf"|[{_CN_NUMBER}]{{1,3}}\s*[、.．]"  # 一、
    rf"|(?:{_KIND}|Q|Question|Problem|问)\s*[:：]"  # 面试题： 题目： Q：
    r")\s*"
)
# `**问题1：** …` / `**标题**：…`: a short bold label opening the title, whatever follows it.
BOLD_LABEL = re.compile(r"\*\*\s*([^*\n]{1,20}?)\s*(?:([:：])\s*\*\*|\*\*\s*([:：]))\s*")
EMPHASIS = "*_"
BLANKS = " \t\u3000"
# Python's `*args`, `**kwargs`, `_name`: a marker glued to a lowercase name at the start is code, not emphasis.
CODE_NAME_START = re.compile(r"(?:\*{1,2}|_{1,2})[a-z]")


def strip_links(title: str) -> str:
    """Keep the words of a link or image in a title and drop its Markdown syntax."""
    return LINK.sub(r"\1", title)


def strip_emphasis(title: str) -> str:
    """Drop `**`, `__`, `*` or `_` wrapped around the whole title, or dangling at an end with no partner inside."""
    title = title.strip()
    if label := BOLD_LABEL.match(title):
        # The label's bold only hides it from the numbering step; a later bold pair is the title's own.
        title = f"{label[1]}{label[2] or label[3]}{title[label.end():]}"
    start, end = 0, len(title)
    # Indices, not slices: a title of 100,000 `*` is read once.
    while start < end and (title[start] in EMPHASIS or title[start].isspace()):
        start += 1
    while end > start and (title[end - 1] in EMPHASIS or title[end - 1].isspace()):
        end -= 1
    core = title[start:end]
    if not core:
        return ""
    # Only the run touching the words can open or close emphasis (`** **如何`: the first `**` is debris).
    lead = title[:start].split()[-1] if start and title[start - 1] in EMPHASIS else ""
    trail = title[end:].split()[0] if end < len(title) and title[end] in EMPHASIS else ""
    if "_" in lead + trail and core.isascii() and core.replace("_", "").isalnum():
        return title  # `__init__`: a name, not emphasis
    # An end run is emphasis of the title's own when its partner is inside (`**如何**评估`, two bold spans);
    # `*args`, `**kwargs`, `_name` opening a title and `A*`, `x_` closing one are code, unless the run wraps it.
    keep_lead = lead in core or (lead != trail and CODE_NAME_START.match(lead + core) is not None)
    keep_trail = trail in core or (len(trail) == 1 and lead != trail and core[-1].isascii() and core[-1].isalnum())
    return f"{lead if keep_lead else ''}{core}{trail if keep_trail else ''}"


def strip_book_marks(title: str) -> str:
    """Drop `《` or `》` left at an end of a title with no partner in it (its other half went with debris)."""
    kept = title
    if kept.startswith("《") and "》" not in kept:
        kept = kept.lstrip("《" + BLANKS)
    if kept.endswith("》") and "《" not in kept:
        kept = kept.rstrip("》" + BLANKS)
    return kept


def strip_numbering(title: str) -> str:
    """Drop every layer of numbering and kind label before a title (`1、`, `（2）`, `一、`, `问题3：`, `题目：`)."""
    position = 0
    while (match := NUMBERING.match(title, position)) and match.end() > position:
        position = match.end()
    return title[position:]


def strip_trailing_marks(title: str) -> str:
    """Drop colons, closing hashes and backslashes left at the end of a title (not the `#` of `C#`)."""
    end = len(title)
    while end:
        char = title[end - 1]
        if char.isspace() or char in ":：\\":
            end -= 1
        elif char == "#":
            run = end
            while run and title[run - 1] == "#":
                run -= 1
            if end - run == 1 and run and title[run - 1].isascii() and title[run - 1].isalpha():
                break
            end = run
        else:
            break
    return title[:end]


TITLE_STEPS = (
    strip_links, strip_emphasis, strip_book_marks, strip_meta_prefix, strip_numbering, strip_trailing_marks,
)
# Layers of debris met in the series are two or three deep; a bound keeps a hostile title linear.
MAX_PASSES = 6


def clean_title(title: str) -> str:
    """A title as an editor writes it: no link syntax, emphasis, meta or kind label, numbering or trailing marks."""
    title = title.strip()
    for _ in range(MAX_PASSES):
        cleaned = title
        for step in TITLE_STEPS:
            cleaned = step(cleaned)
        if cleaned == title:
            break
        title = cleaned
    return title
