"""A question's solution approach is part of its answer, never of the prompt shown above it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS_ARTICLES, QUESTION_SOURCES
from qbank.source import markers as m
from qbank.source.model import Question
from qbank.source.parse import parse_source

APPROACH = "用哈希表记录见过的数及其下标"
REQUIREMENT = "数组长度不超过一万"
CODE = "def two_sum(nums, target):"

# Every supported way of labelling the approach: the label words, and the ways a label is written.
APPROACH_LABELS = (
    "**算法思路：**", "**解题思路：**", "**思路：**", "**实现思路：**", "**设计思路：**", "**解决思路：**",
    "**算法设计：**", "**解决方案：**", "**技术方案：**", "**解法：**", "**核心思想：**", "**解题思路分析：**",
    "**算法思路**：", "**算法思路:**", "- **解题思路：**", "**思路 1：**",
)
# Labels of the task itself: they stay in the prompt.
PROMPT_LABELS = ("**要求：**", "**输入：**", "**输出：**", "**示例：**", "**约束：**", "**系统设计：**", "**方法：**")


def coding_question(label: str, same_line: bool) -> str:
    """A one-question source: prompt, a requirement, the labelled approach, then example code."""
    approach = f"{label} {APPROACH}。" if same_line else f"{label}\n\n1. {APPROACH}。\n2. 一次遍历即可。"
    return (
        "### AI 大模型创业：测试\n\n#### 算法编程题\n\n##### 算法编程题1：两数之和\n\n"
        f"**题目：** 返回和为目标值的两个下标。\n\n**要求：** {REQUIREMENT}。\n\n{approach}\n\n"
        f"**代码示例：**\n\n```python\n{CODE}\n    pass\n```\n"
    )


def only_question(text: str) -> Question:
    """Parse a one-question source and return its question."""
    (question,) = parse_source(text.encode(), "sources/test.txt").article.questions
    return question


@pytest.mark.parametrize("same_line", [False, True], ids=["own-line", "same-line"])
@pytest.mark.parametrize("label", APPROACH_LABELS)
def test_labelled_approach_opens_the_answer(label: str, same_line: bool) -> None:
    question = only_question(coding_question(label, same_line))
    assert APPROACH not in question.prompt
    # The approach opens the answer under its own label, so a reader sees what it is.
    assert question.answer.startswith(label) and APPROACH in question.answer
    assert REQUIREMENT in question.prompt and "**要求：**" in question.prompt
    assert CODE in question.code


@pytest.mark.parametrize("label", PROMPT_LABELS)
def test_task_labels_stay_in_the_prompt(label: str) -> None:
    source = coding_question("**算法思路：**", same_line=True).replace("**要求：**", label)
    question = only_question(source)
    assert f"{label} {REQUIREMENT}" in question.prompt
    assert APPROACH in question.answer and REQUIREMENT not in question.answer_markdown()


def test_approach_label_inside_an_answer_leaves_it_as_it_was() -> None:
    source = (
        "### AI 大模型创业：测试\n\n#### 面试题\n\n##### 面试题1：如何灰度发布模型？\n\n"
        "**答案：** 按用户分桶。\n\n**解决方案：** 指标异常时回滚。\n\n**思路：** 先小流量验证。\n"
    )
    question = only_question(source)
    assert question.prompt == ""
    assert question.answer == "按用户分桶。\n\n**解决方案：** 指标异常时回滚。"
    assert question.analysis == "先小流量验证。"  # 思路 after an answer is still its analysis


def test_an_approach_label_answers_an_unnumbered_question() -> None:
    source = "### AI 大模型创业：测试\n\n#### 算法编程题\n\n**题目：** 实现 LRU 缓存。\n\n**算法设计：** 哈希表加双向链表。\n"
    question = only_question(source)
    assert (question.title, question.answer) == ("实现 LRU 缓存。", "**算法设计：** 哈希表加双向链表。")


@pytest.mark.parametrize("source", QUESTION_SOURCES + CORPUS_ARTICLES, ids=lambda path: path.stem)
def test_no_prompt_of_the_series_holds_an_approach(source: Path) -> None:
    for question in parse_source(source.read_bytes(), source.name).article.questions:
        for line in (question.prompt + "\n" + question.hints).split("\n"):
            assert not m.approach_label(line), f"{source.name} {question.anchor}: {line}"
