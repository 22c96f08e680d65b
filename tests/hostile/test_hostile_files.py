"""Bad files at ``clean`` and ``import``: binary, empty, truncated, mis-encoded, huge, hostile.

Each file is one attack per command. Clean ends mean: a one-line error that
names the file (or a cleaned document), the batch and the corpus intact,
within the time limit. After all of them the corpus still searches.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hostile_kit import LIMIT_SECONDS, Runner, Tally, attack

from reader.core.clean import MAX_BYTES

STORY = (
    "TROMSO -- Norwegian Fisheries Minister Astrid Holm met Icelandic Foreign Minister "
    "Einar Sveinsson in Tromso on Wednesday, 4 October 2023, to discuss cod quotas. "
    "The two ministers agreed to meet again in Reykjavik in the spring."
)
PARAGRAPH = "The delegations talked about the quotas for a long time and agreed on little. "


def html(body: str, head: str = "") -> bytes:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'>{head}<title>Cod talks</title>"
        f"</head><body><article><p>{STORY}</p>{body}</article></body></html>"
    ).encode()


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("story.txt", STORY)
    return buf.getvalue()


def _nested(depth: int) -> bytes:
    return html("<div>" * depth + "<p>deep</p>" + "</div>" * depth)


# name -> bytes (a file's content)
CONTENT: dict[str, Callable[[], bytes]] = {
    # binary
    "photo.png": lambda: b"\x89PNG\r\n\x1a\n" + os.urandom(4000),
    "archive.zip": _zip,
    "report.pdf": lambda: b"%PDF-1.7\n" + os.urandom(3000),
    "store.html": lambda: b"SQLite format 3\x00" + bytes(4000),
    "program.txt": lambda: b"\x7fELF\x02\x01\x01" + os.urandom(3000),
    "random.txt": lambda: os.urandom(8000),
    "nul-laced.txt": lambda: (STORY + "\x00" * 40 + STORY).encode(),
    "binary.txt.gz": lambda: gzip.compress(os.urandom(5000)),
    # empty
    "empty.txt": lambda: b"",
    "spaces.txt": lambda: b" \n\t\n   \r\n" * 100,
    "bom-only.txt": lambda: b"\xef\xbb\xbf",
    "no-text.html": lambda: b"<html><head></head><body><div></div></body></html>",
    "comments.html": lambda: b"<html><!-- " + b"nothing " * 500 + b"--></html>",
    # truncated
    "cut-tag.html": lambda: html("<p>more</p>")[:-60] + b"<p class='x",
    "cut.txt.gz": lambda: gzip.compress((STORY + "\n\n").encode() * 50)[:-30],
    "cut-utf8.txt": lambda: ("Tromsø talks\n\n" + STORY + " Bodø ").encode()[:-2],
    "odd-utf16.txt": lambda: b"\xff\xfe" + ("Talks\n\n" + STORY).encode("utf-16-le") + b"\x00",
    # wrong or unusual encoding
    "latin1-as-utf8.html": lambda: (
        html("<p>Tromsø, Reykjavík, Ísafjörður</p>").decode().encode("latin-1")
    ),
    "cp1252.txt": lambda: ("Talks “quoted” — in Tromsø\n\n" + STORY).encode("cp1252"),
    "shift-jis.txt": lambda: ("漁業交渉\n\n" + "両国の大臣は会談した。" * 20).encode("shift_jis"),
    "utf16-bom.txt": lambda: ("Cod talks\n\n" + STORY).encode("utf-16"),
    "utf16-no-bom.txt": lambda: ("Cod talks\n\n" + STORY).encode("utf-16-le"),
    "utf32.txt": lambda: ("Cod talks\n\n" + STORY).encode("utf-32"),
    "bogus-charset.html": lambda: html("", head="<meta charset='x-no-such-thing'>"),
    "mixed.txt": lambda: ("Cod talks\n\n" + STORY).encode() + "Tromsø".encode("latin-1") * 20,
    # hostile markup
    "scripts.html": lambda: html(
        "<script>alert(1)</script><iframe src='https://evil.example/'></iframe>"
        "<img src='https://tracker.example/p.gif'><object data='x.swf'></object>"
        "<svg onload='alert(2)'></svg><style>@import url(https://evil.example/x.css)</style>",
        head="<meta http-equiv='refresh' content='0;url=https://evil.example'>"
        "<base href='https://evil.example/'>",
    ),
    "deep-nesting.html": lambda: _nested(20_000),
    "many-attributes.html": lambda: html(
        "<p " + " ".join(f"a{i}='{i}'" for i in range(50_000)) + ">x</p>"
    ),
    "unclosed.html": lambda: html("<b><i><u><span>" * 5_000 + "text"),
    "entity-flood.html": lambda: html("<p>" + "&amp;&#x1b;&lt;" * 200_000 + "</p>"),
    "one-long-word.txt": lambda: b"Talks\n\n" + b"x" * 5_000_000,
    "billion-laughs.html": lambda: (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{"&lol{};".format(i - 1 if i > 1 else "") * 10}">'.encode()
            for i in range(1, 10)
        )
        + b"]><html><body><p>&lol9;</p>"
        + STORY.encode()
        + b"</body></html>"
    ),
    "unclosed-comment.html": lambda: html("<!-- never closed " + "x " * 50_000),
    "cdata.html": lambda: html("<![CDATA[<script>alert(1)</script>]]>"),
    "escape-title.html": lambda: html("", head="<title>\x1b]0;owned\x07\x1b[2J</title>"),
    "bidi.txt": lambda: ("Cod \u202etalks\u202c\n\n" + STORY).encode(),
    "gzip-bomb.txt.gz": lambda: gzip.compress(b"a" * (MAX_BYTES + 1024), 9),
    "oversized.txt": lambda: b"",  # made sparse, just over the limit, in the fixture
    "plain-story.txt": lambda: ("Cod talks in Tromso\n\n" + STORY + "\n\n" + PARAGRAPH).encode(),
}

NAMED = {
    "new\nline.txt": lambda: ("Cod talks\n\n" + STORY).encode(),
    "esc\x1b[31mred.txt": lambda: ("Cod talks\n\n" + STORY).encode(),
}


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    folder = tmp_path_factory.mktemp("bad")
    paths: dict[str, Path] = {}
    for name, make in {**CONTENT, **NAMED}.items():
        path = folder / name
        path.write_bytes(make())
        paths[name] = path
    with paths["oversized.txt"].open("r+b") as f:
        f.truncate(MAX_BYTES + 1)
    undecodable = folder.joinpath(os.fsdecode(b"caf\xe9.txt"))
    undecodable.write_bytes(("Cod talks\n\n" + STORY).encode())
    paths["undecodable-name.txt"] = undecodable
    fifo = folder / "fifo.txt"
    os.mkfifo(fifo)
    paths["fifo.txt"] = fifo
    paths["folder"] = folder / "a-folder.txt"
    paths["folder"].mkdir()
    loop = folder / "loop.txt"
    loop.symlink_to(loop)
    paths["symlink-loop.txt"] = loop
    dangling = folder / "dangling.txt"
    dangling.symlink_to(folder / "nowhere.txt")
    paths["dangling.txt"] = dangling
    paths["missing.txt"] = folder / "missing.txt"
    paths["dev-zero"] = Path("/dev/zero")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "socket.txt"))
    paths["socket.txt"] = folder / "socket.txt"
    yield paths
    sock.close()


ALL = [*CONTENT, *NAMED, "undecodable-name.txt", "fifo.txt", "folder", "symlink-loop.txt"]
ALL += ["dangling.txt", "missing.txt", "dev-zero", "socket.txt"]


def _names_the_file(err: str, path: Path) -> bool:
    shown = os.fsencode(path).decode("utf-8", "backslashreplace")
    shown = shown.replace("\n", "\\n").replace("\x1b", "\\x1b")
    return all(shown in line for line in err.splitlines() if line.startswith("corpus-reader: "))


@pytest.mark.parametrize("name", ALL, ids=lambda n: n.encode("unicode_escape").decode())
def test_clean_a_bad_file(
    runner: Runner, tally: Tally, bad_files: dict[str, Path], name: str
) -> None:
    path = bad_files[name]
    outcome = attack(tally, "bad files", f"clean {name}", runner.run("clean", str(path)), (0, 1))
    if outcome.status == 1:
        assert len(outcome.err.splitlines()) == 1 and _names_the_file(outcome.err, path)
    else:
        assert '"body_text"' in outcome.out


@pytest.mark.parametrize("name", ALL, ids=lambda n: n.encode("unicode_escape").decode())
def test_import_a_bad_file(
    runner: Runner, tally: Tally, bad_files: dict[str, Path], name: str, tmp_path: Path
) -> None:
    path = bad_files[name]
    home = str(tmp_path / "home")
    outcome = runner.run("--data-dir", home, "import", str(path))
    attack(tally, "bad files", f"import {name}", outcome, (0, 1))
    if outcome.status == 1:
        assert _names_the_file(outcome.err, path)
    # Whatever the file did, the corpus still answers.
    after = runner.run("--data-dir", home, "search", "Putin", "--json")
    attack(tally, "bad files", f"search after importing {name}", after, (0,))
    assert '"total": 5' in after.out


def test_a_batch_of_every_bad_file_goes_on_past_each(
    runner: Runner, tally: Tally, bad_files: dict[str, Path], tmp_path: Path
) -> None:
    home = str(tmp_path / "home")
    paths = [str(p) for p in bad_files.values()]
    outcome = runner.run("--data-dir", home, "import", *paths)
    attack(tally, "bad files", "import all at once", outcome, (1,))
    failures = [line for line in outcome.err.splitlines() if line.startswith("corpus-reader: ")]
    imported = (
        int(outcome.out.split("Imported ")[1].split()[0]) if "Imported " in outcome.out else 0
    )
    assert imported >= 1 and failures


def _under_the_limit(path: Path) -> Path:
    line = (PARAGRAPH * 3 + "\n\n").encode()
    with path.open("wb") as f:
        f.write(b"A very long report from Tromso\n\n" + STORY.encode() + b"\n\n")
        while f.tell() + len(line) < MAX_BYTES - 1024:
            f.write(line)
    return path


@pytest.mark.slow
def test_clean_an_article_just_under_the_size_limit(
    runner: Runner, tally: Tally, tmp_path: Path
) -> None:
    path = _under_the_limit(tmp_path / "enormous.txt")
    outcome = runner.run("clean", "--text", str(path))
    attack(tally, "bad files", "clean enormous", outcome, (0,))


@pytest.mark.slow
def test_import_an_article_just_under_the_size_limit(
    runner: Runner, tally: Tally, tmp_path: Path
) -> None:
    path = _under_the_limit(tmp_path / "enormous.txt")
    with path.open("ab") as f:
        f.write(b"At last the envoys signed the quota deal in Hammerfest.\n")
    home = str(tmp_path / "home")
    outcome = runner.run("--data-dir", home, "import", str(path))
    attack(tally, "bad files", "import enormous", outcome, (0,))
    # Cleaned once and indexed in about 10 s on a loaded two-core machine.
    assert outcome.seconds < 0.75 * LIMIT_SECONDS
    # Searchable to its last paragraph.
    found = runner.run("--data-dir", home, "search", '"deal in Hammerfest"', "--json")
    attack(tally, "bad files", "search enormous", found, (0,))
    hit = json.loads(found.out)["hits"][0]
    assert hit["id"] == "enormous" and len(hit["matches"]) == 1
    assert hit["snippet"].endswith("signed the quota deal in Hammerfest.")


@pytest.mark.slow
def test_an_article_of_capitalised_words_is_analysed_in_time(
    runner: Runner, tally: Tally, tmp_path: Path
) -> None:
    # Title case end to end with no comma: every name rule sees one run of capitals as
    # long as the article, so a rule that scans the run from every word start takes
    # quadratic time (minutes here) and holds the queue.
    words = "Alder Brook Cedar Dale Elm Fork Glen Harbor Ivy Juniper Knoll Laurel "
    path = tmp_path / "capitals.txt"
    path.write_text("Capitals\n\n" + words * 2_500 + "Marrow.\n", encoding="utf-8")
    home = str(tmp_path / "home")
    outcome = runner.run("--data-dir", home, "import", str(path))
    attack(tally, "bad files", "import capitals", outcome, (0,))
    analysed = runner.run("--data-dir", home, "analyse")
    attack(tally, "bad files", "analyse capitals", analysed, (0, 1))
    assert not analysed.hung


@pytest.mark.slow
def test_an_article_of_endless_lists_and_places_is_analysed_in_time(
    runner: Runner, tally: Tally, tmp_path: Path
) -> None:
    # Thousands of listed names, teams, towns with states and results lines: a rule
    # that tests each name it places against every other name takes quadratic time.
    block = (
        "The Islanders beat the Penguins and the Kurds marched. In Tampa, Fla., and Boise, "
        "ID 83702, crowds met Kent, Stephanie and Rachel Jordan.\n\n"
        "Hawks 4, Otters 2: Lena Varga scored for Lyon, Nantes and Lille.\n\n"
    )
    path = tmp_path / "lists.txt"
    path.write_text("Lists\n\n" + block * 800, encoding="utf-8")
    home = str(tmp_path / "home")
    outcome = runner.run("--data-dir", home, "import", str(path))
    attack(tally, "bad files", "import lists", outcome, (0,))
    analysed = runner.run("--data-dir", home, "analyse")
    attack(tally, "bad files", "analyse lists", analysed, (0, 1))
