"""Work a build needs later, done meanwhile in a forked process.

MkDocs builds on one core. Some of what qbank adds depends only on data loaded at the start (the
translation files, the decks, a language's search index) and is needed only later; a
forked child makes it on another core while the build goes on, and hands back the pickled result.
Where fork is missing or unsafe (`mkdocs serve`, whose server threads a fork would copy mid-step),
the work is done in place, when first asked for.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

_PENDING = object()
# The reading ends of the pipes from children still running. A child closes the ones it inherits: holding
# a sibling's pipe open would keep that sibling writing into a pipe its parent has given up on.
_open_readers: set[int] = set()


class Background(Generic[T]):
    """A value made by `make`, in a forked child when `parallel`, else when first asked for."""

    def __init__(self, make: Callable[[], T], parallel: bool = True) -> None:
        self._make = make
        self._value: object = _PENDING
        self._child: tuple[int, int] | None = None  # the child's pid and the pipe's reading end
        if parallel and hasattr(os, "fork"):
            self._child = self._fork()

    def _fork(self) -> tuple[int, int]:
        reading, writing = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: make the value, write it, and leave, whatever happens, never returning
            try:  # into the build it was forked from, nor running its exit handlers
                for inherited in (reading, *_open_readers):
                    os.close(inherited)
                try:
                    payload = pickle.dumps(self._make(), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException:
                    payload = b""
                with os.fdopen(writing, "wb") as pipe:
                    pipe.write(payload)
            finally:
                os._exit(0)
        os.close(writing)
        _open_readers.add(reading)
        return pid, reading

    def result(self) -> T:
        """The value; waits for the child. If the child failed, it is made here, so its error shows as usual."""
        if self._value is _PENDING:
            if self._child is not None:
                pid, reading = self._child
                self._child = None
                _open_readers.discard(reading)
                with os.fdopen(reading, "rb") as pipe:
                    payload = pipe.read()
                os.waitpid(pid, 0)
                if payload:
                    self._value = pickle.loads(payload)
            if self._value is _PENDING:
                self._value = self._make()
        return self._value  # type: ignore[return-value]

    def __del__(self) -> None:
        """Stop and reap a child whose value was never asked for (a failed build)."""
        if self._child is not None:
            pid, reading = self._child
            _open_readers.discard(reading)
            os.close(reading)
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(pid, signal.SIGKILL)  # it may be blocked writing a value nobody will read
                os.waitpid(pid, 0)
