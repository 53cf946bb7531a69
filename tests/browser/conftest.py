"""Browser fixtures: the built site on a free localhost port and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from qbank.pdf import CHROMIUM, CHROMIUM_ARGS, serve


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip browser tests only outside CI when the browser stack is missing; CI must run them."""
    missing = [tool for tool in (CHROMIUM,) if not Path(tool).exists()]
    missing += [tool for tool in ("pdftotext",) if not shutil.which(tool)]
    if not missing:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"browser tests need {', '.join(missing)}; `make test` installs them (tools/setup.sh)")
    marker = pytest.mark.skip(reason=f"missing {', '.join(missing)}: run `make test` (as root) to install them")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(marker)


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site served on a free port."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the session, no network beyond localhost."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, base_url: str) -> Iterator[object]:
    """A fresh page that records console errors and uncaught exceptions; the test fails on any."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.base = base_url
    yield tab
    context.close()
    assert not errors, f"console errors: {errors}"
