"""The bytes of the data files, and the fingerprint that says whether they changed.

A build records what it loaded as a digest of the very bytes parsed, not as the files'
modification times: a file saved again while a build runs is then seen as changed by the
next build. Pure: no Sphinx, no parser.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sphinx_iassist.readers.limits import read_bounded

__all__ = ["Contents", "fingerprint", "read_files", "shown_path"]

#: path -> the file's bytes (None: it cannot be read, or is over the size limit)
Contents = dict[str, bytes | None]


def read_files(paths: Iterable[str | Path]) -> Contents:
    """Each data file's bytes, in order, each file once."""
    contents: Contents = {}
    for path in paths:
        if str(path) not in contents:
            try:
                contents[str(path)] = read_bounded(Path(path))
            except OSError:  # the reader reports it
                contents[str(path)] = None
    return contents


def fingerprint(contents: Contents, zone: str) -> Any:
    """What a catalog is made of: the digest of each file's bytes, and the zone that gives
    datetimes without an offset their zone."""
    digests = tuple(
        (path, None if data is None else hashlib.sha256(data).hexdigest())
        for path, data in contents.items()
    )
    return digests, zone


def shown_path(source: str, base: str | None) -> str:
    """``source`` relative to ``base`` when it lies inside it (as ``iassist_events`` names it)."""
    if base is None:
        return source
    try:
        return Path(source).relative_to(Path(base).resolve()).as_posix()
    except ValueError:
        return source
