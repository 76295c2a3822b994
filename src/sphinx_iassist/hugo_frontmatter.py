"""Hugo front matter (TOML ``+++`` or YAML ``---``) to MyST front matter.

``title`` is kept; ``draft`` is understood as a boolean or the strings Hugo sites
write (``draft = "false"``); ``description`` becomes ``myst.html_meta``. Every
other key is kept as it is (Sphinx ignores it) and reported.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import yaml

__all__ = ["FrontMatter", "FrontMatterError", "convert_front_matter", "split_front_matter"]

_FENCES = {"+++": "toml", "---": "yaml"}
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0", ""}


class FrontMatterError(ValueError):
    """Front matter that cannot be parsed."""


@dataclass
class FrontMatter:
    data: dict[str, Any] = field(default_factory=dict)
    syntax: str | None = None  # "toml", "yaml" or None (no front matter)
    body_line: int = 1  # line number (1-based) of the body's first line in the file


def split_front_matter(text: str) -> tuple[FrontMatter, str]:
    """Separate the front matter from the body; raises FrontMatterError if it is unreadable."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() not in _FENCES:
        return FrontMatter(), text
    fence = lines[0].strip()
    for end in range(1, len(lines)):
        if lines[end].strip() == fence:
            break
    else:
        raise FrontMatterError(f"front matter opened with {fence!r} is never closed")
    raw = "".join(lines[1:end])
    syntax = _FENCES[fence]
    try:
        data = tomllib.loads(raw) if syntax == "toml" else yaml.safe_load(raw)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise FrontMatterError(f"{syntax.upper()} front matter cannot be read: {exc}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(f"front matter must be a mapping, not {type(data).__name__}")
    return FrontMatter(data, syntax, end + 2), "".join(lines[end + 1 :])


def as_bool(value: object) -> bool | None:
    """Hugo's notion of a boolean front-matter value (None if it is not one)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    return None


@dataclass
class ConvertedFrontMatter:
    yaml_text: str  # "" when there is nothing to write
    title: str | None
    draft: bool
    kept_keys: list[str]
    notes: list[str]


def convert_front_matter(front: FrontMatter) -> ConvertedFrontMatter:
    data = dict(front.data)
    notes: list[str] = []
    out: dict[str, Any] = {}
    title = data.pop("title", None)
    if title is not None:
        title = " ".join(str(title).split())
        out["title"] = title
    draft = False
    if "draft" in data:
        raw = data.pop("draft")
        parsed = as_bool(raw)
        if parsed is None:
            notes.append(f"front matter: draft = {raw!r} is not a boolean; page treated as a draft")
            parsed = True
        draft = parsed
        if draft:
            out["draft"] = True
            notes.append(
                "front matter: draft page (Sphinx has no drafts): "
                "delete it or add it to exclude_patterns in conf.py"
            )
    description = data.pop("description", None)
    if description is not None:
        out["myst"] = {"html_meta": {"description": " ".join(str(description).split())}}
    kept = sorted(data)
    out.update({key: data[key] for key in kept})
    text = ""
    if out:
        dumped = yaml.safe_dump(out, sort_keys=False, allow_unicode=True, default_flow_style=False)
        text = f"---\n{dumped}---\n"
    return ConvertedFrontMatter(text, title, draft, kept, notes)


_HEADING = re.compile(r"^ {0,3}#\s")


def starts_with_h1(body: str) -> bool:
    for line in body.splitlines():
        if line.strip():
            return bool(_HEADING.match(line))
    return False
