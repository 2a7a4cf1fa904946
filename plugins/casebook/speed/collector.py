"""The garbage collector's pace while a site is built.

A build keeps what it makes until it ends (cases, pages, their tables of contents, the
drawn parts it reuses), and makes short-lived cycles by the thousand (each page's
Python-Markdown instance). At CPython's thresholds (700, 10, 10) the collector scans the
objects that live until the end again and again: at 5,000 synthetic cases the build's own
process spent 2.7 s collecting in English and 4.2 s in three languages, most of it in full
collections. With a first threshold ten times higher and full collections ten times rarer,
young cycles are still collected (in fewer, larger passes) and a full collection waits for
ten times as much to look at: the build's process collected for 1.3-2.0 s instead (no full
collection at all), at the same peak memory. What that saves the whole build is within this
machine's noise: one set of three-language builds used 13-15 s less CPU in all (82.6 and
84.5 s against 97.1 and 97.8 s, in turn), a later set no less (62.1 and 72.5 s against 67.8
and 63.5 s).
"""

from __future__ import annotations

import gc

BUILD_THRESHOLDS = (7000, 10, 100)


class CollectorPace:
    """The build's thresholds from `start` to `stop`; the ones found before are given back
    (a preview server, or a test, goes on with its own)."""

    def __init__(self) -> None:
        self._found: tuple[int, ...] | None = None

    def start(self) -> None:
        if self._found is None:
            self._found = gc.get_threshold()
        gc.set_threshold(*BUILD_THRESHOLDS)

    def stop(self) -> None:
        if self._found is not None:
            gc.set_threshold(*self._found)
            self._found = None
