"""Compiled Jinja templates kept in memory, for a process that builds again and again (the
preview server): each build makes new Jinja environments (MkDocs' theme, Casebook's pages),
and compiling their templates anew took about half a second of every rebuild. Jinja checks
each template's source against its checksum before it uses what is kept here."""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


# Casebook's own templates, compiled once per process.
PAGES = MemoryBytecodeCache()
