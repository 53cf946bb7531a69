"""The state of the site builds of one MkDocs process (`SiteState`) and of each language's build (`SiteBuild`).

The MkDocs adapter (qbank_mkdocs) holds the one `SiteState` and passes it, and the build it starts, to what needs them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from markupsafe import Markup

from qbank.background import Background
from qbank.bank.load import BankArticle, load_bank, page_language
from qbank.graph.build import QuestionGraph, load_graph
from qbank.graph.text import prepare
from qbank.l10n.exporter import Export, export_bank
from qbank.site.csp import with_policy
from qbank.site.export import bank_text
from qbank.site.fragments import Fragment
from qbank.site.home import expand_markers
from qbank.site.layout import Layout, layout, topic_page_path
from qbank.site.listing import ARTICLES_INDEX, articles_index_page
from qbank.site.pages.article import article_links
from qbank.site.pages.common import BodyStyle, topic_name
from qbank.site.rebuild import Session, graph_inputs, refreshed, shown_questions
from qbank.site.render import Fragments
from qbank.site.search_index import IndexAdditions, write_language_indexes
from qbank.site.settings import Settings
from qbank.site.translation_status import STATUS_PAGE, catalogue_files, catalogue_path, status_page
from qbank.site.urls import language_prefix, page_url
from qbank.strings import ui

T = TypeVar("T")
# A generated file's content: text, bytes, or bytes still being made (`SiteBuild.later`).
Content = str | bytes | Background[bytes]


@dataclass
class SiteBuild:
    """One language's build: settings, the bank and its graph, the HTML fragments and what was collected."""

    settings: Settings
    language: str
    articles: list[BankArticle]
    graph: QuestionGraph
    fragments: Fragments
    style: BodyStyle  # what the gathering pages' HTML takes from the site's Markdown settings
    # Rendered question HTML by article slug and anchor, for the gathering pages of this language.
    collected: dict[str, dict[str, Fragment]] = field(default_factory=dict)
    # A dirty rebuild (`mkdocs serve --dirty`): the questions its edit changed; whether the graph was kept.
    changed: set[str] | None = None
    kept_graph: bool = False
    # The article pages (docs paths) whose link blocks wait to go in once the search plugin has read them.
    deferred_links: set[str] = field(default_factory=set)
    # Every article's link blocks, made meanwhile (`start_links`); None: each article's when its page is written.
    links: Background[dict[str, dict[str, str]]] | None = None
    # A generated page's HTML body by its docs path, appended once its Markdown head is rendered.
    bodies: dict[str, str] = field(default_factory=dict)
    # The process's state this build belongs to: its session, whether it serves, the other languages' builds.
    state: SiteState = field(kw_only=True, repr=False, compare=False)

    @property
    def session(self) -> Session:
        """What `mkdocs serve` keeps between rebuilds (the state's)."""
        return self.state.session

    @property
    def summary(self) -> str:
        """One line for the build log: questions, duplicate clusters and unsorted questions."""
        clusters = sum(1 for members in self.graph.clusters().values() if len(members) > 1)
        line = f"question graph: {len(self.graph.nodes)} questions, {clusters} duplicate clusters"
        if unsorted := sum(node.placed_by == "unsorted" for node in self.graph.nodes.values()):
            line += f"; {unsorted} question(s) in the Unsorted topic (`qbank check` lists them with page and line)"
        return line

    def article(self, slug: str) -> BankArticle | None:
        """An article of the bank by its slug."""
        return next((article for article in self.articles if article.slug == slug), None)

    @property
    def search_root(self) -> str:
        """Where this language's search index lives, relative to the site root ("" or "en/")."""
        return language_prefix(self.language, self.settings.default_language)

    def index_additions(self) -> IndexAdditions:
        """This language's answers (by question location) and topic entries for its search index."""
        label = self.strings["blocks"]["answer"]  # the answer block's own title comes first: not searched
        answers = {f"articles/{slug}/#{anchor}": Markup(fragment.answer).striptags().removeprefix(label)
                   for slug, fragments in self.collected.items() for anchor, fragment in fragments.items()}
        topics = [{"location": page_url(topic_page_path(topic.id)), "title": topic_name(topic, self.language),
                   "text": topic.description.get(self.language) or topic.description["zh"]}
                  for topic in self.graph.topics if self.graph.by_topic(topic.id)]
        return IndexAdditions(answers, topics)

    def write_search_indexes(self, site: Path, written: Callable[[], None] = lambda: None) -> None:
        """Split the built site's merged search index into one per language, each with its additions.

        A dirty rebuild writes them in the background: the edited page shows at once, its search a few
        seconds later (the next round waits for it). `written` is called once they are written.
        """
        def write() -> None:
            # Made by each language's own process: stripping every answer's tags takes a while.
            additions = {language: build.index_additions for language, build in self.state.builds.items()}
            write_language_indexes(site, self.settings.default_language, list(self.settings.languages), additions,
                                   self.session.forks)
            written()

        if self.changed is None:
            write()
            return
        self.session.background = threading.Thread(target=write, name="qbank-search-index", daemon=True)
        self.session.background.start()

    def _article_links(self, only: str | None = None) -> dict[str, dict[str, str]]:
        return article_links(self.graph, self.language, self.fragments, self.settings.also_asked_limit,
                             self.layout, only)

    def start_links(self) -> None:
        """Start making the link blocks of every article page (in a forked process)."""
        if self.session.forks:
            self.links = self.later(self._article_links)

    def link_blocks(self, slug: str) -> dict[str, str]:
        """An article's link blocks by question anchor (`mkdocs serve`: made now, for this article only)."""
        links = self.links.result() if self.links is not None else self._article_links(only=slug)
        return links.get(slug, {})

    def later(self, make: Callable[[], T]) -> Background[T]:
        """A file's content the build needs only once its pages are rendered: made meanwhile, in a forked
        worker (qbank.background), except under `mkdocs serve`. Moves `make bench`'s "build, with hooks"."""
        return Background(make, self.session.forks)

    def graph_files(self, make: Callable[[], dict[str, Content]]) -> dict[str, Content]:
        """The files made from the graph: made afresh, or the last build's when a dirty rebuild kept the graph."""
        previous = self.session.generated.get(self.language, {})
        return {path: previous[path] for path in self.session.graph_paths.get(self.language, ())} \
            if self.kept_graph and previous else make()

    @property
    def questions_json(self) -> Content:
        """questions.json, made once per round of language builds (when forking, meanwhile: it is a file
        MkDocs copies once the pages are read)."""
        return self.session.shared("questions.json", lambda: self.later(lambda: bank_text(self.graph).encode())
                               if self.session.forks else bank_text(self.graph))

    def to_build(self, files: dict[str, Content]) -> dict[str, bool]:
        """Which generated files this build must write: all of them, or on a dirty rebuild those that
        changed or show a changed article's questions. The files are kept for the next rebuild."""
        previous = self.session.generated.get(self.language, {})
        self.session.generated[self.language] = files
        if self.changed is None:
            return dict.fromkeys(files, True)
        return {path: previous.get(path) != content or (
            isinstance(content, str) and path.endswith(".md") and bool(shown_questions(content) & self.changed))
            for path, content in files.items()}

    def gathering_pages(self, make: Callable[[str], dict[str, str]]) -> dict[str, str]:
        """This language's gathering pages, `make(language)`; the later languages' are made ahead."""
        key = repr((id(self.graph), self.settings.page_budget, self.style.key, self.fragments.key))
        self._start_ahead("pages", key, self.later_languages, make)
        ahead = self._ahead("pages", key)
        return ahead.result()[self.language] if ahead is not None else make(self.language)

    def _start_ahead(self, name: str, key: str, languages: list[str], make: Callable[[str], T]) -> None:
        """In the first build of a round (when forking): start one forked process making `make(language)`
        for these languages, while this build goes on. Their builds take theirs (`_ahead`) when made with
        what `key` names (theme folders, Markdown settings) the same as theirs. Moves `make bench`'s
        "build, with hooks" at 200 and 1,000 articles: the English gathering pages are made during the Chinese build."""
        if self.session.forks and self.is_default_language and languages:
            made = Background(lambda: {language: make(language) for language in languages})
            for language in languages:
                self.session.round_cache[f"{name} {language}"] = (key, made)

    def _ahead(self, name: str, key: str) -> Background[dict[str, Any]] | None:
        """What `_start_ahead` is making for this language under `name`, if made with the same `key`."""
        ahead = self.session.round_cache.pop(f"{name} {self.language}", None)
        return ahead[1] if ahead is not None and ahead[0] == key else None

    @property
    def later_languages(self) -> list[str]:
        """The languages this round builds after this one."""
        languages = list(self.settings.languages)
        later = languages[languages.index(self.language) + 1:] if self.language in languages else []
        return [language for language in later if not self.settings.only_language
                or language == self.settings.only_language]

    def remember_graph_files(self, paths: list[str]) -> None:
        """Which of the generated files come from the graph (kept as they are when a dirty rebuild keeps it)."""
        self.session.graph_paths[self.language] = tuple(paths)

    @property
    def layout(self) -> Layout:
        """Which page of the guide, the sheet, the topics and the duplicates each question lands on
        (the same in every language: made once per round of language builds)."""
        return self.session.shared(f"layout {id(self.graph)} {self.settings.page_budget}",
                               lambda: layout(self.graph, self.settings.page_budget))

    @property
    def translations(self) -> Export:
        """Every article's translation units and catalogue, the memory filled from the bank and its duplicates
        (the same for every language: made once per round of language builds)."""
        return self.session.shared(f"translations {self.settings.docs}",
                               lambda: export_bank(self.settings.docs, self.graph, self.articles))

    def _translation_files(self, export: Export, language: str) -> dict[str, str]:
        """A language's translation status page; the default language's also publishes the catalogues."""
        up = "../" * language_prefix(language, self.settings.default_language).count("/")  # to the site root
        page = status_page(export, self.articles, language, self.fragments, up)
        catalogues = catalogue_files(export) if language == self.settings.default_language else {}
        return {**catalogues, STATUS_PAGE: page}

    def translation_files(self) -> dict[str, Content]:
        """This language's translation status page; the default language's build also publishes the catalogues.

        When forking, the first build of a round makes every language's files ahead, the analyses behind
        them included, while its pages are rendered: MkDocs reads them only after that.
        """
        key = self.fragments.key
        self._start_ahead("translation files", key, [self.language, *self.later_languages],
                          lambda language: self._translation_files(self.translations, language))
        if (ahead := self._ahead("translation files", key)) is None:
            return self._translation_files(self.translations, self.language)
        paths = [STATUS_PAGE]
        if self.is_default_language:
            paths += [catalogue_path(article.slug) for article in self.articles]
        return {path: Background(lambda path=path: ahead.result()[self.language][path].encode(), parallel=False)
                for path in paths}

    @property
    def strings(self) -> dict[str, Any]:
        """This language's interface strings."""
        return ui(self.language)

    @cached_property
    def _topic_ranks(self) -> dict[str, int]:
        return {topic_page_path(topic.id): rank for rank, topic in enumerate(self.graph.topics, start=1)}

    def topic_rank(self, src: str) -> int:
        """Where a page goes among its nav section: topic pages in taxonomy order, after the rest."""
        return self._topic_ranks.get(src, 0)

    def expand_home(self, markdown: str, src: str) -> str:
        """A page's Markdown with the home page's markers (study tools, article listing) expanded."""
        return expand_markers(markdown, self.articles, self.language, src, self.fragments, self.articles_listed)

    @property
    def articles_listed(self) -> bool:
        """Whether the nav and the home page list every article (the bank is within `listed_articles`)."""
        return len(self.articles) <= self.settings.listed_articles

    def article_index_files(self) -> dict[str, str]:
        """The articles index, for a bank past `listed_articles`: the nav and the home page lead there."""
        return {} if self.articles_listed else {ARTICLES_INDEX: articles_index_page(self.articles, self.language)}

    def off_nav(self, src: str) -> bool:
        """Whether a page stays out of the nav: a split view's later pages; each article, past `listed_articles`;
        the page of a topic no question of this bank has (it still exists: the topic index links to it)."""
        if src.startswith("articles/") and not self.articles_listed:
            return page_language(Path(src))[0] != "index"
        return src in self._off_nav

    @cached_property
    def _off_nav(self) -> set[str]:
        used = {topic for node in self.graph.nodes.values() for topic in node.topics}
        empty = {topic_page_path(topic.id) for topic in self.graph.topics if topic.id not in used}
        return self.layout.off_nav() | empty

    @property
    def skipped(self) -> bool:
        """Whether this language's pages are left out (another language is built on its own)."""
        return bool(self.settings.only_language) and self.language != self.settings.only_language

    @property
    def is_default_language(self) -> bool:
        """Whether this build writes the site root (the default language)."""
        return self.language == self.settings.default_language


