"""YAML a user wrote, read safely: size cap, no aliases, no tags beyond plain data, dates kept as text."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import UsageError, shown
from pipeline.safe_files import UnsafeFile, read_text

MAX_BYTES = 1024 * 1024


class _Loader(yaml.SafeLoader):
    """The safe loader without aliases (no alias bombs) and without implicit timestamps."""

    yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed", mark)
        return super().compose_node(parent, index)


def load(path: Path, max_bytes: int = MAX_BYTES) -> tuple[Any, yaml.Node | None]:
    """The data of a YAML file and its node tree (for line numbers); UsageError in one line if unreadable."""
    try:
        text = read_text(path, max_bytes)  # a regular file only, its size checked before it is read
    except UnsafeFile as e:
        raise UsageError(str(e)) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"line {mark.line + 1}: " if mark else ""
        raise UsageError(f"{shown(path)}: {where}not valid YAML ({e.problem or e.context})") from None
    except yaml.YAMLError as e:
        raise UsageError(f"{shown(path)}: not valid YAML ({e})") from None
    except RecursionError:
        raise UsageError(f"{shown(path)}: nested too deeply to be settings or a manifest") from None
    finally:
        loader.dispose()
    return data, node


def line_of(node: yaml.Node | None, path: list) -> int | None:
    """The 1-based line of the value at `path` (keys and list indexes) in a node tree, where it exists."""
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == step]
            if not match:
                break
            node = match[0][1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 1 if node is not None else None
