"""Case pages shared between the build and its worker, from the two ends of one list."""

from __future__ import annotations

import multiprocessing
import sys

import pytest
from casebook.speed.sharing import TwoEnds


def test_the_build_takes_positions_until_it_meets_the_worker():
    ends = TwoEnds(4)
    assert ends.take_back() == 3
    assert [ends.take_front(position) for position in range(4)] == [True, True, True, False]
    assert ends.take_back() is None


def test_the_worker_stops_where_the_build_has_reached():
    ends = TwoEnds(5)
    assert ends.take_front(2)
    assert [ends.take_back(), ends.take_back(), ends.take_back()] == [4, 3, None]


def test_positions_the_build_passed_over_are_still_the_builds():
    ends = TwoEnds(5)
    assert ends.take_front(3)
    assert ends.take_back() == 4
    assert ends.take_front(1)  # MkDocs skipped it (an unchanged page in a dirty build), then asked


def take_from_the_back(ends: TwoEnds, taken) -> None:  # type: ignore[no-untyped-def]
    while (position := ends.take_back()) is not None:
        taken.put(position)
    taken.put(None)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker forks on Linux")
def test_with_a_forked_worker_every_position_is_taken_exactly_once():
    count = 20_000
    context = multiprocessing.get_context("fork")
    ends, taken = TwoEnds(count), context.SimpleQueue()
    worker = context.Process(target=take_from_the_back, args=(ends, taken))
    worker.start()
    mine = [position for position in range(count) if ends.take_front(position)]
    theirs = list(iter(taken.get, None))
    worker.join()
    assert sorted(mine + theirs) == list(range(count))
    assert mine == list(range(len(mine))) and theirs == list(range(count - 1, len(mine) - 1, -1))
