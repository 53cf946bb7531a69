"""The one module that knows MkDocs' types: its config, File subclasses, nav, page and toc objects, its errors.

`adapter` is the process's one `QbankAdapter`, as a plugin instance is: the hook files of hooks/ each wire an
event to one of its methods (with the event's priority) and do nothing else. It holds the process's build state
(`qbank.site.site_build.SiteState`) and the build in progress, and passes them to qbank, which does the work.
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from qbank.background import Background
from qbank.bank.load import page_language
from qbank.errors import QbankError
from qbank.site.fragments import fill, question_fragments
from qbank.site.html_body import body_headings, nest_under, split_body
from qbank.site.html_questions import question_spans
from qbank.site.listing import nav_rank, section_title
from qbank.site.pages.article import annotate_article, fill_links
from qbank.site.pages.common import CARDS_FILE, DECK_NAMES, PDF_MANIFEST, BodyStyle, empty_pdf_manifest
from qbank.site.pages.generate import generated_pages
from qbank.site.pages.review import cards_json
from qbank.site.render import COMPILED, Fragments
from qbank.site.sanitise import sanitise
from qbank.site.settings import Settings
from qbank.site.site_build import Content, SiteBuild, SiteState
from qbank.site.untranslated import english_view
from qbank.site.urls import language_prefix
from qbank.study.deck import anki_package, csv_text

log = logging.getLogger("mkdocs.plugins.qbank.site")
search_log = logging.getLogger("mkdocs.plugins.qbank.search")

# The home page of a language left out of a one-language build: a stand-in, never published.
SKIPPED_HOME = "# qbank\n"
NOT_FOUND_PAGE = "404.html"


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


def _src(item: object) -> str:
    """The docs path of a nav item's page, or of a section's first page."""
    file = getattr(item, "file", None) or next((c.file for c in getattr(item, "children", []) if c.is_page), None)
    return file.src_uri if file else ""


def _without(items: list, hidden: Callable[[str], bool]) -> list:
    """Nav items without the hidden pages, and without the sections left empty."""
    kept = []
    for item in items:
        if isinstance(item, Section):
            item.children = _without(item.children, hidden)
            if not item.children:
                continue
        elif getattr(item, "file", None) is not None and hidden(item.file.src_uri):
            continue
        kept.append(item)
    return kept


class QbankAdapter:
    """MkDocs events in, qbank calls out: the process's build state and the language build in progress."""

    def __init__(self) -> None:
        self.state = SiteState()
        self._build: SiteBuild | None = None

    @property
    def build(self) -> SiteBuild:
        """The language build in progress (started by `pre_build`)."""
        if self._build is None:
            raise QbankError("mkdocs.yml", 0, "a qbank hook ran before the build was started",
                             "list hooks/qbank_site.py first under `hooks:`")
        return self._build

    # -- the build (hooks/qbank_site.py) --------------------------------------------------------------

    def startup(self, command: str, dirty: bool) -> None:
        """`mkdocs serve --dirty` rebuilds only what an edit affects (qbank.site.rebuild)."""
        self.state.started(command, dirty)

    def pre_build(self, config: MkDocsConfig) -> None:
        """Load bank and graph once per language build (toc's ¶ title too: toc is configured once for both)."""
        default = getattr(i18n := config.plugins.get("i18n"), "default_language", "") or config.theme["language"]
        try:
            settings = Settings.from_site(config.docs_dir, config.extra.get("qbank"), default,
                                          list(i18n.build_languages) if i18n else [default], config.config_file_path,
                                          os.environ.get("QBANK_LANGUAGE", ""))
            env = config.theme.get_env()  # the theme's: its custom_dir overrides the fragments
            env.bytecode_cache = COMPILED
            style = BodyStyle.from_markdown(config.markdown_extensions, config.mdx_configs)
            language = getattr(i18n, "current_language", None) or default
            build = self._build = self.state.start(settings, language, Fragments(env), style)
            config.mdx_configs.setdefault("toc", {})["permalink_title"] = build.strings["permalink"]
        except QbankError as error:
            raise PluginError(f"qbank: {error}") from None
        if build.is_default_language:
            # The bank, the graph and their indexes are hundreds of thousands of objects that live for the whole
            # round of language builds: frozen, the collector stops rescanning them on every full collection
            # (a tenth of the build). The last round's (`mkdocs serve`) are thawed to be collected first.
            gc.unfreeze()
            gc.collect()
            gc.freeze()
        log.info("%s", build.summary)  # info: unsorted questions are normal and must not fail --strict
        if build.kept_graph:
            log.info("dirty rebuild: %d question(s) changed, no title: topics, duplicate links and the "
                     "Anki deck are kept from the last full build", len(build.changed or ()))

    def env(self, env: Environment) -> Environment:
        """The theme's templates compiled once per process, not once per language and rebuild."""
        env.bytecode_cache = COMPILED
        return env

    def nav(self, nav: Navigation) -> Navigation:
        """Sections titled in the build's language; home, study pages, reference pages (topics in taxonomy order).
        A split view's later pages stay out of the nav: its first page and pagers lead to them."""
        build = self.build
        nav.items = _without(nav.items, build.off_nav)
        for section in (item for item in nav.items if isinstance(item, Section)):
            section.title = section_title(_src(section), build.language) or section.title
            section.children.sort(key=lambda child: build.topic_rank(_src(child)))  # stable: others keep their order
        nav.items.sort(key=lambda item: nav_rank(_src(item)))
        pages = [page for item in nav.items for page in (item.children if isinstance(item, Section) else [item])]
        for number, page in enumerate(pages):  # the footer's previous / next follow the sorted nav
            page.previous_page = pages[number - 1] if number else None
            page.next_page = pages[number + 1] if number + 1 < len(pages) else None
        return nav

    def home_markdown(self, markdown: str, page: Page) -> str:
        """Expand the home page's markers: the study tools and the article listing."""
        return self.build.expand_home(markdown, page.file.src_uri)

    def finished_page(self, output: str, config: MkDocsConfig) -> str:
        """Every page's Content-Security-Policy, made from its inline scripts (qbank.site.csp)."""
        return self.state.finished_page(output, config.repo_url)

    def finished_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """The 404 page's policy too (an empty output is a language build's 404 page left out)."""
        return self.finished_page(output, config) if output and template_name.endswith(".html") else output

    # -- the question graph (hooks/qbank_graph.py) -------------------------------------------------------

    def add_generated_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the topic index, topic pages, the duplicates overview, decks, questions.json and translation files."""
        build = self.build
        if build.skipped:  # QBANK_LANGUAGE names another language: its theme files only, `qbank assemble` drops them
            kept = Files([file for file in files if not file.is_documentation_page()])
            kept.append(File.generated(config, "index.md", content=SKIPPED_HOME))  # i18n wants a home page
            return kept
        graph, lang = build.graph, build.language

        def from_graph() -> dict[str, Content]:
            pages = build.gathering_pages(lambda language: generated_pages(graph, language, build.fragments,
                                                                           build.layout, build.style))
            made = {**pages,
                    CARDS_FILE: cards_json(graph, lang, build.layout),
                    DECK_NAMES["anki"].format(lang=lang): build.later(
                        lambda: anki_package(graph, lang, build.fragments))}
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

    def gathering_markdown(self, markdown: str, page: Page) -> str:
        """A gathering page's Markdown head is rendered; its HTML body waits for `page_content`."""
        if not isinstance(page.file, GeneratedFile):
            return markdown
        head, body = split_body(markdown)
        if body:
            self.build.bodies[page.file.src_uri] = body
        return head

    def page_content(self, html: str, page: Page) -> str:
        """Append a gathering page's HTML body, its headings to the table of contents. On an article page,
        collect each question's HTML for the gathering pages, then add toolbar and question links."""
        src = page.file.src_uri
        build = self.build
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

    def filled_page(self, output: str, page: Page) -> str:
        """Put the question links into article pages; fill topic, guide and sheet pages with the collected HTML."""
        build = self.build
        if (src := page.file.src_uri) in build.deferred_links:
            build.deferred_links.discard(src)
            return fill_links(output, build.link_blocks(page_language(Path(src))[0]))
        return fill(output, build.collected) if "qbank-fragment" in output else output

    # -- the languages (hooks/qbank_i18n.py) ---------------------------------------------------------

    def place_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Place generated files under this language's root and give them language-switcher alternates."""
        build = self.build
        default, languages, current = build.settings.default_language, build.settings.languages, build.language
        for file in files:
            # Only generated files lack the `locale` and alternates i18n's switcher reads from a File.
            if hasattr(file, "locale"):
                continue
            base_url = file.url
            if current != default:
                file.dest_uri = f"{current}/{file.dest_uri}"
                file.url = file._get_url()
                file.abs_dest_path = str(Path(config.site_dir) / file.dest_uri)
            file.locale = file.locale_alternate_of = current
            file.alternates = {lang: SimpleNamespace(url=language_prefix(lang, default) + base_url)
                               for lang in languages}
        return files

    def page_context(self, context: dict) -> dict:
        """Tell the templates which search index this language uses, and its interface strings."""
        build = self.build
        return {**context, "qbank_search_root": build.search_root, "qbank_ui": build.strings}

    def untranslated_markdown(self, markdown: str, page: Page) -> str:
        """On a non-default language, show the original where the translation is missing, with a notice."""
        build, src = self.build, page.file.src_uri
        slug, lang = page_language(Path(src))
        if build.is_default_language or not src.startswith("articles/") or (article := build.article(slug)) is None:
            return markdown
        return english_view(markdown, article, build.language, showing_original=lang != build.language)

    def split_search_index(self, config: MkDocsConfig) -> None:
        """Split the merged search index so each language downloads only its own pages."""
        i18n = config.plugins.get("i18n")
        if i18n is not None and i18n.building:
            return  # a nested per-language build; the merged index is not complete yet
        self.build.write_search_indexes(Path(config.site_dir), lambda: search_log.info("qbank: search index written"))

    def not_found_context(self, context: dict, template_name: str, config: MkDocsConfig) -> dict:
        """The 404 page leads to each language's home, its language switcher too (i18n leaves that at
        whatever page was rendered last)."""
        if template_name != NOT_FOUND_PAGE:
            return context
        build = self.build
        base = urlsplit(config.site_url or "").path.rstrip("/")
        homes = {language: f"{base}/{language_prefix(language, build.settings.default_language)}"
                 for language in build.settings.languages}
        config.extra["alternate"] = [{**entry, "link": homes.get(entry.get("lang"), entry.get("link"))}
                                     for entry in config.extra.get("alternate", [])]
        return {**context, "qbank_homes": homes}

    def not_found_kept(self, output: str, template_name: str) -> str:
        """Every language's build writes its 404 page to the site root: the default language's is kept."""
        return "" if template_name == NOT_FOUND_PAGE and not self.build.is_default_language else output


adapter = QbankAdapter()
