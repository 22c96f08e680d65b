"""Reports survive the trip through JSON, which is how a child process hands them back."""

from __future__ import annotations

import json

from reader.core.model import DocumentError
from reader.core.reports import ImportResult, IngestReport


def test_ingest_report_round_trip_and_summary() -> None:
    report = IngestReport(
        added=2,
        unchanged=5,
        failures=[DocumentError("scan.pdf", "not a text or HTML file")],
        messages=["the search index was damaged and has been rebuilt"],
        rebuilt=True,
    )
    again = IngestReport.from_json(json.loads(json.dumps(report.to_json())))
    assert again.to_json() == report.to_json()
    assert again.summary() == (
        "Index up to date: 2 added; 5 unchanged; 1 file(s) could not be read."
    )
    assert again.changed and not again.ok


def test_import_result_round_trip_with_its_index_update() -> None:
    result = ImportResult(
        imported=["helsinki"],
        failures=[DocumentError("blank.txt", "empty file")],
        ingest=IngestReport(added=1, unchanged=5),
    )
    again = ImportResult.from_json(json.loads(json.dumps(result.to_json())))
    assert again.to_json() == result.to_json()
    assert again.summary() == "Imported 1 document(s); 1 could not be read."
    assert str(again.failures[0]) == "blank.txt: empty file"
