"""How long a contributor waits for the preview: from saving a case file to the updated page
in `scripts/serve` (`mkdocs serve --dirty`), at N synthetic cases (README: "Performance").

    .venv/bin/python benchmarks/preview.py               # N = 2000, 7 edits
    .venv/bin/python benchmarks/preview.py --cases 300

It starts the preview server on a free local port, waits for the first build, then makes
edits of three kinds, one case at a time (a different case each time): its summary, its story
(the body) and its title (which other case pages show among their related cases). Each is
measured until the server says "Reloading browsers" (the rebuild is done and the open page
reloads), checking that the case's page then shows the new text. The first edit after the
server started (a summary) is reported apart; then the median and the slowest of each kind.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import casebook_project

MKDOCS = Path(sys.executable).parent / "mkdocs"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {text!r} within {limit:.0f} s")


def field(text: str, name: str, value: str) -> str:
    """A case file with one front-matter field's value replaced."""
    return re.sub(rf"^{name}: .*$", f"{name}: {value}", text, count=1, flags=re.M)


def watch_log(server: subprocess.Popen[str], reloads: queue.SimpleQueue[float]) -> None:
    """The time of each "Reloading browsers" the server logs."""
    assert server.stderr is not None
    for line in server.stderr:
        if "Reloading browsers" in line:
            reloads.put(time.perf_counter())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=5, help="edits of each kind (5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cases = casebook_project(root, args.cases)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [str(MKDOCS), "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        reloads: queue.SimpleQueue[float] = queue.SimpleQueue()
        threading.Thread(target=watch_log, args=(server, reloads), daemon=True).start()
        try:
            first = wait_for(f"{base}/", "Casebook", 600)
            print(f"{args.cases} cases: first build served after {first:.1f} s", flush=True)
            kinds = {
                "summary": lambda text, marker: field(text, "summary", f"{marker}."),
                "story": lambda text, marker: text.rstrip("\n") + f"\n\n{marker}.\n",
                "title": lambda text, marker: field(text, "title", marker),
            }
            waits: dict[str, list[float]] = {kind: [] for kind in kinds}
            first = None
            n = 0
            for kind in kinds:
                for _ in range(args.edits):
                    slug = cases[(n * 97) % len(cases)][0]
                    path = root / "cases" / f"{slug}.md"
                    marker = f"Edited {kind} number {n}"
                    text = path.read_text(encoding="utf-8")
                    while not reloads.empty():
                        reloads.get()
                    saved = time.perf_counter()
                    # Saved whole, as editors do (a new file renamed over the old): a file
                    # written in place can be read half-written by the server's first rebuild.
                    saving = path.with_suffix(".saving")
                    saving.write_text(kinds[kind](text, marker), encoding="utf-8")
                    os.replace(saving, path)
                    seconds = reloads.get(timeout=300) - saved
                    if marker not in fetch(f"{base}/cases/{slug}/"):
                        raise SystemExit(f"the rebuild did not update cases/{slug}/")
                    if first is None:
                        first = seconds
                    else:
                        waits[kind].append(seconds)
                    print(f"{kind} edit {n + 1}: {seconds:.2f} s", flush=True)
                    n += 1
                    time.sleep(1)
            print(f"from saving to the updated page: the first edit after the start {first:.2f} s")
            for kind, seconds in waits.items():
                median, slowest = statistics.median(seconds), max(seconds)
                print(f"  {kind} edits: median {median:.2f} s, slowest {slowest:.2f} s")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
