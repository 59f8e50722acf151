"""Compiled theme templates, shared by every site one process builds.

MkDocs makes a new Jinja environment for each site (and Material's search plugin one more), so
each would compile Material's templates again. Jinja checks each template's source checksum before
it uses compiled code, so a changed template is compiled again.
"""

from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = MemoryBytecodeCache()
