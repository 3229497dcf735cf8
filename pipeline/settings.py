"""Typed settings with named defaults, built from params.yaml."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from pipeline.errors import UsageError, shown
from pipeline.paths import PARAMS_FILE
from pipeline.safe_yaml import line_of
from pipeline.safe_yaml import load as load_yaml

TYPES = {"int": (int,), "float": (int, float), "bool": (bool,), "str": (str,)}


@dataclass(frozen=True)
class ExtractSettings:
    max_pages: int = 200
    max_bytes: int = 100 * 1024 * 1024
    timeout_seconds: float = 120.0
    memory_mb: int = 2048
    min_text_chars: int = 40
    workers: int = 2

    def __post_init__(self) -> None:
        if (self.max_pages < 1 or self.max_bytes < 1 or not math.isfinite(self.timeout_seconds)
                or self.timeout_seconds <= 0 or self.memory_mb < 256 or self.workers < 1 or self.min_text_chars < 0):
            raise ValueError("out of range: max_pages, max_bytes and workers must be at least 1, timeout_seconds a "
                             "finite number above 0, memory_mb at least 256, min_text_chars at least 0")


@dataclass(frozen=True)
class NormaliseSettings:
    allow_quarantined: bool = False


@dataclass(frozen=True)
class ValidateSettings:
    require_reviewed_discrepancies: bool = True


@dataclass(frozen=True)
class PublishSettings:
    package_name: str = "london-policing-priorities-and-performance"
    package_title: str = "London policing priorities, officer allocations and performance"
    version: str = "0.1.0"
    homepage: str = "index.html"  # the descriptor's homepage: the package's landing page, or where it is published

    SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")  # also a file name: data/<package_name>.sqlite
    SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")

    def __post_init__(self) -> None:
        if not self.SLUG.fullmatch(self.package_name):
            raise ValueError(f"package_name {shown(self.package_name)[:80]!r} is not a slug (lower-case letters, "
                             "digits and hyphens, at most 100, e.g. london-policing-data)")
        if not self.SEMVER.fullmatch(self.version):
            raise ValueError(f"version {shown(self.version)[:80]!r} is not a version MAJOR.MINOR.PATCH (e.g. 0.1.0)")
        if not self.package_title.strip() or not self.package_title.isprintable():
            raise ValueError("package_title must be one line of printable text")


@dataclass(frozen=True)
class CacheSettings:
    max_mb: int = 512  # each cache (.cache/extract, .cache/validate) is cut to this, least recently used first

    def __post_init__(self) -> None:
        if self.max_mb < 1:
            raise ValueError("out of range: max_mb must be at least 1")


@dataclass(frozen=True)
class Settings:
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    normalise: NormaliseSettings = field(default_factory=NormaliseSettings)
    validate: ValidateSettings = field(default_factory=ValidateSettings)
    publish: PublishSettings = field(default_factory=PublishSettings)
    cache: CacheSettings = field(default_factory=CacheSettings)

    @classmethod
    def load(cls, path: Path = PARAMS_FILE) -> Settings:
        """Settings from params.yaml; missing keys keep their defaults; an unknown key, a wrong type or a
        value out of range is a UsageError naming the file and the key."""
        data, node = load_yaml(path) if path.exists() else ({}, None)
        data = {} if data is None else data
        if not isinstance(data, dict):
            raise UsageError(f"{shown(path)}: expected sections ({', '.join(f.name for f in fields(cls))})")
        for name in sorted(set(map(str, data)) - {f.name for f in fields(cls)}):
            raise UsageError(f"{_where(path, node, [name])}: unknown section {name!r}; "
                             f"known: {', '.join(f.name for f in fields(cls))}")
        parts = {}
        for f in fields(cls):
            parts[f.name] = _section(path, node, f.name, f.default_factory, data.get(f.name))  # type: ignore[misc]
        return cls(**parts)


def _where(path: Path, node, keys: list) -> str:  # noqa: ANN001
    line = line_of(node, keys) if node is not None else None
    return f"{shown(path)}" + (f": line {line}" if line else "")


def _section(path: Path, node, name: str, kind: type, section: object):  # noqa: ANN001, ANN202
    """One section's dataclass, every key known and of its field's type."""
    if section is None:
        return kind()
    if not isinstance(section, dict):
        raise UsageError(f"{_where(path, node, [name])}: {name}: expected a mapping of settings")
    types = {x.name: x.type for x in fields(kind)}
    for key, value in section.items():
        if key not in types:
            raise UsageError(f"{_where(path, node, [name, key])}: unknown setting {name}.{shown(key)}; "
                             f"known: {', '.join(sorted(types))}")
        ok = TYPES[str(types[key])]
        if not isinstance(value, ok) or (isinstance(value, bool) and bool not in ok):
            raise UsageError(f"{_where(path, node, [name, key])}: {name}.{key}: expected {types[key]}, "
                             f"got {shown(repr(value))}")
    try:
        return kind(**section)
    except ValueError as e:
        raise UsageError(f"{_where(path, node, [name])}: {name}: {e}") from None
