"""`python -m pipeline labels`, and an unknown label end to end: quarantined with file, page and candidates,
the build fails and publishes nothing, `labels --unmapped` lists it, and `--allow-quarantined` publishes
without it (contract: "A label that matches nothing is never guessed into a category silently")."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.errors import Exit
from pipeline.normalise.labels import label_to_crime_types

REPO = Path(__file__).resolve().parents[1]
UNKNOWN = "Moped-enabled crime"
PDF_NAME = "local_borough_priorities_2019-20_synthetic.pdf"
HIGH_HARM = {"sexual_violence", "domestic_abuse", "child_sexual_exploitation", "weapon_based_crime", "hate_crime"}
# the 32 MPS boroughs (ONS names, shared/reference/facts.md), in GSS code order E09000002..E09000033
MPS_BOROUGHS = [
    "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "Croydon", "Ealing", "Enfield",
    "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow", "Havering", "Hillingdon", "Hounslow",
    "Islington", "Kensington and Chelsea", "Kingston upon Thames", "Lambeth", "Lewisham", "Merton", "Newham",
    "Redbridge", "Richmond upon Thames", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest", "Wandsworth",
    "Westminster"]
# local priorities printed as in the contract's fixed mappings
LOCAL = ["Burglary", "Robbery", "Non Domestic VWI", "Theft from motor vehicles", "Common Assault", "MV Theft"]
UNKNOWN_BOROUGH = "Lambeth"
ROWS_ON_PAGE_1 = 20


def run(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout)


def make_priorities_pdf(path: Path) -> int:
    """A Local Borough Priorities table like the real one (fpdf2, landscape, horizontal rules, the header
    repeated on page 2); one local priority is the unknown label. Returns the page it is printed on."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    widths = [55, 50, 45, 120]
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(False)

    def header() -> None:
        pdf.set_font("Helvetica", "B", 9)
        for w, text in zip(widths, ["Borough", "Mandatory high-harm crimes*", "Mandatory Volume Crime",
                                    "Local Priorities"], strict=True):  # "Local Priorities" spans the last two columns
            pdf.cell(w, 8, text, border="B")
        pdf.ln(8)
        pdf.set_font("Helvetica", "", 9)

    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "LOCAL BOROUGH PRIORITIES 2019/20", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, "Synthetic test document, not an official publication. Each borough has selected two "
                         "local priorities, along with anti-social behaviour and the mandatory high-harm crimes.",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    header()
    unknown_page = 0
    for n, borough in enumerate(MPS_BOROUGHS):
        if n == ROWS_ON_PAGE_1:
            pdf.add_page()
            header()
        second = UNKNOWN if borough == UNKNOWN_BOROUGH else LOCAL[(n + 1) % len(LOCAL)]
        if borough == UNKNOWN_BOROUGH:
            unknown_page = pdf.page_no()
        for w, text in zip(widths[:3] + [60, 60], [borough, "ALL", "ASB", LOCAL[n % len(LOCAL)], second],
                           strict=True):
            pdf.cell(w, 7, text, border="B")
        pdf.ln(7)
    pdf.ln(3)
    pdf.set_font("Helvetica", "", 8)
    pdf.cell(0, 5, "* Mandatory high-harm crimes: sexual violence, domestic abuse, child sexual exploitation, "
                   "weapon-based crime and hate crime.")
    pdf.output(str(path))
    return unknown_page


# --- labels LABEL ---------------------------------------------------------------------------------------------

@pytest.mark.cli
def test_labels_prints_ids_alias_and_rule():
    r = run("labels", "MV Theft")
    assert r.returncode == 0, r.stderr
    line = next(line for line in r.stdout.splitlines() if line.startswith("crime type"))
    assert "theft_of_motor_vehicle" in line
    assert "'MV Theft'" in line and "exact alias" in line


@pytest.mark.cli
def test_labels_explains_a_variant_by_its_canonical_form():
    r = run("labels", "theft  (MV &\nperson)")
    assert r.returncode == 0, r.stderr
    line = next(line for line in r.stdout.splitlines() if line.startswith("crime type"))
    assert "theft_of_motor_vehicle" in line and "theft_from_person" in line
    assert "'Theft (MV and person)'" in line and "canonical form" in line
    assert "'theft mv and person'" in r.stdout


@pytest.mark.cli
def test_labels_unknown_label_is_not_mapped_and_shows_the_nearest_candidates():
    r = run("labels", UNKNOWN)
    assert r.returncode == Exit.VALIDATION_FAILED, r.stderr  # 1: nothing maps, so a script can test it
    line = next(line for line in r.stdout.splitlines() if line.startswith("crime type"))
    assert "not mapped" in line
    candidates = label_to_crime_types(UNKNOWN).candidates
    assert len(candidates) == 3
    for label, _ in candidates:
        assert repr(label) in line
    assert not any(f"-> {cid}" in line for cid in HIGH_HARM | {"anti_social_behaviour"})


@pytest.mark.cli
def test_labels_a_borough_spelling():
    r = run("labels", "LB Richmond-upon- Thames")
    assert r.returncode == 0, r.stderr
    assert "E09000027" in next(line for line in r.stdout.splitlines() if line.startswith("borough"))


@pytest.mark.cli
def test_labels_without_a_label_is_a_usage_error():
    r = run("labels")
    assert r.returncode == Exit.USAGE
    assert "--unmapped" in r.stderr


