"""Text from the inputs (PDFs, file names, sources.yaml, settings) placed in Markdown as text, never as markup."""
from __future__ import annotations

from pipeline.publish.cells import clean_text

INLINE = frozenset("\\`*_[]<>&|~!")  # what can open markup, a link, an image, raw HTML or an entity inside a line


def text(value: object) -> str:
    """`value` as inline Markdown text that renders as itself: one line, no control characters, and every
    character that could start markup backslash-escaped (CommonMark renders `\\<` as `<`, never as a tag)."""
    return "".join("\\" + c if c in INLINE else c for c in clean_text(str("" if value is None else value)))


def code(value: object) -> str:
    """`value` as an inline code span: fenced by one backtick more than its longest run of backticks, and with
    `|` escaped (a table cell would end there even inside a code span)."""
    body = clean_text(str("" if value is None else value)).replace("|", "\\|")
    longest = run = 0
    for c in body:
        run = run + 1 if c == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{fence}{pad}{body}{pad}{fence}"
