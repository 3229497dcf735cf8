"""Open a PDF's pages once for extraction, with the engine the settings name, and the family hint."""
from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.errors import BadInput
from pipeline.extract.families import Family
from pipeline.extract.open_pdf import PdfInfo, open_checked
from pipeline.extract.triage import PageView, hint_family
from pipeline.settings import ExtractSettings


def open_pages(path: Path, settings: ExtractSettings) -> tuple[PdfInfo, AbstractContextManager, list, Family | None]:
    """(check_pdf's facts, the open document, one view per page, the family hinted by pdfium's text).

    The document is opened and checked once by pdfium (`open_checked`). "pdfium": its pages are
    parsed once and kept, so no hint is needed (it only decides which pdfminer parses to release);
    "pdfminer": pdfplumber pages behind triage's PageView, hinted from the pages pdfium read.
    """
    info, doc = open_checked(path, settings)
    if settings.engine == "pdfium":
        return info, doc, doc.pages, None
    with doc:
        hint = hint_family([p.text() for p in doc.pages])
    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as e:
        raise BadInput(path.name, f"corrupt PDF (the text parser failed: {str(e)[:100]})", "download the file again",
                       "corrupt") from None
    return info, pdf, [PageView(p) for p in pdf.pages], hint
