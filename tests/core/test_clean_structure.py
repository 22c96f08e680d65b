"""Page furniture told by markup: teaser articles, link cards, form boxes, picture
tables, link lists, date and byline stamps; and a story cut into chunks.

All pages are small synthetic ones written for these tests.
"""

from __future__ import annotations

from reader.core.clean import clean_bytes
from reader.core.model import Document

STORY = [
    "The river authority opened the new flood barrier at Marlow Quay on Thursday, two "
    "years after the winter storms that left the lower town under water for a week.",
    "Engineers said the barrier can be raised in under twenty minutes and will protect "
    "some four thousand homes along the east bank from a surge of up to three metres.",
    "Shopkeepers on Ferry Lane, many of whom lost their stock in the last flood, said "
    "they would finally be able to insure their premises again at a reasonable price.",
    "The authority will test the barrier every month and publish the results of each "
    "trial on its website, its chief engineer told reporters at the opening ceremony.",
]
TEASERS = [
    "A bakery in the old mill has won the county prize for its rye loaf for the third "
    "year running, beating forty entries from across the region in a blind tasting.",
    "The bus company will add a late service on Saturdays from next month after a "
    "petition signed by more than two thousand students at the technical college.",
]


def _page(body: str, *, head: str = "") -> bytes:
    return f"""<!DOCTYPE html>
<html lang="en"><head><title>Flood barrier opens at Marlow Quay | Riverside Gazette</title>
<meta property="og:site_name" content="Riverside Gazette">{head}</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li></ul></nav>
{body}
<footer><p>Riverside Gazette</p></footer>
</body></html>
""".encode()


def _paragraphs(texts: list[str]) -> str:
    return "\n".join(f"<p>{t}</p>" for t in texts)


def _clean(body: str) -> Document:
    return clean_bytes(_page(body), doc_id="barrier")


def _removed(doc: Document, reason: str) -> list[str]:
    return [block.text for block in doc.removed if block.reason == reason]


def test_teaser_articles_beside_the_story_are_dropped_and_listed() -> None:
    teasers = "\n".join(
        f'<article class="post"><img src="/t{n}.jpg" alt=""><p>{text}</p></article>'
        for n, text in enumerate(TEASERS)
    )
    doc = _clean(
        f"""<div id="primary"><article class="post">
<h1>Flood barrier opens at Marlow Quay</h1>{_paragraphs(STORY)}</article>
<article class="post"><h3>You may also like</h3>{teasers}</article></div>"""
    )
    assert doc.paragraphs == STORY
    dropped = " ".join(_removed(doc, "other article"))
    assert all(text in dropped for text in TEASERS)


def test_entries_of_a_live_page_are_all_kept() -> None:
    # The headline's article holds only a short introduction: the entries are the story.
    entries = "\n".join(f"<article><p>{text}</p></article>" for text in STORY)
    doc = _clean(
        f"""<main><article><h1>Flood barrier opens at Marlow Quay</h1>
<p>Follow the opening as it happens.</p></article>{entries}</main>"""
    )
    for text in STORY:
        assert text in doc.paragraphs
    assert not _removed(doc, "other article")


def test_a_pop_up_card_inside_a_sentence_is_dropped_and_the_name_kept() -> None:
    card = (
        '<span class="card"><img src="/p.jpg" alt=""><a href="/people/oduya">Agnes Oduya</a>'
        '<a href="/a/1">Oduya backs new ferry timetable</a> <a href="/a/2">Council '
        "approves quay repairs after long debate</a></span>"
    )
    sentence = (
        'The barrier was the idea of councillor <a href="/people/oduya">Agnes Oduya</a>'
        f"{card} (Labour), who first proposed it at a public meeting in the spring of 2022."
    )
    doc = _clean(
        f"<article><h1>Flood barrier opens</h1>{_paragraphs([sentence, *STORY])}</article>"
    )
    assert doc.paragraphs[0] == (
        "The barrier was the idea of councillor Agnes Oduya (Labour), who first proposed it "
        "at a public meeting in the spring of 2022."
    )
    assert any("Oduya backs new ferry timetable" in text for text in _removed(doc, "link card"))


