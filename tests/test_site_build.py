"""One round of language builds: what the first language's build makes ahead for the later ones."""

from __future__ import annotations

import os

from conftest import ROOT
from qbank.background import Background
from qbank.site.pages.common import BodyStyle
from qbank.site.render import Fragments
from qbank.site.settings import Settings
from qbank.site.site_build import SiteState

SETTINGS = Settings(ROOT / "docs", "zh", ("zh", "en"))


def made_by(language: str) -> dict[str, str]:
    return {"page.md": f"{language} {os.getpid()}"}


def started(command: str = "build") -> SiteState:
    """A process's state, as MkDocs' `on_startup` leaves it for a build (or for `mkdocs serve`)."""
    state = SiteState()
    state.started(command, False)
    return state


def test_the_later_languages_gathering_pages_are_made_meanwhile_by_another_process() -> None:
    state = started()
    fragments = Fragments.from_dirs([ROOT / "overrides"])
    first = state.start(SETTINGS, "zh", fragments, BodyStyle())
    assert first.later_languages == ["en"]
    assert first.gathering_pages(made_by) == {"page.md": f"zh {os.getpid()}"}
    later = state.start(SETTINGS, "en", Fragments.from_dirs([ROOT / "overrides", ROOT / "overrides"]),
                             BodyStyle())
    language, pid = later.gathering_pages(made_by)["page.md"].split()
    assert language == "en" and int(pid) != os.getpid()


def test_a_later_build_with_other_theme_folders_makes_its_own(tmp_path) -> None:
    state = started()
    state.start(SETTINGS, "zh", Fragments.from_dirs([ROOT / "overrides"]), BodyStyle()).gathering_pages(made_by)
    later = state.start(SETTINGS, "en", Fragments.from_dirs([tmp_path, ROOT / "overrides"]), BodyStyle())
    assert later.gathering_pages(made_by) == {"page.md": f"en {os.getpid()}"}


def test_under_serve_nothing_is_made_ahead() -> None:
    state = started("serve")
    fragments = Fragments.from_dirs([ROOT / "overrides"])
    state.start(SETTINGS, "zh", fragments, BodyStyle()).gathering_pages(made_by)
    later = state.start(SETTINGS, "en", fragments, BodyStyle())
    assert later.gathering_pages(made_by) == {"page.md": f"en {os.getpid()}"}


def test_every_languages_translation_files_are_made_by_one_forked_process_the_first_build_starts() -> None:
    state = started()
    fragments = Fragments.from_dirs([ROOT / "overrides"])
    first = state.start(SETTINGS, "zh", fragments, BodyStyle())
    files = first.translation_files()
    later = state.start(SETTINGS, "en", fragments, BodyStyle())
    later_files = later.translation_files()
    made_here = {language: build._translation_files(build.translations, language)
                 for language, build in (("zh", first), ("en", later))}
    for language, made in (("zh", files), ("en", later_files)):
        assert set(made) == set(made_here[language])  # the paths, known before the content is made
        assert all(isinstance(content, Background) for content in made.values())
        assert {path: content.result().decode() for path, content in made.items()} == made_here[language]
    assert any(path.endswith(".po") for path in files) and not any(path.endswith(".po") for path in later_files)
