"""ToUnicode CMaps: the fast reader gives exactly pdfminer's CMapParser's map, on real fonts and on odd shapes."""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from pdfminer import pdffont
from pdfminer.cmapdb import CMapParser, FileUnicodeMap

from pipeline.extract.tounicode import ToUnicodeParser, Unsure, _Machine, _tokens, parsing_tounicode
from tests.conftest import CORPUS, RAW

PDFS = sorted(RAW.glob("*.pdf")) + sorted(p for p in CORPUS.glob("*/*.pdf") if not p.parent.name.startswith("bad_"))

HEAD = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" \
       b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" \
       b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
TAIL = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"


def _pdfminer(data: bytes) -> tuple[dict, dict]:
    cmap = FileUnicodeMap()
    CMapParser(cmap, BytesIO(data)).run()
    return cmap.cid2unichr, cmap.attrs


def _ours(data: bytes) -> tuple[dict, dict]:
    cmap = FileUnicodeMap()
    ToUnicodeParser(cmap, BytesIO(data)).run()
    return cmap.cid2unichr, cmap.attrs


def _fast(data: bytes) -> bool:
    """Whether the regular-expression reader takes the CMap (rather than leaving it to pdfminer's parser)."""
    machine = _Machine(FileUnicodeMap())
    try:
        for kind, value in _tokens(data):
            machine.feed(kind, value)
    except Unsure:
        return False
    return True


def _tounicode_streams(path: Path) -> list[bytes]:
    with pikepdf.open(path) as pdf:
        return [obj.ToUnicode.read_bytes() for obj in pdf.objects
                if isinstance(obj, pikepdf.Dictionary) and isinstance(obj.get("/ToUnicode"), pikepdf.Stream)]


@pytest.mark.parametrize("path", PDFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_cmaps_read_fast_and_alike(path: Path) -> None:
    """Every ToUnicode CMap of raw/ and the corpus: taken by the fast reader, and the same map and attributes."""
    for data in _tounicode_streams(path):
        assert _fast(data)
        assert _ours(data) == _pdfminer(data)


@pytest.mark.parametrize("body", [
    b"2 beginbfchar\n<0003> <0020>\n<0024> <00410042>\nendbfchar\n",
    b"2 beginbfrange\n<0010> <0012> <0041>\n<0013> <0014> [<0044> /germandbls]\nendbfrange\n",
    b"1 beginbfrange\n<00FE> <0101> <D83DDE00>\nendbfrange\n",  # a run past a byte and a surrogate pair
    b"2 beginbfchar\n<0003> <0020>\n<0003> <00A0>\nendbfchar\n",  # a no-break space after a space: kept
    b"% a comment\n1 beginbfchar <0001><0041> endbfchar\n",
    b"2 beginbfrange\n<01> <0003> <0041>\n<0005> <0006> <0061>\nendbfrange\n",  # lengths differ: skipped
    b"3 beginbfchar\n<0001> <0041>\n<0002> <0042>\n<0003>\nendbfchar\n",  # an odd entry left over
])
def test_shapes_read_alike(body: bytes) -> None:
    data = HEAD + body + TAIL
    assert _fast(data)
    assert _ours(data) == _pdfminer(data)
    assert _ours(data)[0]


@pytest.mark.parametrize("data", [
    HEAD + b"1 beginbfchar\n<0001> <0041>\nendbfchar",  # no delimiter after the last keyword: still read
    HEAD + b"1 beginbfchar\n<0001> <0041>\nendbfchar\nendcmap",
])
def test_last_token_without_a_delimiter(data: bytes) -> None:
    assert _fast(data)
    assert _ours(data) == _pdfminer(data) and _ours(data)[0] == {1: "A"}


@pytest.mark.parametrize("data", [
    HEAD + b"1 begincidrange\n<0000> <00FF> 0\nendcidrange\n" + TAIL,  # cid ranges: pdfminer's parser
    HEAD + b"/Adobe-Japan1-UCS2 usecmap\n" + TAIL,
    HEAD + b"1 beginbfchar\n<0001> (A\\)B)\nendbfchar\n" + TAIL,  # an escape in a literal string
    HEAD + b"/X << /A <41>>> def\n" + TAIL,  # `<41>>>`: pdfminer reads a string, a dictionary end and a `>`
    HEAD + b"/X 1.5 def\n1 beginbfchar\n<0001> <0041>\nendbfchar\n" + TAIL,  # a real
    HEAD + b"1 beginbfchar\n<001> <0041>\nendbfchar\n" + TAIL,  # an odd hex string
    HEAD + b"1 beginbfrange\n<0001> <0002> 7\nendbfrange\n" + TAIL,  # pdfminer asserts: the error is its own
])
def test_other_shapes_are_left_to_pdfminer(data: bytes) -> None:
    assert not _fast(data)
    try:
        expected: object = _pdfminer(data)
    except Exception as e:  # noqa: BLE001
        with pytest.raises(type(e)):
            _ours(data)
    else:
        assert _ours(data) == expected


def test_cmap_longer_than_pdfminers_read_block() -> None:
    """pdfminer reads its input in 4096-byte blocks; a CMap of many blocks, brackets at every offset, alike."""
    entries = b"".join(b"<%04X> <%04X>\n" % (i, 0x41 + i % 26) for i in range(100))
    for shift in range(14):
        data = HEAD + b" " * shift + b"/X <</A 1>> def\n" + b"".join(
            b"100 beginbfchar\n" + entries + b"endbfchar\n" for _ in range(12)) + TAIL
        assert len(data) > 3 * 4096
        assert _fast(data)
        assert _ours(data) == _pdfminer(data)


def test_parser_restored() -> None:
    with parsing_tounicode():
        assert pdffont.CMapParser is ToUnicodeParser
    assert pdffont.CMapParser is CMapParser
