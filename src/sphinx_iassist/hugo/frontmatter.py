"""Hugo front matter (TOML ``+++`` or YAML ``---``) to MyST front matter.

``title`` is kept; ``draft`` is understood as a boolean or the strings Hugo sites
write (``draft = "false"``); ``description`` becomes ``myst.html_meta``. Every
other key is kept as it is (Sphinx ignores it) and reported.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

__all__ = [
    "FrontMatter",
    "FrontMatterError",
    "convert_front_matter",
    "load_yaml",
    "split_front_matter",
]

_FENCES = {"+++": "toml", "---": "yaml"}
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0", ""}


#: Front matter whose YAML aliases expand to more values than this is refused: a few
#: hundred bytes of nested aliases could otherwise stand for billions of values.
MAX_YAML_VALUES = 10_000
#: Front matter nested deeper is refused (reading and writing it back are recursive).
MAX_DEPTH = 50
# control characters and lone surrogates, which YAML and TOML escapes can produce
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


class FrontMatterError(ValueError):
    """Front matter that cannot be parsed; ``line`` is its line in the file."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


class _Dumper(yaml.SafeDumper):
    """Writes what TOML and YAML front matter can hold (a TOML local time included)."""


_Dumper.add_representer(
    datetime.time, lambda dumper, value: dumper.represent_str(value.isoformat())
)


def _expanded_size(root: Node, limit: int) -> int:
    """How many values ``root`` stands for with its aliases expanded (at most limit + 1)."""
    sizes: dict[int, int] = {}
    busy: set[int] = set()  # on the way down: an alias back to one of them is a cycle
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        children: list[Node] = []
        if isinstance(node, SequenceNode):
            children = list(node.value)
        elif isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        if children_done:
            busy.discard(key)
            total = 1 + sum(sizes.get(id(child), 0) for child in children)
            sizes[key] = min(total, limit + 1)
        elif key not in sizes and key not in busy:
            busy.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in children)
    return sizes.get(id(root), 0)


def load_yaml(raw: str) -> Any:
    """YAML as ``yaml.safe_load`` reads it, refusing alias expansion past the limit."""
    loader = yaml.SafeLoader(raw)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_size(node, MAX_YAML_VALUES) > MAX_YAML_VALUES:
            raise FrontMatterError(
                f"YAML front matter expands to more than {MAX_YAML_VALUES:,} values "
                "through its aliases"
            )
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _error_line(exc: BaseException) -> int:
    """The file line of a front matter error (the front matter starts on line 2)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return int(mark.line) + 2
    found = re.search(r"at line (\d+)", str(exc))
    return int(found.group(1)) + 1 if found else 1


@dataclass
class FrontMatter:
    data: dict[str, Any] = field(default_factory=dict)
    syntax: str | None = None  # "toml", "yaml" or None (no front matter)
    body_line: int = 1  # line number (1-based) of the body's first line in the file
    #: control characters or lone surrogates were removed from its text values
    cleaned: bool = False


def _depth(value: Any) -> int:
    """How deep lists and mappings nest in ``value`` (cycles are counted once)."""
    deepest = 0
    seen: set[int] = set()
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list) or id(item) in seen:
            continue
        seen.add(id(item))
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
    return deepest


def _clean(value: Any, seen: set[int]) -> tuple[Any, bool]:
    """``value`` without control characters or lone surrogates in its strings."""
    if isinstance(value, str):
        cleaned = _UNSAFE.sub("", value)
        return cleaned, cleaned != value
    if id(value) in seen or not isinstance(value, dict | list):
        return value, False
    seen.add(id(value))
    changed = False
    if isinstance(value, list):
        for index, item in enumerate(value):
            value[index], item_changed = _clean(item, seen)
            changed |= item_changed
        return value, changed
    for key in list(value):
        new_key, key_changed = _clean(key, seen)
        new_value, value_changed = _clean(value.pop(key), seen)
        value[new_key] = new_value
        changed |= key_changed or value_changed
    return value, changed


def split_front_matter(text: str) -> tuple[FrontMatter, str]:
    """Separate the front matter from the body; raises FrontMatterError if it is unreadable."""
    lines = text.split("\n")  # not splitlines(): U+2028 and friends are not line ends
    if not lines or lines[0].strip() not in _FENCES:
        return FrontMatter(), text
    fence = lines[0].strip()
    for end in range(1, len(lines)):
        if lines[end].strip() == fence:
            break
    else:
        raise FrontMatterError(f"front matter opened with {fence!r} is never closed")
    raw = "\n".join(lines[1:end])
    syntax = _FENCES[fence]
    try:
        data = tomllib.loads(raw) if syntax == "toml" else load_yaml(raw)
    except FrontMatterError:
        raise
    # PyYAML and tomllib raise ValueError for an integer of too many digits, and deep
    # nesting exhausts the recursion of PyYAML's pure-Python composer
    except (tomllib.TOMLDecodeError, yaml.YAMLError, ValueError, RecursionError) as exc:
        message = str(exc).replace("\n", " ")[:300] or type(exc).__name__
        if isinstance(exc, RecursionError):
            message = "it is nested too deeply"
        raise FrontMatterError(
            f"{syntax.upper()} front matter cannot be read: {message}", _error_line(exc)
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(f"front matter must be a mapping, not {type(data).__name__}", 2)
    if _depth(data) > MAX_DEPTH:
        raise FrontMatterError(f"front matter nested more than {MAX_DEPTH} levels deep", 2)
    data, cleaned = _clean(data, set())
    return FrontMatter(data, syntax, end + 2, cleaned), "\n".join(lines[end + 1 :])


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
    if isinstance(title, dict | list):
        notes.append("front matter: 'title' is not text; kept as it is, and the page has no title")
        data["title"] = title
        title = None
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
    if description is not None and "myst" not in data:
        out["myst"] = {"html_meta": {"description": " ".join(str(description).split())}}
    elif description is not None:
        notes.append("front matter: 'description' kept as it is (the page has 'myst' already)")
        data["description"] = description
    kept = sorted(data, key=str)
    out.update({key: data[key] for key in kept})
    text = ""
    if out:
        dumped = yaml.dump(
            out, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False
        )
        text = f"---\n{dumped}---\n"
    return ConvertedFrontMatter(text, title, draft, kept, notes)


_HEADING = re.compile(r"^ {0,3}#\s")


def starts_with_h1(body: str) -> bool:
    for line in body.splitlines():
        if line.strip():
            return bool(_HEADING.match(line))
    return False