@pytest.mark.cli
def test_labels_unmapped_without_a_build(tmp_path):
    r = run("labels", "--unmapped", "--work", tmp_path / "work")
    assert r.returncode == 0, r.stderr
    assert "no quarantined labels" in r.stdout


# --- an unknown label end to end (two builds) -------------------------------------------------------------------

@pytest.fixture(scope="module")
def quarantined(tmp_path_factory) -> dict:
    """A build over one priorities PDF with an unknown label (fails), then `labels --unmapped`."""
    root = tmp_path_factory.mktemp("quarantine")
    raw, out, work = root / "raw", root / "out", root / "work"
    raw.mkdir()
    page = make_priorities_pdf(raw / PDF_NAME)
    r = run("build", "--raw", raw, "--out", out, "--work", work, "--no-cache")
    unmapped = run("labels", "--unmapped", "--work", work)
    return {"root": root, "raw": raw, "out": out, "work": work, "page": page, "build": r, "unmapped": unmapped}


def _unknown_label_line(text: str, quarantined: dict) -> str:
    lines = [line for line in text.splitlines() if repr(UNKNOWN) in line]
    assert len(lines) == 1, text
    line = lines[0]
    assert PDF_NAME in line
    assert f"page {quarantined['page']}" in line
    for label, _ in label_to_crime_types(UNKNOWN).candidates:
        assert repr(label) in line, f"candidate {label!r} not in {line!r}"
    return line


@pytest.mark.cli
@pytest.mark.build
def test_unknown_label_fails_the_build_and_names_file_page_label_and_candidates(quarantined):
    assert quarantined["page"] == 2
    r = quarantined["build"]
    assert r.returncode == Exit.QUARANTINED_LABELS, r.stderr
    assert "Traceback" not in r.stderr
    _unknown_label_line(r.stderr, quarantined)
    # only the unknown label is quarantined: ALL, ASB, the fixed-mapping labels and the ONS names all map
    assert sum("unknown" in line for line in r.stderr.splitlines()) == 1, r.stderr


@pytest.mark.cli
@pytest.mark.build
def test_failed_build_publishes_nothing(quarantined):
    assert not quarantined["out"].exists()


@pytest.mark.cli
@pytest.mark.build
def test_labels_unmapped_lists_the_quarantined_label(quarantined):
    r = quarantined["unmapped"]
    assert r.returncode == 0, r.stderr
    _unknown_label_line(r.stdout, quarantined)


@pytest.fixture(scope="module")
def allowed(quarantined) -> dict:
    """The same input with --allow-quarantined: published without the quarantined row."""
    out = quarantined["root"] / "out_allowed"
    start = time.monotonic()
    r = run("build", "--raw", quarantined["raw"], "--out", out, "--work", quarantined["root"] / "work_allowed",
            "--no-cache", "--allow-quarantined")
    return {"out": out, "build": r, "seconds": time.monotonic() - start}


@pytest.mark.cli
@pytest.mark.build
def test_allow_quarantined_publishes_and_says_so_with_exit_4(allowed, quarantined):
    r = allowed["build"]
    # pipeline/build.py: published, but without quarantined rows -> Exit.QUARANTINED_LABELS (4)
    assert r.returncode == Exit.QUARANTINED_LABELS, r.stderr
    assert (allowed["out"] / "datapackage.json").exists(), r.stderr
    assert "quarantined" in r.stderr
    _unknown_label_line(r.stderr, quarantined)


@pytest.mark.cli
@pytest.mark.build
def test_quarantined_label_is_in_the_build_report_and_the_codebook(allowed, quarantined):
    out = allowed["out"]
    if not (out / "datapackage.json").exists():
        pytest.fail(f"nothing published: {allowed['build'].stderr}")
    report = json.loads((out / "reports" / "build.json").read_text(encoding="utf-8"))
    entries = [q for q in report["quarantine"] if q["label"] == UNKNOWN]
    assert len(entries) == 1 and len(report["quarantine"]) == 1
    q = entries[0]
    assert q["file"] == PDF_NAME and q["page"] == quarantined["page"]
    assert [c["label"] for c in q["candidates"]] == [c for c, _ in label_to_crime_types(UNKNOWN).candidates]
    assert UNKNOWN in (out / "README.md").read_text(encoding="utf-8")


@pytest.mark.cli
@pytest.mark.build
def test_quarantined_label_is_never_in_the_data(allowed):
    out = allowed["out"]
    if not (out / "datapackage.json").exists():
        pytest.fail(f"nothing published: {allowed['build'].stderr}")
    data = sorted((out / "data").glob("*.csv")) + sorted((out / "data").glob("*.json"))
    assert data
    for path in data:
        assert "moped" not in path.read_text(encoding="utf-8").lower(), path.name
    with open(out / "data" / "borough_priorities.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    # 32 boroughs x (5 high-harm from ALL + ASB + 2 local), less the quarantined one
    assert len(rows) == 32 * 8 - 1
    assert {r["period"] for r in rows} == {"2019-20"}
    assert len({r["gss_code"] for r in rows}) == 32
    lambeth = [r for r in rows if r["gss_code"] == "E09000022"]
    assert {r["crime_type_id"] for r in lambeth if r["priority_kind"] == "mandatory_high_harm"} == HIGH_HARM
    assert [r["rank"] for r in lambeth if r["priority_kind"] == "local"] == ["1"]
