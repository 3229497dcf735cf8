"""Page triage: cheap text for every page, full pdfplumber geometry only for pages that can hold a table.

Every page needs its lines (prose figures, lists, the document's title and period),
but only a page with a table row needs rules and rectangles. A `PageView` gives a
pdfplumber page's chars straight from pdfminer's layout (the same numbers
pdfplumber computes, without converting every path and glyph into a dict) and its
other objects (edges) only when asked. The family is first recognised from
pypdfium2's text (under 1 ms a page), so a page's parse is released as soon as its
lines show no anchor or caption of that family's tables; a released page is parsed
again if it is needed after all, so the hint never changes a result.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from unicodedata import normalize as normalize_unicode

import pdfplumber.page
import pypdfium2 as pdfium
from pdfminer.layout import LTChar, LTContainer, LTItem
from pdfplumber import utils
from pdfplumber.container import Container
from pdfplumber.page import fix_fontname_bytes

from pipeline.extract.families import Family, recognise, table_to_gridspec

CHAR_KEYS = frozenset({"text", "x0", "x1", "y0", "y1", "top", "bottom", "doctop", "width", "height", "upright",
                       "size", "fontname", "object_type", "page_number"})


def page_texts(path: Path) -> list[str]:
    """Each page's text as pypdfium2 reads it (for triage only: it is not pdfplumber's text)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def hint_family(texts: list[str]) -> Family | None:
    """The family recognised from pypdfium2's text: a hint that only decides which parses to keep."""
    return recognise("\n".join(texts))


def holds_table(tables: list[dict], lines: list[str]) -> bool:
    """Whether any line matches the anchor or caption of one of `tables` (anchors are case-sensitive)."""
    specs = [table_to_gridspec(t) for t in tables]
    patterns: list[re.Pattern] = [p for s in specs for p in (s.anchor, s.caption) if p is not None]
    return any(p.search(line) for p in patterns for line in lines)


def _layout_items(objs: list[LTItem]) -> Iterator[LTItem]:
    """Layout objects in pdfplumber's order (containers' children in place of the containers)."""
    for obj in objs:
        if isinstance(obj, LTContainer):
            yield from _layout_items(obj._objs)
        else:
            yield obj


class PageView(Container):
    """A pdfplumber page whose chars skip pdfplumber's per-object dicts; other objects only on demand."""

    cached_properties = Container.cached_properties + ["_chars"]

    def __init__(self, page: pdfplumber.page.Page) -> None:
        self.page = page
        self.page_number = page.page_number

    @property
    def chars(self) -> list[dict]:
        if not hasattr(self, "_chars"):
            self._chars = [self._char(o) for o in _layout_items(self.page.layout._objs) if isinstance(o, LTChar)]
        return self._chars

    def _char(self, o: LTChar) -> dict:
        """The dict pdfplumber makes of a char (page.process_object), for the keys in CHAR_KEYS."""
        p = self.page
        mb_x0, mb_top = p.mediabox[:2]
        top, bottom = (p.height - o.y1) + mb_top, (p.height - o.y0) + mb_top
        text = o.get_text()
        if p.pdf.unicode_norm is not None:
            text = normalize_unicode(p.pdf.unicode_norm, text)
        fontname = fix_fontname_bytes(o.fontname) if isinstance(o.fontname, bytes) else o.fontname
        return {"text": text, "x0": o.x0 + mb_x0 if mb_x0 != 0 else o.x0,
                "x1": o.x1 + mb_x0 if mb_x0 != 0 else o.x1, "y0": o.y0, "y1": o.y1, "top": top, "bottom": bottom,
                "doctop": p.initial_doctop + top, "width": o.width, "height": o.height, "upright": o.upright,
                "size": o.size, "fontname": fontname, "object_type": "char",
                "page_number": self.page_number}

    @property
    def objects(self) -> dict[str, list[dict]]:
        if not hasattr(self, "_objects"):
            out: dict[str, list[dict]] = {"char": self.chars}
            for obj in _layout_items(self.page.layout._objs):
                if not isinstance(obj, LTChar):
                    d = self.page.process_object(obj)
                    if d["object_type"] != "anno":
                        out.setdefault(d["object_type"], []).append(d)
            self._objects = out
        return self._objects

    def extract_words(self, **kwargs) -> list[dict]:
        """pdfplumber's extract_words; attributes the light chars lack are read from the full page."""
        if set(kwargs.get("extra_attrs") or []) - CHAR_KEYS:
            return self.page.extract_words(**kwargs)
        return utils.extract_words(self.chars, **kwargs)

    def release(self) -> None:
        """Drop this page's parse (it is parsed again if asked for later)."""
        self.flush_cache()
        self.page.close()
