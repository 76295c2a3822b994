"""YAML nodes as composed, before anything of them is constructed: where they are, what
they are, and what constructing them would cost.

Aliases and merge keys can make a small file stand for an enormous one ("billion
laughs": each level repeats the one below ten times). Composing keeps them as shared
nodes, which costs nothing; it is constructing, merging or walking the values that would
multiply them. So before anything of an event is constructed, its nodes are walked as
construction would reach them (:class:`NodeBudget`), within the limits of
:mod:`sphinx_iassist.readers.limits`: the values of one event, their nesting, the length
of texts and numbers, and what aliases repeat in the whole file. The walk stops at the
limit, so its cost is linear in the file.
"""

from __future__ import annotations

from collections.abc import Mapping

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sphinx_iassist.readers.document import Item
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

__all__ = ["YAML_MERGE", "YAML_STR", "NodeBudget", "node_line", "node_what"]

YAML_NULL = "tag:yaml.org,2002:null"
YAML_STR = "tag:yaml.org,2002:str"
YAML_MERGE = "tag:yaml.org,2002:merge"
YAML_KINDS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:binary": "binary data",
}
YAML_INT = "tag:yaml.org,2002:int"


def node_line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def node_what(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    if node.tag == YAML_NULL:
        return "nothing (null)"
    if node.tag == YAML_STR:
        return "text"
    return YAML_KINDS.get(node.tag, f"a value tagged {node.tag[:60]!r}")


class NodeBudget:
    """What the events of one file may cost: each event's values, and what aliases repeat
    in the whole file.

    The file is read one entry at a time and an entry's nodes go when it has been read, so
    their ids may be used again. A node walked before counts as repeated: one walked in
    this entry, or one of ``anchored`` (the nodes that anchors keep alive, by id) walked in
    an earlier entry.
    """

    def __init__(self, anchored: Mapping[int, Node] | None = None) -> None:
        # the nodes walked in this entry: one reached again came through an alias
        self.seen: set[int] = set()
        # the nodes walked in earlier entries that are still alive
        self.kept: set[int] = set()
        self.anchored: Mapping[int, Node] = {} if anchored is None else anchored
        self.repeated_values = 0
        self.repeated_chars = 0

    def end_entry(self) -> None:
        """The entry is read: keep what its walk saw of the nodes that outlive it."""
        anchored = self.anchored
        if anchored:
            self.kept.update(i for i in self.seen if i in anchored)
        self.seen = set()

    def measure(self, key: Node, value: Node, budget: int) -> tuple[str | None, int]:
        """The first limit that the pair ``key: value`` breaks, as constructing it would
        reach its nodes (each alias followed, each merge expanded), and the number of
        values counted; at most ``budget`` steps. Like :func:`sphinx_iassist.readers.limits.measure`,
        for nodes, and counting what aliases repeat."""
        seen, kept = self.seen, self.kept
        if (  # the usual value: a list or mapping of short texts written in place
            type(key) is ScalarNode
            and type(value) is not ScalarNode
            and id(key) not in seen
            and id(value) not in seen
            and id(key) not in kept
            and id(value) not in kept
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
                and id(child) not in kept
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
            if id(node) in seen or id(node) in kept:
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
                if node.tag == YAML_INT and len(node.value) > MAX_NUMBER_DIGITS:
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
        seen, kept = self.seen, self.kept
        for key_node, value_node in node.value:
            if (  # the usual field, written here: decided without the walk
                type(key_node) is ScalarNode
                and type(value_node) is ScalarNode
                and id(value_node) not in seen
                and id(key_node) not in seen
                and id(value_node) not in kept
                and id(key_node) not in kept
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
            if key_node.tag == YAML_MERGE:
                name, shown = None, "'<<'"
                if why == too_deep():
                    why = f"merges mappings nested more than {MAX_DEPTH} levels deep"
            elif isinstance(key_node, ScalarNode):
                name = key_node.value
                shown = repr(name[:60]) + ("…" if len(name) > 60 else "")
            else:
                name, shown = None, f"a field named by {node_what(key_node)}"
            message = field_too_large(shown, why, after_other_fields=used > 0)
            # an alias used as a key is located where its anchor is: name the event then
            line = node_line(key_node)
            inside = node.start_mark.line < line <= node.end_mark.line + 1
            item.problem(line if inside else item.line, name, message)
            if why == too_much_repeated():
                break  # the rest would say the same
        return fine
