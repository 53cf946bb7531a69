"""Topic placement rules: the title decides before the prompt; a best guess before "unsorted"."""

from __future__ import annotations

from dataclasses import replace

from qbank.graph.topics import GUESS, THRESHOLD, Topic, TopicModel, assign, place_all
from qbank.source.model import Question

TOPICS = [
    Topic("data", {"zh": "数据", "en": "Data"}, {"zh": "数据", "en": "Data"}, ("数据",)),
    Topic("deployment", {"zh": "部署", "en": "Deployment"}, {"zh": "部署", "en": "Deployment"}, ("部署",)),
    Topic("coding", {"zh": "编程", "en": "Coding"}, {"zh": "编程", "en": "Coding"}, (), ("coding",)),
    Topic("unsorted", {"zh": "未分类", "en": "Unsorted"}, {"zh": "未分类", "en": "Unsorted"}, (), (), True),
]


def question(title: str, prompt: str = "", kind: str = "interview") -> Question:
    return Question(anchor="i01", kind=kind, number=1, title=title, level=3, prompt=prompt, answer="答。",
                    analysis="", code="", hints="")


class Fixed(TopicModel):
    """A model that gives every question the same probabilities."""

    def __init__(self, probabilities: list[tuple[str, float]]) -> None:
        super().__init__(None, [topic for topic, _ in probabilities])
        self.probabilities = probabilities

    def predict(self, questions: list[Question]) -> list[list[tuple[str, float]]]:
        return [self.probabilities for _ in questions]


def test_the_title_decides_before_the_prompt() -> None:
    # A coding exercise's prompt mentions data; its title asks about deployment.
    asked = question("实现一个模型部署服务", "读取数据，清洗数据，然后训练并部署。", kind="coding")
    assert assign(asked, TOPICS) == ["deployment", "coding"]
    # A title that matches no topic's words is read with its prompt.
    assert assign(question("如何做好这件事？", "先整理数据。"), TOPICS) == ["data"]
    # The page's own topics always win.
    assert assign(replace(question("部署"), topics=("data",)), TOPICS) == ["data"]


def test_a_best_guess_before_unsorted() -> None:
    vague = question("如何做好这件事？")
    between = (GUESS + THRESHOLD) / 2
    placed = place_all([vague], TOPICS, model=Fixed([("data", between), ("deployment", between - 0.01)]))[0]
    assert (placed.topics, placed.how) == (["data"], "model")  # one topic only: it is a guess
    unsure = place_all([vague], TOPICS, model=Fixed([("data", GUESS - 0.01)]))[0]
    assert (unsure.topics, unsure.how) == (["unsorted"], "unsorted")
    sure = place_all([vague], TOPICS, model=Fixed([("data", THRESHOLD + 0.1), ("deployment", THRESHOLD + 0.05)]))[0]
    assert (sure.topics, sure.how) == (["data", "deployment"], "model")
