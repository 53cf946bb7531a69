"""HTML from Jinja fragments a theme can override, fed with plain view data.

The fragments live in `fragments/qbank/*.html` of the theme's folders (`overrides/` here), as
Material's own plugins keep theirs in `fragments/tags/`: a site overrides one by putting a file of
the same name in its `custom_dir`. Every fragment escapes with `{% autoescape true %}`, so the
template engine is the one escaper of the site's HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from qbank.errors import QbankError

FRAGMENTS = "fragments/qbank"


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory, by name; Jinja checks each against its source's checksum.

    `mkdocs serve` makes new Jinja environments on every rebuild, and each language's build its own:
    without this, every one of them compiles the theme's templates again (about a second a rebuild).
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


# One for the life of the process (a build, or `mkdocs serve` with its rebuilds).
COMPILED = CompiledTemplates()


class Fragments:
    """Render qbank's fragments with a Jinja environment (the theme's, when building the site)."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        # Looked up once per build: the environment's own lookup checks the file on every call.
        self._templates: dict[str, jinja2.Template] = {}

    @classmethod
    def from_dirs(cls, dirs: Sequence[Path]) -> Fragments:
        """Fragments looked up in these theme folders, in order (for the CLI and tests)."""
        return cls(jinja2.Environment(loader=jinja2.FileSystemLoader([str(path) for path in dirs])))

    @property
    def key(self) -> str:
        """Equal for renderers that read the same theme folders (else unique to this one)."""
        folders = getattr(self.env.loader, "searchpath", None)
        # A folder listed again changes no lookup (mkdocs-static-i18n adds its own once per language built).
        return repr(list(dict.fromkeys(folders))) if folders is not None else f"environment {id(self.env)}"

    def render(self, name: str, **context: Any) -> str:
        """One fragment, e.g. `links.html`."""
        if (template := self._templates.get(name)) is None:
            try:
                template = self._templates[name] = self.env.get_template(f"{FRAGMENTS}/{name}")
            except jinja2.TemplateNotFound:
                raise QbankError(f"{FRAGMENTS}/{name}", 0, "the HTML fragment is not in the theme's folders",
                                 "keep overrides/fragments/qbank/ (or pass the folder holding it)") from None
        return template.render(**context)
