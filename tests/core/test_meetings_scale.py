"""Meeting extraction stays linear in article length: long articles finish, they never hang.

Each shape runs in a subprocess under a generous timeout, so a quadratic
regression fails the test instead of hanging the suite; how long it takes is
``tests/perf/bench_meetings.py``'s to measure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from reader.core.analysis.meetings.extract import MAX_MEETING_SENTENCES
from tests.conftest import PROJECT_ROOT

# Well over the few seconds each shape takes; a quadratic step needs minutes.
TIMEOUT_S = 120

_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from reader.core.analysis.pipeline import analyze
    from reader.core.model import Document

    n = 20_000
    shapes = {
        "unnamed": [
            "The negotiators met again in Moscow to discuss the peace treaty, aides said."
        ] * n,
        "named": [
            "Negotiators Ilse Varga and Tomas Orban met again in Moscow to discuss the peace "
            "treaty, aides said."
        ] * n,
        "dated": [
            f"Ilse Varga and Tomas Orban met in Moscow on Jan. {i % 28 + 1} for their "
            f"{i % 90 + 2}th meeting, a week after talks in Oslo."
            for i in range(n)
        ],
        "one_line": [" ".join(["Ilse Varga and Tomas Orban met in Moscow on Monday and"] * n)],
    }
    out = {}
    for name, paragraphs in shapes.items():
        doc = Document(id=name, paragraphs=paragraphs, published="2019-01-22")
        a = analyze(doc)
        out[name] = {"chars": len(doc.body_text), "meetings": len(a["meetings"])}
    print(json.dumps(out))
    """
)


def test_long_articles_are_analysed_in_linear_time() -> None:
    # The name model is off: this measures meeting extraction, and the model's
    # own per-article time budget would end a 20,000-paragraph article first.
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "CORPUS_READER_NER": "off"}
    proc = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        env=env,
        cwd=PROJECT_ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    # Every shape is about a megabyte of text or more and every paragraph speaks of a meeting.
    assert all(r["chars"] > 900_000 for r in result.values()), result
    # Negotiators nobody names are not a meeting of named people, however often they meet.
    assert result["unnamed"]["meetings"] == 0
    # The first MAX_MEETING_SENTENCES sentences with meeting words are read, no more.
    assert result["named"]["meetings"] == MAX_MEETING_SENTENCES
    assert result["dated"]["meetings"] >= MAX_MEETING_SENTENCES
    assert result["one_line"]["meetings"] > 0


_CORPUS_SCRIPT = textwrap.dedent(
    """
    import json, random
    from reader.core.analysis.meetings import build_timeline

    rng = random.Random(2_000)
    analyses = []
    for j in range(2_000):
        year, month, day = rng.randrange(2015, 2025), rng.randrange(1, 13), rng.randrange(1, 29)
        iso = f"{year}-{month:02d}-{day:02d}"
        people = [f"person:envoy-{j}-a", f"person:envoy-{j}-b"]
        place = f"place:town-{j % 300}"
        reported = {"date": iso, "precision": "day", "place": place[6:], "place_key": place,
                    "participants": people, "level": "ministers", "source": "text"}
        analyses.append((f"m{j}-0", {"reported": reported, "meetings": []}))
        for k in range(1, 10):
            by_month = k % 2 == 0
            mention = {
                "date": iso[:7] if by_month else iso,
                "precision": "month" if by_month else "day",
                "place": place[6:] if k % 3 else None,
                "place_key": place if k % 3 else None,
                "kind": "mentioned", "start": 0, "end": 9, "passage": "they met.",
                "match": [0, 4], "participants": people[: 1 + k % 2], "level": "ministers",
            }
            analyses.append((f"m{j}-{k}", {"reported": None, "meetings": [mention]}))
    events = build_timeline(analyses)
    print(json.dumps({
        "articles": len(analyses),
        "events": [[e.date, e.kind, sorted(e.documents)] for e in events],
    }))
    """
)


def test_twenty_thousand_articles_merge_into_their_meetings() -> None:
    """2,000 meetings, each reported by one article and mentioned by nine (by day or by
    month, with or without the place, naming one or both people): the merge finds each
    meeting once with its ten articles, in time that grows with the corpus, not its square."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", _CORPUS_SCRIPT],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        env=env,
        cwd=PROJECT_ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["articles"] == 20_000
    events = result["events"]
    assert len(events) == 2_000
    for date, kind, documents in events:
        j = documents[0].split("-")[0]
        assert kind == "reported" and len(date) == 10
        assert documents == sorted(f"{j}-{k}" for k in range(10))
