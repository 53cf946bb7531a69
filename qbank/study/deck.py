"""Flashcard exports of the bank: an Anki package (one note per distinct question) and CSV."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass

import markdown
from markupsafe import Markup

from qbank.graph.build import QuestionGraph, representative
from qbank.site.listing import short_title
from qbank.site.render import Fragments
from qbank.site.sanitise import sanitise
from qbank.source.escape import escape_html
from qbank.source.model import Question
from qbank.strings import ui

FORMATS = ("anki", "csv", "json")
CSV_COLUMNS = ("id", "language", "topics", "question", "answer")
CARD_CSS = """
.card { font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; font-size: 18px; text-align: left;
        color: #222; background: #fff; line-height: 1.5; }
pre { white-space: pre-wrap; background: #f5f5f5; padding: 0.6em; border-radius: 4px; font-size: 14px; }
code { font-family: "DejaVu Sans Mono", monospace; }
.places, .topics { color: #666; font-size: 14px; }
h4 { margin: 1em 0 0.3em; }
"""


def stable_id(*parts: str) -> int:
    """A 31-bit integer that depends only on the given text (Anki model and deck ids)."""
    return int(hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:8], 16) & 0x7FFFFFFF


@dataclass
class Card:
    """One distinct question (a duplicate cluster) as a flashcard."""

    id: str
    question: Question
    topics: list[str]
    places: list[str]


def cards(graph: QuestionGraph, lang: str) -> list[Card]:
    """One card per duplicate cluster, showing its fullest answer and every place it is asked."""
    strings = ui(lang)
    result = []
    for cluster, members in graph.clusters().items():
        shown = representative(members, lang)
        places = [strings["question_ref"].format(article=short_title(m.article_title(lang)), number=m.question.number)
                  for m in members]
        topics = sorted({topic for member in members for topic in member.topics})
        result.append(Card(cluster, shown.in_language(lang), topics, places))
    return result


def to_html(text: str) -> str:
    """Markdown of an answer part as HTML for a card (code kept as preformatted text).

    The text is the model's, as the author wrote it: escaped as on the page first, so a `<script>` shows as
    the site shows it and nesting no converter can recurse through stays text; the sanitiser stays behind it.
    """
    return sanitise(_converter(("fenced_code", "tables", "sane_lists")).reset().convert(escape_html(text)))


@functools.cache
def _converter(extensions: tuple[str, ...]) -> markdown.Markdown:
    """One Markdown converter per set of extensions, reset between texts: making one per card
    was a fifth of the decks' time."""
    return markdown.Markdown(extensions=list(extensions))


@dataclass(frozen=True)
class Part:
    """A labelled part of a card's back."""

    label: str
    html: Markup


@dataclass(frozen=True)
class CardFaces:
    """What the card fragments show: HTML the Markdown converter made, so trusted as markup."""

    title: Markup
    prompt: Markup
    hints: Markup
    answer: Markup
    parts: list[Part]


def faces(question: Question, lang: str) -> CardFaces:
    """A question's card faces, each part converted from its Markdown once."""
    labels = ui(lang)["blocks"]
    parts = [Part(labels[label], Markup(to_html(text))) for label, text in
             (("analysis", question.analysis), ("example", question.code), ("explanation", question.explanation))
             if text]
    title = sanitise(_converter(()).reset().convert(escape_html(question.title))[3:-4])
    return CardFaces(Markup(title), Markup(to_html(question.prompt)),
                     Markup(to_html(question.hints)), Markup(to_html(question.answer)), parts)


def question_html(question: Question, lang: str, fragments: Fragments) -> str:
    """The front of a card: title, prompt and hints."""
    return fragments.render("card_front.html", card=faces(question, lang), t=ui(lang))


def answer_html(question: Question, lang: str, fragments: Fragments) -> str:
    """The whole answer with its analysis, example code and explanation, labelled."""
    return fragments.render("card_back.html", card=faces(question, lang), t=ui(lang))


def anki_package(graph: QuestionGraph, lang: str, fragments: Fragments) -> bytes:
    """An .apkg with one note per distinct question; note GUIDs come from the cluster ids, so
    re-importing an updated deck updates notes instead of adding copies."""
    import genanki

    strings = ui(lang)
    model = genanki.Model(
        stable_id("qbank-model", "v1"), "qbank question",
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Places"}, {"name": "Id"}],
        templates=[{
            "name": "Card 1",
            "qfmt": "{{Question}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}<p class="places">{{Places}}</p>',
        }],
        css=CARD_CSS,
    )
    title = f"qbank · {strings['guide_title']}"
    deck = genanki.Deck(stable_id("qbank-deck", lang), title)
    for card in cards(graph, lang):
        deck.add_note(genanki.Note(
            model=model,
            fields=[question_html(card.question, lang, fragments), answer_html(card.question, lang, fragments),
                    " · ".join(card.places), card.id],
            guid=genanki.guid_for("qbank", card.id),
            tags=[*card.topics, card.question.kind],
        ))
    handle, path = tempfile.mkstemp(suffix=".apkg")
    os.close(handle)
    try:
        genanki.Package(deck).write_to_file(path)
        with open(path, "rb") as stream:
            return stream.read()
    finally:
        os.unlink(path)


def csv_text(graph: QuestionGraph, lang: str) -> str:
    """One row per question: id, language, topics, question (title and prompt), answer (Markdown)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for node in graph.nodes.values():
        question = node.in_language(lang)
        shown_in = lang if node.article.question(lang, node.anchor) else "zh"
        text = question.title + (f"\n\n{question.prompt}" if question.prompt else "")
        writer.writerow([node.id, shown_in, " ".join(node.topics), text, question.answer_markdown()])
    return buffer.getvalue()
