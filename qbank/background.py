"""Work a build needs later, done meanwhile in another process (the standard library's concurrent.futures).

MkDocs builds on one core. Some of what qbank adds depends only on data loaded at the start (the
question graph's pair scores, an article's link blocks, the other language's translation files) and
is needed only later; a one-worker process pool makes it on another core while the build goes on.
The worker is forked, so it starts with that data instead of receiving it pickled; only its result
travels back. Where fork is missing or unsafe (`mkdocs serve`, whose server threads a fork would copy
mid-step) the work is done in place, when first asked for. `make bench` ("full build, 1,000 articles")
measures what it buys.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Generic, TypeVar

T = TypeVar("T")

_PENDING = object()
# The work of each job, by key, until its worker has been forked with it: a closure over the build's
# data cannot be pickled, but a forked worker already holds it and needs only the key.
_WORK: dict[int, Callable[[], object]] = {}
_KEYS = itertools.count()


def _run(key: int) -> object:
    """In the worker: do the job forked with it."""
    return _WORK[key]()


def can_fork() -> bool:
    """Whether this platform forks processes (not Windows, nor macOS's default)."""
    return "fork" in multiprocessing.get_all_start_methods()


class Background(Generic[T]):
    """A value made by `make`, in a forked worker when `parallel`, else when first asked for."""

    def __init__(self, make: Callable[[], T], parallel: bool = True) -> None:
        self._make = make
        self._value: object = _PENDING
        self._pool: ProcessPoolExecutor | None = None
        self._future: Future | None = None
        if parallel and can_fork():
            key = next(_KEYS)
            _WORK[key] = make
            try:
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
                # With fork the pool starts its worker within the first submit, so the work is in it now.
                self._future = self._pool.submit(_run, key)
            finally:
                del _WORK[key]

    def result(self) -> T:
        """The value; waits for the worker. If the worker failed, it is made here, so its error shows as usual."""
        if self._value is _PENDING:
            if self._future is not None and self._pool is not None:
                future, pool = self._future, self._pool
                self._future = self._pool = None
                try:
                    self._value = future.result()
                except Exception:  # made again below, in the build, where its error is raised as usual
                    pass
                finally:
                    pool.shutdown(wait=False)
            if self._value is _PENDING:
                self._value = self._make()
        return self._value  # type: ignore[return-value]

    def __del__(self) -> None:
        """Drop the worker of a value never asked for (a failed build)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
