"""Which page of the site each gathered question lands on: the guide, the sheet, topics, duplicates.

Decided once per build from the Chinese text (qbank.site.paging), so both languages have the same pages
and a question keeps its page number when the reader switches language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qbank.graph.build import Node, QuestionGraph
from qbank.graph.topics import Topic
from qbank.site.paging import PageBudget, continuation, question_weight, split

GUIDE_PAGE = "guide.md"
SHEET_PAGE = "sheet.md"
TOPICS_DIR = "topics"
DUPLICATES_PAGE = "duplicates.md"
# What one place in a duplicate group's list costs, in the budget's units (a link and its label).
PLACE_WEIGHT = 240

Group = list[Node]  # the askings of one distinct question


def topic_page_path(topic_id: str) -> str:
    """Docs-relative path of a topic's (first) page."""
    return f"{TOPICS_DIR}/{topic_id}.md"


def entry_anchor(members: Group) -> str:
    """The anchor of a question's entry on a gathering page."""
    return f"q-{members[0].id}"


def cluster_anchor(node: Node) -> str:
    """The anchor of a question's cluster on the duplicates page."""
    return f"c-{node.cluster}"


def group_weight(members: Group) -> int:
    """What an entry costs a page: its fullest asking's text, and a line per place it is asked."""
    return max(question_weight(member.question) for member in members) + PLACE_WEIGHT * len(members)


@dataclass
class GuideSection:
    """A topic of the guide: the distinct questions placed under it, and its questions placed earlier."""

    topic: Topic
    groups: list[Group] = field(default_factory=list)
    elsewhere: list[Group] = field(default_factory=list)


def guide_sections(graph: QuestionGraph) -> list[GuideSection]:
    """Every topic that has questions. Each distinct question is written once, under the first of its
    topics in taxonomy order; its other topics list it by number, so every topic (the coding
    exercises too) has its section."""
    order = [topic.id for topic in graph.topics]
    sections = {topic.id: GuideSection(topic) for topic in graph.topics}
    for members in graph.clusters().values():
        topics = sorted({t for m in members for t in m.topics}, key=order.index)
        sections[topics[0]].groups.append(members)
        for other in topics[1:]:
            sections[other].elsewhere.append(members)
    return [section for section in sections.values() if section.groups or section.elsewhere]


def guide_numbers(sections: list[GuideSection]) -> dict[str, int]:
    """Each distinct question's number in the guide and the sheet (and on its card), by cluster."""
    return {members[0].cluster: number for number, members in
            enumerate((members for section in sections for members in section.groups), start=1)}


@dataclass(frozen=True)
class GuidePage:
    """One page of a split guide (and of the sheet, which has the same pages): a run of one topic's entries."""

    section: GuideSection
    groups: list[Group]
    number: int  # within its topic, from 1
    count: int  # the topic's pages

    def path(self, first: str) -> str:
        """Its docs path under the view whose first page is `first` (the guide's or the sheet's)."""
        return continuation(f"{first.removesuffix('.md')}/{self.section.topic.id}.md", self.number)


@dataclass(frozen=True)
class PagedList:
    """A view cut into pages: each page's docs path and items."""

    paths: list[str]
    pages: list[list[Group]]

    def where(self, anchor_of) -> dict[str, str]:
        """Each item's anchor and the docs path of the page holding it."""
        return {anchor_of(item): path for path, items in zip(self.paths, self.pages, strict=True) for item in items}


def paged(first: str, items: list[Group], weight, budget: PageBudget) -> PagedList:
    """Items on as many pages as the budget needs: `first`, then `first`'s numbered continuations."""
    pages = split(items, weight, budget)
    return PagedList([continuation(first, number) for number in range(1, len(pages) + 1)], pages)


@dataclass
class Layout:
    """Where each gathered question is: guide (and sheet) pages, topic pages and duplicates pages."""

    sections: list[GuideSection]
    numbers: dict[str, int]
    guide: list[GuidePage]  # empty: the guide (and the sheet) is one page
    topics: dict[str, PagedList]
    duplicates: PagedList

    @property
    def guide_split(self) -> bool:
        """Whether the guide and the sheet are cut into pages (an index page and a page per topic run)."""
        return bool(self.guide)

    def guide_location(self, first: str = GUIDE_PAGE) -> dict[str, str]:
        """Each entry's anchor (and each topic's `t-` anchor) and its page in the guide or the sheet."""
        if not self.guide_split:
            return {}
        found: dict[str, str] = {}
        for page in self.guide:
            path = page.path(first)
            found.setdefault(f"t-{page.section.topic.id}", path)
            found.update({entry_anchor(members): path for members in page.groups})
        return found

    def off_nav(self) -> set[str]:
        """The pages a split view adds besides its first: reached from its contents and pagers, not the nav."""
        pages = {page.path(first) for first in (GUIDE_PAGE, SHEET_PAGE) for page in self.guide}
        for view in (*self.topics.values(), self.duplicates):
            pages.update(view.paths[1:])
        return pages

    def guide_page_of(self, members: Group, first: str = GUIDE_PAGE) -> str:
        """The docs path of the guide (or sheet) page holding a question's entry."""
        page = self._guide_pages.get(members[0].cluster)
        return page.path(first) if page is not None else first

    def duplicates_page_of(self, node: Node) -> str:
        """The docs path of the duplicates page listing a question's cluster."""
        return self._duplicate_pages.get(node.cluster, DUPLICATES_PAGE)

    def __post_init__(self) -> None:
        self._guide_pages = {members[0].cluster: page for page in self.guide for members in page.groups}
        self._duplicate_pages = {members[0].cluster: path for path, items in
                                 zip(self.duplicates.paths, self.duplicates.pages, strict=True) for members in items}


def duplicate_clusters(graph: QuestionGraph) -> list[Group]:
    """Every question asked more than once, most repeated first."""
    clusters = [members for members in graph.clusters().values() if len(members) > 1]
    clusters.sort(key=lambda members: -len(members))
    return clusters


def layout(graph: QuestionGraph, budget: PageBudget) -> Layout:
    """Cut the gathering views into pages within the budget."""
    sections = guide_sections(graph)
    everything = [members for section in sections for members in section.groups]
    guide: list[GuidePage] = []
    if len(split(everything, group_weight, budget)) > 1:
        for section in sections:
            runs = split(section.groups, group_weight, budget) if section.groups else [[]]
            guide += [GuidePage(section, run, number, len(runs)) for number, run in enumerate(runs, start=1)]
    topics = {topic.id: paged(topic_page_path(topic.id), graph_groups(graph, topic.id), group_weight, budget)
              for topic in graph.topics}
    # A duplicate group is a few lines: a page holds several times as many of them as of questions.
    duplicates = paged(DUPLICATES_PAGE, duplicate_clusters(graph), lambda members: PLACE_WEIGHT * len(members),
                       PageBudget(budget.entries * 5, budget.weight))
    return Layout(sections, guide_numbers(sections), guide, topics, duplicates)


def graph_groups(graph: QuestionGraph, topic_id: str) -> list[Group]:
    """A topic's questions, duplicates folded into one entry, in bank order of first appearance."""
    groups: dict[str, Group] = {}
    for node in graph.by_topic(topic_id):
        groups.setdefault(node.cluster, []).append(node)
    return list(groups.values())
