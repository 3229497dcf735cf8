"""A new borough's summary and another year's priorities, laid out differently and made with
another tool (fpdf2, not reportlab), are extracted with no code change."""
from __future__ import annotations

from pathlib import Path

import pytest
import reportlab
from fpdf import FPDF

from pipeline.extract.document import extract_document
from pipeline.normalise.stage import normalise_documents
from pipeline.settings import ExtractSettings

VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"

# Invented figures for a Local Policing Summary of Enfield, 2009/10 (synthetic test document).
ENFIELD = [  # label, count, percent as printed (en dash minus), status
    ("Residential burglary", "210", "\u201312.1", "Target achieved"),
    ("Total robbery", "44", "+6.0", "Target missed"),
    ("Theft from vehicles", "1,015", "\u201318.4", "Target achieved"),
    ("Theft or taking of vehicles", "96", "\u20139.9", ""),
    ("Serious youth violence", "12", "+4.4", "Target missed"),
    ("Knife crime", "0", "0.0", ""),
    ("Gun crime", "7", "\u201321.9", "Target achieved"),
]
ENFIELD_EXPECTED = {
    ("burglary_residential", -210, -12.1, "achieved"), ("robbery", 44, 6.0, "missed"),
    ("theft_from_motor_vehicle", -1015, -18.4, "achieved"), ("theft_of_motor_vehicle", -96, -9.9, None),
    ("serious_youth_violence", 12, 4.4, "missed"), ("knife_crime", 0, 0, None), ("gun_crime", -7, -21.9, "achieved"),
}

# Invented 2019/20 priorities: other spellings, other order, no rules, two pages.
PRIORITIES = [
    ("Royal Borough of Kensington and Chelsea", "Robbery", "Theft Person (Snatch)"),
    ("Kingston Upon Thames", "Burglary", "Non-DA Violence with Injury"),
    ("LB Richmond-upon-Thames", "MV Theft", "Theft (MV and person)"),
    ("Barking & Dagenham", "Theft (robbery, snatch, person)", "Common Assault"),
    ("City of Westminster", "Theft from a person", "vandalism/criminal damage"),
] + [(b, "Burglary", "Robbery") for b in [
    "Barnet", "Bexley", "Brent", "Bromley", "Camden", "Croydon", "Ealing", "Enfield", "Greenwich", "Hackney",
    "Hammersmith & Fulham", "Haringey", "Harrow", "Havering", "Hillingdon", "Hounslow", "Islington", "Lambeth",
    "Lewisham", "Merton", "Newham", "Redbridge", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest",
    "Wandsworth"]]


def _pdf(orientation: str = "P") -> FPDF:
    pdf = FPDF(orientation=orientation, format="A4")
    pdf.add_font("Vera", "", str(VERA))
    pdf.add_font("Vera", "B", str(VERA.with_name("VeraBd.ttf")))
    pdf.set_font("Vera", size=10)
    return pdf


def _para(pdf: FPDF, text: str, size: float = 10) -> None:
    pdf.set_font("Vera", size=size)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def make_enfield(path: Path) -> None:
    pdf = _pdf("L")
    pdf.add_page()
    _para(pdf, "Metropolitan Police Authority", 9)
    _para(pdf, "Local Policing Summary Enfield", 18)
    _para(pdf, "Synthetic test document: invented figures for software testing.")
    _para(pdf, "Enfield: local information. Over the last 12 months there have been 512 fewer victims of crime "
               "in the borough, and we detected one in five recorded crimes.")
    _para(pdf, "How did Enfield perform during 2009/10?", 13)
    with pdf.table(borders_layout="NONE", col_widths=(38, 60, 40), width=150, align="LEFT",
                   first_row_as_headings=False, line_height=5) as table:
        for label, count, pct, status in ENFIELD:
            row = table.row()
            row.cell(label)
            row.cell(f"{count} offences or {pct}%")
            row.cell(status)
    pdf.ln(4)
    _para(pdf, "Looking forward", 13)
    _para(pdf, "Priorities for 2010/11", 13)
    for line in ["\u2022 3.3% reduction in serious acquisitive crime, 2.0% reduction in most serious violence, "
                 "1.5% reduction in serious youth violence",
                 "\u2022 2.2% reduction in gun crime",
                 "\u2022 challenging targets for sanction detection rates across specific crime types."]:
        _para(pdf, line)
    pdf.output(str(path))


