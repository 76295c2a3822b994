"""Reading YAML data files with their lines (see :mod:`sphinx_iassist.loader`).

PyYAML *composes* the document (the C ``CSafeLoader`` when libyaml is present), so
every node carries its position, then each field value is *constructed* on its own.
A value PyYAML cannot construct (``2030-13-45``, an unknown or ``!!python/...`` tag,
a recursive alias) costs only its event, reported on that field's line. Merge keys
(``<<: *defaults``) are honoured; a merged field's line is where its value is written.
Aliases share nodes, so an "alias bomb" is never expanded (messages show bad values
bounded). libyaml limits nesting to 1,000 levels; deeper files are a syntax problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sphinx_iassist.documents import (
    TOP_LEVEL,
    Document,
    Item,
    given_twice,
    missing_events,
    not_a_list,
    not_a_mapping,
    not_top,
    unknown_top_key,
)
from sphinx_iassist.model import FIELDS

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
        if not isinstance(node, MappingNode):
            return Item(_yaml_line(node), None, what=_yaml_what(node))
        item = Item(_yaml_line(node), {})
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
        if not rest:
            return item
        try:
            pairs = list(self.pairs(node, keys=rest))
        except RecursionError:
            item.problem(item.line, None, "'<<' merges are nested too deeply")
            # read the explicit fields; what the merge would have given is not "missing"
            pairs = [(k, v, None, False) for k, v in rest if k.tag != _YAML_MERGE]
            item.failed.update(set(FIELDS) - lines.keys() - {k.value for k, _ in rest})
        for key_node, value_node, trouble, merged in pairs:
            line = _yaml_line(key_node)
            if trouble is not None:
                item.problem(line, None, trouble)
                continue
            assert value_node is not None
            if not isinstance(key_node, ScalarNode):
                item.problem(
                    line,
                    None,
                    f"a field name must be text, not {_yaml_what(key_node)}; ignored",
                    fatal=False,
                )
                continue
            try:
                key = self.value(key_node)
            except _YAML_ERRORS as exc:
                item.problem(
                    line, None, f"a field name cannot be read: {_short(exc)}; ignored", fatal=False
                )
                continue
            name = key if isinstance(key, str) else str(key)
            if name in lines:
                if not merged:  # a merged value never overrides an explicit or earlier one
                    first, second = sorted((lines[name], line))
                    item.problem(second, name, given_twice(name, first))
                continue
            lines[name] = line
            try:
                fields[name] = self.value(value_node)
            except _YAML_ERRORS as exc:
                item.failed.add(name)
                written = (
                    f" ({value_node.value[:60]!r})" if isinstance(value_node, ScalarNode) else ""
                )
                item.problem(
                    _yaml_line(value_node),
                    name,
                    f"{name[:60]!r} cannot be read{written}: {_short(exc)}",
                )
        return item


def _short(exc: BaseException) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        return str(exc.problem or exc.context or "invalid value")
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)[:200] or type(exc).__name__


def read_yaml(text: str) -> Document:
    document = Document()
    loader = _YamlLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except (yaml.YAMLError, RecursionError) as exc:
            message = _yaml_error(exc) if isinstance(exc, yaml.YAMLError) else "nested too deeply"
            return document.problem(_yaml_error_line(exc, text), message)
        if root is None:
            return document.problem(1, f"the file holds no data; it must hold {TOP_LEVEL}")
        reader = _YamlReader(loader)
        entries: list[Node]
        if isinstance(root, SequenceNode):
            entries = root.value
        elif isinstance(root, MappingNode):
            events_node: Node | None = None
            for key_node, value_node in root.value:
                key: Any = key_node.value if isinstance(key_node, ScalarNode) else None
                if key == "events" and key_node.tag == _YAML_STR:
                    if events_node is not None:
                        document.problem(_yaml_line(key_node), "'events' is given twice")
                    events_node = value_node
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
            if item.fields is None:
                item.problem(item.line, None, not_a_mapping(number, item.what))
            document.items.append(item)
        return document
    finally:
        loader.dispose()
