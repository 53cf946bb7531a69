"""Work done meanwhile in a forked process: its value, its failures, and the in-place fallback."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

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


def _open_descriptors() -> set[int]:
    return {int(name) for name in os.listdir("/proc/self/fd")}


def test_a_child_holds_no_other_childs_pipe() -> None:
    """Else a sibling's pipe stays open after the parent gives up on it, and that sibling never finishes writing."""
    before = _open_descriptors()
    first = Background(lambda: b"x" * 1_000_000)  # more than a pipe holds: its child blocks until read
    first_reader = (_open_descriptors() - before).pop()
    second = Background(lambda: first_reader in _open_descriptors())
    assert second.result() is False
    assert first.result() == b"x" * 1_000_000


def test_a_failed_build_with_jobs_running_ends() -> None:
    """A failed build drops its jobs, whose children may be blocked writing large values: it must still end.
    Run in a process of its own, so a hang shows as a timeout rather than stopping the suite."""
    script = textwrap.dedent("""
        from qbank.background import Background
        jobs = [Background(lambda: b"y" * 1_000_000) for _ in range(3)]
        raise SystemExit(len(jobs))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert done.returncode == 3, done.stderr
