"""Plain data the HTML fragments are rendered from (see qbank.site.render and overrides/fragments/qbank)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field


def script_json(value: object) -> str:
    """Strings for the page script, as the JSON it parses from a data attribute (escaped by the template)."""
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class Link:
    """A ready-made relative URL and the text shown for it."""

    url: str
    title: str


@dataclass(frozen=True)
class StudyTool:
    """One study page or download the home page points to, with what it is for."""

    name: str
    url: str
    text: str
    downloads: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class LinksView:
    """What is shown with a question on its article page."""

    cluster: str
    question_id: str  # the question's id in questions.json (`slug-anchor`)
    topic_ids: list[str]
    topics: list[Link]
    also: list[Link] = field(default_factory=list)
    more: Link | None = None  # "and N more places", to the duplicates page
    related: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class PdfLink:
    """One PDF the toolbar offers to download once printed."""

    kind: str
    url: str
    label: str


@dataclass(frozen=True)
class ToolbarView:
    """The study toolbar: its buttons, rendered in the page, and the settings the page script reads."""

    expand: str
    collapse: str
    study_strings: dict
    pdfs: list[PdfLink] = field(default_factory=list)
    writing_space: str = ""  # the label of the "leave space to write" switch, on the question sheet only
    cards: str = ""  # the guide's first page: cards.json, to study the whole bank even when the guide is split
    answers: bool = False  # the page shows answers: study mode over them, expand all and collapse all

    @property
    def study(self) -> str:
        """The study dialog's strings and topic names, as the JSON the page script parses."""
        return script_json(self.study_strings)

    @property
    def study_label(self) -> str:
        """The study button's label, on a page with cards to study (its own, or the bank's cards.json)."""
        return self.study_strings["open"] if self.answers or self.cards else ""


@dataclass(frozen=True)
class EntryView:
    """A question on a gathering page: one entry for all the places it is asked."""

    anchor: str
    question_id: str  # the id (questions.json) of the asking whose prompt and answer are shown
    level: int
    title: str
    kind: str
    kind_label: str
    cluster: str
    topics: list[str]
    places: list[Link]
    wordings: list[str]
    source: str  # `slug#anchor` of the asking whose prompt and answer are shown
    parts: tuple[str, ...]  # "prompt", and "answer" where answers are shown
    answer_url: str = ""  # on the question sheet: the entry in the guide (the PDF names its page)


@dataclass(frozen=True)
class ReviewTopic:
    """One topic's row on the review page: its cards, as counted before any is studied."""

    id: str
    name: str
    cards: int


@dataclass(frozen=True)
class ReviewView:
    """The review page as it stands with no progress; the page script fills in this browser's."""

    cards_url: str  # the language's cards.json, relative to the page
    root: str  # the language's root, relative to the page (card URLs are relative to it)
    strings: dict
    new_cards: int  # every card of the bank: none studied yet
    streak: str  # a streak of no days
    topics: list[ReviewTopic] = field(default_factory=list)

    @property
    def strings_json(self) -> str:
        """The page script's strings, as JSON."""
        return script_json(self.strings)


@dataclass(frozen=True)
class CoverView:
    """The title page of the study guide or the question sheet."""

    title: str
    subtitle: str
    counts: str


@dataclass(frozen=True)
class ContentsItem:
    """One topic in the contents (printed, and on a split guide's first page)."""

    anchor: str
    name: str
    numbers: str  # "4" or "4–9"
    url: str  # `#t-topic`, or the topic's page of a split guide


@dataclass(frozen=True)
class PagerView:
    """The way through a view split into pages, and where its anchor map is (for moved questions)."""

    label: str
    position: str  # "Page 2 of 5"
    previous: Link | None
    next: Link | None
    contents: Link | None
    anchors: str  # the folder of the view's anchor map, relative to the page
    shards: int
    previous_label: str
    next_label: str


@dataclass(frozen=True)
class ContentsView:
    """The printed contents."""

    title: str
    items: list[ContentsItem]
    on_screen: bool = False  # a split guide's first page: the contents is the way to the topics' pages


@dataclass(frozen=True)
class Wording:
    """One wording of a question and the places it is asked in those words."""

    text: str
    places: list[Link]


@dataclass(frozen=True)
class DuplicateGroupView:
    """A question asked more than once, on the duplicates page."""

    title: str
    anchor: str
    summary: str  # "asked 3 times · wordings: 2"
    wordings: list[Wording]


@dataclass(frozen=True)
class TranslationRow:
    """One article on the translation status page: its units by state, and its catalogues."""

    article: Link
    translated: int
    fuzzy: int
    missing: int
    catalogues: list[Link]

    @property
    def total(self) -> int:
        """Every unit of the article."""
        return self.translated + self.fuzzy + self.missing

    def percent(self, count: int) -> float:
        """A count as a share of the article's units, for the progress bar and the figures."""
        return round(100.0 * count / self.total, 1) if self.total else 100.0


@dataclass(frozen=True)
class TranslationStatusView:
    """The translation status page's table and its column labels."""

    rows: list[TranslationRow]
    labels: dict
