"""The committed source facsimiles in raw/ and their manifest raw/sources.yaml.

The PDFs are rebuilt from the published text by tools/facsimiles/make_facsimiles.py;
these tests check what the pipeline relies on and that the build is reproducible.
"""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "raw"
GENERATOR = REPO / "tools" / "facsimiles" / "make_facsimiles.py"

PRIORITIES = "local_borough_priorities_2017-18.pdf"
DRAFT_PLAN = "draft_police_and_crime_plan_2013.pdf"
HAVERING = "lps_havering_2009-10.pdf"
BARNET = "lps_barnet_2009-10.pdf"
LETTER = "mayor_letter_MGLA190319-8293.pdf"
ALL = [PRIORITIES, DRAFT_PLAN, HAVERING, BARNET, LETTER]
MAYORAL = [PRIORITIES, DRAFT_PLAN, LETTER]
MPA = [HAVERING, BARNET]

A4 = (595.276, 841.890)
MINUS = "\u2212"
REQUIRED_KEYS = {"file", "source_id", "title", "publisher", "published", "url", "licence",
                 "facsimile", "note", "seed"}


def _pages_text(name: str) -> list[str]:
    with pdfplumber.open(RAW / name) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


@pytest.fixture(scope="module")
def texts() -> dict[str, list[str]]:
    return {name: _pages_text(name) for name in ALL}


@pytest.fixture(scope="module")
def manifest() -> dict:
    return yaml.safe_load((RAW / "sources.yaml").read_text(encoding="utf-8"))


def _line_index(lines: list[str], needle: str) -> int:
    hits = [i for i, line in enumerate(lines) if needle in line]
    assert len(hits) == 1, f"{needle!r} on lines {hits}"
    return hits[0]


@pytest.mark.parametrize("name", ALL)
def test_pages_are_a4(name):
    with pdfplumber.open(RAW / name) as pdf:
        assert len(pdf.pages) >= 1
        for page in pdf.pages:
            w, h = sorted((float(page.width), float(page.height)))
            assert abs(w - A4[0]) <= 1 and abs(h - A4[1]) <= 1, (name, page.page_number, w, h)


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL)
def test_text_is_extractable_and_fonts_embedded(name, texts):
    words = " ".join(texts[name]).split()
    assert len(words) > 300, name
    with pdfplumber.open(RAW / name) as pdf:
        fonts = {c["fontname"] for page in pdf.pages for c in page.chars}
        info = pdf.metadata
    # subset-embedded TrueType only ("ABCDEF+Name"), no base-14 font
    assert fonts and all(re.fullmatch(r"[A-Z]{6}\+\S+", f) for f in fonts), fonts
    assert info["Creator"] == ("facsimile rebuilt from the published text by "
                               "tools/facsimiles/make_facsimiles.py")
    assert info["CreationDate"].startswith("D:2000"), "build date leaked into the PDF"


@pytest.mark.parametrize("name", MAYORAL)
def test_mayor_of_london_header_once_on_every_page(name, texts):
    for n, text in enumerate(texts[name], 1):
        assert text.count("MAYOR OF LONDON") == 1, (name, n)


@pytest.mark.parametrize("name", MPA)
def test_mpa_header_on_every_page(name, texts):
    for n, text in enumerate(texts[name], 1):
        assert text.startswith("Metropolitan Police Authority"), (name, n)


def test_priorities_table(texts):
    pages = texts[PRIORITIES]
    lines = "\n".join(pages).splitlines()
    assert "LOCAL BOROUGH PRIORITIES" in lines  # the title, and no year added to it
    assert "Local Priorities" in "\n".join(pages)
    assert re.search(r"(?<!L)ocal Priorities", "\n".join(pages)) is None
    # the wrapped cell: its two lines straddle the vertically centred row
    person, snatch = _line_index(lines, "Theft Person"), _line_index(lines, "(Snatch)")
    assert person < snatch and "Theft Person (Snatch)" not in "\n".join(pages)
    thames = _line_index(lines, "Thames")
    richmond = _line_index(lines, "Richmond-upon-")
    assert richmond != thames and "Thames" not in lines[richmond]
    assert lines[richmond].split()[:2] == ["LB", "Richmond-upon-"]
    assert lines[thames].strip() == "Thames"
    assert "* Mandatory high-harm crimes: sexual violence, domestic abuse, child sexual " \
           "exploitation, weapon-based crime and hate crime." in lines

    rows = []
    with pdfplumber.open(RAW / PRIORITIES) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():  # a ruled grid: pdfplumber finds it
                assert table[0] == ["Borough", "Mandatory high-harm crimes*",
                                    "Mandatory Volume Crime", "Local Priorities", None]
                rows += table[1:]
    assert len(rows) == 32
    assert rows[0] == ["LB Haringey", "ALL", "ASB", "Robbery", "Non Domestic VWI"]
    assert rows[-1] == ["LB Wandsworth", "ALL", "ASB", "Burglary", "MV Theft"]
    by_borough = {r[0]: r for r in rows}
    assert by_borough["LB Islington"][3] == "Theft Person\n(Snatch)"
    assert "\n" in by_borough["LB Hackney"][4]
    assert by_borough["LB Hackney"][4].replace("\n", " ") == "Theft (robbery, snatch, person)"
    assert by_borough["LB Kensington & Chelsea"][3] == "Non Domestic VWI"
    assert "LB Richmond-upon-\nThames" in by_borough
    assert all(r[1] == "ALL" and r[2] == "ASB" for r in rows)


