"""Parse one source article of the series into the question-bank model."""

from __future__ import annotations

import hashlib
import re
import textwrap
from dataclasses import dataclass, field

from qbank.errors import NoQuestions, QbankError
from qbank.source import markers as m
from qbank.source.clean import (
    Line,
    decode_source,
    detach_rules,
    separate_list_lines,
    split_glued_headings,
    strip_debris,
    tidy_lines,
    to_lines,
)
from qbank.source.fences import BODY, CLOSE, FENCE, OPEN, fence_conflicts, fence_roles, scan_fences
from qbank.source.model import KIND_LETTER, Article, Block, Kind, ParseResult, Prose, Question, ReportEntry
from qbank.source.safe_links import unsafe_urls
from qbank.source.suspect import answer_like_titles
from qbank.source.title import clean_title, is_meta_label, is_preamble, strip_meta_prefix

SUPPORTED = (
    "mark questions as `**1. 面试题：** title`, `#### 1. title` + `**题目：**`/`**答案：**`, "
    "`**1. title？**` + `**答案：**`, or `##### 面试题 1：title` + `**答案解析：**` (see CONTRIBUTING.md)"
)


# The title is among the first lines; past these, the article has none of its own.
MAX_LINES_BEFORE_TITLE = 6
# Bold section lines sit below every heading level.
BOLD_SECTION_LEVEL = 7
# How alike a listed question and its later answer's name must be (bigram Dice).
LISTED_MATCH = 0.3


@dataclass
class Start:
    """A line that may open a question."""

    number: int
    title: str
    kind_word: str = ""
    heading_level: int | None = None
    strong: bool = False
    list_item: bool = False
    # Opened by a prompt label (`**题目：** …`) rather than a numbered marker.
    label_opened: bool = False
    # A whole bold line (`**1. 如何…？**`): the kind of opener whose answer may follow unlabelled.
    bold_line: bool = False


@dataclass
class Section:
    """An open prose heading: its level in the source and on the page, and what it says."""

    level: int
    page_level: int
    text: str
    key: int
    # What the heading says, read once when it opens: asked per line, it was re-read for every line.
    kind: Kind | None = field(init=False)
    explains: bool = field(init=False)

    def __post_init__(self) -> None:
        self.kind = m.kind_of_section(self.text)
        self.explains = m.is_explanation_section(self.text)


