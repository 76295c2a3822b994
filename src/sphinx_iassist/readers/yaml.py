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
import sys
from collections.abc import Callable, Iterator, Mapping
from itertools import islice
from typing import Any

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import SafeConstructor
from yaml.events import (
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

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

# libyaml's parser when present (parsing is most of the cost), else PyYAML's own
_Parser: Any
try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _Parser = None
#: frames PyYAML's composer may need beyond the usual limit: it recurses twice for each
#: level of nesting, and libyaml stops at 1,000 levels
_NESTING_FRAMES = 2_100


def _keep_anchored(anchored: dict[int, Node], node: Node) -> None:
    """Record ``node`` and everything under it in ``anchored``, by id (each node once: an
    inner anchor's nodes are already there)."""
    stack: list[Node] = [node]
    while stack:
        item = stack.pop()
        if id(item) in anchored:
            continue
        anchored[id(item)] = item
        if isinstance(item, MappingNode):
            stack.extend(part for pair in item.value for part in pair)
        elif isinstance(item, SequenceNode):
            stack.extend(item.value)


if _Parser is not None:

    class _StreamLoader(_Parser, Composer, SafeConstructor, Resolver):  # type: ignore[misc]
        """libyaml's events, PyYAML's composer and safe constructor."""

        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

else:  # pragma: no cover - PyYAML without libyaml
    _StreamLoader = yaml.SafeLoader  # type: ignore[misc,assignment]


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
    def __init__(self, loader: Any, anchored: Mapping[int, Node] | None = None) -> None:
        self.loader = loader
        # what the file's events may cost, before construction
        self.budget = NodeBudget(anchored)

    def end_entry(self) -> None:
        """Forget the entry just read: its nodes and values go (the constructor would
        keep each node it constructed for the rest of the file)."""
        self.loader.constructed_objects.clear()
        self.budget.end_entry()

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


class _Stream:
    """Reads one YAML data file entry by entry.

    libyaml (or PyYAML's own parser) turns the text into events, and PyYAML's composer
    turns the events of one entry of the events list into its nodes; the entry is read
    (:meth:`_YamlReader.item`) and its nodes dropped before the next is composed. Memory is
    linear in the largest entry, not in the file, except for what anchors name: a node
    with an anchor stays for the aliases that may follow.

    Any other value (the root, another top-level key's value) is composed whole; the
    events list itself is never a node (an alias to it, or to the root, finds an empty
    one).
    """

    def __init__(self, text: str, document: Document) -> None:
        self.loader: Any = _StreamLoader(text)
        #: every node that an anchor keeps alive (the anchored node and all under it), by id
        self.anchored: dict[int, Node] = {}
        self.reader = _YamlReader(self.loader, self.anchored)
        self.document = document
        self.stopped = False  # at the most entries a file may have: the rest is not read

    def read(self) -> None:
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(StreamEndEvent):
            self.document.problem(1, f"the file holds no data; it must hold {TOP_LEVEL}")
            return
        start = loader.get_event()  # document start
        if loader.check_event(MappingStartEvent):
            self.mapping()
        elif loader.check_event(SequenceStartEvent):
            self.entries()
        else:
            root = self.compose()
            self.document.problem(node_line(root), not_top(node_what(root)))
        if self.stopped:
            return
        loader.get_event()  # document end
        if not loader.check_event(StreamEndEvent):
            raise ComposerError(
                "expected a single document in the stream",
                start.start_mark,
                "but found another document",
                loader.get_event().start_mark,
            )

    def compose(self) -> Node:
        """The next value, composed whole; the nodes its anchors name are recorded."""
        anchors = self.loader.anchors
        before = len(anchors)
        node: Node = self.loader.compose_node(None, None)
        if len(anchors) > before:  # the newest anchors are the last ones added
            for named in islice(reversed(anchors.values()), len(anchors) - before):
                _keep_anchored(self.anchored, named)
        return node

    def placeholder(self, node: Node) -> None:
        """Start the collection whose entries are read one by one: its anchor names ``node``."""
        event = self.loader.get_event()
        if event.anchor is not None:
            if event.anchor in self.loader.anchors:
                raise ComposerError(
                    "found duplicate anchor; first occurrence",
                    self.loader.anchors[event.anchor].start_mark,
                    "second occurrence",
                    event.start_mark,
                )
            self.loader.anchors[event.anchor] = node
            self.anchored[id(node)] = node

    def mapping(self) -> None:
        loader, document = self.loader, self.document
        root_mark = loader.peek_event().start_mark
        self.placeholder(MappingNode("tag:yaml.org,2002:map", [], root_mark, root_mark))
        found = document.events_member(self.members())
        if self.stopped:
            return
        loader.get_event()  # mapping end
        if found is None:
            document.problem(int(root_mark.line) + 1, missing_events())
        elif found[1] is not None:  # the last 'events' is no list
            document.drop_entries()
            document.problem(node_line(found[1]), not_a_list(node_what(found[1])))

    def members(self) -> Iterator[tuple[object, int, Node | None]]:
        """``(key, line, value)`` of each member of the top-level mapping, for
        :meth:`Document.events_member`: the entries of an ``events`` list are read as it
        comes (its value is then None; the entries of an earlier list are dropped)."""
        loader = self.loader
        given = False
        while not self.stopped and not loader.check_event(MappingEndEvent):
            key_node = self.compose()
            key = key_node.value if isinstance(key_node, ScalarNode) else "…"
            line = node_line(key_node)
            if key != "events":
                self.compose()  # for the anchors it may hold
                yield key, line, None
                continue
            if given:
                self.document.drop_entries()  # only the last list is read
            given = True
            if loader.check_event(SequenceStartEvent):
                self.entries()
                yield key, line, None
            else:
                yield key, line, self.compose()

    def entries(self) -> None:
        loader, reader, document = self.loader, self.reader, self.document
        mark = loader.peek_event().start_mark
        self.placeholder(SequenceNode("tag:yaml.org,2002:seq", [], mark, mark))
        number = 0
        while not loader.check_event(SequenceEndEvent):
            if document.full(int(loader.peek_event().start_mark.line) + 1):
                self.stopped = True
                return
            number += 1
            item = reader.item(self.compose())
            if item.fields is None and not item.problems:
                item.problem(item.line, None, not_a_mapping(number, item.what))
            document.add(item)
            reader.end_entry()
        loader.get_event()  # sequence end


def _read_stream(text: str, document: Document) -> BaseException | None:
    """Read ``text`` into ``document``; the error that stopped it, if any."""
    stream = _Stream(text, document)
    limit = sys.getrecursionlimit()
    # PyYAML's composer recurses twice per level of nesting, and libyaml allows 1,000 levels
    sys.setrecursionlimit(limit + _NESTING_FRAMES)
    try:
        stream.read()
    except (yaml.YAMLError, RecursionError) as exc:
        return exc
    finally:
        sys.setrecursionlimit(limit)
        stream.loader.dispose()
    return None


def read_yaml(text: str, check: Callable[[Item], object] | None = None) -> Document:
    """The entries and problems of a YAML file (``check``: see :class:`Document`)."""
    document = Document(check=check)
    error = _read_stream(text, document)
    fixes: list[tuple[int | None, str | None, str, bool]] = []
    if error is not None and _surrogate_escape_error(error) and _SURROGATE_ESCAPE.search(text):
        document = Document(check=check)
        text = _without_surrogate_escapes(text, document)  # the same lines
        fixes = list(document.problems)
        error = _read_stream(text, document)
    if error is None:
        return document
    # a file that cannot be read loses every event, whatever was read before the error
    document = Document(problems=fixes)
    message = _yaml_error(error) if isinstance(error, yaml.YAMLError) else "nested too deeply"
    return document.problem(_yaml_error_line(error, text), message)
