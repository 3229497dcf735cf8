"""The short table printed by `python -m pipeline validate`."""
from __future__ import annotations

from collections import defaultdict


def summary_table(checks: list[dict]) -> str:
    """One line per (resource, check kind): passed / failed counts."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for c in checks:
        counts[(c.get("resource", ""), c["check"])][0 if c["success"] else 1] += 1
    lines = [f"{'resource':24} {'check':14} {'passed':>6} {'failed':>6}"]
    for (res, kind), (ok, bad) in sorted(counts.items()):
        lines.append(f"{res:24} {kind:14} {ok:6} {bad:6}")
    return "\n".join(lines)
