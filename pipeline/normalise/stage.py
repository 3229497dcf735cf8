"""Normalise stage: printed records of every document -> typed tables with code lists and a quarantine."""
from __future__ import annotations

from pathlib import Path

from pipeline.interim import fresh_folder
from pipeline.coverage import coverage_report
from pipeline.errors import BadInput
from pipeline.extract.families import load_families
from pipeline.jsonio import read_json, write_json
from pipeline.normalise import tables as t
from pipeline.normalise.document_scope import document_scope
from pipeline.normalise.figures import measures_code_list
from pipeline.normalise.vocab import Vocabulary, load_vocabulary

CODE_LIST_FIELDS = ("mps_major", "mps_minor", "police_uk", "high_harm", "note")
SOURCE_FIELDS = ("title", "publisher", "published", "url", "related_url", "licence", "facsimile", "note")


def code_lists(vocab: Vocabulary) -> dict[str, list[dict]]:
    """The boroughs and crime_types code lists from the vocabularies."""
    crime_types = [{"crime_type_id": c["crime_type_id"], "label": c["label"],
                    **{f: c.get(f, False if f == "high_harm" else None) for f in CODE_LIST_FIELDS}}
                   for c in vocab.crime_types]
    boroughs = [{"gss_code": b["gss_code"], "borough": b["borough"], "in_mps": bool(b.get("in_mps", True))}
                for b in vocab.boroughs]
    return {"boroughs": boroughs, "crime_types": crime_types, "measures": measures_code_list()}


def source_row(doc: dict) -> dict:
    """The `sources` row of one document: manifest metadata over what the PDF itself says."""
    meta = doc.get("manifest") or {}
    row = {"source_id": doc["source_id"], "title": meta.get("title") or doc.get("title") or doc["file"],
           "file": doc["file"], "sha256": doc["sha256"], "bytes": doc["bytes"], "pages": doc["pages"],
           "family": doc["family"]}
    for f in SOURCE_FIELDS[1:]:
        value = meta.get(f)
        row[f] = str(value) if value is not None and f not in ("facsimile",) else value
    row["licence"] = row["licence"] or "OGL-UK-3.0"
    row["facsimile"] = str(row["facsimile"]).strip().lower() in ("true", "yes", "1")
    return row


def _normalise_document(doc: dict, d: t.Doc, family, vocab: Vocabulary) -> None:
    rec = doc["records"]
    aliases: dict = {}
    for table in family.tables:
        aliases.update(table.get("column_aliases") or {})
    t.priorities(d, rec.get("borough_priorities", []), aliases)
    t.officers(d, rec.get("officer_allocations", []), rec.get("officer_changes", []), vocab.teams)
    t.performance(d, rec.get("borough_performance", []))
    t.targets(d, rec.get("borough_targets", []))
    t.figures(d, rec.get("reported_figures", []))
    scope = document_scope(doc, family.spec, vocab)
    for row in d.out.tables.get("reported_figures", []):
        row.update(scope)


def normalise_documents(docs: list[dict], vocab: Vocabulary | None = None) -> t.Normalised:
    """Typed rows of every table from the extracted documents."""
    vocab = vocab or load_vocabulary()
    families = {f.name: f for f in load_families()}
    out = t.Normalised()
    for doc in docs:
        part = t.Normalised()
        try:
            _normalise_document(doc, t.Doc(doc, doc["source_id"], vocab, part), families[doc["family"]], vocab)
        except ValueError as e:  # a printed value that is not what its column says (e.g. "12a" officers)
            out.errors.append(BadInput(doc["file"], f"cannot normalise: {e}", "check the PDF's table",
                                       "unnormalisable").as_dict())
            continue
        part.add("sources", source_row(doc))
        out.merge(part)
    out.tables.update(code_lists(vocab))
    return out


def run_normalise(extracted_dir: Path, out_dir: Path) -> t.Normalised:
    """build/extracted/ -> build/normalised/tables.json (tables, checks, quarantine, skipped files)."""
    index = read_json(extracted_dir / "index.json")
    docs = [read_json(extracted_dir / (d.get("path") or f"{d['source_id']}.json")) for d in index["documents"]]
    result = normalise_documents(docs)
    fresh_folder(out_dir)
    write_json(out_dir / "tables.json", {"tables": result.tables, "checks": result.checks,
                                         "quarantine": result.quarantine,
                                         "skipped": index["skipped"] + result.errors,
                                         "coverage": coverage_report(docs)})
    return result
