"""Work whose results are needed later in the build, done meanwhile on another core.

A build converts pages on one core (MkDocs and Python-Markdown are single-threaded). Casebook
knows at once which files it generates, but their content is needed only when MkDocs reaches
each of them. A forked process makes them one by one, in the order MkDocs asks for them, and
sends each as soon as it is made, while this process goes on with the build. Fork, because the
child starts with the parent's cases and index in memory: nothing is copied but the results.

Where fork is not safe or not there (a parent with other threads, as under `mkdocs serve`;
Windows; macOS, where system libraries may not survive a fork), the work runs in this process
as its results are asked for: the same results, only not in parallel.
"""

from __future__ import annotations

import gc
import multiprocessing
import queue
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")
_DONE = "\0done"  # the worker's last message, after every result
_FAILED = "\0failed"  # the worker's message on an error, with its traceback


class LaterError(Exception):
    """The work failed (the message holds the worker's traceback) or never made a result."""


def can_fork() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1


def why_not_fork() -> str:
    """Why fork is not safe here, for the build's log."""
    if sys.platform != "linux":
        return f"fork is used on Linux only (this is {sys.platform})"
    return (
        f"this process runs {threading.active_count()} threads (mkdocs serve does), and fork copies only one"
    )


class Later(Generic[T]):
    """Keyed results of `work`, which yields (key, result) pairs; `get(key)` waits for one."""

    def __init__(self, work: Callable[[], Iterable[tuple[str, T]]], *, parallel: bool = True) -> None:
        self._made: dict[str, T] = {}  # results received and not yet asked for
        self._done = False
        self._receiver: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        self._inline: Iterator[tuple[str, T]] | None = None
        # Why the work runs in this process, where it does: for the build's log.
        self.fallback: str | None = None
        if parallel and can_fork():
            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_run, args=(work, sender), daemon=True)
            # Objects frozen before the fork are never scanned by the child's garbage
            # collector, which would otherwise copy every memory page it shares with this
            # process (CPython's advice for fork without exec); this process unfreezes them.
            gc.freeze()
            try:
                self._process.start()
            finally:
                gc.unfreeze()
            sender.close()
        else:
            self.fallback = why_not_fork() if parallel else None
            self._inline = iter(work())

    @property
    def in_parallel(self) -> bool:
        return self._process is not None

    def get(self, key: str) -> T:
        """The result for `key`, once: waits for the worker until it has sent it."""
        while key not in self._made:
            if self._done:
                raise LaterError(f"no result for {key}")
            self._next()
        return self._made.pop(key)

    def close(self) -> None:
        """Release the worker: once every result is taken, or on a failed build (then it is
        stopped: its results are not needed)."""
        if self._process is not None and self._process.is_alive():
            self._process.kill()
        self._finish()

    def _next(self) -> None:
        if self._inline is not None:
            try:
                item = next(self._inline, None)
            except Exception:  # the same report as from a worker process
                self._done = True
                raise LaterError(traceback.format_exc()) from None
            if item is None:
                self._done = True
            else:
                self._made[item[0]] = item[1]
            return
        assert self._receiver is not None
        try:
            key, value = self._receiver.recv()
        except EOFError:
            self._finish()  # joins the worker, so its exit code is known
            assert self._process is not None
            raise LaterError(f"the worker process stopped (exit code {self._process.exitcode})") from None
        if key == _FAILED:
            self._finish()
            raise LaterError(value)
        if key == _DONE:
            self._finish()
        else:
            self._made[key] = value

    def _finish(self) -> None:
        self._done = True
        if self._receiver is not None:
            self._receiver.close()
        if self._process is not None:
            self._process.join()


def _run(work: Callable[[], Iterable[tuple[str, object]]], sender: Connection) -> None:
    """The worker: makes every result at full speed. A pipe holds only some kilobytes, and
    the parent reads a result only when it needs it, so a thread sends them while the work
    goes on; otherwise the worker would wait for the parent at every page."""
    made: queue.SimpleQueue[tuple[str, object]] = queue.SimpleQueue()
    sending = threading.Thread(target=_send, args=(made, sender))
    sending.start()
    try:
        for item in work():
            made.put(item)
        made.put((_DONE, None))
    except BaseException:  # every failure goes back to the parent, with its traceback
        made.put((_FAILED, traceback.format_exc()))
    sending.join()
    sender.close()


def _send(made: queue.SimpleQueue[tuple[str, object]], sender: Connection) -> None:
    while True:
        item = made.get()
        sender.send(item)
        if item[0] in (_DONE, _FAILED):
            return
