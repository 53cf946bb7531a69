"""Every page the graph adds to the site, by docs-relative path."""

from __future__ import annotations

from qbank.graph.build import QuestionGraph
from qbank.site.layout import TOPICS_DIR, Layout
from qbank.site.pages.common import REVIEW_PAGE, BodyStyle
from qbank.site.pages.duplicates import duplicates_pages
from qbank.site.pages.guide import guide_pages
from qbank.site.pages.review import review_page
from qbank.site.pages.topics import topic_index_page, topic_pages
from qbank.site.render import Fragments


def generated_pages(graph: QuestionGraph, lang: str, fragments: Fragments, plan: Layout,
                    style: BodyStyle | None = None) -> dict[str, str]:
    """Every page (and anchor map) the graph adds to the site, by docs-relative path."""
    style = style or BodyStyle()
    pages = {
        f"{TOPICS_DIR}/index.md": topic_index_page(graph, lang, plan),
        **duplicates_pages(graph, lang, fragments, plan, style),
        **guide_pages(graph, lang, fragments, plan, style, answers=True),
        **guide_pages(graph, lang, fragments, plan, style, answers=False),
        REVIEW_PAGE: review_page(graph, lang, fragments, plan),
    }
    for topic in graph.topics:
        pages.update(topic_pages(graph, topic, lang, fragments, plan, style))
    return pages
