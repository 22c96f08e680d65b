"""Shared test set-up: offscreen Qt, and per-user folders that never touch the real ones."""

from __future__ import annotations

import hashlib
import inspect
import itertools
import os
import random
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from reader.core.model import Document

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_ARTICLES = PROJECT_ROOT / "corpus" / "articles"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point every per-user folder at a fresh temporary one."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CORPUS_READER_HOME", str(home))
    return home


@pytest.fixture
def app_home(_isolated_home: Path) -> Path:
    """The temporary folder that stands in for the per-user folders."""
    return _isolated_home


# --------------------------------------------------------------------------
# A large corpus, built once per test session
# --------------------------------------------------------------------------

# Big enough that common terms span many of Whoosh's posting blocks (128
# documents each), which is where counts that stop early go wrong.
BIG_CORPUS_SIZE = 20_000

_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "tu",
    "sa",
    "vel",
    "dor",
    "quin",
    "bra",
    "e",
    "o",
    "ith",
    "ul",
    "nar",
    "fen",
    "gro",
    "pas",
    "tel",
    "mor",
]
# Words the tests query, spread over the corpus at very different rates.
_SEEDED = {
    "election": 0.11,
    "mobile": 0.06,
    "blair": 0.08,
    "brown": 0.07,
    "telephone": 0.05,
    "television": 0.06,
    "telegraph": 0.03,
    "peace": 0.09,
    "treaty": 0.09,
    "harbour": 0.004,
}


def _big_vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def big_documents(n: int = BIG_CORPUS_SIZE) -> Iterator[Document]:
    """``n`` generated articles; the same ``n`` always gives the same articles.

    Zipf-like word frequencies over a made-up vocabulary, the seeded words
    at known rates, phrases formed by chance and on purpose ("peace treaty"
    in some of the articles holding both words), dates over twenty years.
    """
    rng = random.Random(20_000)
    vocab = _big_vocabulary(rng)
    weights = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(vocab))))
    publishers = ["Harbour Post", "Valley Courier", "Northern Ledger", "Metro Wire"]
    for i in range(n):
        words = rng.choices(vocab, cum_weights=weights, k=rng.randint(30, 110))
        for word, rate in _SEEDED.items():
            if rng.random() < rate:
                words.insert(rng.randrange(len(words) + 1), word)
        if rng.random() < 0.3 and "peace" in words and "treaty" in words:
            at = rng.randrange(len(words) + 1)
            words[at:at] = ["peace", "treaty"]
        paragraphs = [" ".join(words[k : k + 40]) + "." for k in range(0, len(words), 40)]
        title_words = rng.choices(vocab, cum_weights=weights, k=rng.randint(3, 8))
        if rng.random() < 0.02:
            title_words.append("election")
        day = date(2000, 1, 1) + timedelta(days=rng.randrange(20 * 365))
        yield Document(
            id=f"big{i:05d}",
            title=" ".join(title_words).capitalize(),
            publisher=publishers[i % len(publishers)],
            published=day.isoformat(),
            paragraphs=paragraphs,
        )


@pytest.fixture(scope="session")
def big_library_dir(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A data folder whose document cache and index hold :data:`BIG_CORPUS_SIZE` articles.

    Written straight through the document cache and the index writer (no
    cleaning or analysis: the text is already clean), once, then kept in
    pytest's cache under a key that changes with the generator, the index
    format and the cache format. Tests must only read it.
    """
    from reader.core.docstore import STORE_FORMAT, DocStore, Fingerprint
    from reader.core.paths import AppPaths
    from reader.core.search.index import INDEX_FORMAT, SearchIndex

    source = inspect.getsource(big_documents) + inspect.getsource(_big_vocabulary)
    key = hashlib.sha256(f"{source}{_SEEDED}{INDEX_FORMAT}/{STORE_FORMAT}".encode()).hexdigest()
    cache = getattr(request.config, "cache", None)  # None under -p no:cacheprovider
    name = f"big-library-{BIG_CORPUS_SIZE}-{key[:12]}"
    root = cache.mkdir(name) if cache is not None else tmp_path_factory.mktemp(name)
    done = root / "complete"
    if done.exists():
        return root
    for child in root.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    paths = AppPaths(root / "data", root / "cache", root / "config").ensure()
    index = SearchIndex(paths.index_dir)
    index.reset()
    with (
        DocStore.in_folder(paths.cache) as store,
        store.transaction(),
        index.writer(fresh=True) as writer,
    ):
        for doc in big_documents():
            writer.add(doc)
            store.put(doc, {}, Fingerprint(f"{doc.id}.txt", 0, 0, doc.id, "0", "0"))
    index.close()
    done.write_text("built\n", encoding="utf-8")
    return root
