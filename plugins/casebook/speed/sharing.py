"""One list of pages made by two processes, the build from the front and its worker from the
back, meeting wherever the work has taken them.

Case pages take the build a few milliseconds each to convert; its worker (see later.py) can
convert them too (see convert.py). A fixed split would suit one machine and one collection;
taking from the two ends suits any: neither process waits while pages are left.
"""

from __future__ import annotations

import multiprocessing


class TwoEnds:
    """Positions 0..count-1, each taken once: by the build (`take_front`) or the worker
    (`take_back`). Shared memory, so it must be made before the worker is forked."""

    def __init__(self, count: int) -> None:
        # [first position the worker may still take, first position the worker has taken]
        self._ends = multiprocessing.Array("q", [0, count])

    def take_front(self, position: int) -> bool:
        """Take `position` for the build, in any order; False if the worker has taken it."""
        with self._ends.get_lock():
            front, back = self._ends[:]
            if position >= back:
                return False
            self._ends[0] = max(front, position + 1)
            return True

    def take_back(self) -> int | None:
        """The last position nobody has taken, now the worker's; None once they meet."""
        with self._ends.get_lock():
            front, back = self._ends[:]
            if back <= front:
                return None
            self._ends[1] = back - 1
            return back - 1
