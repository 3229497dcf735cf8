"""A font's ToUnicode CMap read as pdfminer's CMapParser reads it, without its pure-Python PostScript lexer.

`ToUnicodeParser` takes the place of pdfminer's CMapParser while the fonts of a page are made
(`parsing_tounicode`). A CMap of the usual shape (names, integers, hex strings, plain literal
strings, arrays, dictionaries, keywords; bfchar and bfrange blocks) is tokenised by one regular
expression and run through the same stack and keyword rules as pdfminer's parser, the entries
added by pdfminer's own FileUnicodeMap; anything else (cid ranges, usecmap, escapes, reals, procedures,
odd hex strings) is left to pdfminer's CMapParser.
"""
from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import Any, BinaryIO

from pdfminer import pdffont
from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pdfminer.psparser import KWD, LIT, PSKeyword, PSLiteral

TOKEN = re.compile(rb"""
    (?P<ws>[ \t\n\r\f\v]+)
  | (?P<comment>%[^\r\n]*)
  | (?P<dict_begin><<) | (?P<dict_end>>>)
  | (?P<hex><[0-9A-Fa-f \t\n\r\f\v]*>)
  | (?P<array_begin>\[) | (?P<array_end>\])
  | (?P<name>/[^#/%\[\]()<>{}\s]*)
  | (?P<int>[+-]?[0-9]+)
  | (?P<string>\([^()\\\r]*\))
  | (?P<keyword>[A-Za-z][^#/%\[\]()<>{}\s]*)
""", re.VERBOSE)
SPACE = re.compile(rb"\s")


class Unsure(Exception):
    """A CMap this reader does not vouch for (pdfminer's parser reads it)."""


def _tokens(data: bytes) -> Iterator[tuple[str, Any]]:
    """(kind, value) of each token, as pdfminer's lexer gives them; Unsure on anything else."""
    pos, end = 0, len(data)
    match = TOKEN.match
    while pos < end:
        m = match(data, pos)
        if m is None:
            raise Unsure(f"byte {pos}")
        kind, pos = m.lastgroup, m.end()
        text = m.group()
        if kind in ("ws", "comment"):
            continue
        if kind == "hex":
            digits = SPACE.sub(b"", text[1:-1])
            if len(digits) % 2 or data[pos:pos + 1] == b">":  # pdfminer reads `<41>>` as a string and `>>`
                raise Unsure("odd hex string, or one closed by `>>`")
            yield "value", bytes.fromhex(digits.decode())
        elif kind == "name":
            if not text.isascii():
                raise Unsure("non-ASCII name")
            yield "value", LIT(text[1:].decode())
        elif kind == "int":
            yield "value", int(text)
        elif kind == "string":
            yield "value", text[1:-1]
        elif kind == "keyword":
            yield ("value", text == b"true") if text in (b"true", b"false") else ("keyword", KWD(text))
        else:
            yield kind, None  # type: ignore[misc]


