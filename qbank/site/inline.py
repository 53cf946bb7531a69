"""Short texts (question and article titles) as the site's Markdown renders them inline.

The gathering pages are written straight to HTML, not through Markdown (see qbank.site.html_body); their
titles must still look as on the article pages, where they are Markdown (`code`, *emphasis*).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from typing import Any

from markdown import Markdown
from markupsafe import Markup

from qbank.source.escape import escape_html

# A text without these characters has no inline Markdown: it renders as itself, escaped.
_MARKDOWN_SIGNS = re.compile(r"[\\`*_\[\]!<>&{}~^=:]")
# The treeprocessors that render inline syntax (and undo backslash escapes), in their order.
_INLINE_STEPS = ("inline", "unescape")


class InlineMarkdown:
    """Render one-line texts with the inline syntax of a Markdown configuration (the site's)."""

    def __init__(self, extensions: Sequence[Any] = (), configs: dict[str, dict[str, Any]] | None = None) -> None:
        self._md = Markdown(extensions=list(extensions), extension_configs=configs or {})
        # Equal for settings that render titles alike. toc's are left out: it is no inline step, and its
        # permalink title changes with each language's build.
        self.key = repr((list(extensions), {name: config for name, config in (configs or {}).items() if name != "toc"}))
        self._rendered: dict[str, Markup] = {}

    def __call__(self, text: str) -> Markup:
        """The text's inline HTML. The text is raw: `<` is text, as in a page's titles (qbank.bank.page)."""
        if (found := self._rendered.get(text)) is None:
            found = self._rendered[text] = Markup(self._render(text) if _MARKDOWN_SIGNS.search(text)
                                                  else html.escape(text, quote=False))
        return found

    def _render(self, text: str) -> str:
        """Only the inline steps of a conversion: a title is never a list, a quote or a heading."""
        md = self._md
        md.reset()
        paragraph = etree.Element("p")
        paragraph.text = escape_html(text)  # as the page's Markdown holds it
        root = etree.Element("div")
        root.append(paragraph)
        for step in _INLINE_STEPS:
            if step in md.treeprocessors:
                md.treeprocessors[step].run(root)
        out = md.serializer(paragraph)
        for postprocessor in md.postprocessors:
            out = postprocessor.run(out)
        return out.strip().removeprefix("<p>").removesuffix("</p>")
