"""Bar charts as data for server-rendered SVG (templates/charts.j2): no script, no library.

Each chart is drawn beside a table of the same numbers, so that it reads without JavaScript
and with a screen reader (the SVG itself is one labelled image).
"""

from __future__ import annotations

from dataclasses import dataclass

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 300
BAR_AREA = 360
VALUE_WIDTH = 50


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    url: str | None = None  # site URL the bar's row links to
    y: int = 0
    width: int = 0


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    bars: tuple[Bar, ...]
    unit: str  # the column heading of the values in its table: 'Cases', 'Offices'...
    label_width: int = LABEL_WIDTH
    bar_area: int = BAR_AREA
    bar_height: int = BAR_HEIGHT

    @property
    def width(self) -> int:
        return self.label_width + self.bar_area + VALUE_WIDTH

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * (BAR_HEIGHT + GAP)


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int, str | None]], unit: str) -> Chart:
    """Rows of (label, value, url) laid out as horizontal bars scaled to the largest value."""
    largest = max((value for _, value, _ in rows), default=0) or 1
    bars = tuple(
        Bar(label, value, url, y=i * (BAR_HEIGHT + GAP), width=round(BAR_AREA * value / largest))
        for i, (label, value, url) in enumerate(rows)
    )
    return Chart(chart_id, title, bars, unit)