@dataclass
class ArticleParser:
    """Walks a cleaned source once, emitting prose and questions in order."""

    source: str
    lines: list[Line]
    report: list[ReportEntry]
    roles: list[str] = field(init=False)
    in_code: list[bool] = field(init=False)
    title_level: int = 1
    top_level: int = 2
    stack: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    prose: list[Line] = field(default_factory=list)
    numbers: dict[tuple[int, str], dict[int, int]] = field(default_factory=dict)
    anchors: set[str] = field(default_factory=set)
    # The next suffix to try per anchor base, so a base repeated n times costs n lookups, not n².
    suffixes: dict[str, int] = field(default_factory=dict)
    unnumbered: int = 0
    # FAQ entries (`**Q：**` under 常见问题) are questions; off when telling an essay from a broken article.
    faq: bool = True
    # Numbered question lists with no answers, waiting for an answer section (`代码解析与答案`).
    listed: list[Start] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.roles, unclosed = fence_roles([line.text for line in self.lines])
        self.in_code = [bool(role) for role in self.roles]
        if unclosed is not None:
            raise QbankError(
                self.source, self.lines[unclosed].number, "code fence is never closed",
                "add the closing ``` line after the code",
            )
        for opener, nested in fence_conflicts([line.text for line in self.lines]):
            raise QbankError(
                self.source, self.lines[nested].number,
                f"a code fence with a language opens inside the code block opened on line {self.lines[opener].number}",
                "the block before it lacks its closing ``` line; without it the text between becomes code",
            )
        for position, role in enumerate(self.roles):
            if role == BODY and (m.BOLD_KIND_NUMBER.match(self.lines[position].text) or (
                (label := m.match_label(self.lines[position].text)) and label.part == "answer"
                and self.lines[position].text.lstrip().startswith(("**", "- **"))
            )):
                raise QbankError(
                    self.source, self.lines[position].number, "a question or answer marker is inside a code block",
                    "a code block before it lacks its closing ``` line; a source with this defect cannot be ingested",
                )

    # -- title ---------------------------------------------------------------

    def take_title(self) -> tuple[str, int]:
        """Find the article title; return it and the index of the first body line."""
        index = self.next_content(0)
        if index is None:
            raise QbankError(self.source, 1, "the file has no text", "add the article text")
        # Before the title the generator may leave a rule, an English preamble or a meta heading.
        after_meta = False
        for _ in range(MAX_LINES_BEFORE_TITLE):
            if index is None:
                break
            line = self.lines[index]
            text = line.text.strip()
            heading = m.HEADING.match(text)
            content = strip_markup(heading.group(2) if heading else text)
            if m.THEMATIC_BREAK.match(text) or (not heading and is_preamble(text)):
                self.report.append(ReportEntry(
                    self.source, line.number, "meta", f"skipped {text[:40]!r} before the title",
                ))
            elif is_meta_label(content):
                self.report.append(ReportEntry(
                    self.source, line.number, "meta", f"meta heading {content!r} is not the title",
                ))
                after_meta = True
            elif heading or (len(text) <= 120 and (after_meta or text.startswith(("**", "《")))):
                if heading:
                    self.title_level = len(heading.group(1))
                title = strip_meta_prefix(content)
                if title != content:
                    prefix = content[:len(content) - len(title)]
                    entry = ReportEntry(self.source, line.number, "meta", f"title prefix {prefix!r} removed")
                    self.report.append(entry)
                return self.cleaned(title, line.number), index + 1
            else:
                break
            index = self.next_content(index + 1)
        return self.first_heading(), self.next_content(0) or 0

    def first_heading(self) -> str:
        """The first heading outside code: the title of an article that has no title line."""
        for position, line in enumerate(self.lines):
            if not self.in_code[position] and (heading := m.HEADING.match(line.text.strip())):
                return self.cleaned(strip_meta_prefix(strip_markup(heading.group(2))), line.number)
        raise QbankError(
            self.source, 1, "the article has no title: no heading or bold line opens it, and it has no heading",
            "an article of the series opens with its title, e.g. `# AI 大模型创业：如何利用X优势？`",
        )

    def cleaned(self, title: str, line_number: int, fallback: bool = True) -> str:
        """A title without the debris around its words (`clean_title`), reporting what was dropped; a title that is
        all debris is kept as it is with `fallback`, else given up (empty)."""
        clean = clean_title(title) or (title if fallback else "")
        if clean != title:
            self.report.append(ReportEntry(
                self.source, line_number, "meta", f"title {title[:60]!r} cleaned to {clean[:60]!r}",
            ))
        return clean

    def next_content(self, index: int) -> int | None:
        """Index of the next non-blank line at or after `index`."""
        for position in range(index, len(self.lines)):
            if self.lines[position].text.strip():
                return position
        return None

    # -- question starts -----------------------------------------------------

    def start_at(self, index: int) -> Start | None:
        """Recognise a possible question opener at a line outside code."""
        if self.in_code[index]:
            return None
        text = self.lines[index].text.rstrip()
        if not text:
            return None  # every marker has text; half the lines are blank
        heading = m.HEADING.match(text)
        if heading:
            level, content = len(heading.group(1)), heading.group(2)
            if match := m.HEADING_KIND_NUMBER.match(content):
                strong = m.kind_of_word(match.group(1)) in ("interview", "coding")
                return Start(int(match.group(2)), match.group(3), match.group(1), level, strong=strong)
            if numbered := m.numbered(content):
                number, rest = numbered
                if kind := m.KIND_PREFIX.match(rest):
                    strong = m.kind_of_word(kind.group(1)) in ("interview", "coding")
                    return Start(number, kind.group(2), kind.group(1), level, strong=strong)
                # The heading's own words decide: a kind label or debris (`问题3：`, `*…？*`) says nothing.
                words = clean_title(rest) or rest  # `算法编程题：` is all label, and names a section
                names_section = m.kind_of_section(words) or m.ANSWER_KEY_SECTION.search(words)
                if names_section and not m.QUESTION_FORM.search(words):
                    return None  # `#### 2. 典型面试题与解答` names the questions that follow it, or explains them
                return Start(number, rest, heading_level=level)
            return None
        if match := m.BOLD_NUMBER_KIND.match(text):
            return Start(int(match.group(1)), match.group(3), match.group(2), strong=True)
        if match := m.BOLD_KIND_NUMBER.match(text):
            strong = m.kind_of_word(match.group(1)) in ("interview", "coding")
            return Start(int(match.group(2)), match.group(3), match.group(1), strong=strong)
        if match := m.BOLD_NUMBERED_LINE.match(text):
            return Start(int(match.group(1)), match.group(2), bold_line=True)
        if match := m.LIST_BOLD_ITEM.match(text):
            return Start(int(match.group(1)), match.group(2), list_item=True)
        if match := m.PLAIN_QUESTION_ITEM.match(text):
            return Start(int(match.group(1)), match.group(2))
        # The pattern first: the section's kind is asked only of the lines that look like a FAQ entry.
        if self.faq and (match := m.FAQ_QUESTION.match(text)) and self.section_kind() == "faq":
            number = int(match.group(1)) if match.group(1) else 0
            return Start(number, match.group(2), "FAQ", strong=True)
        label = m.match_label(text)
        if label and label.part == "prompt" and label.word in m.PROMPT_OPENERS and label.rest.strip():
            return Start(0, label.rest, label.word, label_opened=True)
        return None

    def qualifies(self, index: int, start: Start) -> bool:
        """A weak opener is a question only if answer labels follow before the next block."""
        if start.strong:
            return True
        for position in range(index + 1, len(self.lines)):
            text = self.lines[position].text
            if self.in_code[position] or not text.strip():
                continue  # a blank line neither opens, labels nor ends anything
            following = self.start_at(position)
            if following and following.strong:
                return False  # `#### 2. 典型面试题` is the section heading of `**面试题1：**`
            label = m.match_label(text)
            if (label and label.part in ("prompt", "answer", "analysis", "code")) or m.approach_label(text):
                return True
            if m.HEADING.match(text) or m.THEMATIC_BREAK.match(text) or following:
                break
        return self.answered_unlabelled(index, start)

    def answered_unlabelled(self, index: int, start: Start) -> bool:
        """A bold question line in a question section whose answer follows with no label."""
        if not (start.bold_line and m.QUESTION_FORM.search(title_words(start.title))):
            return False
        if self.section_kind() not in ("interview", "coding"):
            return False
        following = self.next_content(index + 1)
        if following is None:
            return False
        text = self.lines[following].text
        return not (m.HEADING.match(text) or m.THEMATIC_BREAK.match(text) or self.start_at(following))

    def question_at(self, index: int) -> Start | None:
        """The question that opens at this line, if any."""
        start = self.start_at(index)
        return start if start and self.qualifies(index, start) else None

    def block_end(self, index: int, start: Start) -> int:
        """Index one past the last line of the question or re-explanation opened at `index`."""
        answered = False
        for position in range(index + 1, len(self.lines)):
            text = self.lines[position].text
            if self.in_code[position] or not text.strip():
                continue  # a blank line neither opens, labels nor ends anything
            heading = m.HEADING.match(text)
            if heading and (start.heading_level is None or len(heading.group(1)) <= start.heading_level):
                return position
            if m.THEMATIC_BREAK.match(text) or m.CLOSING.match(text):
                return position
            if (following := self.question_at(position)) and (not following.label_opened or answered):
                # A prompt label opens a new question only once this one has its answer.
                return position
            label = m.match_label(text)
            answered = answered or bool(label and label.part in ("answer", "analysis", "code")) or bool(
                m.approach_label(text)
            )
            if heading and self.start_at(position):
                return position
        return len(self.lines)

    def list_item_end(self, index: int) -> int:
        """Index one past a list item's continuation (blank or indented lines)."""
        for position in range(index + 1, len(self.lines)):
            text = self.lines[position].text
            if self.in_code[position] or not text.strip() or text.startswith((" ", "\t")):
                continue
            return position
        return len(self.lines)

    # -- sections ------------------------------------------------------------

    def close_sections(self, level: int) -> None:
        """A heading at `level` ends every open section at that level or deeper."""
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()

    def open_heading(self, index: int, level: int, text: str) -> str:
        """Track a prose heading and return it re-levelled for the page."""
        self.close_sections(level)
        # The body's top heading level becomes H2 (H1 is the title); nesting is kept as in the source.
        page_level = min(max(level - self.top_level + 2, 2), 6)
        self.stack.append(Section(level, page_level, text, index))
        return f"{'#' * page_level} {text}"

    def section_kind(self) -> Kind | None:
        """The kind the innermost section heading that names one implies."""
        kinds = [section.kind for section in reversed(self.stack) if section.kind]
        # Everything under a FAQ appendix is FAQ, even a subsection named `数据隐私问题`.
        return "faq" if "faq" in kinds else next(iter(kinds), None)

    def section_key(self) -> int:
        """Identify the numbering section: the innermost open heading."""
        return self.stack[-1].key if self.stack else -1

    # -- building ------------------------------------------------------------

    def run(self) -> Article:
        """Parse the whole article."""
        title, index = self.take_title()
        levels = [
            len(heading.group(1)) for position in range(index, len(self.lines))
            if not self.in_code[position] and (heading := m.HEADING.match(self.lines[position].text))
        ]
        self.top_level = min(levels, default=self.title_level + 1)
        while index < len(self.lines):
            line = self.lines[index]
            skipped = not self.faq and self.section_kind() == "faq"
            start = None if self.in_code[index] or skipped else self.start_at(index)
            explaining = start is not None and self.in_explanation_section()
            if start and explaining and (listed := self.answers_listed(start)):
                end = self.explanation_end(index, start)
                self.flush_prose()
                self.blocks.append(self.build_question(index, end, listed))
                self.listed.remove(listed)
                index = end
                continue
            if start and explaining and (target := self.explained(start)):
                end = self.explanation_end(index, start)
                self.merge_explanation(target, index, end, start)
                index = end
                continue
            if start and self.qualifies(index, start):
                if start.heading_level:
                    self.close_sections(start.heading_level)
                end = self.block_end(index, start)
                self.flush_prose()
                self.blocks.append(self.build_question(index, end, start))
                index = end
                continue
            if start and (target := self.explained(start)):
                end = self.list_item_end(index) if start.list_item else self.block_end(index, start)
                self.merge_explanation(target, index, end, start)
                index = end
                continue
            heading = None if self.in_code[index] else m.HEADING.match(line.text)
            if heading:
                text = self.open_heading(index, len(heading.group(1)), heading.group(2))
                self.prose.append(Line(line.number, text))
            else:
                self.note_structure(index)
                self.prose.append(line)
            index += 1
        self.flush_prose()
        questions = [block for block in self.blocks if isinstance(block, Question)]
        if not questions:
            raise NoQuestions(self.source, 1, "no questions found", SUPPORTED)
        if all(question.kind == "faq" for question in questions):
            raise NoQuestions(
                self.source, 1, f"an essay: no interview questions, only {len(questions)} FAQ entries",
                "the series also publishes essays; they are not part of the question bank",
            )
        return Article(title=title, source=self.source, sha256="", blocks=self.blocks)

    def flush_prose(self) -> None:
        """Close the current prose run as one block."""
        if not self.prose:
            return  # questions mostly follow one another with no prose between them
        lines = "\n".join(line.text for line in self.prose).split("\n")
        text = tidy_lines(*separate_list_lines(lines, scan_fences(lines)[0]))
        # An indented first line would be read as part of the preceding answer block.
        text = text.lstrip(" \t")
        if text:
            numbers = [line.number for line in self.prose if line.text.strip()]
            self.blocks.append(Prose(text, (numbers[0], numbers[-1])))
        self.prose = []

    def explained(self, start: Start) -> Question | None:
        """The earlier question a weak opener re-explains, by title or by kind and number."""
        key = m.normalise_title(title_words(start.title))
        questions = [block for block in self.blocks if isinstance(block, Question)]
        for question in questions:
            if m.normalise_title(question.title) == key:
                return question
        if self.in_explanation_section():
            return self.explained_by_number(start, questions)
        return None

    def note_structure(self, index: int) -> None:
        """Track bold section lines (`**二、算法编程题库**`) and numbered question lists without answers."""
        if self.in_code[index]:
            return
        text = self.lines[index].text
        if bold := m.BOLD_SECTION.match(text):
            # A bold line standing in for a heading: deeper than any heading, so a real heading closes it.
            self.close_sections(BOLD_SECTION_LEVEL)
            page_level = self.stack[-1].page_level if self.stack else 1
            self.stack.append(Section(BOLD_SECTION_LEVEL, page_level, bold.group(1), index))
            return
        kind = self.section_kind()
        if kind in ("interview", "coding") and not self.in_explanation_section() and (
            item := m.LIST_QUESTION_ITEM.match(text)
        ):
            word = m.CODING_WORDS[0] if kind == "coding" else m.INTERVIEW_WORDS[0]
            self.listed.append(Start(int(item.group(1)), item.group(2), word, bold_line=True))

    def answers_listed(self, start: Start) -> Start | None:
        """The earlier listed question (no answer of its own) that this explanation item answers."""
        candidates = [item for item in self.listed if item.number == start.number]
        best = max(candidates, key=lambda item: m.title_similarity(item.title, start.title), default=None)
        if best is None or m.title_similarity(best.title, start.title) < LISTED_MATCH:
            return None
        questions = [block for block in self.blocks if isinstance(block, Question)]
        # An answered question of the same number that fits better is being re-explained instead.
        same_number = [q for q in questions if q.number == start.number]
        rival = max((m.title_similarity(q.title, start.title) for q in same_number), default=0)
        return best if m.title_similarity(best.title, start.title) > rival else None

    def in_explanation_section(self) -> bool:
        """Whether the innermost sections re-explain earlier questions (`满分答案解析`, `源代码实例`)."""
        return any(section.explains for section in self.stack)

    def explained_by_number(self, start: Start, questions: list[Question]) -> Question | None:
        """In an explanation section: the earlier question of this number, the kind and title deciding ties."""
        number, title, kind = start.number, start.title, m.kind_of_word(start.kind_word) if start.kind_word else None
        if inner := m.HEADING_KIND_NUMBER.match(strip_markup(title)):
            # `1. **面试题1：…**` — the kind and number inside the item win.
            number, title, kind = int(inner.group(2)), inner.group(3), m.kind_of_word(inner.group(1))
        kind = kind or self.section_kind()
        if not number:
            # `**题目：** 如何解释上述代码…？` under `答案解析说明`: the question it is closest to, else the last.
            candidates = [q for q in questions if kind is None or q.kind == kind]
            return max(reversed(candidates), key=lambda q: m.title_similarity(q.title, title), default=None)
        candidates = [q for q in questions if q.number == number and (kind is None or q.kind == kind)]
        if not candidates:
            return None
        # Several kinds restart at 1: the explanation's own title says which one it means.
        return max(reversed(candidates), key=lambda question: m.title_similarity(question.title, title))

    def explanation_end(self, index: int, start: Start) -> int:
        """One past a re-explanation in an explanation section: it ends where the next item starts."""
        if start.list_item:
            return self.list_item_end(index)
        for position in range(index + 1, len(self.lines)):
            if self.in_code[position]:
                continue
            text = self.lines[position].text
            heading = m.HEADING.match(text)
            if heading and (start.heading_level is None or len(heading.group(1)) <= start.heading_level):
                return position
            if m.THEMATIC_BREAK.match(text) or m.CLOSING.match(text) or self.start_at(position):
                return position
        return len(self.lines)

    def merge_explanation(self, question: Question, index: int, end: int, start: Start) -> None:
        """Fold a later re-explanation into the question it explains, keeping its own heading text."""
        lines = [line.text for line in self.lines[index + 1:end]]
        renamed = m.normalise_title(title_words(start.title)) != m.normalise_title(question.title)
        if renamed and strip_markup(start.title):
            lines = [strip_markup(start.title), "", *lines]
        body = finish_part(lines)
        if not body:
            return
        question.explanation = "\n\n".join(part for part in (question.explanation, body) if part)
        last = max((line.number for line in self.lines[index:end] if line.text.strip()), default=0)
        self.report.append(ReportEntry(
            self.source, self.lines[index].number, "merged",
            f"re-explanation (lines {self.lines[index].number}-{last}) of {question.title!r} "
            f"merged into question {question.anchor}",
        ))

    def build_question(self, index: int, end: int, start: Start) -> Question:
        """Split a question's lines into prompt, answer, analysis, code and hints."""
        parts: dict[str, list[str]] = {name: [] for name in ("prompt", "answer", "analysis", "code", "hints")}
        part, prompt_word, fence_part = "prompt", start.kind_word if start.label_opened else "", None
        for position in range(index + 1, end):
            text = self.lines[position].text
            role = self.roles[position]
            if role:
                if role == OPEN or fence_part is None:
                    # Code shown with the prompt or a hint is the question's example code.
                    fence_part = "code" if part in ("prompt", "hints") else part
                parts[fence_part].append(text)
                if role == CLOSE:
                    fence_part = None
                continue
            if not text.strip():
                parts[part].append(text)  # a blank line carries no label
                continue
            if part in ("prompt", "hints") and m.approach_label(text):
                # The approach is how the question is solved: it opens the answer, its label line kept to
                # say what it is. Once the answer has begun, such a line is read as before (思路 → analysis).
                part = "answer"
                parts[part].append(text)
                continue
            label = m.match_label(text)
            if start.kind_word == "FAQ" and not label and (faq := m.FAQ_ANSWER.match(text)):
                label = m.Label("answer", "答", faq.group(1))
            if label:
                part = label.part
                if part == "prompt":
                    prompt_word = label.word
                if label.rest.strip():
                    parts[part].append(label.rest)
                continue
            parts[part].append(text)
        finished = {name: finish_part(lines) for name, lines in parts.items()}
        if start.bold_line and not any(finished[name] for name in ("answer", "analysis", "code")):
            # `**1. 如何…？**` with its answer on the following lines and no `**答案：**` label.
            finished["answer"], finished["prompt"] = finished["prompt"], ""
        line_number = self.lines[index].number
        if not (finished["answer"] or finished["analysis"] or finished["code"]):
            raise QbankError(
                self.source, line_number, f"question {start.number} ({strip_markup(start.title)!r}) has no answer",
                "add an answer after it, e.g. a line `**答案：** …`",
            )
        # A title that is only a label (`#### 1. 面试题 1：`) is no title: the prompt's first line is.
        title = self.cleaned(strip_markup(start.title), line_number, fallback=False)
        if not title:
            # `##### 面试题 3` with the question only in its `**题目：**` line.
            title = finished["prompt"].split("\n", 1)[0].strip()
            finished["prompt"] = finished["prompt"][len(title):].strip()
            title = self.cleaned(title, line_number)
        if not title:
            raise QbankError(self.source, line_number, f"question {start.number} has no title",
                             "write the question after its number, e.g. `##### 面试题 3：…`")
        kind = self.resolve_kind(start, prompt_word, finished)
        anchor = self.register(start, kind, line_number)
        last = max(line.number for line in self.lines[index:end] if line.text.strip())
        return Question(
            anchor=anchor, kind=kind, number=start.number, title=title, level=self.question_level(),
            prompt=finished["prompt"], answer=finished["answer"], analysis=finished["analysis"],
            code=finished["code"], hints=finished["hints"], source_lines=(line_number, last),
        )

    def resolve_kind(self, start: Start, prompt_word: str, parts: dict[str, str]) -> Kind:
        """Decide the kind from the marker, the prompt label, the section, then the content."""
        for word in (start.kind_word, prompt_word):
            if word and (kind := m.kind_of_word(word)):
                return kind
        if kind := self.section_kind():
            return kind
        title = start.title
        if (parts["code"] or "```" in parts["answer"]) and re.search(r"实现|编写|编程|代码|写一个", title):
            return "coding"
        return "interview"

    def register(self, start: Start, kind: Kind, line_number: int) -> str:
        """Check the number is new in its section and return the question's stable anchor."""
        # Kinds may number separately inside one section (面试题 1… and 算法编程题 1…).
        seen = self.numbers.setdefault((self.section_key(), kind), {})
        if start.number and start.number in seen:
            raise QbankError(
                self.source, line_number,
                f"question number {start.number} repeats in the same section (first on line {seen[start.number]})",
                "renumber one of them, or put them under separate section headings",
            )
        seen[start.number] = line_number
        # Unnumbered questions are named by their position among the article's unnumbered ones.
        if not start.number:
            self.unnumbered += 1
        base = f"{KIND_LETTER[kind]}{start.number:02d}" if start.number else f"{KIND_LETTER[kind]}-{self.unnumbered}"
        anchor, suffix = base, self.suffixes.get(base, 2)
        while anchor in self.anchors:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        self.suffixes[base] = suffix
        self.anchors.add(anchor)
        return anchor

    def question_level(self) -> int:
        """The page heading level for a question: one below its section."""
        return min((self.stack[-1].page_level + 1) if self.stack else 2, 6)