def test_officers_table():
    with pdfplumber.open(RAW / DRAFT_PLAN) as pdf:
        tables = [t for page in pdf.pages for t in page.extract_tables()]
    assert len(tables) == 1
    table = tables[0]
    assert table[0][1] == "Safer Neighbourhoods" and table[0][4] == "Total Borough officers"
    assert table[1][1:] == ["2011", "2015", "Change", "2011", "2015", "Change"]
    body = table[2:]
    assert len(body) == 33
    assert body[0] == ["Barking & Dagenham", "49", "119", "70", "426", "493", "67"]
    assert body[-1] == ["Total", "1849", "4491", "2642", "18103", "19285", "1182"]
    assert {"Kingston", "Richmond"} <= {r[0] for r in body}


def test_havering_performance_table(texts):
    text = "\n".join(texts[HAVERING])
    assert MINUS in text
    for line in ("Residential burglary 382 offences or +25.5% Target missed",
                 "Theft from vehicles 361 offences or -22.9% Target achieved",
                 f"Serious youth violence 2 offences or {MINUS}1.4% Target missed",
                 "Gun crime 3 offences or +7.3% Target missed"):
        assert line in text.splitlines(), line


def test_barnet_restored(texts):
    text = "\n".join(texts[BARNET])
    lines = text.splitlines()
    assert MINUS in text
    assert f"Theft from vehicles 427 offences or {MINUS}12.5% Target achieved" in lines
    assert f"Theft or taking of vehicles 172 offences or {MINUS}17.1% Target achieved" in lines
    assert "Residential burglary 432 offences or +16.6%" in lines
    assert "Gun crime 12 offences or +12.4%" in lines
    assert "Local Policing Summary Barnet" in lines
    assert "Similar documents" not in text and "Citysafe" not in text
    assert "doesn't" in text and "crimestoppers-uk.org" in text and "2010-2011" in text
    assert "doesn t" not in text


def test_letter(texts):
    pages = texts[LETTER]
    text = "\n".join(pages)
    assert "Our ref: MGLA190319-8293" in text and "Date: 03 MAY 2019" in text
    assert "Yours sincerely," in text and "Sadiq Khan" in text
    assert "handwritten signature" not in text
    assert pages[-1].count("MAYOR OF LONDON") == 1


def test_manifest(manifest):
    entries = manifest["sources"]
    files = [e["file"] for e in entries]
    on_disk = sorted(p.name for p in RAW.glob("*.pdf"))
    assert sorted(files) == on_disk and len(set(files)) == len(files)
    ids = [e["source_id"] for e in entries]
    assert len(set(ids)) == len(ids)
    for e in entries:
        assert REQUIRED_KEYS <= set(e), e["file"]
        assert e["licence"] == "OGL-UK-3.0" and e["facsimile"] is True
        assert isinstance(e["published"], str) and re.fullmatch(
            r"\d{4}(-\d{2}(-\d{2})?)?", e["published"])
        assert (REPO / "tools" / "facsimiles" / "seeds" / e["seed"]).is_file()
    by_file = {e["file"]: e for e in entries}
    pri = by_file[PRIORITIES]
    assert pri["period"] == "2017-18" and pri["url"] is None
    assert pri["related_url"].endswith("pcp_local_priorities_2018.19.pdf")
    assert by_file[LETTER]["published"] == "2019-05-03"
    assert by_file[DRAFT_PLAN]["url"] == (
        "https://www.london.gov.uk/priorities/mayors-office-policing-and-crime")


def test_generator_reproduces_committed_files(tmp_path):
    subprocess.run([sys.executable, str(GENERATOR), "--out-dir", str(tmp_path)],
                   check=True, capture_output=True, timeout=120)
    built = sorted(p.name for p in tmp_path.iterdir())
    assert built == sorted(ALL + ["sources.yaml"])
    for name in built:
        a = hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
        b = hashlib.sha256((RAW / name).read_bytes()).hexdigest()
        assert a == b, f"{name}: rebuilt file differs from the committed one"
