"""Recognising an article's title among the lines the generator put before it."""

from __future__ import annotations

import re

# Meta nouns the generator uses for "the title goes here": 自拟标题, 主题标题, 博客内容, 标题…
_META_NOUN = r"(?:自拟|拟定|拟|文章|博客|主题|正文|推荐)?(?:标题|题目|主题|内容|正文)"
META_LABEL = re.compile(rf"^{_META_NOUN}\s*[:：]?$")
# The same words, or an instruction such as 撰写博客, as a prefix: `标题：…`, `主题：…`, `撰写博客：…`.
META_PREFIX = re.compile(rf"^(?:{_META_NOUN}|(?:撰写|写|生成)(?:一篇)?(?:博客|文章))\s*[:：]\s*")
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
    while (match := META_PREFIX.match(title)) and title[match.end():].strip():
        title = title[match.end():].strip()
    return title
