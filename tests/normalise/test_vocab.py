"""The reviewed vocabularies (vocab/*.yaml) against the published-data contract.

Expected values come from shared/contract.md and shared/reference/facts.md (tests/normalise/_contract.py),
or are read from the source transcriptions and corpus truth files when ../shared is beside the repository.
"""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from pipeline.normalise.canonical import canonical_key, label_as_printed
from pipeline.normalise.labels import borough_to_gss, label_to_crime_types
from pipeline.normalise.tables import Doc, Normalised, priorities
from pipeline.normalise.vocab import load_vocabulary

from ._contract import BOROUGHS, CITY_OF_LONDON, CORPUS, CRIME_TYPES, FIXED_MAPPINGS, HIGH_HARM, REPO, SEEDS, SPELLINGS

VOCAB = REPO / "vocab"
PRIORITIES_FAMILY = REPO / "families" / "local_borough_priorities.yaml"


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


@pytest.fixture(scope="module")
def column_aliases() -> dict[str, dict[str, list[str]]]:
    """The priorities family's column aliases, by priority_kind (e.g. "ALL" in the high-harm column)."""
    merged: dict[str, dict[str, list[str]]] = {}
    for table in _yaml(PRIORITIES_FAMILY)["tables"]:
        for kind, aliases in (table.get("column_aliases") or {}).items():
            merged.setdefault(kind, {}).update(aliases)
    return merged


def _doc(vocab, out: Normalised | None = None) -> Doc:
    return Doc({"file": "test.pdf"}, "test-source", vocab, out or Normalised())


def _ids_in_column(label: str, kind: str, vocab, column_aliases) -> set[str]:
    """Ids of a label printed in a priorities column of `kind`, the way the normaliser reads it."""
    out = Normalised()
    ids = _doc(vocab, out).crime_types("borough_priorities", {"label_raw": label, "page": 1},
                                       column_aliases.get(kind))
    assert bool(ids) != bool(out.quarantine), f"{label!r}: mapped and quarantined, or neither"
    return set(ids)


# --- crime types and the contract's fixed mappings -------------------------------------------------------

