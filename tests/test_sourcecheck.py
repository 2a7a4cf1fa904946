"""Source checks: mirrors, staging and local hosts, and stale reviews, as path:line: field: warnings."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from casebook.core.sourcecheck import build_date, source_hosts
from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from conftest import case_text, guided_case_text

VOCAB = load_vocabulary()


def with_source(url: str) -> str:
    return case_text().replace("https://example.org/report", url)


def warnings_of(text: str, today: dt.date | None = None) -> list[str]:
    case, problems = read_case("cases/x.md", text.encode(), VOCAB, today)
    assert case is not None  # warnings never stop a case
    return [str(p) for p in problems]


def url_line(text: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if "url:" in line)


def test_a_document_mirror_is_reported_at_the_url_line_with_the_fix():
    text = with_source("https://docslib.org/doc/123/a-report")
    assert warnings_of(text) == [
        f"cases/x.md:{url_line(text)}: sources[1].url: warning: 'docslib.org' is a document-mirror "
        "site, not the publisher: cite the original publisher's address (search for the document's "
        "title on the publisher's site)"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://docplayer.se/amp/27687561-kassaregisterdata.html",  # any top-level domain
        "https://docplayer.com.br/123-x.html",  # a two-part top-level domain
        "https://www.slideplayer.com/slide/1/",  # a subdomain
        "http://SLIDEPLAYER.COM./amp/14176401",  # upper case, final dot
    ],
)
def test_every_form_of_a_listed_mirror_host_is_reported(url: str):
    [message] = warnings_of(with_source(url))
    assert "is a document-mirror site" in message


@pytest.mark.parametrize(
    "url",
    [
        "https://www.ssb.no/omssb/kost-nyttevurdering",
        "https://mydocplayer-research.org/report",  # the name inside another word
        "https://unece.org/sites/default/files/docslib.org.pdf",  # only in the path
    ],
)
def test_a_publishers_address_is_not_reported(url: str):
    assert warnings_of(with_source(url)) == []


def test_mirror_hosts_are_read_from_the_data_file():
    hosts = source_hosts()
    assert "docplayer.*" in hosts.mirrors
    assert hosts.mirror("pdfslide.net") == "pdfslide.*"


@pytest.mark.parametrize(
    "url",
    [
        "https://homsy-staging.cambridgecore.org/core/journals/data-and-policy/article/x",
        "https://staging.example.org/report",
        "https://preprod.example.org/report",
    ],
)
def test_a_staging_host_is_reported(url: str):
    [message] = warnings_of(with_source(url))
    assert "looks like a publisher's staging or test host" in message


@pytest.mark.parametrize(
    "url",
    ["http://localhost:8000/report", "http://127.0.0.1/report", "http://192.168.1.20/x", "http://[::1]/x"],
)
def test_an_address_on_the_contributors_machine_or_network_is_reported(url: str):
    [message] = warnings_of(with_source(url))
    assert "on a private network or your own machine" in message


@pytest.mark.parametrize(
    "url",
    [
        "https://www.kildarestreet.com/wrans/?id=1",
        "https://ar5iv.labs.arxiv.org/html/2101.1",
        "https://gdprhub.eu/x",
    ],
)
def test_a_reprint_host_is_reported_unless_the_title_names_the_original(url: str):
    text = with_source(url)
    [warning] = warnings_of(text)
    assert "reprints or collects other publishers' text: cite the original" in warning
    named = text.replace(
        "title: A report", 'title: "A written answer (Dail Eireann, 2 July 2019; copy on KildareStreet)"'
    )
    assert warnings_of(named) == []


def test_a_review_over_two_years_old_is_reported_when_a_date_is_given():
    text = guided_case_text(reviewed="2024-11-29")
    line = next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("last_reviewed"))
    assert warnings_of(text, dt.date(2026, 11, 30)) == [
        f"cases/x.md:{line}: last_reviewed: warning: last reviewed on 2024-11-29, more than 2 years "
        "ago: check the case against its sources (what happened since?) and set today's date"
    ]


def test_a_review_exactly_two_years_old_is_not_yet_stale():
    assert warnings_of(guided_case_text(reviewed="2024-11-30"), dt.date(2026, 11, 30)) == []


def test_the_build_never_reports_stale_reviews():
    # read without a date, as the build reads: its result must not depend on the day it runs
    assert warnings_of(case_text(reviewed="2020-01-01")) == []


def test_source_date_epoch_fixes_the_checks_date(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 14 November 2023
    assert build_date() == dt.date(2023, 11, 14)


def test_casebook_check_reports_a_stale_review_and_a_mirror(tmp_path: Path):
    (tmp_path / "cases").mkdir()
    text = guided_case_text(reviewed="2020-01-01").replace(
        "https://example.org/report", "https://studylib.net/doc/1"
    )
    (tmp_path / "cases/old.md").write_text(text)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000"}  # 21 September 2026
    result = subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0  # warnings do not fail the check
    assert "cases/old.md:" in result.stdout
    assert "last reviewed on 2020-01-01" in result.stdout
    assert "'studylib.net' is a document-mirror site" in result.stdout
    assert "1 case valid; 0 errors, 2 warnings" in result.stderr
