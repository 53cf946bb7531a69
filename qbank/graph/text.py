"""Cutting Chinese question text into comparable concept words (jieba + the thesaurus)."""

from __future__ import annotations

import logging
import re
from functools import cache, lru_cache
from importlib import resources

import jieba
import yaml

jieba.setLogLevel(logging.WARNING)
PUNCTUATION = re.compile(r"^[\W_]+$")
# A kind-and-number label in front of a title (面试题1：, 算法题 2.), which says nothing about the question.
NUMBERED_LABEL = re.compile(
    r"^\s*(?:[\u4e00-\u9fff]{0,4}题|问题|题目|Q|问)\s*[\d一二三四五六七八九十]+\s*[：:.、)）]\s*", re.I,
)


@cache
def thesaurus() -> dict:
    """The vocabulary in qbank/data/thesaurus.yml, with jieba primed with its words."""
    data = yaml.safe_load(resources.files("qbank").joinpath("data/thesaurus.yml").read_text(encoding="utf-8"))
    words = set(data["words"])
    for forms in data["synonyms"].values():
        words.update(form for form in forms if re.search(r"[\u4e00-\u9fff]", form))
    words.update(data["phrases"])
    for word in words:
        jieba.add_word(word, freq=200_000)
    synonyms = {form.lower(): concept for concept, forms in data["synonyms"].items() for form in forms}
    phrases = sorted(data["phrases"].items(), key=lambda item: -len(item[0]))
    stop = {word.lower() for word in data["stop"]}
    return {"synonyms": synonyms, "phrases": phrases, "stop": stop, "asks": stop & set(data.get("asks") or [])}


def prepare() -> None:
    """Load jieba's dictionary and the thesaurus now, once: the processes forked after share them."""
    thesaurus()
    jieba.initialize()


def concepts(text: str, asks: bool = False) -> list[str]:
    """The subject words of a question, with synonyms unified and boilerplate removed.

    With `asks`, the stop words that say what is asked about the subject (优化, 描述…) are kept.
    """
    subject, asked = concept_forms(text)
    return list(asked if asks else subject)


@lru_cache(maxsize=65536)
def concept_forms(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One segmentation of a text: its subject words, and the same with the asking words kept.

    Cached because a bank asks the same titles again and again, and jieba is the slow part.
    """
    vocabulary = thesaurus()
    text = NUMBERED_LABEL.sub("", text)
    for phrase, replacement in vocabulary["phrases"]:
        text = text.replace(phrase, f" {replacement} ")
    subject, asked = [], []
    for word in jieba.lcut(text):
        word = word.strip().lower()
        if not word or PUNCTUATION.match(word):
            continue
        concept = vocabulary["synonyms"].get(word, word)
        if word not in vocabulary["stop"]:
            subject.append(concept)
            asked.append(concept)
        elif word in vocabulary["asks"]:
            asked.append(concept)
    return tuple(subject), tuple(asked)
