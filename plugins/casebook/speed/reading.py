"""Reading a large folder of cases with two processes: reading is most of `casebook check`
and of a build's start. The core reads one file after another (core/collection.py); this is
the `read_all` that the build and `casebook check` give it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from ..core.collection import FileToRead, Read
from .later import Later, LaterError

# The build's log (MkDocs shows this logger's messages); nothing here imports MkDocs.
log = logging.getLogger("mkdocs.plugins.casebook")
# Below this many files a second process costs more than it saves.
PARALLEL_FROM = 400


def in_two_processes(files: list[FileToRead], read: Callable[[FileToRead], Read]) -> list[Read]:
    """From PARALLEL_FROM files on, about half of them are read in a forked process (see
    later.py); where fork is not safe, Later reads them here, as the results are asked for."""
    if len(files) < PARALLEL_FROM:
        return [read(file) for file in files]
    # The worker also pickles its half back, so it takes a little less than half.
    split = len(files) * 11 // 20
    first, second = files[:split], files[split:]
    worker = Later(lambda: [("second", [read(file) for file in second])])
    done = [read(file) for file in first]
    try:
        return done + worker.get("second")
    except LaterError as error:  # the worker died (out of memory, say): read its half here
        log.info(
            "casebook: the second process reading the cases stopped (%s): this one reads its half", error
        )
        return done + [read(file) for file in second]
    finally:
        worker.close()


class RememberedReads:
    """A `read_all` for a preview server, which reads the cases again after every edit: a
    file whose size and modification time are unchanged since the last read is not read
    again (2,000 files: about a second down to a few milliseconds)."""

    def __init__(self) -> None:
        self._known: dict[Path, tuple[tuple[int, int], Read]] = {}

    def __call__(self, files: list[FileToRead], read: Callable[[FileToRead], Read]) -> list[Read]:
        results = []
        for file in files:
            try:
                stat = file[1].stat()
            except OSError:
                results.append(read(file))  # reported as the file that cannot be read
                continue
            key = (stat.st_mtime_ns, stat.st_size)
            known = self._known.get(file[1])
            if known is None or known[0] != key:
                known = (key, read(file))
                self._known[file[1]] = known
            results.append(known[1])
        return results
