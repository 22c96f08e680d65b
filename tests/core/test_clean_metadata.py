"""Metadata of HTML pages by the best source each page offers, and where each field came from.

Every page here is a small one written for these tests, one per style of
metadata that real sites use; the names, places and dates are invented.
"""

from __future__ import annotations

import json

import pytest

from reader.core.clean import clean_bytes
from reader.core.model import Document
from reader.core.provenance import sources_line

BODY = (
    "<p>The ferry cooperative of Lower Tarrow voted on Thursday to buy a second boat, "
    "ending two summers in which queues at the slipway ran past the harbour wall.</p>"
    "<p>The boat, a former pilot launch from the north coast, will carry forty passengers "
    "and should enter service before the regatta, the cooperative's treasurer said.</p>"
    "<p>Members who opposed the purchase said the cooperative should first repair the "
    "slipway, which was damaged in the storms of the previous winter.</p>"
)


def page(head: str = "", *, lang: str = ' lang="en"', title: str = "", body: str = BODY) -> bytes:
    title = title or "Ferry cooperative buys a second boat"
    return (
        f"<!DOCTYPE html><html{lang}><head><meta charset='utf-8'><title>{title}</title>"
        f"{head}</head><body><nav><a href='/'>Home</a></nav><article>"
        f"<h1>Ferry cooperative buys a second boat</h1>{body}</article>"
        "<footer><p>Contact us</p></footer></body></html>"
    ).encode()


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def clean(data: bytes) -> Document:
    return clean_bytes(data, doc_id="page")


def test_json_ld_graph_with_references_names_publisher_author_and_language() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "@id": "https://tarrow.example/#org", "name": "Tarrow Tide"},
            {"@type": "Person", "@id": "https://tarrow.example/#p1", "name": "Oriel Fenwick"},
            {
                "@type": ["ReportageNewsArticle"],
                "headline": "Ferry cooperative buys a second boat",
                "datePublished": "2023-06-15T17:40:00+01:00",
                "publisher": {"@id": "https://tarrow.example/#org"},
                "author": [{"@id": "https://tarrow.example/#p1"}],
                "inLanguage": "en-GB",
            },
        ],
    }
    doc = clean(page(ld(graph), lang=""))
    assert (doc.publisher, doc.byline, doc.published) == (
        "Tarrow Tide",
        "Oriel Fenwick",
        "2023-06-15",
    )
    assert doc.language == "en-GB"
    assert doc.provenance["publisher"] == "json-ld"
    assert doc.provenance["byline"] == "json-ld"
    assert doc.provenance["published"] == doc.published_source == "json-ld"
    assert doc.provenance["language"] == "json-ld"


def test_json_ld_list_and_website_name_when_the_article_names_no_publisher() -> None:
    data = [
        {"@type": "WebSite", "name": "Moorland Record", "url": "https://moor.example/"},
        {"@type": "NewsArticle", "headline": "Ferry cooperative buys a second boat",
         "dateCreated": "2021-02-03"},
    ]  # fmt: skip
    doc = clean(page(ld(data)))
    assert (doc.publisher, doc.published) == ("Moorland Record", "2021-02-03")
    assert doc.provenance["publisher"] == "json-ld"


def test_open_graph_names_site_date_title_and_locale() -> None:
    head = (
        '<meta property="og:site_name" content="Le Courrier de Brisemer">'
        '<meta property="og:title" content="Une seconde vedette pour la coopérative">'
        '<meta property="article:published_time" content="2022-09-30T06:00:00+02:00">'
        '<meta property="og:locale" content="fr_FR">'
    )
    doc = clean(page(head, lang=""))
    assert doc.publisher == "Le Courrier de Brisemer"
    assert doc.title == "Une seconde vedette pour la coopérative"
    assert doc.published == "2022-09-30"
    assert doc.language == "fr-FR"
    assert {doc.provenance[f] for f in ("publisher", "title", "published", "language")} == {
        "opengraph"
    }


@pytest.mark.parametrize(
    ("tag", "value", "expected"),
    [
        ('property="article:published"', "2020-04-01T12:00:00Z", "2020-04-01"),
        ('name="pubdate"', "20190712", "2019-07-12"),
        ('name="date"', "2018-03-09", "2018-03-09"),
        ('name="DC.date"', "2017-11-23", "2017-11-23"),
        ('name="parsely-pub-date"', "2016-05-05T09:30:00Z", "2016-05-05"),
        ('name="sailthru.date"', "Tue, 14 Feb 2023 08:00:00", "2023-02-14"),
        # A name the site made up, that still says it is the posting date.
        ('name="xy-post-date"', "2015/08/27", "2015-08-27"),
    ],
)
def test_meta_tag_dates(tag: str, value: str, expected: str) -> None:
    doc = clean(page(f'<meta {tag} content="{value}">'))
    assert doc.published == expected
    assert doc.provenance["published"] == "meta"


def test_a_modified_date_is_not_the_publication_date() -> None:
    head = (
        '<meta property="article:modified_time" content="2024-01-20T10:00:00Z">'
        '<meta name="pubdate" content="2023-12-30">'
    )
    assert clean(page(head)).published == "2023-12-30"


def test_time_element_marked_as_publication_beats_an_earlier_one() -> None:
    body = (
        '<p class="related">Also: <time datetime="2010-01-01">1 Jan 2010</time></p>'
        '<p>Published <time datetime="2019-08-08T08:00" pubdate>8 August</time></p>' + BODY
    )
    doc = clean(page(body=body))
    assert (doc.published, doc.provenance["published"]) == ("2019-08-08", "time")


