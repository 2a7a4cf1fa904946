"""Later: results made in a forked worker (or here), handed out by key in any order."""

from __future__ import annotations

import os
import sys
import threading

import pytest
from casebook.speed import later as later_module
from casebook.speed.later import Later, LaterError


@pytest.fixture
def forking(monkeypatch):
    """Fork even if earlier tests left threads running (a browser, a web server): the
    worker never touches them. Whether a build forks is `can_fork`'s test below."""
    if not sys.platform.startswith("linux"):
        pytest.skip("workers are forked on Linux only")
    monkeypatch.setattr(later_module, "can_fork", lambda: True)


needs_fork = pytest.mark.usefixtures("forking")


def squares(count: int):
    for n in range(count):
        yield f"n{n}", n * n


@needs_fork
def test_results_are_made_in_another_process():
    later = Later(lambda: [("pid", os.getpid())])
    assert later.in_parallel
    assert later.get("pid") != os.getpid()


@needs_fork
def test_results_can_be_asked_for_in_any_order():
    later = Later(lambda: squares(500))
    assert later.get("n499") == 499 * 499
    assert later.get("n0") == 0
    assert later.get("n250") == 250 * 250


def test_without_fork_the_work_runs_here_when_asked_for():
    made = []

    def work():
        for key in ("a", "b"):
            made.append(key)
            yield key, os.getpid()

    later = Later(work, parallel=False)
    assert not later.in_parallel and made == []
    assert later.get("a") == os.getpid()
    assert made == ["a"]  # b is made only when asked for


def test_a_process_with_other_threads_does_not_fork():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not later_module.can_fork()
        assert not Later(lambda: squares(1)).in_parallel
    finally:
        stop.set()
        thread.join()


@pytest.mark.parametrize("parallel", [True, False])
def test_a_failure_in_the_work_is_reported_with_its_traceback(parallel: bool):
    def work():
        yield "first", 1
        raise ValueError("the listing could not be drawn")

    later = Later(work, parallel=parallel)
    assert later.get("first") == 1
    with pytest.raises(LaterError, match="ValueError: the listing could not be drawn"):
        later.get("second")


@pytest.mark.parametrize("parallel", [True, False])
def test_asking_for_a_result_that_is_never_made_is_an_error(parallel: bool):
    later = Later(lambda: squares(2), parallel=parallel)
    with pytest.raises(LaterError, match="no result for n7"):
        later.get("n7")


@needs_fork
def test_a_worker_that_dies_is_reported_not_waited_for():
    def work():
        os._exit(3)
        yield "never", 0

    with pytest.raises(LaterError, match="exit code 3"):
        Later(work).get("never")


@needs_fork
def test_a_closed_worker_is_stopped():
    later = Later(lambda: iter(threading.Event().wait, True))  # never yields
    later.close()
    with pytest.raises(LaterError):
        later.get("anything")
