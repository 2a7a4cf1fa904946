"""The weekly source-link check: lychee over the case files, broken links summarised with
file and line. Run against a server on this machine that answers 200, 301 and 404."""

from __future__ import annotations

import http.server
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from casebook.authoring.linkreport import broken_links, summary
from conftest import REPO, case_text


class Answers(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/report":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<p>The report.</p>")
        elif self.path == "/old-address":
            self.send_response(301)
            self.send_header("Location", "/report")
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    do_HEAD = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def cite(tmp_path: Path, name: str, url: str) -> Path:
    path = tmp_path / name
    path.write_text(case_text().replace("https://example.org/report", url))
    return path


def check_links(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(REPO / "scripts/check-links"), *map(str, paths)], capture_output=True, text=True, timeout=120
    )


def test_working_and_redirected_sources_pass(server: str, tmp_path: Path):
    result = check_links(
        cite(tmp_path, "a.md", f"{server}/report"), cite(tmp_path, "b.md", f"{server}/old-address")
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every link works" in result.stdout


def test_a_missing_source_is_reported_with_file_line_and_status(server: str, tmp_path: Path):
    ok = cite(tmp_path, "a.md", f"{server}/report")
    gone = cite(tmp_path, "gone.md", f"{server}/withdrawn-report")
    line = next(i for i, text in enumerate(gone.read_text().splitlines(), 1) if "url:" in text)
    result = check_links(ok, gone)
    assert result.returncode == 1
    assert "## Sources: 1 broken link" in result.stdout
    assert f"`{gone}:{line}` | <{server}/withdrawn-report> | " in result.stdout
    assert "404" in result.stdout
    assert f"{server}/report>" not in result.stdout


def test_a_report_without_failures_summarises_the_count():
    assert summary({"unique": 7, "error_map": {}}) == (
        "## Sources: every link works\n\n7 addresses checked; none is broken.\n"
    )


def test_timeouts_count_as_broken_and_are_sorted_by_file_and_line():
    report = {
        "error_map": {
            "cases/b.md": [{"url": "https://b.example/x", "status": {"text": "404"}, "span": {"line": 9}}]
        },
        "timeout_map": {"cases/a.md": [{"url": "https://a.example/y", "status": {}, "span": {"line": 3}}]},
    }
    assert [(b.path, b.line, b.status) for b in broken_links(report)] == [
        ("cases/a.md", 3, "timed out"),
        ("cases/b.md", 9, "404"),
    ]


def test_a_status_with_a_bar_does_not_break_the_table():
    report = {
        "error_map": {
            "c.md": [{"url": "https://x.example/", "status": {"text": "a | b"}, "span": {"line": 2}}]
        }
    }
    assert "| a \\| b |" in summary(report)
