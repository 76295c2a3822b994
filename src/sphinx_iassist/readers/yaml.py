"""Reading YAML data files with their lines (see :mod:`sphinx_iassist.readers.catalog`).

PyYAML *composes* the document (the C ``CSafeLoader`` when libyaml is present), so
every node carries its position, then each field value is *constructed* on its own.
A value PyYAML cannot construct (``2030-13-45``, an unknown or ``!!python/...`` tag,
a recursive alias) costs only its event, reported on that field's line. Merge keys
(``<<: *defaults``) are honoured; a merged field's line is where its value is written.

Before anything of an event is constructed, its nodes are walked as construction would
reach them (:mod:`~sphinx_iassist.readers.yaml_nodes`): an event beyond the limits of
:mod:`sphinx_iassist.readers.limits` (aliases and merge keys repeating values included) is
left out, unconstructed, with the limit and the line of its field. libyaml limits nesting
to 1,000 levels; deeper files are a syntax problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sphinx_iassist.model import FIELDS
from sphinx_iassist.readers.document import (
    TOP_LEVEL,
    Document,
    Item,
    LineCounter,
    given_twice,
    missing_events,
    not_a_list,
    not_a_mapping,
    not_top,
)
from sphinx_iassist.readers.yaml_nodes import YAML_MERGE, YAML_STR, NodeBudget, node_line, node_what

# the C loader when libyaml is present: composing is most of the cost
_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# what constructing a value may raise; PyYAML's constructors also fail with LookupError or
# AttributeError on values their tag does not fit (``!!timestamp x``)
_YAML_ERRORS = (
    yaml.YAMLError,
    ValueError,
    TypeError,
    OverflowError,
    RecursionError,
    LookupError,
    AttributeError,
)


def _yaml_error(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    if problem:
        context = getattr(exc, "context", None)
        return f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    if isinstance(exc, yaml.reader.ReaderError):
        return f"YAML syntax error: {exc.reason} (character {exc.character!r})"
    return f"YAML syntax error: {exc}"


def _yaml_error_line(exc: BaseException, text: str) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return int(mark.line) + 1
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        return text.count("\n", 0, position) + 1
    return 1


class _YamlReader:
    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.budget = NodeBudget()  # what the file's events may cost, before construction

    def value(self, node: Node) -> Any:
        if node.tag == YAML_STR and isinstance(node, ScalarNode):
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except BaseException:
            # a failed construction leaves its path marked "in progress"
            self.loader.recursive_objects.clear()
            raise

    def pairs(
        self,
        node: MappingNode,
        seen: frozenset[int] = frozenset(),
        keys: list[tuple[Node, Node]] | None = None,
    ) -> Iterator[tuple[Node, Node | None, str | None, bool]]:
        """(key, value, None, merged) for each pair: the explicit ones first, then those
        merged in by ``<<`` (in merge order); (key, None, message, True) for a merge that
        cannot be done."""
        merged = bool(seen)
        seen = seen | {id(node)}
        merges: list[tuple[Node, Node]] = []
        for key, value in node.value if keys is None else keys:
            if key.tag == YAML_MERGE:
                merges.append((key, value))
            else:
                yield key, value, None, merged
        for key, value in merges:
            sources = value.value if isinstance(value, SequenceNode) else [value]
            for source in sources:
                if not isinstance(source, MappingNode):
                    yield key, None, "'<<' must merge a mapping or a list of mappings", True
                elif id(source) in seen:
                    yield key, None, "'<<' merges a mapping into itself", True
                else:
                    yield from self.pairs(source, seen)

    def item(self, node: Node) -> Item:
        """One entry of the events list: its fields constructed one by one, each with its
        line; nothing of an entry over the limits is constructed."""
        if not isinstance(node, MappingNode):
            return Item(node_line(node), None, what=node_what(node))
        item = Item(node_line(node), {})
        if not self.budget.within_limits(node, item):
            item.fields = None  # nothing of it is constructed
            return item
        fields, lines = item.fields, item.field_lines
        assert fields is not None
        # the usual event: text keys, plain text values, no merges; the rest below
        rest = []
        for key_node, value_node in node.value:
            if (
                key_node.tag == YAML_STR
                and value_node.tag == YAML_STR
                and key_node.value not in lines
                and isinstance(value_node, ScalarNode)
            ):
                lines[key_node.value] = key_node.start_mark.line + 1
                fields[key_node.value] = value_node.value
            else:
                rest.append((key_node, value_node))
        if rest:
            for key_node, value_node, trouble, merged in self.other_pairs(item, node, rest):
                if trouble is not None:
                    item.problem(node_line(key_node), None, trouble)
                else:
                    assert value_node is not None
                    self.add_field(item, key_node, value_node, merged=merged)
        return item

    def other_pairs(
        self, item: Item, node: MappingNode, rest: list[tuple[Node, Node]]
    ) -> list[tuple[Node, Node | None, str | None, bool]]:
        """The pairs of ``node`` that are not plain text, merges resolved."""
        try:
            return list(self.pairs(node, keys=rest))
        except RecursionError:
            item.problem(item.line, None, "'<<' merges are nested too deeply")
            # read the explicit fields; what the merge would have given is not "missing"
            lines = item.field_lines
            item.failed.update(set(FIELDS) - lines.keys() - {k.value for k, _ in rest})
            return [(k, v, None, False) for k, v in rest if k.tag != YAML_MERGE]

    def add_field(self, item: Item, key_node: Node, value_node: Node, *, merged: bool) -> None:
        """Construct one field of ``item``: a problem, located, if its name or value cannot
        be read, or if it is given twice (a merged value never overrides another)."""
        fields, lines = item.fields, item.field_lines
        assert fields is not None
        line = node_line(key_node)
        if not isinstance(key_node, ScalarNode):
            item.problem(
                line,
                None,
                f"a field name must be text, not {node_what(key_node)}; ignored",
                fatal=False,
            )
            return
        try:
            key = self.value(key_node)
        except _YAML_ERRORS as exc:
            item.problem(
                line, None, f"a field name cannot be read: {_short(exc)}; ignored", fatal=False
            )
            return
        name = key if isinstance(key, str) else str(key)
        if name in lines:
            if not merged:  # a merged value never overrides an explicit or earlier one
                first, second = sorted((lines[name], line))
                item.problem(second, name, given_twice(name, first))
            return
        lines[name] = line
        try:
            fields[name] = self.value(value_node)
        except _YAML_ERRORS as exc:
            item.failed.add(name)
            written = f" ({value_node.value[:60]!r})" if isinstance(value_node, ScalarNode) else ""
            item.problem(
                node_line(value_node),
                name,
                f"{name[:60]!r} cannot be read{written}: {_short(exc)}",
            )


def _short(exc: BaseException) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        return str(exc.problem or exc.context or "invalid value")
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, (LookupError, AttributeError)):
        return "the value does not fit its tag"
    return str(exc)[:200] or type(exc).__name__


# A UTF-16 surrogate written as an escape in a double-quoted scalar, after an even number
# of backslashes: a pair (high, low) or a lone one.
_SURROGATE_ESCAPE = re.compile(
    r"(?<!\\)((?:\\\\)*)(?:\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})"
    r"|\\u(d[89a-f][0-9a-f]{2})|\\U(0000d[89a-f][0-9a-f]{2}))",
    re.IGNORECASE,
)


def _without_surrogate_escapes(text: str, document: Document) -> str:
    """``text`` with each surrogate pair escape (``"\\ud83d\\ude00"``, as JSON writes
    characters beyond U+FFFF) made one ``\\U`` escape, and each lone surrogate escape
    removed with a problem: libyaml refuses both, which would cost the whole file.

    Only called after libyaml reported such an escape, which can only be in a double-quoted
    scalar; the same letters elsewhere in that file (a plain scalar that shows an escape)
    would be changed too.
    """
    line_at = LineCounter(text)

    def replace(match: re.Match[str]) -> str:
        backslashes, high, low = match.group(1, 2, 3)
        if high is not None:
            point = 0x10000 + ((int(high, 16) - 0xD800) << 10) + (int(low, 16) - 0xDC00)
            return f"{backslashes}\\U{point:08X}"
        escape = match.group()[len(backslashes) :]
        document.problem(
            line_at(match.start()),
            f"{escape} is a lone surrogate, which is no character; removed",
            fatal=False,
        )
        return backslashes

    return _SURROGATE_ESCAPE.sub(replace, text)


def _surrogate_escape_error(exc: BaseException) -> bool:
    return isinstance(exc, yaml.YAMLError) and "invalid Unicode character escape" in str(
        getattr(exc, "problem", "")
    )


def _compose(text: str, document: Document) -> tuple[Any, Node | None, BaseException | None]:
    """(loader, root node, None), or (loader, None, the error) if the text cannot be read."""
    loader = _YamlLoader(text)
    try:
        return loader, loader.get_single_node(), None
    except (yaml.YAMLError, RecursionError) as exc:
        if not (_surrogate_escape_error(exc) and _SURROGATE_ESCAPE.search(text)):
            return loader, None, exc
    loader.dispose()
    loader = _YamlLoader(_without_surrogate_escapes(text, document))  # the same lines
    try:
        return loader, loader.get_single_node(), None
    except (yaml.YAMLError, RecursionError) as exc:
        return loader, None, exc


def read_yaml(text: str) -> Document:
    document = Document()
    loader, root, error = _compose(text, document)
    try:
        if error is not None:
            message = (
                _yaml_error(error) if isinstance(error, yaml.YAMLError) else "nested too deeply"
            )
            return document.problem(_yaml_error_line(error, text), message)
        if root is None:
            return document.problem(1, f"the file holds no data; it must hold {TOP_LEVEL}")
        reader = _YamlReader(loader)
        entries: list[Node]
        if isinstance(root, SequenceNode):
            entries = root.value
        elif isinstance(root, MappingNode):
            found = document.events_member(
                (key.value if isinstance(key, ScalarNode) else "…", node_line(key), value)
                for key, value in root.value
            )
            if found is None:
                return document.problem(node_line(root), missing_events())
            events_node = found[1]
            if not isinstance(events_node, SequenceNode):
                return document.problem(node_line(events_node), not_a_list(node_what(events_node)))
            entries = events_node.value
        else:
            return document.problem(node_line(root), not_top(node_what(root)))
        for number, entry in enumerate(entries, 1):
            item = reader.item(entry)
            if item.fields is None and not item.problems:
                item.problem(item.line, None, not_a_mapping(number, item.what))
            document.items.append(item)
        return document
    finally:
        loader.dispose()
