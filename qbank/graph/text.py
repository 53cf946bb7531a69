"""Cutting Chinese question text into comparable concept words (jieba + the thesaurus)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources

import jieba
import yaml

jieba.setLogLevel(logging.WARNING)
PUNCTUATION = re.compile(r"^[\W_]+$")
# Punctuation that ends a clause of a title: each clause has a head of its own.
CLAUSE_END = re.compile(r"[，,；;：:。？?！!、]+")
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
def segment(text: str) -> tuple[str, ...]:
    """The words of a text, lower-cased, punctuation kept: one jieba pass that every reading shares.

    Cached because a bank asks the same titles again and again, and jieba is the slow part.
    """
    text = NUMBERED_LABEL.sub("", text)
    for phrase, replacement in thesaurus()["phrases"]:
        text = text.replace(phrase, f" {replacement} ")
    return tuple(word for word in (word.strip().lower() for word in jieba.lcut(text)) if word)


def forms_of(words: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Subject words and asking-kept words of segmented words (punctuation dropped)."""
    vocabulary = thesaurus()
    subject, asked = [], []
    for word in words:
        if PUNCTUATION.match(word):
            continue
        concept = vocabulary["synonyms"].get(word, word)
        if word not in vocabulary["stop"]:
            subject.append(concept)
            asked.append(concept)
        elif word in vocabulary["asks"]:
            asked.append(concept)
    return tuple(subject), tuple(asked)


@lru_cache(maxsize=65536)
def concept_forms(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One segmentation of a text: its subject words, and the same with the asking words kept."""
    return forms_of(segment(text))


def clause_subjects(text: str) -> list[tuple[str, ...]]:
    """The subject words of each clause of a text (clauses end at 、，；：。？！ and their ASCII forms)."""
    clauses: list[list[str]] = [[]]
    for word in segment(text):
        if CLAUSE_END.fullmatch(word):
            clauses.append([])
        else:
            clauses[-1].append(word)
    return [subject for subject, _ in map(forms_of, clauses) if subject]


def verbs(text: str) -> tuple[str, ...]:
    """The words of a text that jieba's dictionary tags as verbs (v, vn…), synonyms unified.

    Read from the dictionary rather than by jieba.posseg's tagger: that is many times slower, and a
    title's verbs are dictionary words.
    """
    import jieba.posseg  # its tag table loads with it: only the duplicate detector needs it

    tags = jieba.posseg.dt.word_tag_tab
    synonyms = thesaurus()["synonyms"]
    return tuple(sorted({synonyms.get(word, word) for word in segment(text) if tags.get(word, "x").startswith("v")}))
