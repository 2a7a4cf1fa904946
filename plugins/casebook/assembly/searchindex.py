"""Pagefind's search index, built while the site is being built.

Pagefind's command line indexes a site once it is written: at 5,000 cases that added about
8 s to every build. Its service mode takes each page as soon as it is rendered instead, so
Pagefind parses on the second core while MkDocs renders on the first, and writes its index
while MkDocs writes the pages. The protocol is the one Pagefind's own Node and Python
clients speak: base64-encoded JSON messages, each followed by a comma, on stdin and stdout.
Pagefind's Python client is not used because it reads one response every tenth of a second
(5,000 pages would take over eight minutes).

Nothing here knows MkDocs: the plugin gives each page's URL and HTML.
"""

from __future__ import annotations

import base64
import contextlib
import json
import shutil
import subprocess
import tempfile
import threading
import time
from html import escape
from pathlib import Path
from typing import IO, Any

from pagefind.service import get_executable

# Pagefind's alternative interfaces; the search page uses its default one (pagefind-ui).
UNUSED_BUNDLE_FILES = (
    "pagefind-component-ui.css",
    "pagefind-component-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-highlight.js",
)
# Long enough for Pagefind to write the index of a very large site on a slow machine; only
# reached if the service hangs.
WRITE_TIMEOUT_S = 600.0
# Pagefind works alongside the build; at a lower priority it takes what the build leaves
# free, and the build keeps its core (where the `nice` program exists).
NICE = ["nice", "-n", "10"] if shutil.which("nice") else []


# What a reader's search loads first: the files Pagefind must have written, not empty.
REQUIRED_FILES = frozenset(
    {"pagefind-entry.json", "pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-worker.js"}
)


def _sizes(folder: Path) -> dict[str, int]:
    """Each file's size, by its path in the folder."""
    try:
        return {p.relative_to(folder).as_posix(): p.stat().st_size for p in folder.rglob("*") if p.is_file()}
    except OSError:
        return {}


def without_sections(html: str, ids: tuple[str, ...]) -> str:
    """`html` without the sections headed `<h2 id="...">` with these ids, each from its heading
    to the next second-level heading or the end. The last heading with an id counts: a case's
    own sections follow its story, where a contributor's heading may have the same words."""
    for section in ids:
        start = html.rfind(f'<h2 id="{section}"')
        if start >= 0:
            end = html.find("<h2", start + 1)
            html = html[:start] + (html[end:] if end >= 0 else "")
    return html


class SearchIndexError(Exception):
    """Pagefind could not start, index a page, or write the index."""


def check_bundle(folder: Path) -> None:
    """The build checks what Pagefind wrote: every file a first search loads, and none empty."""
    sizes = _sizes(folder)
    missing = sorted(REQUIRED_FILES - sizes.keys())
    empty = sorted(name for name, size in sizes.items() if size == 0)
    if missing or empty:
        found = [f"missing {', '.join(missing)}"] if missing else []
        found += [f"empty {', '.join(empty)}"] if empty else []
        raise SearchIndexError(f"the search index was not written whole: {'; '.join(found)}")


