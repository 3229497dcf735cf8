"""Check an untrusted PDF before extraction: size, signature, end marker, encryption, pages, text layer."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.errors import BadInput
from pipeline.extract.pdfium_page import PdfiumDocument
from pipeline.settings import ExtractSettings

OCR_HINT = "run OCR first (e.g. `ocrmypdf in.pdf out.pdf`) and add the OCR'd copy"
PARSER_LOGGERS = ("pdfminer", "pdfplumber", "playa", "pypdf", "camelot")


@dataclass(frozen=True)
class PdfInfo:
    file: str
    sha256: str
    bytes: int
    pages: int


def _anything_visible(doc: PdfiumDocument) -> bool:
    """True unless every page object is text in render mode 3 (invisible): such a PDF prints nothing.

    Invisible text over an image or drawing (an OCR'd scan) counts as visible content.
    """
    for page in doc.pages:
        for obj in page.pdfium_page.get_objects():
            if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
                return True
            if pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw) != pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE:
                return True
    return False


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _check_bytes(path: Path, name: str, settings: ExtractSettings) -> int:
    size = path.stat().st_size
    if size == 0:
        raise BadInput(name, "empty file (0 bytes)", "replace it with the complete PDF", "empty")
    if size > settings.max_bytes:
        raise BadInput(name, f"file too large ({size} bytes > {settings.max_bytes})",
                       "split it or raise extract.max_bytes in params.yaml", "too_large")
    with open(path, "rb") as f:
        head = f.read(1024)
        f.seek(max(0, size - 2048))
        tail = f.read()
    if b"%PDF-" not in head:
        raise BadInput(name, "not a PDF (no %PDF- signature)", "check the file type; only PDFs belong in raw/",
                       "not_pdf")
    if b"%%EOF" not in tail:
        raise BadInput(name, "truncated or corrupt PDF (no end-of-file marker)",
                       "download the file again", "corrupt")
    return size


def _open_pdfium(path: Path, name: str) -> PdfiumDocument:
    try:
        return PdfiumDocument(path)
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg:
            raise BadInput(name, "encrypted PDF: a password is needed to open it",
                           "ask the publisher for an unencrypted copy or decrypt it (e.g. `qpdf --decrypt`)",
                           "encrypted") from None
        if "security" in msg:
            raise BadInput(name, "encrypted PDF with an unsupported security handler (e.g. certificate-based)",
                           "ask the publisher for an unencrypted copy", "encrypted") from None
        raise BadInput(name, f"corrupt PDF ({e})", "download the file again", "corrupt") from None


def quiet_parsers() -> None:
    """Silence the text parsers' log lines about malformed content (e.g. "Could not get FontBBox").

    On a damaged PDF they would print many lines to stderr besides the one `error:` line; whether
    the file is usable is decided by the checks here, the extraction and validation, not by them.
    """
    for name in PARSER_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def check_pdf(path: Path, settings: ExtractSettings) -> PdfInfo:
    """Basic facts of a PDF that can be processed, or BadInput with a one-line reason."""
    info, doc = open_checked(path, settings)
    doc.close()
    return info


def open_checked(path: Path, settings: ExtractSettings) -> tuple[PdfInfo, PdfiumDocument]:
    """check_pdf's facts and the document it opened (the caller closes it), so the pages checked are parsed once."""
    quiet_parsers()  # runs in the document's worker process, before any parser sees the file
    name = path.name
    size = _check_bytes(path, name, settings)
    doc = _open_pdfium(path, name)
    try:
        pages = len(doc.pages)
        if pages == 0:
            raise BadInput(name, "PDF has no pages", "download the file again", "corrupt")
        if pages > settings.max_pages:
            raise BadInput(name, f"too many pages ({pages} > {settings.max_pages})",
                           "split it or raise extract.max_pages in params.yaml", "too_many_pages")
        chars = 0
        for page in doc.pages:
            chars += len(page.text().strip())
            if chars >= settings.min_text_chars:
                break
        if chars < settings.min_text_chars:
            raise BadInput(name, "no text layer (scanned or image-only PDF)", OCR_HINT, "no_text")
        if not _anything_visible(doc):
            raise BadInput(name, "no visible text (its only text is invisible, render mode 3, with nothing "
                                 "printed under it)", "check the file; this is not a printed document", "no_text")
    except BaseException:
        doc.close()
        raise
    return PdfInfo(name, sha256_file(path), size, pages), doc
