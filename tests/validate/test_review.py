"""Reviewed discrepancies (pipeline/validate/review.py): an unreviewed one's message carries the exact entry that
accepts it, and that entry, pasted into the `accepted:` list, is matched by what the discrepancy is."""
from __future__ import annotations

from dataclasses import replace

import yaml

from pipeline.validate.identities import Discrepancy
from pipeline.validate.review import accepted_entry, review, unreviewed_message

FOUND = Discrepancy("mopac-draft-police-and-crime-plan-2013", "police_and_crime_plan", 6, "officer_allocations",
                    "Total", "borough_total 2015 (sum of rows)", 19285, 19287)


def test_the_message_names_printed_computed_and_row_and_ends_with_the_entry():
    message = unreviewed_message(FOUND)
    assert "\n" not in message
    assert "row 'Total'" in message and "printed 19285, computed 19287" in message
    assert "schemas/accepted_discrepancies.yaml: - {" in message and message.endswith(accepted_entry(FOUND))


def test_the_entry_pasted_into_the_accepted_list_accepts_the_discrepancy_and_nothing_else():
    text = "accepted:\n  - family: x\n    table: y\n    row: z\n    column: c\n    printed: 1\n    computed: 2\n"
    pasted = yaml.safe_load(text + "  " + accepted_entry(FOUND, today="2026-12-08") + "\n")["accepted"]
    assert pasted[-1]["reviewed"] == "2026-12-08" and "page 6" in pasted[-1]["note"]
    errata, unreviewed = review([FOUND], pasted)
    assert unreviewed == [] and [e["row"] for e in errata] == ["Total"]
    other = replace(FOUND, computed=19288)  # another computed value: still unreviewed
    assert review([other], pasted)[1] == [other]


def test_a_non_integer_figure_and_odd_text_round_trip():
    odd = Discrepancy("s", "fam", 2, "borough_performance", "Burglary: \"all\" {x}", "percent, change", -12.5, 3.25)
    (entry,) = yaml.safe_load("accepted:\n  " + accepted_entry(odd) + "\n")["accepted"]
    errata, unreviewed = review([odd], [entry])
    assert unreviewed == [] and errata[0]["printed"] == -12.5 and errata[0]["row"] == odd.row
