"""Page furniture inside an article body: removed wherever it appears, never a sentence with it.

Pages written for these tests, in the shapes real sites print their
furniture: caption labels, "More:" and "Related:" links, advertisement
labels, contact lines, desk credits, a standfirst repeated above the story.
"""

from __future__ import annotations

import pytest

from reader.core.clean import clean_bytes
from reader.core.clean.debris import caption_prefix, classify, is_bullet_link
from reader.core.model import Document

STORY = [
    "The river authority opened the new weir at Castlemoor on Tuesday, two years after "
    "the old one gave way during the spring floods.",
    "Getty Images reported that its photographers had covered the opening, which drew "
    "several hundred people to the banks.",
    "More than forty volunteers helped to clear the towpath before the ceremony, the "
    "authority said in a statement.",
    "Photos show the water rising behind the new gates within an hour of their closing, "
    "as the engineers had planned.",
    "Read together, the two reports suggest the weir will hold back a flood of the size "
    "seen in the worst of the storms.",
    "The authority's chief engineer, Idris Vantongeren, said the next stage would be to "
    "rebuild the footbridge below the weir.",
]


def article(paragraphs: list[str], *, description: str = "") -> bytes:
    head = f'<meta property="og:description" content="{description}">' if description else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>New weir opens at Castlemoor</title>{head}</head><body>"
        f"<article><h1>New weir opens at Castlemoor</h1>{body}</article></body></html>"
    ).encode()


def clean(data: bytes) -> Document:
    return clean_bytes(data, doc_id="weir")


def test_furniture_between_paragraphs_goes_and_every_sentence_stays() -> None:
    page = [
        "Idris Vantongeren walked across the new gates before the crowd arrived",
        STORY[0],
        "Image caption The weir's new gates were made at a yard in the north",
        "Image source, Castlemoor River Authority",
        STORY[1],
        "ADVERTISEMENT",
        "More: Floods close the towpath for a third winter",
        STORY[2],
        "Related: How the old weir failed",
        "- Ten Years Of Floods Along The Upper River In Pictures",
        "- Why Weirs Matter For The Towns Downstream",
        STORY[3],
        "Advertisement - Scroll to continue",
        STORY[4],
        "READ MORE: Towpath reopens after repairs",
        STORY[5] + " ADVERTISEMENT",
        "(Reporting by Tamsin Odu; editing by Bram Leclercq)",
        "Email Tamsin Odu at tamsin@castlemoor.example or follow her on Twitter @tamsinodu.",
    ]
    doc = clean(article(page, description=page[0]))
    assert doc.paragraphs == STORY
    assert "The weir's new gates were made at a yard in the north" in doc.captions
    reasons = {r.text: r.reason for r in doc.removed}
    assert reasons["Image source, Castlemoor River Authority"] == "photo credit"
    assert reasons["More: Floods close the towpath for a third winter"] == "link to another article"
    assert reasons["- Why Weirs Matter For The Towns Downstream"] == "link to another article"
    assert reasons["(Reporting by Tamsin Odu; editing by Bram Leclercq)"] == "credit line"
    assert reasons[page[0]] == "standfirst"
    assert doc.subtitle == page[0]


def test_a_list_in_the_story_is_not_taken_for_links() -> None:
    items = ["- Castlemoor, on the upper river", "- Brackwater, below the old mill"]
    page = [STORY[0], "The authority named the two towns that gain most:", *items, STORY[2]]
    assert clean(article(page)).paragraphs == page


def test_a_standfirst_that_is_the_first_sentence_stays() -> None:
    # Sites often make the description from the first paragraph itself.
    assert clean(article(STORY, description=STORY[0])).paragraphs == STORY


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Continue reading the main story",
        "Article continues below",
        "Related: Floods close the towpath",
        "Read more: The old weir, in pictures",
        "See also – The towpath map",
        "More coverage: https://castlemoor.example/floods and https://castlemoor.example/weir",
        "Have a tip? Tamsin Odu can be reached at tamsin@castlemoor.example.",
        "Follow us on Twitter @castlemoornews and on Facebook.",
        "Updated at 4:05 p.m.",
        "Tell us what you think...",
        "Tags: weir, floods, towpath",
        "12/03/2024 - Posted by: Tamsin Odu - Category: Rivers - Tags: weir",
        "Filed under: Rivers",
        "Get the River Weekly for as little as £1 a month. Use the code WEIR24 at checkout.",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert classify(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        *STORY,
        "More than half of the town's homes lie below the level of the river.",
        "Related research from the university found the same.",
        "Advertisement spending by the authority fell last year.",
        "He said he would follow her lead on the towpath.",
        "Updated flood maps will be published next month, the authority said.",
        "The tags on the new gates were posted by the engineers before the category was set.",
        "Volunteers can use the code on their passes to open the towpath gates at night.",
    ],
)
def test_sentences_that_start_like_furniture_are_text(line: str) -> None:
    assert classify(line) is None
    assert caption_prefix(line) is None


def test_caption_prefixes() -> None:
    assert caption_prefix("Media caption Residents watch the gates close") == (
        "caption",
        "Residents watch the gates close",
    )
    assert caption_prefix("Getty Images") == ("photo credit", "")
    assert caption_prefix("Photo: Castlemoor River Authority") == (
        "photo credit",
        "Castlemoor River Authority",
    )


def test_bullet_links() -> None:
    assert is_bullet_link("- Why Weirs Matter For The Towns Downstream")
    assert is_bullet_link("- the footbridge plans", after_link=True)
    assert not is_bullet_link("- Castlemoor, on the upper river")
    assert not is_bullet_link("- The gates close within an hour of a flood warning.")