def make_priorities(path: Path, high_harm: str = "ALL", volume: str = "ASB") -> None:
    pdf = _pdf("P")
    pdf.add_page()
    _para(pdf, "MAYOR OF LONDON", 9)
    _para(pdf, "LOCAL BOROUGH PRIORITIES 2019/20", 16)
    _para(pdf, "Synthetic test document. Each borough has agreed two local priorities for 2019/20 alongside the "
               "mandatory high-harm crimes and anti-social behaviour.")
    for _ in range(12):
        _para(pdf, "Local policing, local priorities, local problem solving: neighbourhood officers work with "
                   "councils and partners to take a problem-solving approach to what matters most locally.")
    pdf.set_font("Vera", size=8.5)
    with pdf.table(borders_layout="NONE", col_widths=(46, 28, 24, 36, 36), width=170, line_height=4.5,
                   first_row_as_headings=True, repeat_headings=1, v_align="MIDDLE") as table:
        head = table.row()
        for text in ("Borough", "Mandatory high-harm crimes*", "Mandatory Volume Crime"):
            head.cell(text)
        head.cell("Local Priorities", colspan=2)
        for borough, first, second in PRIORITIES:
            row = table.row()
            for text in (borough, high_harm, volume, first, second):
                row.cell(text)
    _para(pdf, "* Mandatory high-harm crimes: sexual violence, domestic abuse, child sexual exploitation, "
               "weapon-based crime and hate crime.", 8)
    pdf.output(str(path))


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fpdf2")
    make_enfield(folder / "summary.pdf")
    make_priorities(folder / "priorities.pdf")
    return folder


def _normalised(path: Path) -> dict:
    doc = extract_document(path, {}, ExtractSettings())
    doc["source_id"], doc["manifest"] = "test", {}
    out = normalise_documents([doc])
    assert out.quarantine == []
    return out.tables


def test_new_borough_summary_without_rules_and_en_dash_minus(made):
    tables = _normalised(made / "summary.pdf")
    rows = tables["borough_performance"]
    assert {r["gss_code"] for r in rows} == {"E09000010"}
    assert {r["period"] for r in rows} == {"2009-10"}
    assert {(r["crime_type_id"], r["offences_change"], r["percent_change"], r["target_status"])
            for r in rows} == ENFIELD_EXPECTED
    assert {(r["crime_type_id"], r["target_reduction_percent"], r["period"]) for r in tables["borough_targets"]} == {
        ("serious_acquisitive_crime", 3.3, "2010-11"), ("most_serious_violence", 2, "2010-11"),
        ("serious_youth_violence", 1.5, "2010-11"), ("gun_crime", 2.2, "2010-11")}


def test_another_years_priorities_over_two_pages_with_other_spellings(made):
    doc = extract_document(made / "priorities.pdf", {}, ExtractSettings())
    assert doc["pages"] >= 2, "the table should split over pages to exercise repeated headers"
    tables = _normalised(made / "priorities.pdf")
    rows = tables["borough_priorities"]
    assert {r["period"] for r in rows} == {"2019-20"}
    assert len({r["gss_code"] for r in rows}) == 32
    by = {(r["gss_code"], r["priority_kind"], r["rank"], r["crime_type_id"]) for r in rows}
    assert ("E09000020", "local", 1, "robbery") in by and ("E09000020", "local", 2, "theft_from_person") in by
    assert ("E09000021", "local", 2, "violence_with_injury_non_domestic") in by
    assert {("E09000027", "local", 2, c) for c in ("theft_of_motor_vehicle", "theft_from_person")} <= by
    assert {("E09000002", "local", 1, c) for c in ("robbery", "theft_from_person")} <= by
    assert ("E09000033", "local", 2, "criminal_damage") in by
    # 32 boroughs x (5 high-harm + ASB + 2 locals) + one extra row for each of the two compound labels
    assert len(rows) == 32 * 8 + 2
    labels = {r["label_raw"] for r in rows}
    assert "Non-DA Violence with Injury" in labels and "Theft (robbery, snatch, person)" in labels


@pytest.mark.parametrize(("high_harm", "volume"), [("All", "ASB"), ("All", "Anti-Social Behaviour"),
                                                   ("ALL", "Anti-social behaviour")])
def test_priorities_with_the_mandatory_columns_spelt_otherwise(tmp_path, high_harm, volume):
    """"All" in title case, and anti-social behaviour spelt out (it wraps in its cell)."""
    make_priorities(tmp_path / "priorities.pdf", high_harm, volume)
    rows = _normalised(tmp_path / "priorities.pdf")["borough_priorities"]
    assert len({r["gss_code"] for r in rows}) == 32 and len(rows) == 32 * 8 + 2
    volume_rows = [r for r in rows if r["priority_kind"] == "mandatory_volume"]
    assert {(r["crime_type_id"], r["label_raw"]) for r in volume_rows} == {("anti_social_behaviour", volume)}
    harm = [r for r in rows if r["priority_kind"] == "mandatory_high_harm"]
    assert len(harm) == 32 * 5 and {r["label_raw"] for r in harm} == {high_harm}