HEADING_HASHES = re.compile(r"^#{1,6}\s+")


def strip_markup(text: str) -> str:
    """Drop heading hashes, bold markers and 《》 around a title line."""
    text = HEADING_HASHES.sub("", text.strip())
    text = text.strip()
    start, end = 0, len(text)
    # Indices, not slices: a title of 100,000 `*` is peeled in linear time.
    while text.startswith("**", start, end) and text.endswith("**", start, end) and end - start > 4:
        start, end = start + 2, end - 2
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    text = text[start:end]
    if text.startswith("**") and text.count("**") == 2:
        # `**标题：** title`: a bold label before the title.
        text = text.replace("**", "", 2).strip()
    if text.startswith("《") and text.endswith("》"):
        text = text[1:-1].strip()
    return text


def title_words(text: str) -> str:
    """A question line's title as the page shows it: markup and debris gone (what `Question.title` holds)."""
    return clean_title(strip_markup(text))


def finish_part(lines: list[str]) -> str:
    """Dedent, separate lists, label bare code fences and tidy one answer part."""
    text = "\n".join(lines)
    if not text.strip():
        return ""  # most questions leave most parts empty or blank
    lines = textwrap.dedent(text).split("\n")
    # Found once for the three steps (labelling an opener keeps it an opener); per step it cost three scans.
    roles, _ = fence_roles(lines)
    return tidy_lines(*separate_list_lines(label_fences(lines, roles), [bool(role) for role in roles]))