def test_crime_type_ids_are_unique():
    ids = [c["crime_type_id"] for c in _yaml(VOCAB / "crime_types.yaml")["crime_types"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("crime_type_id, label", sorted(CRIME_TYPES.items()))
def test_every_fixed_crime_type_id_exists_with_the_contract_label(vocab, crime_type_id, label):
    by_id = {c["crime_type_id"]: c for c in vocab.crime_types}
    assert crime_type_id in by_id, f"{crime_type_id} missing from vocab/crime_types.yaml"
    assert by_id[crime_type_id]["label"] == label


@pytest.mark.parametrize("label, expected", sorted(FIXED_MAPPINGS.items()))
def test_fixed_mapping_as_printed(vocab, label, expected):
    m = label_to_crime_types(label, vocab)
    assert set(m.ids) == expected, f"{label!r} -> {m.ids}, contract says {sorted(expected)}"
    assert len(m.ids) == len(expected), f"{label!r}: the same id twice in {m.ids}"
    assert m.alias and m.rule and not m.candidates


@pytest.mark.parametrize("label", ["Theft (robbery, snatch, person)", "Theft (MV and person)"])
def test_compound_label_gives_one_row_per_id_with_the_full_printed_label(vocab, column_aliases, label):
    out = Normalised()
    rec = {"borough_raw": "LB Hackney", "priority_kind": "local", "rank": 2, "label_raw": label, "page": 3,
           "period_raw": "2017/18"}
    priorities(_doc(vocab, out), [rec], column_aliases)
    rows = out.tables["borough_priorities"]
    assert {r["crime_type_id"] for r in rows} == FIXED_MAPPINGS[label]
    assert len(rows) == 2
    assert all(r["label_raw"] == label and r["gss_code"] == "E09000012" and r["rank"] == 2 for r in rows)
    assert not out.quarantine


def test_the_family_column_alias_ALL_is_the_five_high_harm_ids(column_aliases, vocab):
    assert set(column_aliases["mandatory_high_harm"]["ALL"]) == HIGH_HARM
    assert set(vocab.high_harm_ids) == HIGH_HARM


@pytest.mark.parametrize("printed", ["ALL", "All", "all", " ALL\n", "ALL."])
def test_ALL_in_the_high_harm_column_maps_to_the_five_high_harm_ids(vocab, column_aliases, printed):
    assert _ids_in_column(printed, "mandatory_high_harm", vocab, column_aliases) == HIGH_HARM


def test_ALL_gives_one_row_per_high_harm_id(vocab, column_aliases):
    out = Normalised()
    rec = {"borough_raw": "LB Haringey", "priority_kind": "mandatory_high_harm", "rank": None, "label_raw": "ALL",
           "page": 1, "period_raw": "2017/18"}
    priorities(_doc(vocab, out), [rec], column_aliases)
    rows = out.tables["borough_priorities"]
    assert sorted(r["crime_type_id"] for r in rows) == sorted(HIGH_HARM)
    assert {(r["label_raw"], r["gss_code"], r["period"]) for r in rows} == {("ALL", "E09000014", "2017-18")}


@pytest.mark.parametrize("kind", ["mandatory_volume", "local"])
def test_ALL_means_nothing_outside_the_high_harm_column(vocab, column_aliases, kind):
    assert not label_to_crime_types("ALL", vocab).mapped
    out = Normalised()
    ids = _doc(vocab, out).crime_types("borough_priorities", {"label_raw": "ALL", "page": 2},
                                       column_aliases.get(kind))
    assert ids == ()
    assert [(q["label"], q["page"], q["file"]) for q in out.quarantine] == [("ALL", 2, "test.pdf")]


def test_every_alias_points_to_known_ids():
    known = {c["crime_type_id"] for c in _yaml(VOCAB / "crime_types.yaml")["crime_types"]}
    aliases = _yaml(VOCAB / "crime_type_aliases.yaml")["aliases"]
    assert aliases
    for alias, ids in aliases.items():
        assert isinstance(ids, list) and ids, f"alias {alias!r}: expected a non-empty list of ids"
        assert set(ids) <= known, f"alias {alias!r} -> unknown {set(ids) - known}"
        assert len(ids) == len(set(ids)), f"alias {alias!r} repeats an id"


def test_aliases_sharing_a_canonical_form_agree():
    seen: dict[str, tuple[str, set]] = {}
    for alias, ids in _yaml(VOCAB / "crime_type_aliases.yaml")["aliases"].items():
        key = canonical_key(str(alias))
        if key in seen:
            assert seen[key][1] == set(ids), f"{seen[key][0]!r} and {alias!r}"
        seen[key] = (str(alias), set(ids))


def test_every_alias_maps_to_its_ids(vocab):
    for alias, ids in _yaml(VOCAB / "crime_type_aliases.yaml")["aliases"].items():
        m = label_to_crime_types(str(alias), vocab)
        assert set(m.ids) == set(ids), alias
        assert m.rule == "exact alias"


def test_unknown_label_has_no_ids_and_three_scored_candidates(vocab):
    m = label_to_crime_types("Moped-enabled crime", vocab)
    assert not m.mapped and m.ids == ()
    assert len(m.candidates) == 3
    known = {str(a) for a in vocab.crime_aliases} | {c["label"] for c in vocab.crime_types} | set(CRIME_TYPES)
    for label, score in m.candidates:
        assert label in known
        assert isinstance(score, float) and 0 <= score <= 100


# --- boroughs ----------------------------------------------------------------------------------------------

def test_the_33_boroughs_with_ons_codes_and_names(vocab):
    assert {b["gss_code"]: b["borough"] for b in vocab.boroughs} == BOROUGHS
    assert len(vocab.boroughs) == 33
    assert [f"E090000{n:02d}" for n in range(1, 34)] == sorted(b["gss_code"] for b in vocab.boroughs)


def test_only_the_city_of_london_is_outside_the_mps(vocab):
    outside = {b["gss_code"] for b in vocab.boroughs if b["in_mps"] is False}
    inside = {b["gss_code"] for b in vocab.boroughs if b["in_mps"] is True}
    assert outside == {CITY_OF_LONDON}
    assert len(inside) == 32 and CITY_OF_LONDON not in inside


@pytest.mark.parametrize("gss_code, name", sorted(BOROUGHS.items()))
def test_ons_name_maps_to_its_code(vocab, gss_code, name):
    m = borough_to_gss(name, vocab)
    assert m.ids == (gss_code,)


@pytest.mark.parametrize("prefix", ["LB ", "RB ", "London Borough of ", "Royal Borough of "])
@pytest.mark.parametrize("gss_code, name", sorted(BOROUGHS.items()))
def test_prefixed_borough_name_maps_to_its_code(vocab, gss_code, name, prefix):
    assert borough_to_gss(prefix + name, vocab).ids == (gss_code,)


@pytest.mark.parametrize("spelling, gss_code", sorted(SPELLINGS.items()))
def test_borough_spellings_named_in_the_contract_and_facts(vocab, spelling, gss_code):
    m = borough_to_gss(spelling, vocab)
    assert m.ids == (gss_code,), f"{spelling!r} -> {m.ids} (rule {m.rule}); nearest {m.candidates}"


@pytest.mark.parametrize("area", ["London", "Greater London", "Inner London", "Outer London", "MPS", "Met",
                                  "Metropolitan Police", "Total", "Borough", "Thames", "upon Thames"])
def test_areas_that_are_not_boroughs_are_not_mapped(vocab, area):
    """MPS "London" totals leave out the City of London (facts.md): "London" is not the City's code."""
    m = borough_to_gss(area, vocab)
    assert not m.mapped, f"{area!r} -> {m.ids} via {m.alias!r} ({m.rule})"
    assert m.candidates


# --- every label in the source transcriptions and the corpus truth ------------------------------------------

needs_shared = pytest.mark.skipif(not (SEEDS.is_dir() and CORPUS.is_dir()),
                                  reason="../shared (seeds and corpus) is not beside the repository")


def _read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _truth_files(name: str) -> list[Path]:
    return sorted(CORPUS.glob(f"*/truth/{name}")) + sorted(CORPUS.glob(f"truth/*/{name}"))


def _expected_ids(label: str, kind: str | None, vocab, column_aliases) -> set[str]:
    if kind:
        return _ids_in_column(label, kind, vocab, column_aliases)
    return set(label_to_crime_types(label, vocab).ids)


def _tab_blocks(text: str) -> list[list[list[str]]]:
    """Runs of consecutive lines with tabs (the transcriptions' tables), as rows of cells."""
    blocks, block = [], []
    for line in text.splitlines():
        if "\t" in line:
            block.append(line.split("\t"))
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    return blocks


def _join_wrapped_rows(rows: list[list[str]]) -> list[list[str]]:
    """A row with an empty first cell is part of a wrapped cell: join it into the next row's cells."""
    out, pending = [], None
    for row in rows:
        if not row[0].strip() and any(c.strip() for c in row):
            pending = row
            continue
        if pending:
            row = [label_as_printed(f"{p} {c}") if p.strip() else c for p, c in
                   zip(pending + [""] * (len(row) - len(pending)), row, strict=False)]
            pending = None
        out.append(row)
    return out


@needs_shared
def test_every_truth_label_maps_to_the_truths_ids(vocab, column_aliases):
    """Rows of one printed cell (all columns but crime_type_id alike) carry exactly the ids the label maps to."""
    checked = 0
    for path in _truth_files("*.csv"):
        rows = _read_csv(path)
        if not rows or "label_raw" not in rows[0]:
            continue
        cells: dict[tuple, set[str]] = defaultdict(set)
        for r in rows:
            cells[tuple((k, v) for k, v in r.items() if k != "crime_type_id")].add(r["crime_type_id"])
        for cell, ids in cells.items():
            fields = dict(cell)
            kind = fields.get("priority_kind")
            expected = _expected_ids(fields["label_raw"], kind, vocab, column_aliases)
            assert expected == ids, (f"{path}: {fields['label_raw']!r} ({kind}) -> {sorted(expected)}, "
                                     f"truth {sorted(ids)}")
            checked += 1
    assert checked, "no truth file with a label_raw column"


@needs_shared
def test_truth_codes_are_mps_boroughs_and_known_crime_types(vocab):
    in_mps = {b["gss_code"] for b in vocab.boroughs if b["in_mps"]}
    for path in _truth_files("*.csv"):
        for r in _read_csv(path):
            if r.get("gss_code"):
                assert r["gss_code"] in in_mps, f"{path}: {r}"
            if r.get("crime_type_id"):
                assert r["crime_type_id"] in vocab.crime_type_ids, f"{path}: {r}"


def _seed_truth(name: str) -> list[dict]:
    path = CORPUS / "truth" / "seed" / name
    if not path.exists():
        pytest.skip(f"{path} is missing")
    return _read_csv(path)


@needs_shared
def test_every_label_and_borough_of_the_seed_priorities_tables(vocab, column_aliases):
    """Each row of a transcribed priorities table: its borough's code has, in the seed truth, exactly the ids
    each printed label maps to, in the column it stood in."""
    truth = defaultdict(set)
    for r in _seed_truth("borough_priorities.csv"):
        truth[(r["gss_code"], r["priority_kind"], r["rank"], r["label_raw"])].add(r["crime_type_id"])
    checked = 0
    for seed in sorted(SEEDS.glob("*.txt")):
        for block in _tab_blocks(seed.read_text(encoding="utf-8")):
            header = [c.lower() for c in block[0]]
            if not (header[0].startswith("borough") and any("high-harm" in c for c in header)):
                continue
            for row in _join_wrapped_rows(block[1:]):
                borough = borough_to_gss(row[0], vocab)
                assert borough.mapped, f"{seed.name}: borough {row[0]!r}; nearest {borough.candidates}"
                gss = borough.ids[0]
                cells = [("mandatory_high_harm", ""), ("mandatory_volume", ""), ("local", "1"), ("local", "2")]
                for (kind, rank), text in zip(cells, row[1:], strict=False):
                    label = label_as_printed(text)
                    ids = _expected_ids(label, kind, vocab, column_aliases)
                    assert ids, f"{seed.name}: {row[0]!r}: {label!r} not mapped"
                    assert truth.get((gss, kind, rank, label)) == ids, (
                        f"{seed.name}: {row[0]!r} -> {gss}: {label!r} ({kind} {rank}) -> {sorted(ids)}, "
                        f"truth {sorted(truth.get((gss, kind, rank, label), []))}")
                    checked += 1
    assert checked >= 4 * 32


@needs_shared
def test_every_borough_of_the_seed_officers_table(vocab):
    """Each borough row of a transcribed officers table maps to the code whose truth rows hold its numbers."""
    truth = defaultdict(set)
    for r in _seed_truth("officer_allocations.csv"):
        truth[r["gss_code"]].add(int(r["officers"]))
    codes = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        for block in _tab_blocks(seed.read_text(encoding="utf-8")):
            for row in block:
                numbers = [c.replace(",", "") for c in row[1:] if c.strip()]
                if not row[0].strip() or not numbers or not all(n.isdigit() for n in numbers) \
                        or row[0].strip().lower() == "total":
                    continue
                m = borough_to_gss(row[0], vocab)
                assert m.mapped, f"{seed.name}: borough {row[0]!r}; nearest {m.candidates}"
                assert truth[m.ids[0]] and truth[m.ids[0]] <= {int(n) for n in numbers}, (
                    f"{seed.name}: {row[0]!r} -> {m.ids[0]}, whose truth numbers {sorted(truth[m.ids[0]])} "
                    f"are not in the row {numbers}")
                codes.add(m.ids[0])
    assert codes == set(truth)


@needs_shared
def test_every_label_of_the_seed_performance_tables(vocab):
    """Each label of a transcribed "How did X perform" table maps to the id of the truth row with its figures."""
    truth = defaultdict(set)
    for r in _seed_truth("borough_performance.csv"):
        truth[(abs(int(r["offences_change"])), abs(float(r["percent_change"])))].add(r["crime_type_id"])
    checked = 0
    for seed in sorted(SEEDS.glob("*.txt")):
        for block in _tab_blocks(seed.read_text(encoding="utf-8")):
            for row in block:
                figures = re.search(r"(\d+) offences or \D?(\d+(?:\.\d+)?)%", " ".join(row[1:]))
                if not figures:
                    continue
                m = label_to_crime_types(row[0], vocab)
                assert m.mapped, f"{seed.name}: {row[0]!r} not mapped; nearest {m.candidates}"
                key = (int(figures.group(1)), float(figures.group(2)))
                assert set(m.ids) <= truth[key] and len(m.ids) == 1, (
                    f"{seed.name}: {row[0]!r} -> {m.ids}; truth rows with {key}: {sorted(truth[key])}")
                checked += 1
    assert checked >= 7
