"""Work done meanwhile in a forked worker process: its value, its failures, and the in-place fallback."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading

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


def test_jobs_do_not_wait_on_each_other() -> None:
    """A job whose large value nobody has read yet does not hold up a later one, nor lose its value."""
    first = Background(lambda: b"x" * 1_000_000)  # more than a pipe holds
    second = Background(lambda: os.getpid())
    assert second.result() != os.getpid()
    assert first.result() == b"x" * 1_000_000


def test_a_job_sees_the_data_of_its_build_without_pickling_it() -> None:
    """The worker is forked: a closure over something that cannot be pickled still runs there."""
    local = threading.Lock()  # a lock cannot be pickled
    job = Background(lambda: (os.getpid(), "made" if local.acquire(blocking=False) else "locked"))
    pid, value = job.result()
    assert pid != os.getpid() and value == "made"


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
