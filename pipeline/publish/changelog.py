"""CHANGELOG.md in the package: this release's changes on top of the history the previous release carried."""
from __future__ import annotations

from pipeline.publish.markdown import code
from pipeline.publish.markdown import text as md

HEADER = ("# Changelog\n\nEvery release of this data package, newest first (semantic versioning: a schema change "
          "is major, rows added or removed minor, values corrected patch). `reports/changes.json` has this "
          "release's changes row by row; `python -m pipeline diff OLD NEW` compares any two releases.\n")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def release_notes(diff: dict | None, tables: dict[str, list[dict]], removed: list[dict] | None = None) -> list[str]:
    """Bullet lines saying what this release changed (or what a first release holds); `removed`: the sources
    taken out since the previous release, each with the reason the publisher recorded."""
    if diff is None:
        rows = sum(len(v) for v in tables.values())
        return [f"- First release: {_plural(rows, 'row')} in {_plural(len(tables), 'resource')} from "
                f"{_plural(len(tables.get('sources', [])), 'source')}."]
    why = {r["source_id"]: r["reason"] for r in removed or []}
    out = [f"- Source added: {code(s['source_id'])} ({md(s['file'])})" for s in diff["sources"]["added"]]
    out += [f"- Source removed: {code(s['source_id'])} ({md(s['file'])})" + (f": {md(why[s['source_id']])}"
                                                                             if s["source_id"] in why else "")
            for s in diff["sources"]["removed"]]
    out += [f"- Source file changed: {code(s['source_id'])}" for s in diff["sources"]["changed"]]
    for name, r in diff["resources"].items():
        if r["schema"]:
            what = ", ".join(f"{k.replace('_', ' ')}: "
                             f"{md(', '.join(map(str, v))) if isinstance(v, list) else 'changed'}"
                             for k, v in r["schema"].items())
            out.append(f"- {code(name)} schema: {what}")
        counts = [f"{len(r[k])} {k}" for k in ("added", "removed", "changed") if r[k]]
        if counts:
            out.append(f"- {code(name)}: rows {', '.join(counts)}")
    return out or ["- No changes."]


def changelog(version: str, released: str | None, data_date: str | None, previous_version: str | None,
              level: str | None, notes: list[str], previous_text: str | None) -> str:
    """The whole CHANGELOG.md: the header, this release's section, then the earlier releases' sections. The
    heading carries the release date (`unreleased` for a build made without one); the data's date (`created`,
    the newest source's) is stated apart."""
    head = f"## {version} ({released or 'unreleased'})\n\n"
    if previous_version:
        head += f"Compared with {previous_version}: {level or 'no'} change{'s' if not level else ''}.\n\n"
    if data_date:
        head += f"Data as of {data_date[:10]} (the newest source's publication date).\n\n"
    section = head + "\n".join(notes) + "\n"
    earlier = ""
    if previous_text and "\n## " in previous_text:
        earlier = previous_text[previous_text.index("\n## ") + 1:]
    return HEADER + "\n" + section + ("\n" + earlier if earlier else "")