def label_fences(lines: list[str], roles: list[str]) -> list[str]:
    """Give every unlabelled opening code fence a language so it is highlighted (`roles`: the lines' fence roles)."""
    lines = list(lines)
    for index, role in enumerate(roles):
        if role != OPEN:
            continue
        match = FENCE.match(lines[index])
        if match and not match.group(3).strip():
            body = "\n".join(lines[index + 1:index + 12])
            lines[index] = f"{match.group(1)}{match.group(2)}{guess_language(body)}"
    return lines


def guess_language(code: str) -> str:
    """A highlight language for code that did not name one."""
    if re.search(r"^\s*(import |from \S+ import |def |class |print\()", code, re.M):
        return "python"
    if re.search(r"^\s*(\$ |pip |apt|sudo |cd |ls )", code, re.M):
        return "bash"
    if code.lstrip().startswith(("{", "[")):
        return "json"
    return "text"


def parse_source(data: bytes, source: str) -> ParseResult:
    """Parse the bytes of one source file into an article and an ingest report."""
    text = decode_source(data, source)
    lines, report = strip_debris(to_lines(text), source)
    lines, split = split_glued_headings(lines, source)
    lines, detached = detach_rules(lines, source)
    report += split + detached
    report += unsafe_link_report(lines, source)
    try:
        article = ArticleParser(source, lines, report).run()
    except NoQuestions:
        raise
    except QbankError:
        # An essay's FAQ appendix may trip the question rules; without FAQs it must still have questions.
        ArticleParser(source, lines, [], faq=False).run()
        raise
    article.sha256 = hashlib.sha256(data).hexdigest()
    report += answer_like_titles(article)
    return ParseResult(article, report)


def unsafe_link_report(lines: list[Line], source: str) -> list[ReportEntry]:
    """Name every script URL in a source: the site shows its link text without the link."""
    roles, _ = fence_roles([line.text for line in lines])
    return [
        ReportEntry(source, line.number, "unsafe", f"link to {url[:40]!r} is shown as text, never as a live link")
        for line, role in zip(lines, roles, strict=True) if not role for url in unsafe_urls(line.text)
    ]
