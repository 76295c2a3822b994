"""Reading YAML data files with their lines (see :mod:`sphinx_iassist.readers.catalog`).

PyYAML *composes* the document (the C ``CSafeLoader`` when libyaml is present), so
every node carries its position, then each field value is *constructed* on its own.
A value PyYAML cannot construct (``2030-13-45``, an unknown or ``!!python/...`` tag,
a recursive alias) costs only its event, reported on that field's line. Merge keys
(``<<: *defaults``) are honoured; a merged field's line is where its value is written.

Aliases and merge keys can make a small file stand for an enormous one ("billion
laughs": each level repeats the one below ten times). Composing keeps them as shared
nodes, which costs nothing; it is constructing, merging or walking the values that would
multiply them. So before anything of an event is constructed, its nodes are walked as
construction would reach them, within the limits of :mod:`sphinx_iassist.readers.limits`: the
values of one event, their nesting, the length of texts and numbers, and what aliases
repeat in the whole file. An event that goes over is left out, unconstructed, with the
limit and the line of its field; the walk stops at the limit, so the cost is linear in
the file. libyaml limits nesting to 1,000 levels; deeper files are a syntax problem.
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
    events_twice,
    given_twice,
    missing_events,
    not_a_list,
    not_a_mapping,
    not_top,
    unknown_top_key,
)
from sphinx_iassist.readers.limits import (
    MAX_DEPTH,
    MAX_EVENT_VALUES,
    MAX_NUMBER_DIGITS,
    MAX_REPEATED_CHARS,
    MAX_REPEATED_VALUES,
    MAX_TEXT_CHARS,
    field_too_large,
    too_deep,
    too_long_number,
    too_long_text,
    too_many_values,
    too_much_repeated,
)

# the C loader when libyaml is present: composing is most of the cost
_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_NULL = "tag:yaml.org,2002:null"
_YAML_STR = "tag:yaml.org,2002:str"
_YAML_MERGE = "tag:yaml.org,2002:merge"
_YAML_KINDS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:binary": "binary data",
}
_YAML_ERRORS = (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError)
_YAML_INT = "tag:yaml.org,2002:int"


def _yaml_line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _yaml_what(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    if node.tag == _YAML_NULL:
        return "nothing (null)"
    if node.tag == _YAML_STR:
        return "text"
    return _YAML_KINDS.get(node.tag, f"a value tagged {node.tag[:60]!r}")


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
        # nodes walked so far in the file: one reached again came through an alias
        self.seen: set[int] = set()
        self.repeated_values = 0
        self.repeated_chars = 0

    def measure(self, key: Node, value: Node, budget: int) -> tuple[str | None, int]:
        """The first limit that the pair ``key: value`` breaks, as constructing it would
        reach its nodes (each alias followed, each merge expanded), and the number of
        values counted; at most ``budget`` steps. Like :func:`sphinx_iassist.readers.limits.measure`,
        for nodes, and counting what aliases repeat."""
        seen = self.seen
        if (  # the usual value: a list or mapping of short texts written in place
            type(key) is ScalarNode
            and type(value) is not ScalarNode
            and id(key) not in seen
            and id(value) not in seen
            and len(value.value) < 100
        ):
            children = (
                [part for pair in value.value for part in pair]
                if type(value) is MappingNode
                else value.value
            )
            if all(
                type(child) is ScalarNode
                and id(child) not in seen
                and len(child.value) <= MAX_NUMBER_DIGITS
                for child in children
            ):
                seen.add(id(key))
                seen.add(id(value))
                seen.update(id(child) for child in children)
                return None, 2 + len(children)
        count = 0
        stack: list[tuple[Node, int]] = [(key, 0), (value, 0)]
        while stack:
            node, depth = stack.pop()
            count += 1
            if id(node) in seen:
                self.repeated_values += 1
                if isinstance(node, ScalarNode):
                    self.repeated_chars += len(node.value)
                if (
                    self.repeated_values > MAX_REPEATED_VALUES
                    or self.repeated_chars > MAX_REPEATED_CHARS
                ):
                    return too_much_repeated(), count
            else:
                seen.add(id(node))
            if isinstance(node, ScalarNode):
                if len(node.value) > MAX_TEXT_CHARS:
                    return too_long_text(), count
                if node.tag == _YAML_INT and len(node.value) > MAX_NUMBER_DIGITS:
                    return too_long_number(), count
                continue
            if depth >= MAX_DEPTH:
                return too_deep(), count
            children = node.value
            size = 2 * len(children) if isinstance(node, MappingNode) else len(children)
            if count + len(stack) + size > budget:  # all of the stack will be counted
                return too_many_values(), budget + 1
            if isinstance(node, MappingNode):
                for pair in children:
                    stack.extend((part, depth + 1) for part in pair)
            else:
                stack.extend((child, depth + 1) for child in children)
        return None, count

    def within_limits(self, node: MappingNode, item: Item) -> bool:
        """Whether the event ``node`` is within the limits; a problem on ``item`` for each
        field that is not."""
        used, fine = 0, True
        seen = self.seen
        for key_node, value_node in node.value:
            if (  # the usual field, written here: decided without the walk
                type(key_node) is ScalarNode
                and type(value_node) is ScalarNode
                and id(value_node) not in seen
                and id(key_node) not in seen
                and len(value_node.value) <= MAX_NUMBER_DIGITS
                and len(key_node.value) <= MAX_NUMBER_DIGITS
            ):
                seen.add(id(key_node))
                seen.add(id(value_node))
                used += 2
                continue
            why, count = self.measure(key_node, value_node, MAX_EVENT_VALUES - used)
            if why is None:
                used += count
                continue
            fine = False
            if key_node.tag == _YAML_MERGE:
                name, shown = None, "'<<'"
                if why == too_deep():
                    why = f"merges mappings nested more than {MAX_DEPTH} levels deep"
            elif isinstance(key_node, ScalarNode):
                name = key_node.value
                shown = repr(name[:60]) + ("…" if len(name) > 60 else "")
            else:
                name, shown = None, f"a field named by {_yaml_what(key_node)}"
            message = field_too_large(shown, why, after_other_fields=used > 0)
            # an alias used as a key is located where its anchor is: name the event then
            line = _yaml_line(key_node)
            inside = node.start_mark.line < line <= node.end_mark.line + 1
            item.problem(line if inside else item.line, name, message)
            if why == too_much_repeated():
                break  # the rest would say the same
        return fine

    def value(self, node: Node) -> Any:
        if node.tag == _YAML_STR and isinstance(node, ScalarNode):
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
            if key.tag == _YAML_MERGE:
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
            return Item(_yaml_line(node), None, what=_yaml_what(node))
        item = Item(_yaml_line(node), {})
        if not self.within_limits(node, item):
            item.fields = None  # nothing of it is constructed
            return item
        fields, lines = item.fields, item.field_lines
        assert fields is not None
        # the usual event: text keys, plain text values, no merges; the rest below
        rest = []
        for key_node, value_node in node.value:
            if (
                key_node.tag == _YAML_STR
                and value_node.tag == _YAML_STR
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
                    item.problem(_yaml_line(key_node), None, trouble)
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
            return [(k, v, None, False) for k, v in rest if k.tag != _YAML_MERGE]

    def add_field(self, item: Item, key_node: Node, value_node: Node, *, merged: bool) -> None:
        """Construct one field of ``item``: a problem, located, if its name or value cannot
        be read, or if it is given twice (a merged value never overrides another)."""
        fields, lines = item.fields, item.field_lines
        assert fields is not None
        line = _yaml_line(key_node)
        if not isinstance(key_node, ScalarNode):
            item.problem(
                line,
                None,
                f"a field name must be text, not {_yaml_what(key_node)}; ignored",
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
                _yaml_line(value_node),
                name,
                f"{name[:60]!r} cannot be read{written}: {_short(exc)}",
            )


def _short(exc: BaseException) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        return str(exc.problem or exc.context or "invalid value")
    if isinstance(exc, RecursionError):
        return "nested too deeply"
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
            events_node: Node | None = None
            events_line = 0
            for key_node, value_node in root.value:
                key: Any = key_node.value if isinstance(key_node, ScalarNode) else None
                if key == "events" and key_node.tag == _YAML_STR:
                    if events_node is not None:
                        document.problem(_yaml_line(key_node), events_twice(events_line))
                    events_node, events_line = value_node, _yaml_line(key_node)
                else:
                    document.problem(
                        _yaml_line(key_node),
                        unknown_top_key(key if key is not None else "…"),
                        fatal=False,
                    )
            if events_node is None:
                return document.problem(_yaml_line(root), missing_events())
            if not isinstance(events_node, SequenceNode):
                return document.problem(
                    _yaml_line(events_node), not_a_list(_yaml_what(events_node))
                )
            entries = events_node.value
        else:
            return document.problem(_yaml_line(root), not_top(_yaml_what(root)))
        for number, entry in enumerate(entries, 1):
            item = reader.item(entry)
            if item.fields is None and not item.problems:
                item.problem(item.line, None, not_a_mapping(number, item.what))
            document.items.append(item)
        return document
    finally:
        loader.dispose()