def test_a_sign_up_box_goes_with_its_heading_and_pitch() -> None:
    box = """<div class="box"><h3>The Morning Tide</h3>
<h4>All the news from the valley in your inbox before breakfast, every weekday.</h4>
<form action="/join"><input type="email" name="address"><button>Join</button></form></div>"""
    doc = _clean(f"<article><h1>Flood barrier opens</h1>{_paragraphs(STORY[:2])}{box}"
                 f"{_paragraphs(STORY[2:])}</article>")  # fmt: skip
    assert doc.paragraphs == STORY
    [dropped] = _removed(doc, "form box")
    assert "in your inbox before breakfast" in dropped


def test_a_picture_table_gives_a_caption_not_a_paragraph() -> None:
    figure = (
        '<table><tr><td><img src="/barrier.jpg" width="600"><div>The barrier raised for its '
        "first trial on Thursday morning.</div></td></tr></table>"
    )
    doc = _clean(
        f"<article><h1>Flood barrier opens</h1>{_paragraphs(STORY[:1])}{figure}"
        f"{_paragraphs(STORY[1:])}</article>"
    )
    assert doc.paragraphs == STORY
    assert "The barrier raised for its first trial on Thursday morning." in doc.captions


def test_a_list_of_links_among_the_paragraphs_is_dropped_and_a_list_of_facts_kept() -> None:
    links = (
        '<ul><li><a href="/a/3">Ten years of floods on the east bank</a></li>'
        '<li><a href="/a/4">How a surge barrier works</a></li></ul>'
    )
    facts = (
        '<ul><li>The barrier is 140 metres long and weighs <a href="/steel">1,200 tonnes</a> '
        "of steel.</li><li>It cost 38 million pounds, a third of it from the county.</li></ul>"
    )
    doc = _clean(
        f"<article><h1>Flood barrier opens</h1>{_paragraphs(STORY[:2])}{facts}{links}"
        f"{_paragraphs(STORY[2:])}</article>"
    )
    body = doc.body_text
    assert "How a surge barrier works" not in body
    assert "Ten years of floods on the east bank" in " ".join(_removed(doc, "related links"))
    assert "It cost 38 million pounds, a third of it from the county." in body


def test_a_date_stamp_is_dropped_but_a_date_in_a_sentence_kept() -> None:
    stamp = '<div class="meta"><time datetime="2024-05-09">9 May 2024, 10:40</time></div>'
    byline = '<div><span>By</span> <a rel="author" href="/staff/lind">Tomas Lind</a></div>'
    sentence = (
        'The first full test is planned for <time datetime="2024-06-01">1 June</time>, when '
        "the spring tides are highest, the authority said in a statement on Thursday."
    )
    doc = _clean(
        f"<article><h1>Flood barrier opens</h1>{byline}{stamp}"
        f"{_paragraphs([*STORY, sentence])}</article>"
    )
    assert doc.paragraphs[-1] == sentence.replace('<time datetime="2024-06-01">', "").replace(
        "</time>", ""
    )
    assert not any("10:40" in p or "Tomas Lind" in p for p in doc.paragraphs)
    stamps = _removed(doc, "date or byline")
    assert "9 May 2024, 10:40" in stamps
    assert "By Tomas Lind" in stamps


def test_a_story_cut_into_chunks_by_advertisements_is_read_whole() -> None:
    more = [
        "Not everyone is pleased. Fishermen at the harbour mouth fear the barrier will "
        "change the currents that bring the bass into the estuary every autumn.",
        "The authority has promised a study of the currents and says it will publish the "
        "findings before the next fishing season begins in the early autumn.",
        "Work on a second barrier, upstream at Hollins Weir, is due to begin next year if "
        "the government confirms the grant that the county applied for in March.",
    ]
    chunk = '<div class="row"><div class="story-body">{}</div><aside></aside></div>'
    advert = '<div class="row ad"><span>Advertisement</span><div class="slot"></div></div>'
    chunks = [_paragraphs(STORY[:2]), _paragraphs(STORY[2:]), _paragraphs(more)]
    body = advert.join(chunk.format(c) for c in chunks)
    doc = _clean(f'<article><h1>Flood barrier opens</h1><div class="chunks">{body}</div></article>')
    assert doc.paragraphs == [*STORY, *more]
