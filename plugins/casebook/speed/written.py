"""The open-data, feed and citation files, written by the worker straight into the site.

A site has three citation files a case (CSL-JSON, BibTeX and RIS: 15,000 at 5,000 cases)
besides its open-data files and feeds. Sent back to the build, each went through the pipe and
was then written by MkDocs on the build's core, after every page was converted, while the
second core had little left to do: 4-7 s of the build's core at 5,000 cases on a machine
where creating a file costs the kernel 0.1-0.8 ms. The worker writes them once its pages
are done, while the build draws the pages' frames, and the build waits for it only before it
ends (see site.py). MkDocs still lists them (its File objects), but copies nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

# The worker's result once every file is written: the build asks for it before it ends.
WRITTEN = "\0written"


def write_files(folder: Path, files: Mapping[str, Callable[[], str]]) -> None:
    """Each file's text at its path under `folder`, written as MkDocs writes a generated file's
    text (so `parallel: false`, where MkDocs writes them, gives the same bytes)."""
    made: set[Path] = set()  # a folder is made once, not once a file (5,000 of them hold 3 each)
    for path, make in files.items():
        target = folder / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        with target.open("w", encoding="utf-8") as file:
            file.write(make())