def test_microdata_date() -> None:
    body = '<span itemprop="datePublished" content="2014-10-10">10 Oct</span>' + BODY
    doc = clean(page(body=body))
    assert (doc.published, doc.provenance["published"]) == ("2014-10-10", "microdata")


def test_date_in_the_page_address() -> None:
    head = '<link rel="canonical" href="https://tarrow.example/news/2021/mar/04/ferry-boat">'
    doc = clean(page(head))
    assert (doc.published, doc.provenance["published"]) == ("2021-03-04", "url")
    assert doc.url == "https://tarrow.example/news/2021/mar/04/ferry-boat"


def test_htmldate_reads_a_date_the_markup_states_in_its_own_way() -> None:
    body = '<div class="entry-date published">March 12, 2023</div>' + BODY
    doc = clean(page(body=body))
    assert (doc.published, doc.provenance["published"]) == ("2023-03-12", "htmldate")


def test_a_page_with_no_date_anywhere_has_none() -> None:
    doc = clean(page())
    assert doc.published is None
    assert doc.published_source == "none"
    assert "published" not in doc.provenance


def test_publisher_from_the_title_when_no_metadata_names_it() -> None:
    doc = clean(page(title="Ferry cooperative buys a second boat | Harbour Lantern"))
    assert doc.publisher == "Harbour Lantern"
    assert doc.provenance["publisher"] == "title"
    assert doc.title == "Ferry cooperative buys a second boat"


def test_site_name_the_address_repeats_beats_a_section_label() -> None:
    head = (
        '<meta property="og:site_name" content="U.K.">'
        '<meta property="og:url" content="https://www.greywell-herald.example/uk/ferry">'
    )
    title = "Ferry cooperative buys a second boat - Greywell Herald"
    doc = clean(page(head, title=title))
    assert doc.publisher == "Greywell Herald"


def test_publisher_from_the_copyright_line_then_the_address() -> None:
    footer = BODY + "<p class='legal'>© 2012-2023 Calder Vale Press. All rights reserved.</p>"
    assert clean(page(body=footer)).publisher == "Calder Vale Press"
    assert clean(page(body=footer)).provenance["publisher"] == "copyright"
    head = '<meta property="og:url" content="https://www.tarrowtide.example/ferry">'
    doc = clean(page(head))
    assert (doc.publisher, doc.provenance["publisher"]) == ("tarrowtide.example", "url")


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Harbour Lantern", ""),
        ("Harbour Lantern Staff", ""),
        ("By Harbour Lantern News", ""),
        ("Staff Writer", ""),
        ("Tamsin Odu. Harbour Lantern", "Tamsin Odu"),
        ("Tamsin Odu, Harbour Lantern Political Correspondent", "Tamsin Odu"),
        ("Tamsin Odu and Bram Leclercq", "Tamsin Odu and Bram Leclercq"),
        # An agency is a credit of its own on another paper's page.
        ("Kestrel Wire", "Kestrel Wire"),
    ],
)
def test_a_byline_that_only_names_the_publisher_is_no_author(byline: str, expected: str) -> None:
    head = (
        '<meta property="og:site_name" content="Harbour Lantern">'
        f'<meta name="author" content="{byline}">'
    )
    doc = clean(page(head))
    assert doc.byline == expected
    assert ("byline" in doc.provenance) == bool(expected)


def test_language_detected_from_the_text_when_the_page_declares_none() -> None:
    body = (
        "<p>La coopérative des passeurs a voté jeudi l'achat d'un second bateau, "
        "après deux étés pendant lesquels les files d'attente ont dépassé le mur du port.</p>"
        "<p>Le bateau, une ancienne vedette de pilotage, pourra transporter quarante "
        "passagers et sera en service avant la régate, selon le trésorier.</p>"
    )
    doc = clean(page(body=body, lang=""))
    assert (doc.language, doc.provenance["language"]) == ("fr", "detected")


def test_html_lang_is_normalised() -> None:
    doc = clean(page(lang=' lang="pt_br"'))
    assert (doc.language, doc.provenance["language"]) == ("pt-BR", "html")


def test_manifest_wins_and_says_so_and_provenance_survives_json() -> None:
    head = '<meta property="og:site_name" content="Harbour Lantern">'
    manifest = {"publisher": "The Lantern (weekly)", "published": "2020-02-02"}
    doc = clean_bytes(page(head), doc_id="page", manifest=manifest)
    assert doc.publisher == "The Lantern (weekly)"
    assert doc.provenance["publisher"] == doc.provenance["published"] == "manifest"
    assert doc.provenance["title"] == "heading"
    again = Document.from_json(json.loads(json.dumps(doc.to_json())))
    assert again.provenance == doc.provenance
    assert again == doc


def test_scraped_text_fields_come_from_the_text() -> None:
    text = (
        "Harbours\n\nFerry cooperative buys a second boat\n\n"
        "LOWER TARROW -- The ferry cooperative voted on Thursday to buy a second boat, ending "
        "two summers of queues at the slipway that ran past the harbour wall.\n"
    )
    doc = clean_bytes(text.encode(), doc_id="scraped")
    assert doc.title == "Ferry cooperative buys a second boat"
    assert doc.provenance["title"] == doc.provenance["dateline"] == "text"
    assert (doc.language, doc.provenance["language"]) == ("en", "detected")


def test_sources_line_names_each_shown_field_once() -> None:
    head = (
        '<meta property="og:site_name" content="Harbour Lantern">'
        '<meta name="pubdate" content="2019-07-12">'
    )
    line = sources_line(clean(page(head)))
    assert line == (
        "Sources: date from the page's meta tags · publisher from the page's Open Graph tags"
        " · language from the page's language tag"
    )
    assert sources_line(Document(id="bare")) == ""
