"""A process that writes annotations until it is told to stop or is killed.

Run by the crash and concurrency tests in ``test_annotations.py``:

    python annotation_writer.py DB loop COUNT LABEL
        add COUNT annotations (0 = forever), printing ``committed <id>`` after
        each commit returns, so the parent knows exactly what must survive.
    python annotation_writer.py DB hold LABEL
        commit one annotation, then open a write transaction, insert a row,
        print ``holding <id>`` and sleep inside it until killed.
"""

from __future__ import annotations

import sqlite3
import sys
import time
import uuid

from reader.core.annotations.store import AnnotationStore
from reader.core.model import Document

# Long paragraphs make each transaction span several database pages, so a kill
# can land in the middle of writing one.
WRITER_DOC = Document(
    id="test_harbour_city_summit",
    title="Leaders meet in a harbour city",
    publisher="The Test Gazette",
    published="2020-02-02",
    paragraphs=[f"Paragraph {i}: " + "the delegations talked at length. " * 40 for i in range(8)],
)


def _loop(store: AnnotationStore, count: int, label: str) -> None:
    i = 0
    while count == 0 or i < count:
        para = WRITER_DOC.paragraph_spans()[i % len(WRITER_DOC.paragraphs)]
        ann = store.add(
            WRITER_DOC,
            start=para[0],
            end=para[0] + 40 + i % 50,
            note=f"{label} note {i} " + "x" * 3000,
            tags=[label, f"batch-{i % 5}"],
            color="#ffeb3b",
        )
        print(f"committed {ann.id}", flush=True)
        i += 1


def _hold(store: AnnotationStore, db_path: str, label: str) -> None:
    committed = store.add(WRITER_DOC, start=0, end=20, note=f"{label} committed")
    print(f"committed {committed.id}", flush=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    pending = str(uuid.uuid4())
    conn.execute(
        'INSERT INTO annotations (id, doc_id, quote, start, "end", text_hash, created, modified)'
        " VALUES (?, ?, ?, 0, 5, '', '', '')",
        (pending, WRITER_DOC.id, "x" * 200_000),
    )
    print(f"holding {pending}", flush=True)
    while True:
        time.sleep(1)


def main(argv: list[str]) -> int:
    db_path, mode = argv[1], argv[2]
    with AnnotationStore(db_path) as store:
        if mode == "loop":
            _loop(store, int(argv[3]), argv[4])
        elif mode == "hold":
            _hold(store, db_path, argv[3])
        else:
            print(f"unknown mode {mode}", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
