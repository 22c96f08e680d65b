"""The query language on a small corpus written for these tests.

Each article has its own names, places and dates, so every operator can be
checked for returning exactly the right articles, and every offset for
pointing at the word that matched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.model import Document, QueryError
from reader.core.search.index import SearchIndex, check_query
from reader.core.search.parsing import parse_query

ARTICLES = [
    Document(
        id="alpha",
        title="Harbour negotiations resume in Valparaiso",
        publisher="Coastal Herald",
        published="2018-03-14",
        paragraphs=[
            "VALPARAISO -- Negotiators for the port authority and the fishing "
            "cooperative resumed negotiations on Wednesday over the disputed quota.",
            "Mirela Ostrovska, who chairs the cooperative, said both sides would negotiate "
            "until a new agreement was signed.",
        ],
    ),
    Document(
        id="bravo",
        title="Peace treaty talks open in Tromsø",
        publisher="Northern Ledger",
        published="2019-01-22",
        paragraphs=[
            "Delegations met in Tromsø to draft a peace treaty on the shared fisheries.",
            "Observers said the treaty would take years to ratify.",
        ],
    ),
    Document(
        id="charlie",
        title="Summer summit ends without a deal",
        publisher="Coastal Herald",
        published="2019-06-30",
        paragraphs=[
            "The summit closed with a promise of peace but no treaty was signed.",
            "Analysts in Valparaiso called the outcome a setback for the harbour plan.",
        ],
    ),
    Document(
        id="delta",
        title="Lima forum hears from Ostrovsky",
        publisher="Lima Tribune",
        published="2016-11-19",
        paragraphs=[
            "Anton Ostrovsky told the forum in Lima that fisheries reform could not wait.",
        ],
    ),
    Document(
        id="echo",
        title="Undated wire report on glaciers",
        subtitle="Ice shelves near Tromsø thin faster than forecast",
        publisher="Wire",
        published=None,
        captions=["A glacier front near Tromsø, photographed in spring."],
        paragraphs=["Glaciers retreated sharply, researchers in Tromsø reported."],
    ),
]
BY_ID = {d.id: d for d in ARTICLES}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    ix = SearchIndex(tmp_path_factory.mktemp("search") / "index")
    ix.reset()
    with ix.writer(fresh=True) as w:
        for doc in ARTICLES:
            w.add(doc, {"entities": [{"key": f"person:{doc.id}"}]})
    yield ix
    ix.close()


def ids(index: SearchIndex, query: str) -> set[str]:
    return {h.id for h in index.search(query).hits}


def matched_words(index: SearchIndex, query: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for hit in index.search(query).hits:
        body = BY_ID[hit.id].body_text
        out[hit.id] = [body[s:e] for s, e in hit.matches]
    return out


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("fisheries", {"bravo", "delta"}),
        ("peace treaty", {"bravo", "charlie"}),  # implicit AND
        ("peace AND treaty", {"bravo", "charlie"}),
        ("lima OR valparaiso", {"alpha", "charlie", "delta"}),
        ("treaty NOT ratify", {"charlie"}),
        ("treaty AND NOT ratify", {"charlie"}),
        ("treaty -ratify", {"charlie"}),
        ('"peace treaty"', {"bravo"}),
        ('"treaty peace"', set()),
        ("(lima OR tromsø) AND fisheries", {"bravo", "delta"}),
        ("glac*", {"echo"}),
        ("ostrovsk*", {"alpha", "delta"}),
        ("ostrovsky~", {"alpha", "delta"}),
        ("ostrovsky", {"delta"}),
        ("negotiate", {"alpha"}),
        ("title:summit", {"charlie"}),
        ("title:lima", {"delta"}),
        ("publisher:herald", {"alpha", "charlie"}),
        ('publisher:"lima tribune"', {"delta"}),
        ("id:bravo", {"bravo"}),
        ("entities:person:delta", {"delta"}),
        ("body:summit", {"charlie"}),
    ],
)
def test_operators_return_the_right_articles(
    index: SearchIndex, query: str, expected: set[str]
) -> None:
    assert ids(index, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("published:[2019-01-01 TO 2019-06-30]", {"bravo", "charlie"}),
        ("published:[2019-01-01 TO 2019-06-29]", {"bravo"}),
        ("published:2019", {"bravo", "charlie"}),
        ("published:2019-06", {"charlie"}),
        ("published:2016-11-19", {"delta"}),
        ("published:>2018-12", {"bravo", "charlie"}),
        ("published:>=2019-01-22", {"bravo", "charlie"}),
        ("published:<2019-01-22", {"alpha", "delta"}),
        ("published:<=2018", {"alpha", "delta"}),
        ("published:[2018 TO]", {"alpha", "bravo", "charlie"}),
        ("published:[TO 2017]", {"delta"}),
        ("published:{2018-03-14 TO 2019-06-30}", {"bravo"}),
        ("fisheries AND published:[2017 TO 2020]", {"bravo"}),
    ],
)
def test_date_ranges(index: SearchIndex, query: str, expected: set[str]) -> None:
    assert ids(index, query) == expected


def test_offsets_point_at_the_matched_words_stemmed_forms_included(index: SearchIndex) -> None:
    words = matched_words(index, "negotiate")
    assert words == {"alpha": ["Negotiators", "negotiations", "negotiate"]}


def test_offsets_cover_prefix_and_fuzzy_expansions(index: SearchIndex) -> None:
    assert matched_words(index, "ostrovsk*") == {"alpha": ["Ostrovska"], "delta": ["Ostrovsky"]}
    assert matched_words(index, "ostrovsky~") == {"alpha": ["Ostrovska"], "delta": ["Ostrovsky"]}


def test_a_phrase_is_one_hit_spanning_its_words(index: SearchIndex) -> None:
    # "treaty" alone in the second paragraph is not part of the phrase.
    words = matched_words(index, '"peace treaty"')
    assert words == {"bravo": ["peace treaty"]}
    hit = index.search('"peace treaty"').hits[0]
    assert len(hit.matches) == 1
    # The title's phrase is a hit too, as a reader counts them.
    title = BY_ID["bravo"].title
    assert [(part, title[s:e]) for part, s, e in hit.header_matches] == [("title", "Peace treaty")]
    assert hit.hit_count == 2


def test_phrase_words_also_searched_alone_are_marked_everywhere(index: SearchIndex) -> None:
    words = matched_words(index, '"peace treaty" OR ratify')
    assert words["bravo"] == ["peace treaty", "ratify"]
    words = matched_words(index, '"peace treaty" treaty')
    assert words["bravo"] == ["peace treaty", "treaty"]


def test_title_subtitle_and_caption_matches_are_located_and_counted(index: SearchIndex) -> None:
    hit = next(h for h in index.search("tromsø").hits if h.id == "echo")
    doc = BY_ID["echo"]
    texts = {"title": doc.title, "subtitle": doc.subtitle, "caption 0": doc.captions[0]}
    assert [(part, texts[part][s:e]) for part, s, e in hit.header_matches] == [
        ("subtitle", "Tromsø"),
        ("caption 0", "Tromsø"),
    ]
    assert [doc.body_text[s:e] for s, e in hit.matches] == ["Tromsø"]
    assert hit.hit_count == 3
    at, cap = doc.subtitle.index("Tromsø"), doc.captions[0].index("Tromsø")
    assert hit.to_json()["header_matches"] == [
        ["subtitle", at, at + 6],
        ["caption 0", cap, cap + 6],
    ]


def test_title_only_match_has_no_body_offsets_but_a_snippet(index: SearchIndex) -> None:
    hit = index.search("title:summer").hits[0]
    assert hit.id == "charlie"
    assert hit.matches == []
    assert hit.snippet.startswith("The summit closed")


def test_hits_carry_metadata_and_rank(index: SearchIndex) -> None:
    result = index.search("treaty")
    assert result.total == 2
    assert result.hits[0].id == "bravo"  # in the title and twice in the body
    top = result.hits[0]
    assert (top.title, top.publisher, top.published) == (
        "Peace treaty talks open in Tromsø",
        "Northern Ledger",
        "2019-01-22",
    )
    assert top.score > result.hits[1].score
    assert index.search("glaciers").hits[0].published is None


def test_snippet_contains_the_hit_and_is_a_substring_of_the_body(index: SearchIndex) -> None:
    for query in ("quota", "ratify", "negotiate", "setback"):
        for hit in index.search(query).hits:
            body = BY_ID[hit.id].body_text
            s, e = hit.matches[0]
            assert body[s:e] in hit.snippet
            assert hit.snippet.strip("…") in body
            assert "\n" not in hit.snippet


def test_limit_and_total(index: SearchIndex) -> None:
    result = index.search("the", limit=1)  # a stop word matches nothing
    assert result.total == 0
    result = index.search("fisheries OR treaty OR glaciers", limit=2)
    assert len(result.hits) == 2
    assert result.total == 4


def test_result_is_json_friendly(index: SearchIndex) -> None:
    data = index.search("quota").to_json()
    assert data["hits"][0]["matches"] == [[s, e] for s, e in index.search("quota").hits[0].matches]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty query"),
        ("   ", "empty query"),
        ('"peace treaty', "unbalanced quote"),
        ("(peace OR treaty", "unbalanced parenthesis"),
        ("peace OR treaty)", "unbalanced parenthesis"),
        ("()", "empty parentheses"),
        ("headline:peace", "unknown field 'headline'"),
        ("title:", "missing a value"),
        ("published:2019-13-01", "bad date"),
        ("published:2019-02-30", "bad date"),
        ("published:yesterday", "bad date"),
        ("published:[2019-06 TO 2019-01]", "start is after the end"),
        ("published:[2019 TO 2020", "unbalanced bracket"),
        ("peace AND", "AND at the end"),
        ("OR peace", "OR at the start"),
        ("peace AND OR treaty", "OR right after AND"),
        ("peace NOT", "NOT at the end"),
        ("NOT", "NOT at the end"),
        ("AND", "AND at the start"),
        ("-", "on its own"),
    ],
)
def test_malformed_queries_raise_a_one_line_query_error(
    index: SearchIndex, query: str, message: str
) -> None:
    with pytest.raises(QueryError) as info:
        index.search(query)
    text = str(info.value)
    assert message in text
    assert "\n" not in text
    with pytest.raises(QueryError):
        check_query(query)


def test_lowercase_operators_are_words(index: SearchIndex) -> None:
    assert check_query("peace and") is None
    assert ids(index, "lima or tromsø") == set()  # all three words must match


def test_hyphenated_words_are_not_negations(index: SearchIndex, tmp_path: Path) -> None:
    ix = SearchIndex(tmp_path / "ix")
    ix.reset()
    with ix.writer() as w:
        w.add(Document(id="x", paragraphs=["A Soviet-Japanese declaration of 1956."]))
    assert [h.id for h in ix.search("Soviet-Japanese").hits] == ["x"]
    ix.close()


def test_search_ids_ranks_every_match_without_locating(index: SearchIndex) -> None:
    assert index.search_ids("treaty") == [h.id for h in index.search("treaty").hits]
    assert set(index.search_ids("fisheries OR treaty OR glaciers")) == {
        "bravo",
        "charlie",
        "delta",
        "echo",
    }
    with pytest.raises(QueryError):
        index.search_ids("(")


def test_prefix_finds_words_whose_stem_is_shorter_than_the_prefix(index: SearchIndex) -> None:
    # "negotiations" is indexed as "negoti": the typed prefix must still find it.
    result = index.search("negotiat*")
    assert {h.id for h in result.hits} == {"alpha"}
    [hit] = result.hits
    body = BY_ID["alpha"].body_text
    marked = {body[s:e] for s, e in hit.matches}
    assert {"Negotiators", "negotiations", "negotiate"} <= marked


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("*", "'*' alone stands for every word"),
        ("title:*", "'title:*' alone stands for every word"),
        ("x" * 10_000, "query too long (10,000 characters)"),
        ("peace\x00treaty", "the query holds a control character (U+0000)"),
    ],
)
def test_hostile_queries_get_one_line(index: SearchIndex, text: str, start: str) -> None:
    with pytest.raises(QueryError) as caught:
        index.search(text)
    message = str(caught.value)
    assert message.startswith(start) and "\n" not in message


def test_a_word_standing_for_too_many_words_is_refused(tmp_path: Path) -> None:
    from reader.core.search.index import MAX_EXPANSION

    ix = SearchIndex(tmp_path / "index")
    ix.reset()
    with ix.writer(fresh=True) as w:
        for n in range(MAX_EXPANSION + 50):
            w.add(Document(id=f"d{n}", title="Ledger", paragraphs=[f"zq{n:05d}x report"]))
    try:
        with pytest.raises(QueryError, match="stands for more than"):
            ix.search("zq*")
        # A narrower prefix is answered, exactly.
        assert ix.search("zq0001*").total == 10
    finally:
        ix.close()


def test_date_ranges_follow_later_commits_and_removals(tmp_path: Path) -> None:
    # Each commit adds a segment; a range (and any search) must see every
    # segment's dates and forget a removed article, in the open index that
    # answered before.
    ix = SearchIndex(tmp_path / "index")
    ix.reset()
    spring = [
        Document(
            id=f"spring{n}",
            title="Thaw",
            published=f"2021-04-{n + 10:02d}",
            paragraphs=["Meltwater reached the lower fjord."],
        )
        for n in range(5)
    ]
    autumn = [
        Document(
            id=f"autumn{n}",
            title="Frost",
            published=f"2021-10-{n + 10:02d}",
            paragraphs=["The first frost came early to the fjord."],
        )
        for n in range(4)
    ]
    try:
        with ix.writer(fresh=True) as w:
            for doc in spring:
                w.add(doc)
        assert ids(ix, "published:2021") == {d.id for d in spring}
        with ix.writer() as w:
            for doc in autumn:
                w.add(doc)
        assert ids(ix, "published:2021") == {d.id for d in spring + autumn}
        assert ids(ix, "fjord AND published:[2021-10-11 TO 2021-10-12]") == {"autumn1", "autumn2"}
        with ix.writer() as w:
            w.delete("spring2")
            w.delete("autumn0")
        assert ids(ix, "published:2021").isdisjoint({"spring2", "autumn0"})
        # Whoosh alone would keep the old reader of a segment that only lost articles.
        assert ids(ix, "meltwater") == {"spring0", "spring1", "spring3", "spring4"}
        assert ix.search("meltwater OR frost", limit=2).total == 7
        assert ids(ix, "fjord AND published:2021-04") == {
            "spring0",
            "spring1",
            "spring3",
            "spring4",
        }
        assert ids(ix, '"first frost" AND published:2021') == {"autumn1", "autumn2", "autumn3"}
        # Ranked and scored as Whoosh ranks the same index, deletions and all.
        searcher = ix._current_searcher()
        column = searcher.reader().column_reader("id")
        for text in ["fjord", "meltwater OR frost", "fjord NOT frost", "fjord AND published:2021"]:
            whoosh = searcher.search(parse_query(text, ix._parser), limit=None)
            expected = [(column[hit.docnum], hit.score) for hit in whoosh]
            assert ix.search(text, every_match=True).ranked == expected
        assert ix.search("published:2021").total == 7
        assert ids(ix, "published:{2021-04-11 TO 2021-04-14}") == {"spring3"}
        with ix.writer() as w:
            w.add(spring[2])
        assert ids(ix, "published:2021-04") == {d.id for d in spring}
    finally:
        ix.close()


def test_expansions_found_in_too_many_articles_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core.search import index as index_module

    ix = SearchIndex(tmp_path / "index")
    ix.reset()
    with ix.writer(fresh=True) as w:
        for n in range(30):
            w.add(Document(id=f"m{n}", title="Weir", paragraphs=[f"millrace millpond mill{n}"]))
    # Scaled down: 30 articles stand in for a corpus where ``mill*`` is everywhere.
    monkeypatch.setattr(index_module, "MAX_EXPANDED_POSTINGS", 70)
    try:
        with pytest.raises(QueryError) as caught:
            ix.search("mill*")
        message = str(caught.value)
        assert message.startswith("'mill*' stands for words found in too many articles")
        assert "\n" not in message
        assert ix.search("mill1*").total == 11  # mill1, mill10..mill19: under the bound
    finally:
        ix.close()
