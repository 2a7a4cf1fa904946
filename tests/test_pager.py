"""Which pages of a long list a pager links to (pages/links.py): the pages of lessons for
readers without JavaScript, 177 of them at 5,000 cases."""

from __future__ import annotations

from itertools import pairwise

import pytest
from casebook.pages.links import pager_window


def test_a_short_list_links_every_page():
    assert pager_window(2, 5) == [1, 2, 3, 4, 5]


def test_a_middle_page_links_the_first_the_last_and_two_on_each_side():
    assert pager_window(50, 177) == [1, None, 48, 49, 50, 51, 52, None, 177]


def test_the_first_and_last_pages_link_the_pages_after_and_before_them():
    assert pager_window(1, 177) == [1, 2, 3, None, 177]
    assert pager_window(177, 177) == [1, None, 175, 176, 177]


def test_a_gap_of_one_page_shows_that_page_instead_of_an_ellipsis():
    assert pager_window(5, 10) == [1, 2, 3, 4, 5, 6, 7, None, 10]
    assert pager_window(4, 10) == [1, 2, 3, 4, 5, 6, None, 10]


@pytest.mark.parametrize("pages", range(1, 30))
def test_every_page_is_linked_from_its_neighbours_and_each_number_once(pages: int):
    for number in range(1, pages + 1):
        window = pager_window(number, pages)
        numbers = [n for n in window if n is not None]
        assert numbers == sorted(set(numbers))
        assert {1, pages, number} | {n for n in (number - 1, number + 1) if 1 <= n <= pages} <= set(numbers)
        assert all(a is not None or b is not None for a, b in pairwise(window))
