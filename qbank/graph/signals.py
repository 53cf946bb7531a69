"""What a labeller reads besides the words of two titles: a title's head, an answer's points.

Each is read from the question's own text with jieba and the bank's statistics, never from a list of
this series' wording, so it holds on articles nobody has read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from qbank.graph.text import clause_subjects, concepts

HAN = re.compile(r"[\u4e00-\u9fff]")
CODE_BLOCK = re.compile(r"```.*?```", re.S)
# The points an answer makes: bold phrases, and the lead of a list item before its colon.
BOLD = re.compile(r"\*\*([^*\n]{1,40}?)\*\*")
LIST_LEAD = re.compile(r"^\s*(?:[-*+]|\d+[.)、])\s+([^：:。\n*]{1,30})[：:]", re.M)
# Points read per answer: an answer of the series makes a few (at most 10 in the labelled articles); the
# bound keeps a hostile one with thousands from costing a jieba pass each.
MAX_POINTS = 40
# A point that only numbers itself (方法一, 策略二, 步骤 3, 第一步) says nothing of its content.
ENUMERATION = re.compile(r"^\W*(?:第?[一二三四五六七八九十\d]+[步点个]?\W*|.{0,4}?[一二三四五六七八九十\d]+)\W*$")
# A body carried word for word by this many questions is a placeholder of the generator.
TEMPLATE_COPIES = 3


def head_words(title: str) -> list[str]:
    """The last subject word of each clause of a title.

    A Chinese noun phrase ends in its head (基于卷积神经网络的图像分类器 is an 图像分类器), so for a
    coding exercise the head names the program asked for and the words before it how to build it.
    A lone Chinese character (器, 类) is a suffix jieba split off, not a head.
    """
    found = []
    for subject in clause_subjects(title):
        words = [word for word in subject if not (len(word) == 1 and HAN.match(word))]
        if words:
            found.append(words[-1])
    return found


def key_points(body: str) -> list[str]:
    """The concept words of the points an answer makes: two askings of one question make the same points."""
    prose = CODE_BLOCK.sub(" ", body)
    points = [point for point in [*BOLD.findall(prose), *LIST_LEAD.findall(prose)] if not ENUMERATION.match(point)]
    return [word for point in points[:MAX_POINTS] for word in concepts(point)]


def without_template_answers(bodies: Sequence[str]) -> list[str]:
    """The bodies, each one that TEMPLATE_COPIES or more questions carry word for word made empty.

    Such a body (可以使用 TensorFlow、PyTorch 等框架来实现。 under every exercise of an article) says
    nothing about which question it answers, yet would make all of them look alike.
    """
    copies = Counter(body.strip() for body in bodies if body.strip())
    return ["" if copies[body.strip()] >= TEMPLATE_COPIES else body for body in bodies]
