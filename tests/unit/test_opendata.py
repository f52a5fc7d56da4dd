"""The open data: JSON valid against its own schema and holding every word, CSV rows, the Atom feed."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from charterkit.load.loader import LoadedCharter, find_charter_files, load_charters
from charterkit.opendata.feed import ATOM_NS, atom_feed, atom_time
from charterkit.opendata.records import (
    CSV_COLUMNS,
    FormatLink,
    charter_record,
    collection_record,
    dumps,
    principles_csv,
)
from charterkit.opendata.schema import opendata_schema
from charterkit.render.pages import RESERVED_IDS

from tests.conftest import REPO, MemoryStore

A = f"{{{ATOM_NS}}}"


@pytest.fixture(scope="module")
def seeds() -> list[LoadedCharter]:
    return load_charters(find_charter_files(REPO / "charters"), base=REPO)


def _records(seeds: list[LoadedCharter]) -> list[dict[str, Any]]:
    return [
        charter_record(
            c,
            page_url=f"https://example.org/charters/{c.slug}/",
            easy_read_url=f"https://example.org/charters/{c.slug}/easy-read/"
            if c.charter.easy_read
            else None,
            formats=[FormatLink("application/pdf", f"https://example.org/pdf/{c.slug}.pdf", "Standard PDF")],
            reserved=RESERVED_IDS,
        )
        for c in seeds
    ]


def test_json_validates_against_its_schema(seeds: list[LoadedCharter]) -> None:
    records = _records(seeds)
    schema = opendata_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    collection = json.loads(dumps(collection_record(records, site_name="Charters")))
    jsonschema.validate(collection, schema)
    charter_schema = {**schema, "$ref": "#/$defs/charter", "required": [], "properties": {}}
    charter_schema.pop("additionalProperties")
    for record in records:
        jsonschema.validate(json.loads(dumps(record)), charter_schema)
    broken = json.loads(dumps(records[0]))
    del broken["credit"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, charter_schema)


def test_json_is_deterministic_with_sorted_keys(seeds: list[LoadedCharter]) -> None:
    first = dumps(collection_record(_records(seeds), site_name="Charters"))
    second = dumps(collection_record(_records(list(seeds)), site_name="Charters"))
    assert first == second
    data = json.loads(first)
    assert list(data) == sorted(data)
    assert list(data["charters"][0]) == sorted(data["charters"][0])


def test_json_holds_every_sentence_and_the_formats(seeds: list[LoadedCharter]) -> None:
    for c, record in zip(seeds, _records(seeds), strict=True):
        text = json.dumps(record, ensure_ascii=False)
        source = c.charter.model_dump_json()
        for sentence in json.loads(source)["sections"][0].get("text", []):
            assert json.dumps(sentence, ensure_ascii=False)[1:-1] in text
        assert record["credit"] == c.charter.credit
        types = [f["type"] for f in record["formats"]]
        assert types[0] == "text/html" and "application/pdf" in types
    glos = next(r for r in _records(seeds) if r["slug"] == "gloucestershire-collaborative-partnership-board")
    principles = [p for s in glos["sections"] for p in s["principles"]]
    trust = next(p for p in principles if "trust" in p["themes"])
    assert trust["url"].endswith("/#trust-and-respect")


def test_csv_has_one_row_per_principle(seeds: list[LoadedCharter]) -> None:
    records = _records(seeds)
    rows = list(csv.reader(io.StringIO(principles_csv(records))))
    assert tuple(rows[0]) == CSV_COLUMNS
    count = 0

    def visit(sections: list[dict[str, Any]]) -> None:
        nonlocal count
        for s in sections:
            count += len(s["principles"])
            visit(s["sections"])

    for r in records:
        visit(r["sections"])
    assert len(rows) - 1 == count > 10
    glos = [row for row in rows if row[0] == "The Collaborative Partnership Board Co-Production Charter"]
    assert glos and all(row[6] for row in glos)


def test_atom_feed_is_well_formed_with_the_required_elements(seeds: list[LoadedCharter]) -> None:
    records = _records(seeds)
    text = atom_feed(
        records,
        title="Charters",
        feed_url="https://example.org/data/charters.atom",
        site_url="https://example.org/",
    )
    feed = ET.fromstring(text.encode("utf-8"))
    assert feed.tag == f"{A}feed"
    for tag in ("id", "title", "updated", "author"):
        assert feed.find(f"{A}{tag}") is not None, tag
    assert feed.find(f"{A}link[@rel='self']") is not None
    entries = feed.findall(f"{A}entry")
    dated = [r for r in records if r["published"]]
    assert len(entries) == len(dated) > 0
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert (entry.findtext(f"{A}{tag}") or "").strip(), tag
        assert entry.find(f"{A}link[@rel='alternate']") is not None
    updated = [e.findtext(f"{A}updated") or "" for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext(f"{A}updated") == updated[0] == max(atom_time(r["published"]) for r in dated)
    assert text == atom_feed(
        records,
        title="Charters",
        feed_url="https://example.org/data/charters.atom",
        site_url="https://example.org/",
    )


def test_atom_time_from_a_partial_date() -> None:
    assert atom_time("2025") == "2025-01-01T00:00:00Z"
    assert atom_time("2025-06") == "2025-06-01T00:00:00Z"
    assert atom_time("2025-06-30") == "2025-06-30T00:00:00Z"


def test_each_charters_record_is_kept_for_the_next_build(monkeypatch: pytest.MonkeyPatch) -> None:
    # The build's cache (here in memory) keeps each record under the charter file's fingerprint: the next
    # build (a new process: nothing in memory) publishes the same files without making any record again.
    from charterkit.load.prepared import load_each
    from charterkit.memo import Memo
    from charterkit.opendata import assemble

    paths = find_charter_files(REPO / "charters")
    charters = [
        c for c in load_each([(p, f"charters/{p.name}") for p in paths]) if isinstance(c, LoadedCharter)
    ]
    store = MemoryStore()
    where = {"site_url": "https://example.org/", "base": "charters", "site_name": "Charters"}
    first = assemble.open_data_files(charters, {}, store=store, **where)

    Memo._memory.clear()
    monkeypatch.setattr(assemble, "charter_record", lambda *a, **k: pytest.fail("a record was made again"))
    again = assemble.open_data_files(charters, {}, store=store, **where)
    assert again == first


def test_the_previews_next_rebuild_publishes_what_a_fresh_build_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each charter's record, JSON and CSV rows are taken from the last rebuild while its file is the same:
    # after one charter changes, the files are those a fresh build of the new charters makes.
    from charterkit.load.prepared import load_each
    from charterkit.memo import Memo
    from charterkit.opendata import assemble

    paths = find_charter_files(REPO / "charters")
    charters = [
        c for c in load_each([(p, f"charters/{p.name}") for p in paths]) if isinstance(c, LoadedCharter)
    ]
    assemble.open_data_files(charters, {}, site_url="", base="charters", site_name="Charters")
    changed = dataclasses.replace(  # as an edited file reads: another fingerprint
        charters[0], charter=charters[0].charter.model_copy(update={"title": "A new title"}), source="edited"
    )
    edited = [changed, *charters[1:]]
    again = assemble.open_data_files(edited, {}, site_url="", base="charters", site_name="Charters")
    monkeypatch.setattr(Memo, "_memory", {})  # a new process: nothing kept
    fresh = assemble.open_data_files(edited, {}, site_url="", base="charters", site_name="Charters")
    assert again == fresh
    assert any("A new title" in f.content for f in again if f.name == "principles.csv")


def test_json_is_written_as_pythons_encoder_writes_it(seeds: list[LoadedCharter]) -> None:
    # orjson writes the published JSON: byte for byte what json.dumps wrote before it.
    records = _records(seeds)
    awkward = {
        "b": ["é", "\u2028", "tab\there", 'quote " back\\slash', "\x01", "🙂"],
        "a": {},
        "c": [],
        "n": 3,
    }
    for data in [*records, collection_record(records, site_name="Charters"), opendata_schema(), awkward]:
        assert dumps(data) == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    # A number orjson cannot write is written by Python's encoder.
    assert dumps({"big": 2**70}) == '{\n  "big": 1180591620717411303424\n}\n'
