"""Text from inputs printed on a terminal: control characters (escape sequences, bidi overrides, line breaks
inside a line) shown escaped, never sent raw."""
from __future__ import annotations

import json

from pipeline.errors import shown


def lines(text: str) -> str:
    """Each line of `text` with its non-printable characters escaped (the line breaks between lines kept)."""
    return "\n".join(shown(line) for line in text.split("\n"))


def _escape(c: str) -> str:
    code = ord(c)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_text(data: object) -> str:
    """Indented, sorted JSON whose strings hold no raw non-printable character (each escaped as \\uXXXX)."""
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return "".join(c if c.isprintable() or c in "\n " else _escape(c) for c in text)
