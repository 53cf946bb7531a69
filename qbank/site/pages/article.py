"""An article page's links block under each question: its places, topics and related questions."""

from __future__ import annotations

import re

from qbank.graph.build import Node, QuestionGraph
from qbank.site.html_questions import QuestionSpan, question_spans, title_end
from qbank.site.layout import Layout, cluster_anchor, topic_page_path
from qbank.site.pages.common import question_place, question_title_link, toolbar, topic_name
from qbank.site.render import Fragments
from qbank.site.urls import href
from qbank.site.views import Link, LinksView
from qbank.strings import ui


def links_view(graph: QuestionGraph, node: Node, lang: str, page: str, limit: int, plan: Layout) -> LinksView:
    """The topics, "also asked in" (at most `limit` places, then a link to the rest) and "related" links."""
    strings = ui(lang)
    topics = {topic.id: topic for topic in graph.topics}
    shown = node.duplicates[:limit]
    more = None
    if len(node.duplicates) > len(shown):
        more = Link(href(page, plan.duplicates_page_of(node), cluster_anchor(node)),
                    strings["more_places"].format(count=len(node.duplicates) - len(shown)))
    return LinksView(
        cluster=node.cluster, question_id=node.id, topic_ids=list(node.topics),
        topics=[Link(href(page, topic_page_path(topic_id)), topic_name(topics[topic_id], lang))
                for topic_id in node.topics],
        also=[question_place(graph.nodes[other], lang, page) for other in shown], more=more,
        related=[question_title_link(graph.nodes[other], lang, page) for other in node.related],
    )


def annotate_article(html_page: str, slug: str, graph: QuestionGraph, lang: str, fragments: Fragments,
                     spans: list[QuestionSpan] | None = None, blocks: dict[str, str] | None = None) -> str:
    """Add the study toolbar under the title and fill each question container's links slot.

    Works on the rendered HTML: the blocks are ready-made HTML (`article_links`) and need no Markdown
    conversion. Without `blocks`, the slots get placeholders for `fill_links`: the blocks are then
    made meanwhile, and the search plugin parses a page without them, which it would skip anyway.
    """
    out: list[str] = []
    position = 0
    spans = question_spans(html_page) if spans is None else spans
    if (end := title_end(html_page)) is not None:
        position = end
        # Study mode and expand/collapse where the article's questions have answers (an essay has none).
        answers = any(span.answer for span in spans if f"{slug}-{span.anchor}" in graph.nodes)
        out.append(html_page[:position] + "\n" + toolbar(lang, fragments, topics=graph.topics, answers=answers))
    for span in spans:
        if f"{slug}-{span.anchor}" not in graph.nodes or span.slot is None or span.slot[0] < position:
            continue
        out.append(html_page[position:span.slot[0]])
        out.append(blocks[span.anchor] if blocks is not None else LINKS_PLACEHOLDER.format(anchor=span.anchor))
        position = span.slot[1]
    out.append(html_page[position:])
    return "".join(out)


def article_links(graph: QuestionGraph, lang: str, fragments: Fragments, limit: int, plan: Layout,
                  only: str | None = None) -> dict[str, dict[str, str]]:
    """Every question's link block (or only article `only`'s), by article slug and question anchor; an
    article's in one pass of `fragments/qbank/links_all.html`."""
    by_article: dict[str, list[Node]] = {}
    for node in graph.nodes.values():
        if only is None or node.slug == only:
            by_article.setdefault(node.slug, []).append(node)
    found = {}
    for slug, nodes in by_article.items():
        page = f"articles/{slug}.md"
        views = [links_view(graph, node, lang, page, limit, plan) for node in nodes]
        blocks = fragments.render("links_all.html", views=views, t=ui(lang)).split(LINKS_SEPARATOR)
        found[slug] = {node.anchor: block for node, block in zip(nodes, blocks, strict=True)}
    return found


# Between the link blocks of one page, rendered together (fragments/qbank/links_all.html).
LINKS_SEPARATOR = "<!--qbank-links-->"


# Where a question's link block goes until it is made (see `annotate_article`).
LINKS_PLACEHOLDER = "<!--qbank-links {anchor}-->"


_LINKS_PLACEHOLDER = re.compile(r"<!--qbank-links ([^ >]+)-->")


def fill_links(html_page: str, blocks: dict[str, str]) -> str:
    """Put an article page's link blocks (by question anchor) into their placeholders."""
    return _LINKS_PLACEHOLDER.sub(lambda found: blocks.get(found[1], ""), html_page)
