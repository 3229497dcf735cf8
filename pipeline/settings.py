"""Typed settings with named defaults, built from params.yaml."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

from pipeline.normalise.vocab import load_yaml
from pipeline.paths import PARAMS_FILE


@dataclass(frozen=True)
class ExtractSettings:
    max_pages: int = 200
    max_bytes: int = 100 * 1024 * 1024
    timeout_seconds: float = 120.0
    memory_mb: int = 2048
    min_text_chars: int = 40
    workers: int = 2

    def __post_init__(self) -> None:
        if self.max_pages < 1 or self.timeout_seconds <= 0 or self.memory_mb < 256 or self.workers < 1:
            raise ValueError(f"params.yaml extract: out of range: {self}")


@dataclass(frozen=True)
class NormaliseSettings:
    allow_quarantined: bool = False


@dataclass(frozen=True)
class ValidateSettings:
    require_reviewed_discrepancies: bool = True
    background: bool = True  # a build runs Great Expectations and Frictionless in processes started early


@dataclass(frozen=True)
class PublishSettings:
    package_name: str = "london-policing-priorities-and-performance"
    package_title: str = "London policing priorities, officer allocations and performance"
    version: str = "0.1.0"


@dataclass(frozen=True)
class Settings:
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    normalise: NormaliseSettings = field(default_factory=NormaliseSettings)
    validate: ValidateSettings = field(default_factory=ValidateSettings)
    publish: PublishSettings = field(default_factory=PublishSettings)

    @classmethod
    def load(cls, path: Path = PARAMS_FILE) -> Settings:
        """Settings from params.yaml; missing keys keep their defaults, unknown keys are an error."""
        data = load_yaml(path) if path.exists() else {}
        parts = {}
        for f in fields(cls):
            section = data.get(f.name) or {}
            known = {x.name for x in fields(f.default_factory())}  # type: ignore[misc]
            unknown = set(section) - known
            if unknown:
                raise ValueError(f"{path}: unknown setting(s) in {f.name}: {sorted(unknown)}")
            parts[f.name] = f.default_factory(**section)  # type: ignore[misc]
        return cls(**parts)
