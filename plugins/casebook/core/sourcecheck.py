"""Warnings about where a case's sources point, and about reviews that are out of date.

A source must be the original publisher's address: a document-mirror copy, a publisher's
staging host or an address on the contributor's own machine is reported as a warning at the
line of the `url`, with what to do. The hosts are data (`source_hosts.yml`).

A case whose `last_reviewed` is more than two years before `today` is reported too. That
check needs a date, so only `casebook check` makes it: a site build must not pass or fail,
or differ, with the day it runs (see README, "Reproducible builds").
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from .problems import Problem
from .timeline import years_before
from .yamlfile import Document, dotted, load_data

STALE_AFTER_YEARS = 2
_HOST_PARTS = re.compile(r"[.-]")


@dataclass(frozen=True)
class SourceHosts:
    mirrors: tuple[str, ...]  # 'docslib.org', or 'docplayer.*' for any top-level domain
    staging_words: frozenset[str]
    reprints: tuple[str, ...] = ()
    reprint_words: tuple[str, ...] = ()

    def mirror(self, host: str) -> str | None:
        """The mirrors' entry that `host` falls under, or None."""
        return _entry(host, self.mirrors)

    def reprint(self, host: str) -> str | None:
        """The reprint hosts' entry that `host` falls under, or None."""
        return _entry(host, self.reprints)

    def names_an_original(self, title: str) -> bool:
        lowered = title.lower()
        return any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in self.reprint_words)

    def staging(self, host: str) -> bool:
        return any(part in self.staging_words for part in _HOST_PARTS.split(host))


def _entry(host: str, entries: tuple[str, ...]) -> str | None:
    """The entry of a host list that `host` falls under, or None."""
    labels = host.split(".")
    for entry in entries:
        if entry.endswith(".*"):
            # The name as a label followed by a top-level domain (one or two labels:
            # docplayer.se, docplayer.com.br): a host, or a subdomain of one.
            name = entry[:-2]
            if any(label == name and 1 <= len(labels) - i - 1 <= 2 for i, label in enumerate(labels)):
                return entry
        elif host == entry or host.endswith("." + entry):
            return entry
    return None


@cache
def source_hosts() -> SourceHosts:
    text = resources.files(__package__).joinpath("source_hosts.yml").read_text(encoding="utf-8")
    data = load_data(text)
    return SourceHosts(
        tuple(data["document_mirrors"]),
        frozenset(data["staging_words"]),
        tuple(data["reprint_hosts"]),
        tuple(data["reprint_words"]),
    )


def source_problems(
    path: str, data: dict[str, Any], document: Document, field: str = "sources"
) -> Iterator[Problem]:
    """Warnings for the addresses of a list of sources (a case's `sources`, an event's `documents`)."""
    sources = data.get(field)
    for number, source in enumerate(sources if isinstance(sources, list) else []):
        url = source.get("url") if isinstance(source, dict) else None
        if not isinstance(url, str):
            continue
        title = source.get("title")
        message = _url_message(url, title if isinstance(title, str) else "")
        if message:
            where = (field, number, "url")
            yield Problem(path, document.line_of(where), dotted(where), message, "warning")


def review_problems(path: str, data: dict[str, Any], document: Document, today: dt.date) -> Iterator[Problem]:
    reviewed = data.get("last_reviewed")
    try:
        date = dt.date.fromisoformat(reviewed) if isinstance(reviewed, str) else None
    except ValueError:
        return  # reported as an invalid date by validation
    if date is None:
        return
    if date < years_before(today, STALE_AFTER_YEARS):
        yield Problem(
            path,
            document.line_of(("last_reviewed",)),
            "last_reviewed",
            f"last reviewed on {reviewed}, more than {STALE_AFTER_YEARS} years ago: check the case "
            "against its sources (what happened since?) and set today's date",
            "warning",
        )


def build_date() -> dt.date:
    """Today, or the day `SOURCE_DATE_EPOCH` fixes (seconds since 1970, UTC), as reproducible
    builds define it: a check run with it set answers the same on any day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def _url_message(url: str, title: str = "") -> str | None:
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return None  # a malformed address is the schema's to report
    if not host:
        return None
    for kind in _host_kinds(host):
        if kind == "reprint" and source_hosts().names_an_original(title):
            continue
        return _HOST_MESSAGES[kind].format(host=host)
    return None


_HOST_MESSAGES = {
    "mirror": (
        "'{host}' is a document-mirror site, not the publisher: cite the original "
        "publisher's address (search for the document's title on the publisher's site)"
    ),
    "reprint": (
        "'{host}' reprints or collects other publishers' text: cite the original (the court, "
        "gazette, parliament, agency or outlet), or, where only this copy exists, name the "
        "original publisher and date in the title and say it is a reprint, copy or summary"
    ),
    "local": "'{host}' is an address on a private network or your own machine: cite a public address",
    "staging": (
        "'{host}' looks like a publisher's staging or test host: cite the published "
        "address (the same path on the publisher's main site, usually)"
    ),
}


@lru_cache(maxsize=4096)
def _host_kinds(host: str) -> tuple[str, ...]:
    """What a host is, of `_HOST_MESSAGES`, in the order they are reported; kept per host,
    since a collection's thousands of sources come from a few hundred hosts."""
    hosts = source_hosts()
    kinds = (
        ("mirror", hosts.mirror(host) is not None),
        ("reprint", hosts.reprint(host) is not None),
        ("local", _is_local(host)),
        ("staging", hosts.staging(host)),
    )
    return tuple(kind for kind, found in kinds if found)


def _is_local(host: str) -> bool:
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local or address.is_unspecified