class SearchIndex:
    """One Pagefind index, fed page by page, written once.

    `add` never waits for Pagefind (a thread collects its answers), so a build does not slow
    down while Pagefind works; `write` asks for the index files and `wait` returns once they
    are written, raising `SearchIndexError` on any problem Pagefind reported on the way.
    """

    def __init__(self, exclude_selectors: list[str]) -> None:
        executable = get_executable()
        if executable is None:
            raise SearchIndexError("Pagefind's program was not found: reinstall Casebook (pip install -e .)")
        # Pagefind's messages, for the error if it stops; closed by close().
        self._stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self._process = subprocess.Popen(
                [*NICE, str(executable), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
            )
        except OSError as error:
            raise SearchIndexError(f"Pagefind could not start: {error}") from error
        self._answers: dict[int, dict[str, Any]] = {}
        self._errors: list[str] = []
        self._finished = False  # Pagefind's output ended
        self._changed = threading.Condition()
        self._last_id = 0
        threading.Thread(target=self._read_answers, name="pagefind-answers", daemon=True).start()
        try:
            config = {"exclude_selectors": exclude_selectors}
            answer = self._wait_for(self._send({"type": "NewIndex", "config": config}), 60)
            if "index_id" not in answer:
                raise SearchIndexError(f"Pagefind could not start an index: {answer.get('message', answer)}")
        except SearchIndexError:
            self.close()
            raise
        self._index_id: int = answer["index_id"]
        self._write_id: int | None = None
        self._folder = Path()

    def add(
        self, url: str, title: str, content_html: str, language: str, unsearched: tuple[str, ...] = ()
    ) -> None:
        """Index one page: its address from the site's root ('/cases/x/'), its content and its
        language (Pagefind keeps an index a language, which a search page of that language loads).

        Only the content is sent (what a reader searches), as soon as it is converted and
        before the theme is drawn around it; the site's pages need no Pagefind markers. The
        `unsearched` sections are left out before it is sent: Pagefind would parse them only to
        drop them (a case's related cases and citation: a fifth of what a case page sends)."""
        content_html = without_sections(content_html, unsearched)
        heading = "" if "<h1" in content_html else f"<h1>{escape(title)}</h1>"
        document = (
            f'<!DOCTYPE html><html lang="{escape(language)}"><head><title>{escape(title)}</title>'
            f"</head><body>{heading}{content_html}</body></html>"
        )
        self._send({"type": "AddFile", "index_id": self._index_id, "url": url, "file_contents": document})

    def write(self, folder: Path) -> None:
        """Ask Pagefind to write the index into `folder`; returns at once (see `wait`)."""
        if self._write_id is None:
            self._folder = folder
            request = {"type": "WriteFiles", "index_id": self._index_id, "output_path": str(folder)}
            self._write_id = self._send(request)
            self._flush()

    def wait(self) -> None:
        """Wait until the index is written; then stop the service."""
        if self._write_id is None:
            raise SearchIndexError("the search index was never asked to be written")
        try:
            self._wait_for(self._write_id, WRITE_TIMEOUT_S)
            with self._changed:
                if self._errors:
                    raise SearchIndexError("; ".join(dict.fromkeys(self._errors)))
            self._wait_for_files()
            self._stop_when_written()
        finally:
            self.close()
        for name in UNUSED_BUNDLE_FILES:
            (self._folder / name).unlink(missing_ok=True)
        check_bundle(self._folder)

    def _wait_for_files(self) -> None:
        """Pagefind writes its files on threads of its own after it has answered, its entry
        file and its interface among the last; closing its input too soon stops it with files
        created but still empty (a 0-byte pagefind-ui.css, one build in three). So wait until
        the entry file holds its JSON and every file is written and no longer growing, before
        asking Pagefind to stop."""
        entry = self._folder / "pagefind-entry.json"
        deadline = time.monotonic() + WRITE_TIMEOUT_S
        previous: dict[str, int] | None = None
        while time.monotonic() < deadline and self._process.poll() is None:
            sizes = _sizes(self._folder)
            try:
                json.loads(entry.read_bytes())
            except (OSError, ValueError):
                sizes = {}
            if sizes.keys() >= REQUIRED_FILES and all(sizes.values()) and sizes == previous:
                return
            previous = sizes
            time.sleep(0.05)

    def _stop_when_written(self) -> None:
        """Pagefind answers before its last files are on disk (other threads of its own
        finish writing them), so it is not killed but asked to stop, by closing its input,
        and waited for: it exits once every file is written. Killed at once, it left files
        cut short (pagefind-ui.js at 64 kB, an empty pagefind-entry.json) in a large build."""
        assert self._process.stdin is not None
        with contextlib.suppress(BrokenPipeError, ValueError):
            self._process.stdin.close()
        try:
            code = self._process.wait(timeout=WRITE_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise SearchIndexError(
                f"Pagefind did not finish writing within {WRITE_TIMEOUT_S:.0f} s"
            ) from None
        if code != 0:
            raise SearchIndexError(
                f"Pagefind stopped with exit code {code}: {self._stderr_text() or 'no message'}"
            )

    def close(self) -> None:
        """Stop the service (also on a failed build, so no Pagefind process is left behind)."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for stream in (self._process.stdin, self._process.stdout, self._stderr):
            if stream is not None:
                stream.close()

    def _send(self, payload: dict[str, Any]) -> int:
        self._last_id += 1
        message = json.dumps({"message_id": self._last_id, "payload": payload}).encode("utf-8")
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
        except (BrokenPipeError, ValueError) as error:
            raise SearchIndexError(f"Pagefind stopped: {self._stderr_text() or error}") from error
        return self._last_id

    def _flush(self) -> None:
        assert self._process.stdin is not None
        # If the service has stopped, whoever waits for an answer reports it.
        with contextlib.suppress(BrokenPipeError, ValueError):
            self._process.stdin.flush()

    def _wait_for(self, message_id: int, timeout: float) -> dict[str, Any]:
        self._flush()
        with self._changed:
            self._changed.wait_for(lambda: message_id in self._answers or self._finished, timeout)
            if message_id in self._answers:
                return self._answers.pop(message_id)
        if not self._finished:
            raise SearchIndexError(f"Pagefind did not answer within {timeout:.0f} s")
        raise SearchIndexError(f"Pagefind stopped: {self._stderr_text() or 'no message'}")

    def _read_answers(self) -> None:
        """Collect Pagefind's answers; keep only those somebody waits for, and the errors."""
        assert self._process.stdout is not None
        pending = b""
        while chunk := self._process.stdout.read1(1 << 16):
            *messages, pending = (pending + chunk).split(b",")
            for message in messages:
                answer = json.loads(base64.b64decode(message))
                payload = answer.get("payload", {})
                with self._changed:
                    if payload.get("type") == "Error":
                        self._errors.append(str(payload.get("message", "unknown error")))
                    if payload.get("type") in ("NewIndex", "WriteFiles", "Error"):
                        self._answers[answer.get("message_id") or 0] = payload
                    self._changed.notify_all()
        with self._changed:
            self._finished = True
            self._changed.notify_all()

    def _stderr_text(self) -> str:
        """What Pagefind said, without a Rust backtrace's notes."""
        self._stderr.seek(0)
        lines = self._stderr.read().decode("utf-8", "replace").splitlines()
        notes = ("stack backtrace", "note:")
        said = [line.strip() for line in lines if line.strip() and not line.startswith(notes)]
        return " ".join(said)
