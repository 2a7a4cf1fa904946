"""Reading a contributor's file: only a regular file, never through a link, never more than
the limit (a link to /dev/zero, or to a file outside the project whose values would be
echoed in messages, is refused with its path)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .problems import CaseFileError

MAX_FILE_BYTES = 200_000  # the longest case file is about 20 kB


def read_contributed(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `path`; CaseFileError if it is a link, not a regular file, or too big."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as error:
        raise CaseFileError(1, "file", f"cannot be read: {error.strerror}") from None
    if stat.S_ISLNK(mode):
        raise CaseFileError(1, "file", "is a symbolic link, which is not read: put the file itself here")
    if not stat.S_ISREG(mode):
        raise CaseFileError(1, "file", "is not a regular file (a device, a pipe or a socket): remove it")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        with os.fdopen(os.open(path, flags), "rb") as file:
            data = file.read(limit + 1)
    except OSError as error:
        raise CaseFileError(1, "file", f"cannot be read: {error.strerror}") from None
    if len(data) > limit:
        raise CaseFileError(1, "file", f"the file is over {limit // 1000} kB; shorten it")
    return data
