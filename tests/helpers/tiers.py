"""The two tiers: a test marked build, cli or sweep, or that needs an outside program, is slow (the fast tier is
`pytest -m "not slow"`); and the modules with the most slow work run first, so that no long module is left to the
end of a parallel run (pytest-xdist hands out whole modules: --dist loadscope)."""
from __future__ import annotations

import pytest

from helpers.tools import TOOLS

WEIGHTS = {"build": 8, "cli": 3, "sweep": 3, "slow": 1}  # rough cost of a test that carries the mark


def _programs(item: pytest.Item) -> bool:
    """Whether the test drives an outside program (fonts alone are files)."""
    return any(TOOLS[name].programs for mark in item.iter_markers("needs") for name in mark.args)


# the shared fixtures that build whole packages (tests/publish/conftest.py, tests/conftest.py): a test using one
# builds, whether or not it carries the mark
BUILT = frozenset({"built", "graded"})


def slow(item: pytest.Item) -> bool:
    """Whether a test builds a package (by its mark or a shared built package), runs the CLI, sweeps or drives an
    outside program."""
    return (any(item.get_closest_marker(m) for m in ("build", "cli", "sweep")) or _programs(item)
            or bool(BUILT & set(getattr(item, "fixturenames", ()))))


def weight(item: pytest.Item) -> int:
    """How much slow work the test's marks say it does."""
    return sum(w for m, w in WEIGHTS.items() if item.get_closest_marker(m)) + 3 * _programs(item)


@pytest.hookimpl(tryfirst=True)  # before `-m "not slow"` deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow tier; then order the modules by their slow work, heaviest first (stable within a module)."""
    for item in items:
        if item.get_closest_marker("slow") is None and slow(item):
            item.add_marker(pytest.mark.slow)
    modules: dict[str, int] = {}
    for item in items:
        modules[item.nodeid.split("::")[0]] = modules.get(item.nodeid.split("::")[0], 0) + weight(item)
    rank = {name: i for i, name in enumerate(sorted(modules, key=lambda m: -modules[m]))}
    items.sort(key=lambda item: rank[item.nodeid.split("::")[0]])
