"""Python-Markdown extension: wrap each question, once, in one container element at render time.

A question is a heading with one of `heading_classes` (set with attr_list) and everything after it
up to the next heading. It becomes

    <section class="qbank-q" data-question="i03" data-kind="interview">
      <h3 class="qbank-question" id="i03">…</h3>
      <p class="qbank-places">…</p>             (on gathering pages: where it is asked)
      <div class="qbank-prompt">…</div>          (the text before the answer, if any)
      <div class="qbank-slot" data-question="i03"></div>   (where the site puts the question's links)
      <details class="answer">…</details>
    </section>

so every later step (the site's links, the gathering pages, the study cards, the page script) finds
a question, its prompt and its answer by this element alone. Written in the style of
pymdown-extensions: `makeExtension`, a config with defaults, a Treeprocessor.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

HEADING = re.compile(r"^h[1-6]$")


def classes(element: etree.Element) -> set[str]:
    """The element's class names."""
    return set((element.get("class") or "").split())


class QuestionContainerTreeprocessor(Treeprocessor):
    """Group each question heading with what follows it into a container element."""

    def __init__(self, md: Markdown, config: dict[str, Any]) -> None:
        super().__init__(md)
        self.heading_classes = set(config["heading_classes"])
        self.container_class = config["container_class"]
        self.answer_class = config["answer_class"]
        self.slot_class = config["slot_class"]
        self.prompt_class = config["prompt_class"]
        self.meta_classes = set(config["meta_classes"])
        self.slot_for = set(config["slot_for"])
        self.answer_placeholders = config["answer_placeholders"]
        self.answers_out_of_search_text = config["answers_out_of_search_text"]

    def is_question(self, element: etree.Element) -> bool:
        """A heading marked as a question."""
        return bool(HEADING.match(element.tag)) and bool(classes(element) & self.heading_classes)

    def is_answer(self, element: etree.Element) -> bool:
        """The answer block of a question, or the placeholder a gathering page fills with one."""
        if element.tag == "details" and self.answer_class in classes(element):
            return True
        return bool(classes(element) & set(self.answer_placeholders)) and element.get("data-part") == "answer"

    def run(self, root: etree.Element) -> None:
        """Wrap the questions among the root's children (questions are never nested in other blocks)."""
        children = list(root)
        if not any(self.is_question(child) for child in children):
            return
        for child in children:
            root.remove(child)
        section: etree.Element | None = None
        prompt: etree.Element | None = None
        for child in children:
            if HEADING.match(child.tag):
                section = self.open_section(root, child) if self.is_question(child) else None
                prompt = None
                if section is None:
                    root.append(child)
            elif section is None:
                root.append(child)
            elif self.is_answer(child):
                self.add_slot(section)
                if self.answers_out_of_search_text and child.tag == "details":
                    child.set("data-search-exclude", "")  # the site's search index adds it as a field of its own
                section.append(child)
            elif classes(child) & self.meta_classes:
                section.append(child)  # where the question is asked: about the question, not its prompt
            else:
                if prompt is None:
                    prompt = etree.SubElement(section, "div", {"class": self.prompt_class})
                    prompt.text = prompt.tail = "\n"
                prompt.append(child)
        for container in root:  # the containers are the root's children: no need to walk the tree
            if container.tag == "section" and self.container_class in classes(container):
                self.add_slot(container)  # a question without an answer still gets one

    def open_section(self, root: etree.Element, heading: etree.Element) -> etree.Element:
        """A new container for a question heading, appended to the root."""
        attributes = {"class": self.container_class, "data-question": heading.get("id", "")}
        # The heading's data (kind, number, cluster, topics) describes the whole question.
        attributes.update({key: value for key, value in heading.attrib.items() if key.startswith("data-")})
        section = etree.SubElement(root, "section", attributes)
        section.text = section.tail = "\n"
        section.append(heading)
        return section

    def add_slot(self, section: etree.Element) -> None:
        """The empty element the site replaces with the question's links (once, on question pages)."""
        heading = section[0] if len(section) else None
        if heading is None or not classes(heading) & self.slot_for:
            return
        if not any(self.slot_class in classes(child) for child in section):
            slot = etree.SubElement(section, "div", {"class": self.slot_class,
                                                     "data-question": section.get("data-question", "")})
            slot.tail = "\n"


class QuestionContainerExtension(Extension):
    """Register the treeprocessor after attr_list has set the headings' classes and ids."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "heading_classes": [["qbank-question", "qbank-entry"], "heading classes that start a question"],
            "container_class": ["qbank-q", "class of the container element"],
            "answer_class": ["answer", "class of the answer's <details>"],
            "slot_class": ["qbank-slot", "class of the empty element the site fills with links"],
            "prompt_class": ["qbank-prompt", "class of the element holding the text before the answer"],
            "slot_for": [["qbank-question"], "heading classes whose questions get a links slot"],
            "meta_classes": [["qbank-places"], "classes of blocks about the question, kept out of its prompt"],
            "answer_placeholders": [["qbank-fragment"], "classes of placeholders (data-part=answer) for an answer"],
            "answers_out_of_search_text": [False, "mark answers data-search-exclude: search previews never show them"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the treeprocessor: attr_list runs at priority 8, toc at 5."""
        md.treeprocessors.register(QuestionContainerTreeprocessor(md, self.getConfigs()), "qbank_question", 7)


def makeExtension(**kwargs: Any) -> QuestionContainerExtension:
    """Entry point for `markdown_extensions: [qbank.site.question_container]`."""
    return QuestionContainerExtension(**kwargs)
