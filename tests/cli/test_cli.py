"""The command line as a script would use it: arguments in, text or JSON out, exit status."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "corpus" / "articles"
MOSCOW = "002_88f331eb946bdea1"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    status, out, err = run(capsys, *argv, "--json")
    assert status == 0, err
    return json.loads(out)


def body_of(capsys: pytest.CaptureFixture[str], doc_id: str) -> str:
    [doc] = run_json(capsys, "clean", str(next(ARTICLES.glob(f"{doc_id}*"))))
    return doc["body_text"]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith("corpus-reader ")


def test_clean_applies_the_manifest_and_drops_debris(capsys: pytest.CaptureFixture[str]) -> None:
    [doc] = run_json(capsys, "clean", str(ARTICLES / f"{MOSCOW}.txt"))
    assert doc["title"] == "Putin tones down rhetoric with Abe but treaty progress unclear"
    assert doc["published"] == "2019-01-22"
    assert doc["published_source"] == "manifest"
    assert doc["publisher"] == "Nikkei Asian Review"
    assert doc["dateline"] == "MOSCOW"
    assert "Sponsored Content" not in doc["body_text"]
    assert "{{" not in doc["body_text"]
    assert any("Sponsored" in block["text"] for block in doc["removed"])


def test_clean_text_prints_only_the_body(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "clean", str(ARTICLES / f"{MOSCOW}.txt"), "--text")
    assert status == 0
    assert out.startswith("Japanese Prime Minister Shinzo Abe and Russian President")
    assert "Sketch" not in out and "Sponsored" not in out


def test_bad_files_get_one_line_each_and_the_rest_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text(
        "Ministers meet in Tallinn\n\n"
        "TALLINN -- Estonian Foreign Minister Kaja Vesi met her Latvian counterpart on Monday "
        "to discuss a new rail link across the Baltic states.\n\n"
        "The two ministers agreed to publish a joint timetable for the project by the spring.\n",
        encoding="utf-8",
    )
    status, out, err = run(capsys, "clean", str(binary), str(empty), str(good), "--json")
    assert status == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert "photo.html" in lines[0] and "empty.txt" in lines[1]
    assert "Traceback" not in err
    [doc] = json.loads(out)
    assert doc["id"] == "good"
    assert "Kaja Vesi" in doc["body_text"]


def test_index_is_incremental(capsys: pytest.CaptureFixture[str]) -> None:
    first = run_json(capsys, "index")
    assert first["added"] == 5 and first["failures"] == []
    again = run_json(capsys, "index")
    assert again["added"] == 0 and again["updated"] == 0 and again["unchanged"] == 5


def test_search_returns_ranked_hits_located_in_the_body(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "search", "Lavrov AND Munich")
    assert [hit["id"] for hit in result["hits"]] == [MOSCOW]
    hit = result["hits"][0]
    body = body_of(capsys, MOSCOW)
    words = {body[start:end] for start, end in hit["matches"]}
    assert words == {"Lavrov", "Munich"}
    assert "Munich" in hit["snippet"] or "Lavrov" in hit["snippet"]
    assert set(hit) >= {"id", "title", "published", "score", "snippet", "matches"}


def test_search_by_date_range(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "search", "Putin AND published:[2019-01-01 TO 2019-12-31]")
    ids = sorted(hit["id"] for hit in result["hits"])
    assert ids == ["000_5f0500b3071f7868", MOSCOW, "003_f58378006adc5005"]


def test_malformed_query_is_one_line_and_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = run(capsys, "search", '"unclosed phrase')
    assert status == 2
    assert len(err.strip().splitlines()) == 1
    assert "quote" in err.lower()


def test_import_folder_of_mixed_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "helsinki.html").write_text(
        "<html><head><meta charset='utf-8'><title>Nordic talks | Example Post</title>"
        '<meta property="article:published_time" content="2023-04-12T09:00:00Z"></head>'
        "<body><article><h1>Nordic ministers agree on Arctic research station</h1>"
        "<p>HELSINKI — Finnish Foreign Minister Aino Korpela and her Norwegian counterpart "
        "agreed on Wednesday to build a joint Arctic research station near Tromsø.</p>"
        "<p>The station, due to open in 2026, will study sea ice and the migration of fish "
        "stocks in the Barents Sea, the ministers said in a joint statement.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    status, _out, err = run(capsys, "import", str(folder))
    assert status == 1
    assert "broken.txt" in err and "Traceback" not in err
    result = run_json(capsys, "search", "Tromsø OR Korpela")
    assert [hit["id"] for hit in result["hits"]] == ["helsinki"]
    # The bundled articles are all still there.
    assert run_json(capsys, "search", "Putin")["total"] == 5


def test_entities_of_an_article(capsys: pytest.CaptureFixture[str]) -> None:
    entities = run_json(capsys, "entities", MOSCOW)
    by_name = {e["name"]: e for e in entities}
    lavrov = by_name["Sergey Lavrov"]
    assert lavrov["type"] == "person"
    body = body_of(capsys, MOSCOW)
    for mention in lavrov["mentions"]:
        assert body[mention["start"] : mention["end"]] == mention["text"]


def test_timeline_lists_the_reported_meetings(capsys: pytest.CaptureFixture[str]) -> None:
    events = run_json(capsys, "timeline")
    reported = {(e["date"], e["place"]) for e in events if e["kind"] == "reported"}
    assert reported == {
        ("2016-11-19", "Lima"),
        ("2018-12-01", "Buenos Aires"),
        ("2019-01-22", "Moscow"),
        ("2019-06-29", "Osaka"),
    }
    dates = [e["date"] for e in events if e["date"]]
    assert dates == sorted(dates)
    for event in events:
        assert event["level"] in ("leaders", "ministers", "officials")
        assert event["participants"] and len(event["participant_names"]) == len(
            event["participants"]
        )


def test_timeline_lines_say_who_met(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "timeline")
    assert status == 0
    lines = out.splitlines()
    assert any(
        line.startswith("2019-01-14") and "(ministers: Taro Kono, Sergey Lavrov)" in line
        for line in lines
    ), lines
    assert any(
        line.startswith("2019-06-29") and "(leaders: Shinzo Abe, Vladimir Putin)" in line
        for line in lines
    ), lines


def test_annotate_list_and_export(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    quote = "it is very difficult to count on any progress"
    status, _, err = run(
        capsys,
        "annotate",
        MOSCOW,
        "--quote",
        quote,
        "--note",
        "=1+1 Lavrov's caveat",
        "--tag",
        "sovereignty",
    )
    assert status == 0, err
    [annotation] = run_json(capsys, "annotations")
    body = body_of(capsys, MOSCOW)
    assert body[annotation["start"] : annotation["end"]] == quote

    out = tmp_path / "excerpts.csv"
    status, _, err = run(capsys, "export", "--format", "csv", "--out", str(out))
    assert status == 0, err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["quote"] == quote
    assert rows[0]["note"].startswith("'=")  # cannot run as a formula
    assert rows[0]["title"].startswith("Putin tones down rhetoric")

    status, text, _ = run(capsys, "export", "--format", "markdown", "--tag", "sovereignty")
    assert status == 0
    assert f"> {quote}" in text.replace("\\", "")


def test_ambiguous_quote_says_how_many(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "annotate", MOSCOW, "--quote", "Putin")
    assert status == 1
    assert "matches" in err and "places" in err
    assert len(err.strip().splitlines()) == 1


def test_unknown_article_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "entities", "no-such-article")
    assert status == 1
    assert "no-such-article" in err


def test_no_traceback_reaches_the_user(tmp_path: Path) -> None:
    env = dict(os.environ, CORPUS_READER_HOME=str(tmp_path / "home"))
    proc = subprocess.run(
        [sys.executable, "-m", "reader.cli", "search", "(Lavrov AND"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("corpus-reader: ")


def test_progress_for_programs_is_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "index", "--json", "--progress-json")
    assert status == 0
    steps = [json.loads(line) for line in err.splitlines()]
    assert steps and all(set(step) == {"done", "total", "message"} for step in steps)
    assert steps[-1]["done"] == steps[-1]["total"] == 5
    assert json.loads(out)["added"] == 5


def test_an_internal_error_is_one_line_with_the_log_in_the_data_dir(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core.library import Library

    def broken(self: Library, *args: object, **kwargs: object) -> object:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Library, "timeline", broken)
    home = tmp_path / "elsewhere"
    status, _, err = run(capsys, "timeline", "--data-dir", str(home))
    assert status == 1
    assert err.count("\n") == 1 and "disk on fire" in err
    log = home / "cache" / "crash.log"
    assert str(log) in err
    assert "RuntimeError" in log.read_text(encoding="utf-8")


def test_the_bare_command_line_does_not_open_a_window(capsys: pytest.CaptureFixture[str]) -> None:
    # Only the launcher (reader.app) plugs the window in; reader.cli alone refuses.
    status = main(["gui"])
    assert status == 2
    assert "the window is not part of this entry point" in capsys.readouterr().err
