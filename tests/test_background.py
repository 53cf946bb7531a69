"""Work done meanwhile in a forked process: its value, its failures, and the in-place fallback."""

from __future__ import annotations

import os

import pytest

from qbank.background import Background
from qbank.errors import QbankError


def test_the_value_comes_from_a_child_process() -> None:
    job = Background(lambda: (os.getpid(), [1, "二", b"3"]))
    pid, value = job.result()
    assert pid != os.getpid() and value == [1, "二", b"3"]
    assert job.result()[0] == pid  # asked again: the same value, no new process


def test_a_failure_in_the_child_is_raised_by_the_parent_with_its_own_error() -> None:
    calls: list[int] = []

    def make() -> int:
        calls.append(os.getpid())
        raise QbankError("docs/articles/a.md", 12, "cannot read", "fix it")

    job = Background(make)
    with pytest.raises(QbankError) as caught:
        job.result()
    assert caught.value.line == 12
    assert calls == [os.getpid()]  # the parent made it again itself (the child's attempt is its own)


def test_the_child_never_returns_into_the_caller(tmp_path) -> None:
    """Even failing, the child ends in the worker: the caller's code after the fork runs in the parent only."""
    trace = tmp_path / "trace"
    job = Background(lambda: 1 / 0)
    with trace.open("a") as out:  # a child back from the fork would run this too, before it could exit
        out.write(f"{os.getpid()}\n")
    with pytest.raises(ZeroDivisionError):
        job.result()  # waits for the child to exit
    assert trace.read_text().split() == [str(os.getpid())]


def test_without_fork_the_value_is_made_in_place_when_asked() -> None:
    made: list[int] = []
    job = Background(lambda: made.append(os.getpid()) or "done", parallel=False)
    assert made == []
    assert job.result() == "done" and made == [os.getpid()]