class _Machine:
    """pdfminer's PSStackParser and CMapParser.do_keyword for the tokens `_tokens` gives."""

    def __init__(self, cmap: FileUnicodeMap) -> None:
        self.cmap = cmap
        self.stack: list[Any] = []
        self.context: list[tuple[str, list[Any]]] = []
        self.kind = ""
        self.in_cmap = True

    def feed(self, kind: str, value: Any) -> None:
        if kind == "value":
            self.stack.append(value)
        elif kind in ("array_begin", "dict_begin"):
            self.context.append((self.kind, self.stack))
            self.kind, self.stack = kind, []
        elif kind in ("array_end", "dict_end"):
            self.end(kind)
        elif self.context:
            raise Unsure("a keyword inside an array or dictionary")
        else:
            self.keyword(value)

    def end(self, kind: str) -> None:
        if self.kind != kind.replace("_end", "_begin"):
            raise Unsure("unbalanced brackets")
        objs = self.stack
        self.kind, self.stack = self.context.pop()
        if kind == "array_end":
            self.stack.append(objs)
            return
        if len(objs) % 2 or not all(isinstance(k, PSLiteral) for k in objs[::2]):
            raise Unsure("a dictionary pdfminer rejects")
        self.stack.append({k.name: v for k, v in zip(objs[::2], objs[1::2]) if v is not None})

    def popall(self) -> list[Any]:
        objs, self.stack = self.stack, []
        return objs

    def keyword(self, token: PSKeyword) -> None:
        name = token.name
        if name == b"begincmap":
            self.in_cmap = True
            self.popall()
        elif name == b"endcmap":
            self.in_cmap = False
        elif not self.in_cmap:
            return
        elif name == b"def":
            if len(self.stack) < 2 or not isinstance(self.stack[-2], PSLiteral):
                raise Unsure("def")
            k, v = self.stack[-2:]
            del self.stack[-2:]
            self.cmap.set_attr(k.name, v)
        elif name in (b"begincodespacerange", b"endcodespacerange", b"beginbfrange", b"beginbfchar",
                      b"beginnotdefrange", b"endnotdefrange"):
            self.popall()
        elif name == b"endbfchar":
            objs = self.popall()
            for cid, code in zip(objs[0::2], objs[1::2]):
                if isinstance(cid, bytes) and isinstance(code, bytes):
                    self.cmap.add_cid2unichr(int.from_bytes(cid, "big") if cid else 0, code)
        elif name == b"endbfrange":
            objs = self.popall()
            self.bfrange(objs[:len(objs) - len(objs) % 3])
        elif name in (b"usecmap", b"begincidrange", b"endcidrange", b"begincidchar", b"endcidchar"):
            raise Unsure(name.decode())
        else:
            self.stack.append(token)

    def bfrange(self, objs: list[Any]) -> None:
        """pdfminer's endbfrange: each (start, end, code) maps a run of codes."""
        for start_byte, end_byte, code in zip(objs[0::3], objs[1::3], objs[2::3]):
            if not isinstance(start_byte, bytes) or not isinstance(end_byte, bytes):
                continue
            if len(start_byte) != len(end_byte):
                continue
            start = int.from_bytes(start_byte, "big") if start_byte else 0
            end = int.from_bytes(end_byte, "big") if end_byte else 0
            if isinstance(code, list):
                for cid, unicode_value in zip(range(start, end + 1), code, strict=False):
                    self.cmap.add_cid2unichr(cid, unicode_value)
            elif isinstance(code, bytes):
                var = code[-4:]
                base = int.from_bytes(var, "big") if var else 0
                prefix, vlen = code[:-4], len(var)
                for i in range(end - start + 1):
                    self.cmap.add_cid2unichr(start + i, prefix + struct.pack(">L", base + i)[-vlen:])
            else:
                raise Unsure("a bfrange code pdfminer asserts on")


class ToUnicodeParser:
    """Stands in for pdfminer's CMapParser(cmap, fp) when fonts are made: `run()` fills `cmap` alike."""

    def __init__(self, cmap: Any, fp: BinaryIO) -> None:
        self.cmap, self.fp = cmap, fp

    def run(self) -> None:
        data = self.fp.read()
        if type(self.cmap) is FileUnicodeMap and not self.cmap.cid2unichr and not self.cmap.attrs:
            read = FileUnicodeMap()
            machine = _Machine(read)
            try:
                for kind, value in _tokens(data):
                    machine.feed(kind, value)
            except Unsure:
                pass
            except Exception:  # noqa: BLE001 - pdfminer's own parser meets it again below, and reports it alike
                pass
            else:
                self.cmap.cid2unichr, self.cmap.attrs = read.cid2unichr, read.attrs
                return
        CMapParser(self.cmap, BytesIO(data)).run()


@contextmanager
def parsing_tounicode() -> Iterator[None]:
    """While fonts are made in this block, their ToUnicode CMaps are read by `ToUnicodeParser`."""
    pdffont.CMapParser = ToUnicodeParser  # type: ignore[misc]
    try:
        yield
    finally:
        pdffont.CMapParser = CMapParser  # type: ignore[misc]
