"""Bodies are indexed as the terms Whoosh's analyzer would make of them, made faster.

The writer splits and stems each body itself and gives Whoosh the list of
terms. These tests show the list is the analyzer's, word for word, on
varied text, and that an index written this way answers every kind of
query with the same articles, scores, snippets and offsets as one written
by Whoosh's own analysis.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh.analysis import StandardAnalyzer

from reader.core.model import Document
from reader.core.search.index import SearchIndex, WriterOptions, _BodyTerms
from reader.core.search.schema import build_schema

SAMPLES = [
    "The U.S. and the E.U. met in Zürich on 3.5.2024 at 10.30; the talks ran long...",
    "A b c -- of to in: I, a, the. Running runners ran; ran* *wild* star*s and 3.14.15.",
    "İstanbul, ISTANBUL, ſtraße, STRASSE, Kelvin \u212a, ǅemal, ŒUVRE, ﬁnance, 東京で会談した",
    "e-mail re-elected state-of-the-art x.y. .hidden trailing. end.",
    "",
    "   ",
    "the of and a to",
    "\u0661\u0662\u0663 Arabic digits, Ελληνικά ΚΕΊΜΕΝΑ, русский ТЕКСТ, עברית",
]
VOCABULARY = str.split(
    "harbour harbours negotiators negotiated negotiation the a of and in on for treaty "
    "treaties peace Valparaiso Tromsø ZÜRICH U.S. e.g. 3.5 2024 fish fishing fished "
    "talks talked summit summits quota quotas ran running runner I x y z ſ İ"
)


def _random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(0, 80))]
        glue = [rng.choice([" ", " ", " ", ", ", ". ", "-", "\n", ".", "*", "'"]) for _ in words]
        texts.append("".join(w + g for w, g in zip(words, glue, strict=True)))
    return texts


def test_the_terms_are_the_analyzers_word_for_word() -> None:
    analyzer = build_schema()["body"].analyzer
    terms = _BodyTerms.of(analyzer)
    assert terms is not None
    for text in SAMPLES + _random_texts(500, seed=3):
        assert terms(text) == [token.text for token in analyzer(text)], text


def test_another_analyzer_is_left_to_whoosh() -> None:
    assert _BodyTerms.of(StandardAnalyzer()) is None


ARTICLES = [
    Document(
        id=f"art{n:02d}",
        title=title,
        published=f"2019-0{n % 9 + 1}-1{n % 9}",
        paragraphs=paragraphs,
    )
    for n, (title, paragraphs) in enumerate(
        [
            (
                "Harbour negotiations resume in Valparaiso",
                [
                    "The negotiators for the harbour met again in Valparaiso to negotiate "
                    "the quotas.",
                    "The talks on the peace treaty were not on the agenda.",
                ],
            ),
            (
                "Peace treaty talks open in Tromsø",
                ["The delegations talked about a peace treaty for the fisheries of Tromsø."],
            ),
            ("The summit", ["The the the summit of the talks ended; the U.S. delegation left."]),
            ("Fishing quotas", ["Fishing, fished, fishes: the quota of the fishers was cut."]),
        ]
        + [(f"Generated {n}", [text]) for n, text in enumerate(_random_texts(40, seed=11))]
    )
]
QUERIES = [
    "treaty",
    "negotiate",
    '"peace treaty"',
    '"the peace treaty"',
    '"talks peace"~3',
    '"negotiators harbour"~2',
    "harb*",
    "quot?",
    "Valparaiso~1",
    "quota AND fishing",
    "talks OR summit",
    "treaty NOT Tromsø",
    "title:summit",
    '"u.s. delegation"',
    '"summit talks"',
    "ran*",
]


def _searched(folder: Path, options: WriterOptions) -> list[dict[str, object]]:
    index = SearchIndex(folder)
    index.reset()
    with index.writer(options, fresh=True) as writer:
        for doc in ARTICLES:
            writer.add(doc)
    results = [index.search(q, limit=None).to_json() for q in QUERIES]
    index.close()
    return results


def test_an_index_of_terms_answers_as_whooshs_own_does(tmp_path: Path) -> None:
    fast = _searched(tmp_path / "fast", WriterOptions())
    slow = _searched(tmp_path / "whoosh", WriterOptions(whoosh_analysis=True))
    assert fast == slow
    assert all(result["total"] for result in fast)  # every query found something


@pytest.mark.parametrize("fresh", [True, False])
def test_a_stored_body_is_the_text_not_its_terms(tmp_path: Path, fresh: bool) -> None:
    index = SearchIndex(tmp_path / "index")
    index.reset()
    with index.writer(fresh=fresh) as writer:
        writer.add(ARTICLES[0])
    [hit] = index.search('"harbour met"').hits
    body = ARTICLES[0].body_text
    assert [body[s:e] for s, e in hit.matches] == ["harbour met"]
    assert hit.snippet.startswith("The negotiators for the harbour met again")
    index.close()
