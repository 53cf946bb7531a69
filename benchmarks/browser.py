"""Search in headless Chromium on a built site: bytes and time to the first result, cold, normal and slowed 4×.

CDP's CPU throttling slows a page's main thread but not its web workers, where the search runs. So the
slowed figure runs the search worker's own script on the page's throttled main thread (the worker's
messages passed by hand): the worker's work and fetches, measured directly, 4× slower.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from qbank.study.pdf import CHROMIUM, CHROMIUM_ARGS, serve

SLOWDOWN = 4
# Runs the worker's script with a stand-in `self` on the page's main thread; returns (ms, result groups).
WORKER_ON_MAIN_THREAD = """async ({worker, index, query}) => {
  const source = await (await fetch(worker, {cache: "no-store"})).text();
  let handler = null, resolve = null;
  const self = {location: {href: new URL(worker, location.href).href + "?index=" + encodeURIComponent(index)},
                addEventListener: (type, listener) => { handler = listener; },
                postMessage: (message) => resolve(message)};
  new Function("self", source)(self);
  const next = () => new Promise(done => { resolve = done; });
  const started = performance.now();
  let reply = next(); handler({data: {type: 0}}); await reply;
  reply = next(); handler({data: {type: 2, data: query}});
  const result = await reply;
  return [performance.now() - started, result.data.items.length];
}"""


@dataclass
class SearchRun:
    """One query on a cold page: bytes fetched until the first result, and times to it."""

    bytes: int
    seconds: float
    slowed_seconds: float
    results: int


def _query(browser: object, url: str, lang_root: str, query: str) -> SearchRun:
    """One cold visit: load the language's home page, type the query, wait for the first result."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    fetched: list[int] = []

    def finished(request: object) -> None:
        sizes = request.sizes()  # type: ignore[attr-defined]
        fetched.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    # Playwright reports a dedicated worker's requests on its page, so the shards it fetches count too.
    page.on("requestfinished", finished)
    try:
        page.goto(url + lang_root, wait_until="load")
        page.locator("label.md-search__icon, .md-search__input").first.click()
        field = page.locator("input.md-search__input")
        field.fill(query)
        started = time.perf_counter()
        field.press("End")  # Material starts searching on a key event
        page.wait_for_selector(".md-search-result__item", timeout=60_000)
        seconds = time.perf_counter() - started
        transferred = sum(fetched)  # the page, its assets and the worker's fetches
        results = page.locator(".md-search-result__item").count()
    finally:
        context.close()
    # The site's Content-Security-Policy (qbank.site.csp) rightly forbids evaluating text as script; this
    # measurement runs the worker's own file that way on purpose, so its page alone goes without the policy.
    context = browser.new_context(bypass_csp=True)  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(url + lang_root, wait_until="load")
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": SLOWDOWN})
        milliseconds, _ = page.evaluate(WORKER_ON_MAIN_THREAD, {
            "worker": url + "assets/qbank/search-worker.js", "index": url + lang_root + "search/qbank/",
            "query": query})
    finally:
        context.close()
    return SearchRun(transferred, seconds, milliseconds / 1000, results)


def search_runs(site: Path, queries: dict[str, list[str]], runs: int) -> dict[str, dict[str, list[SearchRun]]]:
    """Every query in each language, `runs` cold visits each, on the built site served locally."""
    from playwright.sync_api import sync_playwright

    measured: dict[str, dict[str, list[SearchRun]]] = {}
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for lang, words in queries.items():
                root = "" if lang == "zh" else f"{lang}/"
                measured[lang] = {query: [_query(browser, url, root, query) for _ in range(runs)] for query in words}
        finally:
            browser.close()
    return measured


def summary(runs: list[SearchRun]) -> SearchRun:
    """The median of each figure over a query's runs."""
    return SearchRun(int(statistics.median(run.bytes for run in runs)),
                     statistics.median(run.seconds for run in runs),
                     statistics.median(run.slowed_seconds for run in runs),
                     int(statistics.median(run.results for run in runs)))
