"""The SQLite and Parquet exports: row counts as the CSVs, keys that hold, full-text search, datasette
serving the database over HTTP, Parquet dtypes as the schema; and frictionless's own SQL export."""
from __future__ import annotations

import csv
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyarrow.parquet as pq
import pytest


ARROW = {"string": "string", "integer": "int64", "number": "double", "boolean": "bool", "date": "date32[day]"}


@pytest.fixture(scope="module")
def package(built) -> Path:
    """The package built from raw/ once for this folder's tests (tests/publish/conftest.py)."""
    return built


def _descriptor(package: Path) -> dict:
    return json.loads((package / "datapackage.json").read_text(encoding="utf-8"))


def _resource(dp: dict, name: str) -> dict:
    return next(r for r in dp["resources"] if r["name"] == name)


def _csv_rows(package: Path, resource: dict) -> list[dict]:
    with open(package / resource["path"], encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.build
def test_sqlite_has_every_resource_with_the_csvs_rows_and_keys_that_hold(package):
    dp = _descriptor(package)
    conn = sqlite3.connect(package / dp["sqlite"]["path"])
    for r in dp["resources"]:
        assert conn.execute(f'select count(*) from "{r["name"]}"').fetchone()[0] == len(_csv_rows(package, r))
        pk = [row[5] for row in conn.execute(f'pragma table_info("{r["name"]}")') if row[5]]
        assert len(pk) == len(r["schema"]["primaryKey"])
        fks = {(row[3], row[2]) for row in conn.execute(f'pragma foreign_key_list("{r["name"]}")')}
        assert fks == {(fk["fields"][0], fk["reference"]["resource"] or r["name"])
                       for fk in r["schema"].get("foreignKeys", [])}
    assert conn.execute("pragma foreign_key_check").fetchall() == []
    # booleans as 0/1 and integers as integers
    assert conn.execute("select typeof(in_mps), in_mps from boroughs where gss_code='E09000001'").fetchone() == \
        ("integer", 0)
    assert {t for (t,) in conn.execute("select distinct typeof(rank) from borough_priorities")} == \
        {"integer", "null"}
    hits = conn.execute("select count(*) from reported_figures where rowid in (select rowid from "
                        "reported_figures_fts where reported_figures_fts match 'Croydon')").fetchone()[0]
    figures = _csv_rows(package, _resource(dp, "reported_figures"))
    assert hits == sum(1 for row in figures if "croydon" in row["sentence"].lower())
    assert hits > 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.build
def test_datasette_serves_the_database_with_its_metadata(package):
    dp = _descriptor(package)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(package / dp["sqlite"]["path"]),
                             "--metadata", str(package / dp["sqlite"]["datasette_metadata"]["path"]),
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/{dp['name']}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        sql = ("select gss_code, borough, offences_change from borough_performance "
               "where crime_type_id='burglary_residential' order by gss_code")
        url = f"{base}.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array"})
        got = json.loads(urllib.request.urlopen(url, timeout=30).read())
        rows = _csv_rows(package, _resource(dp, "borough_performance"))
        want = sorted(({"gss_code": r["gss_code"], "borough": r["borough"],
                        "offences_change": int(r["offences_change"])} for r in rows
                       if r["crime_type_id"] == "burglary_residential"), key=lambda r: r["gss_code"])
        assert got == want and got
        meta = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/-/metadata.json", timeout=30).read())
        assert meta["license"] == "OGL-UK-3.0" and meta["title"] == dp["title"]
        assert meta["databases"][dp["name"]]["tables"]["boroughs"]["description"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.build
def test_parquet_types_and_descriptions_are_the_schemas(package):
    import pandas as pd

    dp = _descriptor(package)
    for r in dp["resources"]:
        table = pq.read_table(package / r["parquet"]["path"])
        assert [f.name for f in table.schema] == [f["name"] for f in r["schema"]["fields"]]
        for field, spec in zip(table.schema, r["schema"]["fields"]):
            assert str(field.type) == ARROW[spec["type"]], (r["name"], field.name)
            assert field.metadata[b"description"].decode() == spec["description"]
        assert table.num_rows == len(_csv_rows(package, r))
    frame = pd.read_parquet(package / "data" / "borough_priorities.parquet", dtype_backend="numpy_nullable")
    assert str(frame["rank"].dtype) == "Int64" and str(frame["page"].dtype) == "Int64"
    assert frame["period_start"].iloc[0].isoformat() == "2017-04-01"


@pytest.mark.build
def test_frictionless_sql_export_of_the_package_succeeds(package, tmp_path):
    from frictionless import Package

    db = tmp_path / "frictionless.db"
    Package(str(package / "datapackage.json")).publish(f"sqlite:///{db}")
    conn = sqlite3.connect(db)
    want = len(_csv_rows(package, _resource(_descriptor(package), "reported_figures")))
    assert conn.execute("select count(*) from reported_figures").fetchone()[0] == want
