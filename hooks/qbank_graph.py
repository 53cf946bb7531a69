"""MkDocs wiring for the question graph: generated pages and decks, links on questions, gathered answers."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from qbank.background import Background
from qbank.bank.load import page_language
from qbank.site import site_build
from qbank.site.fragments import fill, question_fragments
from qbank.site.graph_pages import (
    CARDS_FILE,
    DECK_NAMES,
    PDF_MANIFEST,
    annotate_article,
    cards_json,
    empty_pdf_manifest,
    fill_links,
    generated_pages,
)
from qbank.site.html_body import body_headings, nest_under, split_body
from qbank.site.html_questions import question_spans
from qbank.site.sanitise import sanitise
from qbank.study.deck import anki_package, csv_text


class GeneratedFile(File):
    """A file the hooks generate; a dirty rebuild (`mkdocs serve --dirty`) writes it only when it changed."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


def _waiting(content: property) -> property:
    """A File content property that first waits for the content still being made."""

    def get(file: LaterFile) -> str | bytes:
        file.wait()
        return content.fget(file)

    return property(get, content.fset)


class LaterFile(GeneratedFile):
    """A generated file whose content is still being made (`SiteBuild.later`): reading or copying it waits."""

    pending: Background[bytes] | None = None

    def wait(self) -> None:
        """Take the content once it is made."""
        if self.pending is not None:
            self.content_bytes, self.pending = self.pending.result(), None

    content_bytes = _waiting(File.content_bytes)
    content_string = _waiting(File.content_string)

    def copy_file(self, dirty: bool = False) -> None:
        self.wait()
        super().copy_file(dirty)


# The home page of a language left out of a one-language build: a stand-in, never published.
SKIPPED_HOME = "# qbank\n"


@event_priority(-200)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the topic index, topic pages, the duplicates overview, decks, questions.json and translation files."""
    build = site_build.current()
    if build.skipped:  # QBANK_LANGUAGE names another language: its theme files only, `qbank assemble` drops them
        kept = Files([file for file in files if not file.is_documentation_page()])
        kept.append(File.generated(config, "index.md", content=SKIPPED_HOME))  # i18n wants a home page
        return kept
    graph, lang = build.graph, build.language

    def from_graph() -> dict[str, site_build.Content]:
        pages = build.gathering_pages(lambda language: generated_pages(graph, language, build.fragments,
                                                                       build.layout, build.style))
        made = {**pages,
                CARDS_FILE: cards_json(graph, lang, build.layout),
                DECK_NAMES["anki"].format(lang=lang): build.later(lambda: anki_package(graph, lang, build.fragments))}
        build.remember_graph_files(list(made))
        return made

    generated = {**build.graph_files(from_graph), "questions.json": build.questions_json,
                 DECK_NAMES["csv"].format(lang=lang): csv_text(graph, lang), **build.translation_files(),
                 **build.article_index_files()}
    build.start_links()
    if build.is_default_language:
        # `qbank pdf` lists the PDFs here once printed; the study pages offer what it lists.
        generated[PDF_MANIFEST] = empty_pdf_manifest()
    for path, needed in build.to_build(generated).items():
        if isinstance(content := generated[path], Background):
            file = LaterFile.generated(config, path, content=b"")
            file.pending = content
        else:
            file = GeneratedFile.generated(config, path, content=content)
        file.modified = needed
        files.append(file)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A gathering page's Markdown head is rendered; its HTML body waits for `on_page_content`."""
    if not isinstance(page.file, GeneratedFile):
        return markdown
    head, body = split_body(markdown)
    if body:
        site_build.current().bodies[page.file.src_uri] = body
    return head


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Append a gathering page's HTML body, its headings to the table of contents. On an article page,
    collect each question's HTML for the gathering pages, then add toolbar and question links."""
    src = page.file.src_uri
    build = site_build.current()
    if (body := build.bodies.pop(src, None)) is not None:
        nest_under(page.toc.items, [AnchorLink(heading.title, heading.anchor, heading.level)
                                    for heading in body_headings(body)])
        return f"{html}\n{body}"
    if not src.startswith("articles/"):
        return html
    html = sanitise(html)  # the article's own HTML is untrusted; the toolbar and links added below are not
    slug, spans = page_language(Path(src))[0], question_spans(html)  # parsed once for both steps
    build.collected[slug] = question_fragments(html, spans)
    # The link blocks join the page after the search plugin has read it (it would skip them, but parse
    # them); by then the process making them (SiteBuild.start_links) is done.
    build.deferred_links.add(src)
    return annotate_article(html, slug, build.graph, build.language, build.fragments, spans)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Put the question links into article pages; fill topic, guide and sheet pages with the collected HTML."""
    build = site_build.current()
    if (src := page.file.src_uri) in build.deferred_links:
        build.deferred_links.discard(src)
        return fill_links(output, build.link_blocks(page_language(Path(src))[0]))
    return fill(output, build.collected) if "qbank-fragment" in output else output
