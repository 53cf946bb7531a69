"""The detector's reading of a question beyond its title words: heads, verbs, answer points, placeholders."""

from __future__ import annotations

import numpy as np

from qbank.graph.pair_features import FEATURES, QuestionText, pair_features, vectorise
from qbank.graph.signals import TEMPLATE_COPIES, head_words, key_points, without_template_answers
from qbank.graph.text import clause_subjects, verbs


def features(first: QuestionText, second: QuestionText) -> dict[str, float]:
    """The pair features of two questions scored as a bank of their own."""
    row = pair_features(vectorise([first, second]), np.array([0]), np.array([1]))[0]
    return dict(zip(FEATURES, row.tolist(), strict=True))


def test_the_head_of_a_title_is_the_program_asked_for_not_how_to_build_it() -> None:
    assert head_words("实现一个基于卷积神经网络的图像分类器。") == ["图像分类"]  # 器 is a suffix, not a head
    assert head_words("实现一个基于循环神经网络的语音识别模型。") == ["语音识别"]
    # Each clause has its own head: the model, and what it is for.
    assert head_words("编写一个深度学习模型，用于图像分类。") == ["深度学习", "图像分类"]
    assert clause_subjects("编写一个深度学习模型，用于图像分类。") == [("深度学习",), ("图像分类",)]
    assert head_words("？") == [] and head_words("") == []


def test_coding_head_joins_one_program_built_two_ways_and_only_for_coding_exercises() -> None:
    cnn_images = QuestionText("实现一个基于卷积神经网络的图像分类器。", kind="coding")
    deep_images = QuestionText("编写一个深度学习模型，用于图像分类。", kind="coding")
    rnn_speech = QuestionText("实现一个基于循环神经网络的语音识别模型。", kind="coding")
    rnn_text = QuestionText("实现一个基于循环神经网络（RNN）的文本分类模型。", kind="coding")
    assert features(cnn_images, deep_images)["coding_head"] == 1.0
    assert features(rnn_speech, rnn_text)["coding_head"] == 0.0
    # Two interview questions never get it, whatever their heads.
    assert features(QuestionText(cnn_images.title), QuestionText(deep_images.title))["coding_head"] == 0.0


def test_verbs_say_what_a_title_asks_and_a_clash_is_scored() -> None:
    assert "优化" in verbs("如何优化模型性能？") and "评估" in verbs("如何评估大模型的性能？")
    assert verbs("渠道规划算法") == ()
    clash = features(QuestionText("如何优化模型性能？"), QuestionText("如何评估大模型的性能？"))["intent_clash"]
    same = features(QuestionText("如何评估模型性能？"), QuestionText("AI大模型创业中如何处理模型评估问题？"))["intent_clash"]
    assert clash == 1.0 and 0.0 <= same < clash
    # A title without verbs is no evidence of a clash.
    assert features(QuestionText("渠道规划算法"), QuestionText("如何评估大模型的性能？"))["intent_clash"] == 0.0


def test_key_points_are_the_bold_phrases_and_list_leads_outside_code() -> None:
    body = "- **线上渠道：** 社交媒体、搜索引擎\n- 线下渠道：行业展会\n\n```python\nprint('**代码里的粗体**')\n```\n"
    assert key_points(body) == ["线上", "渠道", "线下", "渠道"]
    assert key_points("没有要点的一段话。") == []
    one = QuestionText("选择合适的渠道", "- **线上渠道**：社交媒体\n- **线下渠道**：展会\n- **合作伙伴渠道**：联合推广")
    other = QuestionText("如何利用渠道优势推广AI产品？", "1. **线上渠道：** 社交媒体\n2. 合作伙伴渠道：联合推广")
    unrelated = QuestionText("如何防止过拟合？", "- **正则化**：L2\n- **早停**：验证集")
    assert features(one, other)["key_points"] > features(one, unrelated)["key_points"] == 0.0


def test_a_placeholder_answer_many_questions_share_is_not_read() -> None:
    placeholder = "可以使用 TensorFlow、PyTorch 等框架来实现。"
    bodies = [placeholder] * TEMPLATE_COPIES + ["正则化与早停。", "正则化与早停。", ""]
    assert without_template_answers(bodies) == [""] * TEMPLATE_COPIES + ["正则化与早停。", "正则化与早停。", ""]
    # Below TEMPLATE_COPIES copies an answer is kept: two askings of one question may share it.
    assert without_template_answers([placeholder] * (TEMPLATE_COPIES - 1)) == [placeholder] * (TEMPLATE_COPIES - 1)
    questions = [QuestionText(f"实现一个基于{method}的{task}模型。", placeholder, kind="coding")
                 for method, task in (("注意力机制", "文本分类"), ("迁移学习", "图像分类"), ("图神经网络", "社交网络分析"))]
    row = pair_features(vectorise(questions), np.array([0]), np.array([1]))[0]
    assert row[FEATURES.index("body")] == 0.0


def test_a_point_that_only_numbers_itself_is_not_a_point() -> None:
    body = "1. **方法一：** 重采样\n2. **策略二：** 正则化\n- 第一步：清洗\n- **数据增强（Data Augmentation）：** 旋转"
    assert key_points(body) == key_points("**数据增强（Data Augmentation）：**")


def test_an_answer_with_thousands_of_points_is_read_up_to_the_bound() -> None:
    from qbank.graph.signals import MAX_POINTS

    body = "\n".join(f"- **要点{index:05d}甲乙**：说明" for index in range(5000))
    assert len(key_points(body)) <= 3 * MAX_POINTS
