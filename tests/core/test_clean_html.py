"""Cleaning HTML pages: encodings, metadata sources, captions, and what never reaches the text.

All pages are small synthetic ones written for these tests.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from reader.core.clean import clean_bytes, clean_file

BODY = [
    "The city council voted on Monday to turn the old tram depot into a public library, "
    "ending a debate that has run for almost a decade.",
    "The building, which has stood empty since the last trams ran in 1998, will keep its "
    "iron roof and brick facade, the architects said.",
    "Construction is due to start in the spring and the library should open its doors "
    "to readers at the end of next year.",
    "Residents who had campaigned for the project gathered outside the town hall to "
    "celebrate the decision with music and speeches.",
]


def page(
    *,
    head: str = "",
    body: list[str] | None = None,
    before: str = "",
    after: str = "",
    charset_meta: str = "",
) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in (body or BODY))
    return f"""<!DOCTYPE html>
<html lang="en"><head>{charset_meta}<title>Tram depot to become library | Valley Post</title>
{head}</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Tram depot to become library</h1>
{before}
{paragraphs}
{after}
</article>
<footer><p>Copyright Valley Post. All rights reserved.</p></footer>
</body></html>
"""


def test_json_ld_metadata_and_body() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Valley Post"},
            {
                "@type": "NewsArticle",
                "headline": "Tram depot will become a library",
                "alternativeHeadline": "Council ends a decade of debate",
                "datePublished": "2022-05-09T08:30:00+02:00",
                "author": [{"@type": "Person", "name": "Ines Moreau"}, {"name": "Tomas Berg"}],
                "publisher": {"@type": "Organization", "name": "Valley Post"},
                "articleSection": ["Local", "Culture"],
                "url": "https://valley.example/tram-library",
            },
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    doc = clean_bytes(page(head=head).encode(), doc_id="ld")
    assert doc.title == "Tram depot will become a library"
    assert doc.subtitle == "Council ends a decade of debate"
    assert doc.published == "2022-05-09"
    assert doc.published_source == "json-ld"
    assert doc.byline == "Ines Moreau, Tomas Berg"
    assert doc.publisher == "Valley Post"
    assert doc.section == "Local"
    assert doc.url == "https://valley.example/tram-library"
    assert doc.language == "en"
    assert doc.paragraphs == BODY


def test_open_graph_and_windows_1252_smart_quotes() -> None:
    quote = (
        "\u201cIt is a good day for readers,\u201d the mayor\u2019s spokeswoman "
        "said on Monday evening."
    )
    head = (
        '<meta property="og:title" content="Depot becomes library">'
        '<meta property="og:site_name" content="Valley Post">'
        '<meta property="article:published_time" content="2022-05-09T10:00:00Z">'
        '<meta property="article:section" content="Local">'
        '<meta property="og:url" content="https://valley.example/depot">'
    )
    html = page(head=head, body=[*BODY, quote], charset_meta='<meta charset="windows-1252">')
    doc = clean_bytes(html.encode("cp1252"), doc_id="og")
    assert doc.title == "Depot becomes library"
    assert doc.publisher == "Valley Post"
    assert doc.section == "Local"
    assert doc.published == "2022-05-09"
    assert doc.published_source == "opengraph"
    assert doc.url == "https://valley.example/depot"
    assert doc.paragraphs[-1] == quote


def test_http_equiv_latin1_label_reads_cp1252_and_time_element() -> None:
    text = (
        "Caf\u00e9 owners on the square welcomed the news \u2014 "
        "\u201cfinally,\u201d one said to reporters."
    )
    html = page(
        charset_meta='<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
        before='<p class="meta">By Ana Lind <time datetime="2021-11-02T09:00">2 Nov</time></p>',
        body=[*BODY, text],
    )
    doc = clean_bytes(html.encode("cp1252"), doc_id="equiv")
    assert doc.published == "2021-11-02"
    assert doc.published_source == "time"
    assert text in doc.paragraphs


def test_utf8_bom_and_meta_date() -> None:
    head = '<meta name="pubdate" content="20200115"><meta name="author" content="Lea Novak">'
    data = b"\xef\xbb\xbf" + page(head=head).encode("utf-8")
    doc = clean_bytes(data, doc_id="bom")
    assert doc.published == "2020-01-15"
    assert doc.published_source == "meta"
    assert doc.byline == "Lea Novak"
    assert doc.title == "Tram depot to become library"
    assert doc.paragraphs == BODY


def test_utf16_with_bom() -> None:
    data = page().encode("utf-16")
    assert clean_bytes(data, doc_id="u16").paragraphs == BODY


def test_shift_jis_page() -> None:
    body = [
        "東京都は月曜日、古い路面電車の車庫を公共図書館に改装する計画を発表した。"
        "議論はほぼ十年続いていた。",
        "建物は鉄の屋根とれんがの外壁を残し、来年の末には開館する予定だと建築家は述べた。"
        "住民は市役所の前で決定を祝った。",
        "工事は春に始まる見込みで、市は読書室と子ども向けの部屋を設けると説明している。"
        "費用は約十億円と見積もられている。",
    ]
    html = page(body=body, charset_meta='<meta charset="shift_jis">').replace(
        'lang="en"', 'lang="ja"'
    )
    doc = clean_bytes(html.encode("shift_jis"), doc_id="sjis")
    assert doc.paragraphs == body
    assert doc.language == "ja"


def test_mislabelled_utf8_is_read_as_utf8() -> None:
    text = (
        "The mayor\u2019s office called it \u201ca fine day\u201d "
        "for the whole town and its readers."
    )
    html = page(body=[*BODY, text], charset_meta='<meta charset="iso-8859-1">')
    doc = clean_bytes(html.encode("utf-8"), doc_id="mislabel")
    assert doc.paragraphs[-1] == text


def test_title_falls_back_to_title_element_without_site_suffix() -> None:
    html = page().replace("<h1>Tram depot to become library</h1>", "")
    doc = clean_bytes(html.encode(), doc_id="t")
    assert doc.title == "Tram depot to become library"


def test_captions_credits_and_dateline() -> None:
    figure = (
        "<figure><img src='https://img.example/depot.jpg'>"
        "<figcaption>The old depot on Mill Street. (Photo by Karl Weber)</figcaption></figure>"
    )
    body = ["LYON, France -- " + BODY[0], *BODY[1:]]
    doc = clean_bytes(page(before=figure, body=body).encode(), doc_id="fig")
    assert doc.captions == ["The old depot on Mill Street."]
    assert any(
        r.text == "(Photo by Karl Weber)" and r.reason == "photo credit" for r in doc.removed
    )
    assert doc.dateline == "LYON, France"
    assert doc.paragraphs == BODY
    assert all("Mill Street" not in p for p in doc.paragraphs)


def test_scripts_styles_and_frames_never_reach_the_text() -> None:
    hostile = (
        "<script>document.write('EVIL SCRIPT TEXT')</script>"
        "<style>.x{content:'STYLE TEXT'}</style>"
        "<noscript>NOSCRIPT TEXT please enable javascript</noscript>"
        "<iframe src='https://tracker.example'>IFRAME TEXT</iframe>"
    )
    doc = clean_bytes(page(before=hostile, after=hostile).encode(), doc_id="s")
    text = " ".join([doc.title, doc.subtitle, *doc.captions, doc.body_text])
    for marker in ("EVIL", "STYLE TEXT", "NOSCRIPT", "IFRAME TEXT"):
        assert marker not in text
    assert doc.paragraphs == BODY


def test_debris_inside_html_body_is_removed() -> None:
    after = (
        "<p>Sponsored Content</p><p>Ten tips from our partners for a better garden this year.</p>"
    )
    before = "<p>You have {{articlesLeft}} free articles left</p>"
    doc = clean_bytes(page(before=before, after=after).encode(), doc_id="d")
    assert "Sponsored" not in doc.body_text
    assert "{{" not in doc.body_text
    assert doc.paragraphs == BODY


def test_gzipped_page_and_content_sniffing(tmp_path: Path) -> None:
    path = tmp_path / "depot-story.html.gz"
    path.write_bytes(gzip.compress(page().encode()))
    doc = clean_file(path)
    assert doc.id == "depot-story"
    assert doc.paragraphs == BODY
    # HTML saved as .txt is still read as HTML.
    misnamed = tmp_path / "depot.txt"
    misnamed.write_bytes(page().encode())
    assert clean_file(misnamed).paragraphs == BODY


def test_tiny_page_uses_fallback() -> None:
    html = "<html><body><div><p>A short note about the library plans.</p></div></body></html>"
    doc = clean_bytes(html.encode(), doc_id="tiny")
    assert doc.paragraphs == ["A short note about the library plans."]


def test_an_embedded_post_quoted_in_the_story_is_kept() -> None:
    tweet = (
        '<div class="social-media-embed"><blockquote class="twitter-tweet">'
        '<p lang="en">The new library will keep the depot clock, which has not worked since '
        "1998, and we are having it mended.</p>&mdash; Valley Council (@valleycouncil) "
        "May 9, 2022</blockquote>"
        '<script async src="https://platform.twitter.com/widgets.js"></script></div>'
    )
    doc = clean_bytes(page(before="", after=tweet).encode(), doc_id="tweet")
    assert doc.paragraphs[: len(BODY)] == BODY
    assert any("keep the depot clock" in p for p in doc.paragraphs)
    assert "widgets.js" not in doc.body_text
