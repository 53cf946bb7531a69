"""The repeated-questions page: every question asked more than once, with its places."""

from __future__ import annotations

from qbank.graph.build import QuestionGraph
from qbank.site.html_body import with_body
from qbank.site.layout import DUPLICATES_PAGE, Layout, cluster_anchor, duplicate_clusters
from qbank.site.listing import NOT_SEARCHED
from qbank.site.pages.common import BodyStyle, pager, question_place, titles, view_folder
from qbank.site.paging import ANCHORS_DIR, anchor_maps
from qbank.site.render import Fragments
from qbank.site.urls import page_url, relative_url
from qbank.site.views import DuplicateGroupView, Link, Wording
from qbank.strings import ui


def duplicates_pages(graph: QuestionGraph, lang: str, fragments: Fragments, plan: Layout,
                     style: BodyStyle) -> dict[str, str]:
    """Every duplicate cluster, most repeated first, with each of its wordings; split into pages past the budget."""
    strings = ui(lang)
    clusters = duplicate_clusters(graph)
    intro = strings["duplicates_intro"].format(
        clusters=len(clusters), questions=sum(len(members) for members in clusters),
    )
    view = plan.duplicates
    title = strings["duplicates_title"]
    names = [title + (strings["pager"]["continued"].format(number=n) if n > 1 else "")
             for n in range(1, len(view.paths) + 1)]
    folder = view_folder(DUPLICATES_PAGE)
    shards, pages = anchor_maps(folder, {cluster_anchor(members[0]): relative_url(f"{folder}/{ANCHORS_DIR}/",
                                                                                  page_url(path))
                                         for path, items in zip(view.paths, view.pages, strict=True)
                                         for members in items}) if len(view.paths) > 1 else (0, {})
    for index, (page, groups) in enumerate(zip(view.paths, view.pages, strict=True)):
        sections = []
        for members in groups:
            wordings: dict[str, list[Link]] = {}
            for member in members:
                wordings.setdefault(titles(member, lang)[0], []).append(question_place(member, lang, page))
            summary = (f'{strings["asked_times"].format(count=len(members))} · '
                       f'{strings["wordings"].format(count=len(wordings))}')
            group = DuplicateGroupView(style.inline(titles(members[0], lang)[0]), cluster_anchor(members[0]),
                                       summary, [Wording(wording, places) for wording, places in wordings.items()])
            sections.append(fragments.render("duplicate_group.html", group=group, permalink=style.permalink,
                                             t=strings))
        nav = pager(lang, fragments, view.paths, names, index, folder, shards) if shards else ""
        head = f"{intro}\n\n" if index == 0 else ""
        # Out of search like the other gathering pages: it would outrank the articles with every wording.
        pages[page] = with_body(f"{NOT_SEARCHED}# {names[index]}\n\n" + (f"{nav}\n" if nav else "") + head,
                                "\n\n".join(sections) + (f"\n\n{nav}" if nav else ""))
    return pages
