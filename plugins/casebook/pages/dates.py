"""Dates as readers read them: '26 April 2023', 'April 2023' or '2023', as precise as written."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def display_date(value: str) -> str:
    """A date written YYYY, YYYY-MM or YYYY-MM-DD, in words."""
    parts = value.split("-")
    if len(parts) == 1:
        return value
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{dt.date.fromisoformat(value).day} {month} {parts[0]}"
