"""Open a PDF's pages once for extraction, with the engine the settings name, and the family hint."""
from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.errors import BadInput
from pipeline.extract.families import Family
from pipeline.extract.pdfium_page import PdfiumDocument
from pipeline.extract.triage import PageView, hint_family, page_texts


def open_pages(path: Path, engine: str) -> tuple[AbstractContextManager, list, Family | None]:
    """(the open document, one view per page, the family hinted by pdfium's text).

    "pdfium": every page parsed once by pdfium and kept, so no hint is needed (it only decides
    which pdfminer parses to release); "pdfminer" (or a document pdfium cannot open): pdfplumber
    pages behind triage's PageView.
    """
    if engine == "pdfium":
        try:
            doc = PdfiumDocument(path)
        except pdfium.PdfiumError:
            pass  # pdfminer may still read it; if not, its error names the file below
        else:
            return doc, doc.pages, None
    hint = hint_family(page_texts(path))
    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as e:
        raise BadInput(path.name, f"corrupt PDF (the text parser failed: {str(e)[:100]})", "download the file again",
                       "corrupt") from None
    return pdf, [PageView(p) for p in pdf.pages], hint
