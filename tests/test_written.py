"""The open-data, feed and citation files the worker writes into the site itself
(speed/written.py), where MkDocs would otherwise copy them on the build's core. That a
build's files are the same bytes either way: test_parallel_switch.py, with a failure to write."""

from __future__ import annotations

from pathlib import Path

from casebook.assembly.options import CasebookOptions
from casebook.assembly.site import SiteSettings, build_site
from casebook.speed.written import write_files
from conftest import case_text


def test_each_file_is_written_with_its_text_under_the_folder(tmp_path: Path):
    write_files(
        tmp_path, {"api/cases/a.bib": lambda: "@misc{a,\n  title = {Über}\n}\n", "feed.xml": lambda: "<x/>"}
    )
    assert (tmp_path / "api/cases/a.bib").read_bytes() == "@misc{a,\n  title = {Über}\n}\n".encode()
    assert (tmp_path / "feed.xml").read_bytes() == b"<x/>"


def test_with_the_speed_layer_the_worker_writes_what_it_would_have_sent(tmp_path: Path):
    (tmp_path / "a.md").write_text(case_text(title="Case a"))
    sent = build_site(SiteSettings(root=tmp_path, casebook=CasebookOptions(cases_dir=".", parallel=False)))
    assert sent.written == frozenset()
    site_dir = tmp_path / "site"
    options = CasebookOptions(cases_dir=".", parallel=True)
    written = build_site(SiteSettings(root=tmp_path, casebook=options, site_dir=site_dir))
    assert {"api/cases.json", "api/cases/a.bib", "api/casebook.bib", "feed.xml"} <= written.written
    written.wait_written()
    for path in ("api/cases.json", "api/cases/a.bib", "api/cases/a.ris", "feed.xml"):
        assert (site_dir / path).read_text(encoding="utf-8") == sent.made(path).content, path
    assert written.later is not None
    written.later.close()