@dataclass
class SiteState:
    """What one MkDocs process keeps across its builds (each language's, each `mkdocs serve` rebuild)."""

    # What `mkdocs serve` keeps between rebuilds.
    session: Session = field(default_factory=Session)
    # Whether this process is `mkdocs serve` (`started` says so): the pages' policy allows live reload.
    serving: bool = False
    # The latest build of each language: the search indexes are written once all of them are done.
    builds: dict[str, SiteBuild] = field(default_factory=dict)

    def started(self, command: str, dirty: bool) -> None:
        """Called once when `mkdocs serve` (or build) starts: whether rebuilds are dirty, whether to fork."""
        self.serving = command == "serve"
        self.session.dirty = dirty and command == "serve"
        self.session.forks = command != "serve"

    def finished_page(self, html: str, repo_url: str | None = None) -> str:
        """A finished page (or 404 page) with its Content-Security-Policy; under `mkdocs serve` one that lets
        the live-reload script run; with a `repo_url`, one that lets the header fetch the repository's facts."""
        return with_policy(html, self.serving, repo_url)

    def start(self, settings: Settings, language: str, fragments: Fragments, style: BodyStyle) -> SiteBuild:
        """Load the bank and the graph for a build (unchanged pages come from the parse cache).

        On a dirty rebuild that changed no question's title, anchor or topics, the last graph is kept
        (see qbank.site.rebuild); the default language's build runs first and decides for the round.
        """
        session = self.session
        if session.background is not None:  # the last round's search index, still being written
            session.background.join()
            session.background = None
        first = language == settings.default_language
        # The pages don't change between the language builds of one round: the default language's build reads them.
        articles = None if first else session.round_cache.get(f"articles {settings.docs}")
        articles = articles or load_bank(settings.docs)
        taxonomy = [path.read_bytes() for path in (settings.topics_file, settings.overrides_file) if path.exists()]
        key = f"{graph_inputs(articles, taxonomy)} {settings.detector}"
        dirty = session.dirty and session.graph is not None
        if first:
            session.round_cache.clear()
            session.round_cache[f"articles {settings.docs}"] = articles
            changed = session.changed_questions(articles)
            session.round_changed = changed if dirty else None
            session.round_kept = dirty and session.graph_key == key
        kept = dirty and session.round_kept
        if first:
            prepare()  # before the forks below, which would each load jieba's dictionary again
        # The graph holds both languages: the default language's build makes it for the round.
        graph = None if first else session.round_cache.get(f"graph {key}")
        if graph is None:
            graph = (refreshed(session.graph, articles) if kept
                     else load_graph(settings.docs, settings.detector, session.forks))
            session.round_cache[f"graph {key}"] = graph
        session.graph, session.graph_key = graph, key
        collected = session.collected.setdefault(language, {}) if session.dirty else {}
        build = SiteBuild(settings, language, articles, graph, fragments, style, collected,
                          session.round_changed if dirty else None, kept, state=self)
        self.builds[language] = build
        return build
