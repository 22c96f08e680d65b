"""Cleaning scraped plain text from sites other than the bundled ones.

The fixtures use other names, other datelines and other kinds of debris than
the bundled corpus, to show the rules are general patterns.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.clean import clean_bytes, clean_file
from reader.core.clean.dateline import byline_of, split_dateline
from reader.core.clean.debris import classify, is_icon_run

FIXTURES = Path(__file__).parent / "fixtures" / "clean"


def test_wire_story_with_other_debris() -> None:
    doc = clean_file(FIXTURES / "kyiv_wire.txt")
    assert doc.id == "kyiv_wire"
    assert doc.section == "World"
    assert doc.title == "Grain corridor talks resume as ports reopen"
    assert doc.subtitle == "Negotiators expect a deal on insurance for cargo ships within weeks"
    assert doc.byline == "Olena Marchenko"
    assert doc.dateline == "KYIV"
    assert doc.captions == ["A bulk carrier leaves the port of Odesa on Tuesday morning."]
    assert doc.paragraphs == [
        "Ukrainian and Turkish officials resumed talks on Tuesday about a shipping corridor "
        "for grain, a day after the first three ports on the Black Sea coast reopened to "
        "cargo traffic.",
        "The talks, held in a conference hall of the agriculture ministry, focus on insurance for "
        "ships and on the inspection regime for outgoing cargo, according to two officials who "
        "attended.",
        '"We are closer than we have been at any point this year," said Taras Hnatyuk, a deputy '
        "minister, who led the Ukrainian delegation.",
        "Farmers in the south of the country have waited months to move last year's harvest, and "
        "storage space is running out before the new season.",
        "Traders in Istanbul said freight rates had already fallen by a fifth since the "
        "announcement, a sign that shipowners expect the route to stay open.",
    ]
    reasons = {r.text: r.reason for r in doc.removed}
    assert reasons["(Photo courtesy of the Port Authority)"] == "photo credit"
    assert reasons["Advertisement"] == "advertisement"
    assert reasons["Share on Facebook"] == "share buttons"
    assert reasons["Image: Harbour cranes at dusk in Odesa"] == "photo credit"
    assert reasons["Related stories"] == "related links"
    # Everything after the trailing zone opens is gone, explained or not.
    assert "Ports brace for a busy autumn" in reasons
    assert "Post a comment" in reasons
    assert reasons[
        "Icon CloseIcon SearchIcon HamburgerShare IconIcon WhatsappIcon TelegramIcon RSS"
    ] == ("icon labels")


def test_kyodo_style_dateline_placeholders_and_pleas() -> None:
    doc = clean_file(FIXTURES / "coast_gazette.txt")
    assert doc.title == "Harbour council approves new sea wall"
    assert doc.published == "2021-03-03"
    assert doc.published_source == "inferred"
    assert doc.dateline == "Tokyo"
    assert doc.byline == "Kyodo"
    assert doc.paragraphs[0].startswith("The harbour council approved funding on Wednesday")
    assert doc.paragraphs[-1] == (
        "Work is expected to begin in the autumn and to take three years, "
        "the council said in a statement."
    )
    assert len(doc.paragraphs) == 3
    reasons = {r.reason for r in doc.removed}
    assert {"paywall prompt", "reference line", "subscription plea"} <= reasons


def test_manifest_wins_over_the_file() -> None:
    manifest = {
        "publisher": "Coast Gazette",
        "published": "2021-03-04",
        "title": "Sea wall approved",
        "url": "https://example.org/sea-wall",
        "meeting": {"date": "2021-03-03", "place": "Tokyo"},
        "note": "a fact a person checked",
    }
    doc = clean_file(FIXTURES / "coast_gazette.txt", manifest=manifest, doc_id="gazette-1")
    assert doc.id == "gazette-1"
    assert doc.title == "Sea wall approved"
    assert doc.publisher == "Coast Gazette"
    assert doc.published == "2021-03-04"
    assert doc.published_source == "manifest"
    assert doc.url == "https://example.org/sea-wall"
    assert doc.meeting == {"date": "2021-03-03", "place": "Tokyo"}


def test_null_manifest_values_do_not_erase() -> None:
    doc = clean_file(FIXTURES / "kyiv_wire.txt", manifest={"publisher": None, "title": None})
    assert doc.title == "Grain corridor talks resume as ports reopen"
    assert doc.publisher == ""


def test_single_newline_paragraphs_and_wrapped_lines() -> None:
    text = (
        "Night trains return to the Alps\n"
        "Rail operators in three countries announced on Friday that sleeper services across\n"
        "the Alps will return next winter after a pause of four years.\n"
        "The operators expect demand from skiers and from travellers avoiding short flights.\n"
        "Tickets go on sale in September, the companies said in a joint statement.\n"
    )
    doc = clean_bytes(text.encode(), doc_id="trains")
    assert doc.title == "Night trains return to the Alps"
    assert doc.paragraphs == [
        "Rail operators in three countries announced on Friday that sleeper services across "
        "the Alps will return next winter after a pause of four years.",
        "The operators expect demand from skiers and from travellers avoiding short flights.",
        "Tickets go on sale in September, the companies said in a joint statement.",
    ]


def test_body_is_whitespace_normalised() -> None:
    text = (
        "Headline here\n\nThe  mayor\u00a0said on Monday\tthat the bridge would reopen "
        "by the end of the month, after repairs.\n"
    )
    doc = clean_bytes(text.encode(), doc_id="x")
    assert doc.paragraphs == [
        "The mayor said on Monday that the bridge would reopen by the end of the month, "
        "after repairs."
    ]


@pytest.mark.parametrize(
    ("line", "place", "agency", "rest"),
    [
        ("KYIV -- Ukraine said", "KYIV", "", "Ukraine said"),
        ("WASHINGTON (Reuters) - The Senate voted", "WASHINGTON", "Reuters", "The Senate voted"),
        ("Tokyo, March 3 (Kyodo) — Japan's cabinet", "Tokyo", "Kyodo", "Japan's cabinet"),
        ("BUENOS AIRES, Argentina -- Leaders met", "BUENOS AIRES, Argentina", "", "Leaders met"),
        ("NAIROBI, Kenya (AP) — Rain fell", "NAIROBI, Kenya", "AP", "Rain fell"),
        ("SAN FRANCISCO, Jan. 5, 2019 -- A startup", "SAN FRANCISCO", "", "A startup"),
    ],
)
def test_datelines(line: str, place: str, agency: str, rest: str) -> None:
    found = split_dateline(line)
    assert found is not None
    assert (found.place, found.agency, found.rest) == (place, agency, rest)


@pytest.mark.parametrize(
    "line",
    [
        "The leaders -- four of them -- met",
        "Abe said -- and Putin agreed -- that",
        "Prices rose - as expected",
        "It was a long day",
    ],
)
def test_not_datelines(line: str) -> None:
    assert split_dateline(line) is None


@pytest.mark.parametrize(
    ("line", "name"),
    [("• Kyodo", "Kyodo"), ("By Maria Gonzalez", "Maria Gonzalez"), ("· AFP-JIJI", "AFP-JIJI")],
)
def test_bylines(line: str, name: str) -> None:
    assert byline_of(line) == name


def test_sentences_are_not_bylines() -> None:
    assert byline_of("By subscribing, you can help us.") is None
    assert byline_of("• Read all stories with unlimited access") is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("IconTwitterIcon FacebookIcon MailChevron DownClose Icon", "icon labels"),
        ("svg Created with Sketch. Group Combined Shape", "icon labels"),
        ("You have {{ remaining }} stories left", "paywall prompt"),
        ("Only ${count} free articles remain", "paywall prompt"),
        ("Sponsored", "sponsored content"),
        ("Paid Content", "sponsored content"),
        ("Get 6 months for $1", "subscription plea"),
        ("Already a subscriber? Sign in to continue reading.", "subscription plea"),
        ("Support our journalism with a donation", "subscription plea"),
        ("Sign up for our daily briefing newsletter", "newsletter form"),
        ("Enter your email address", "newsletter form"),
        ("Leave a comment", "comment form"),
        ("12 Comments", "comment form"),
        ("Your email address will not be published.", "comment form"),
        ("Photo credit: Jane Roe/Agency", "photo credit"),
        ("© Example Images 2020", "photo credit"),
        ("Sources: ministry statements", "reference line"),
        ("Read more", "navigation"),
        ("Skip to content", "navigation"),
        ("You might also like", "related links"),
        ("Advertisement", "advertisement"),
    ],
)
def test_debris_patterns(line: str, reason: str) -> None:
    assert classify(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The minister said the agreement would be signed in May.",
        "Sponsors of the bill said it would pass easily.",
        "The council will meet again next week to discuss the budget for the new library.",
        "Icon of a generation, the singer played her last show in Paris on Sunday.",
        "Reference prices for rice rose by 4% in the quarter.",
        "Subscribers to the service rose to 2 million, the company said in its annual report.",
        "Comments by the minister drew criticism from opposition parties on Tuesday.",
    ],
)
def test_prose_is_not_debris(line: str) -> None:
    assert classify(line) is None
    assert not is_icon_run(line)


def test_a_paragraph_quoting_a_placeholder_keeps_the_rest_of_the_story() -> None:
    story = [
        "The volunteers were told to type {{first_name}} into the greeting field of the "
        "form, and several of them sent hundreds of letters that began with those braces.",
        "The charity apologised on Friday and said every donor would receive a corrected "
        "letter before the end of the month, at no cost to the volunteers.",
        "Its director said the form had been changed so that an empty field now stops "
        "the letter from being printed at all.",
    ]
    text = "Letters went out unfinished\n\n" + "\n\n".join(story) + "\n"
    doc = clean_bytes(text.encode(), doc_id="braces")
    assert doc.paragraphs == story


def test_a_prompt_in_the_middle_of_the_story_drops_only_itself() -> None:
    story = [
        "The volunteers sent hundreds of letters on Thursday, the charity said, most of "
        "them to donors who had given for more than ten years.",
        "The charity apologised on Friday and said every donor would receive a corrected "
        "letter before the end of the month, at no cost to the volunteers.",
        "Its director said the form had been changed so that an empty field now stops "
        "the letter from being printed at all, and thanked the volunteers.",
    ]
    prompt = "You have {{articlesLeft}} free articles left"
    text = "\n\n".join(["Letters went out", story[0], prompt, *story[1:]]) + "\n"
    doc = clean_bytes(text.encode(), doc_id="prompt")
    assert doc.paragraphs == story
    assert [r.text for r in doc.removed if r.reason == "paywall prompt"] == [prompt]


STANDINGS = (
    "Relay finals in Tromsø were decided on Sunday, and the eight nations that go on "
    "to the world meeting in March are now known after a long weekend of racing.\n\n"
    "The host team lost its lead on the last leg but held on for a place. The full list "
    "of the nations that qualified is below.\n\n"
    "Qualified nations\n\n"
    "Norway (Heat 1): 14th appearance\n"
    "Estonia (Heat 1): Third appearance\n"
    "Chile (Heat 2): First appearance\n"
    "Kenya (Heat 2): Sixth appearance\n"
)


def test_a_list_the_story_announces_at_its_end_is_kept() -> None:
    doc = clean_bytes(STANDINGS.encode(), doc_id="relay", source_path="relay.txt")
    assert doc.paragraphs[-4:] == [
        "Norway (Heat 1): 14th appearance",
        "Estonia (Heat 1): Third appearance",
        "Chile (Heat 2): First appearance",
        "Kenya (Heat 2): Sixth appearance",
    ]
    assert "Qualified nations" in doc.paragraphs


def test_short_lines_left_after_the_story_are_still_trimmed() -> None:
    # Not announced: the same kind of lines are a box of links, not the story's.
    text = STANDINGS.replace(" The full list of the nations that qualified is below.", "")
    doc = clean_bytes(text.encode(), doc_id="relay", source_path="relay.txt")
    assert doc.paragraphs[-1].startswith("The host team lost its lead")
    assert "Kenya (Heat 2): Sixth appearance" in {r.text for r in doc.removed}
