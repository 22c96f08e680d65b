# ruff: noqa: E501  (expected paragraphs are written out whole, as the article prints them)
"""The five bundled articles, cleaned paragraph by paragraph.

Every expected value is written out: title, subtitle, section, byline,
dateline, captions and each body paragraph, so any change in cleaning shows
up here as a readable diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.clean import clean_file
from reader.core.model import Document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["articles"]

# Text that is page furniture in the bundled files; none of it may reach a body.
DEBRIS = (
    "Artboard",
    "Created with Sketch",
    "Chevron",
    "{{",
    "}}",
    "Sponsored Content",
    "commissioned by",
    "free article",
    "Try 3 months",
    "Try 1 month",
    "See all offers",
    "subscription",
    "Stay ahead with our exclusives",
    "trusted insights",
    "Unlimited access",
    "Offer ends",
    "trial period",
    "tablet",
    "By subscribing",
    "quality journalism",
    "Leave a Reply",
    "email address will not be published",
    "Required fields",
    "newsletter",
    "keep you posted",
    "photo credit",
    "Photo by",
    "©",
    "Reference:",
    "• Kyodo",
    "Celebrate our next chapter",
    "Find out more",
)


def clean(stem: str) -> Document:
    return clean_file(CORPUS / "articles" / f"{stem}.txt", manifest=MANIFEST[stem])


EXPECTED_000 = {
    "title": "Japan and Russia look for momentum on peace treaty at G-20",
    "subtitle": "Abe and Putin agree to hasten negotiations based on Soviet-Japanese declaration of 1956",
    "section": "International relations",
    "publisher": "Nikkei Asian Review",
    "byline": "",
    "dateline": "OSAKA",
    "published": "2019-06-29",
    "published_source": "manifest",
    "captions": [
        "Japanese Prime Minister Shinzo Abe, right, and Russian President Vladimir Putin meet Saturday on the sidelines of the G-20 summit in Osaka."
    ],
    "paragraphs": [
        "Japanese Prime Minister Shinzo Abe and Russian President Vladimir Putin agreed on Saturday to speed up negotiations for a peace treaty based on the Soviet-Japanese declaration of 1956.",
        '"It is becoming clearer what issues need to be overcome," Abe said after the two met face to face in Osaka on the sidelines of the G-20 summit, the 26th time the two leaders had spoken since the Japanese leader visited Moscow in January.',
        "Putin noted that they were searching for a solution that the people of the two nations could accept.",
        "The leaders had agreed to accelerate discussions based on the 1956 declaration at a meeting in October last year. The country's top diplomats have met four times since then, but have been unable to bridge the gap over the sovereignty of the Northern Territories -- four islands north of Hokkaido that were occupied by the Soviet Union at the end of World War II.",
        "Abe had said on a radio program that he wanted to advance as much as possible toward a peace treaty.",
        "In a bid to keep the momentum of negotiations, the two sides agreed on a set of initiatives including expanding cooperation in the energy and medical sectors, and engaging in joint activities in the Northern Territories, such as tourism, waste disposal and vegetable farming.",
        "After the meeting, Japanese major trading house Mitsui & Co and Russia's top independent gas producer, Novatek, signed an agreement on liquefied natural gas production in the arctic. The deal is one of eight cooperation packages that Abe had proposed to Russia at a meeting in May 2016.",
    ],
}

EXPECTED_001 = {
    "title": "Abe and Putin designate negotiators for peace treaty and islands",
    "subtitle": "Foreign ministers to lay groundwork ahead of January summit in Russia",
    "section": "International relations",
    "publisher": "Nikkei Asian Review",
    "byline": "",
    "dateline": "BUENOS AIRES, Argentina",
    "published": "2018-12-01",
    "published_source": "manifest",
    "captions": [
        "Saturday's meeting was the 24th between Japanese Prime Minister Shinzo Abe and Russia President Vladimir Putin."
    ],
    "paragraphs": [
        "Japanese Prime Minister Shinzo Abe and Russian President Vladimir Putin agreed on Saturday to have their foreign ministers oversee the talks for a peace treaty in a move aimed at accelerating negotiations.",
        "In their 45-minute meeting on the sidelines of the Group of 20 summit, Abe and Putin agreed that Japanese Foreign Minister Taro Kono and Russian counterpart Sergey Lavrov will meet to lay the groundwork for the next summit in Russia slated for January.",
        "Senior Deputy Foreign Minister Takeo Mori and Deputy Foreign Minister Igor Morgulov were named as the lead working-level negotiators, with both to receive instructions directly from their respective leaders.",
        "During the summit, Putin welcomed the frequent pace of meetings between the two leaders, who held talks in Singapore two weeks ago and in the Russian city of Vladivostok in September.",
        '"[Russia is] glad that we now have a busy joint work schedule," Putin told Abe in the 24th meeting between the two leaders.',
        '"I would like to expand our cooperation in all areas to take Japan-Russia relations to a new level," Abe responded. "I hope for a solid discussion centering on a peace treaty, based on the results of our meeting in Singapore," he added',
        "Abe also said he wants to continue cooperation toward joint economic activity on disputed islands and humanitarian measures for former residents, as well as to collaborate on security issues.",
        "The dispute over the southern Kuril Islands, which are administered by Russia and claimed by Japan as the Northern Territories, has prevented the two countries from signing a post-World War II peace treaty. Abe and Putin agreed last month to advance negotiations based on a 1956 agreement under which the then-Soviet Union agreed to hand over two of the islands after signing a treaty.",
        "After the summit, Putin told a news conference that the two leaders agreed to create new mechanisms of cooperation and increase the level of trust between the two sides by expanding humanitarian contacts and economic ties.",
        'The summit came amid renewed tensions between the U.S. and Russia over the latter\'s seizure of three Ukrainian naval vessels that were traveling through the Kerch Strait, which connects the Black Sea to the Sea of Azov. The U.S. condemned the seizure, calling it "yet another reckless Russian escalation," and canceled planned talks between U.S. President Donald Trump and Putin on the sidelines of the G-20 summit.',
        "Abe told Putin that Japan is looking for an early release of the vessels' crews and that Russia will take steps to deescalate the situation.",
    ],
}

EXPECTED_002 = {
    "title": "Putin tones down rhetoric with Abe but treaty progress unclear",
    "subtitle": "Foreign ministers meet again in February, with next summit in June",
    "section": "International relations",
    "publisher": "Nikkei Asian Review",
    "byline": "",
    "dateline": "MOSCOW",
    "published": "2019-01-22",
    "published_source": "manifest",
    "captions": [
        "Japanese Prime Minister Shinzo Abe, left, and Russian President Vladimir Putin met for the 25th time Tuesday, but their close relationship has yet to produce a solution over the disputed islands."
    ],
    "paragraphs": [
        "Japanese Prime Minister Shinzo Abe and Russian President Vladimir Putin agreed to continue accelerating negotiations toward a formal peace treaty for World War II during their summit here Tuesday afternoon, but the practical hurdles to such a pact remain high.",
        "Abe and Putin met for the 25th time, just one month after their talks in Argentina. The majority of their three-hour conversation Tuesday involved peace treaty negotiations, the leaders revealed in a joint press conference afterward. They also committed to holding their next summit in Japan in June after Russian Foreign Minister Sergey Lavrov and Japanese counterpart Taro Kono meet in February.",
        "Putin toned down his frequently hard-line language regarding the four contested islands, administered by Russia as the southern Kurils but claimed by Japan as the Northern Territories. Notably, he did not voice his stance that the islands became Russian territory as a result of World War II, nor his concern about U.S. forces using the islands if transferred to Japan.",
        '"Of course, we discussed the prospects for concluding a peace treaty," Putin said in his press statement.',
        '"Our goal is to ensure the long-term and comprehensive development of Russian-Japanese relations at a high-quality level," he added. "The decision that the negotiators will come up with should be acceptable to the peoples of Russia and Japan and supported by both."',
        '"Under the firm leadership of President Putin and me, we must join our efforts and work energetically to ensure even greater trust in relations between the citizens of Japan and the citizens of Russia, the relations of friends, and the search for a mutually acceptable solution," Abe said.',
        '"We instructed our foreign ministers to hold the next round of talks on the sidelines of the security conference in Munich in February," he also noted.',
        "Though both leaders took a cooperative stance at the summit, they did not explain what a mutually acceptable solution would look like.",
        "A 1956 Soviet Union-Japan declaration states that two of the four islands -- the Habomai islets and Shikotan -- will be transferred to Japan after the conclusion of a peace treaty. Putin and Abe agreed in Singapore last November to accelerate peace negotiations based on the joint declaration. Seeking ways to reinvigorate the economy, Moscow believes that a treaty could bring greater Japanese investment, technology and talent by improving trust with Tokyo.",
        "But the joint declaration is filled with ambiguities, which means a peace treaty will require political decisions to be made by both leaders.",
        'The document says, for example, that Russia "agrees to transfer to Japan the Habomai Islands and the island of Shikotan." Tokyo interprets this to mean that sovereignty of the islands belongs to Japan, while Putin maintains that nothing is specified about to whom sovereignty belongs after the transfer. Nor does the declaration mention the other two islands.',
        'After meeting with Kono in Moscow on Jan. 14, Lavrov said that "it is very difficult to count on any progress" as long as Japan does not recognize Russian sovereignty over the islands.',
        "The 1956 declaration also was signed long before the idea of an exclusive economic zone was conceived. Negotiations over the use of marine resources will have to start from scratch. About 3,000 Russians live on Shikotan as well, while the question of how to compensate former Japanese inhabitants of the island remains open.",
        "The security pact between Japan and the U.S. represents another source of friction. Putin is wary that turning the islands over to Tokyo would allow for American forces to be deployed there.",
        "The leaders also agreed to work toward more economic exchanges. Their conversation covered greater trade, Japanese investment in Russia and cooperation on liquefied natural gas development.",
        '"We discussed the development of more ambitious plans to expand economic ties in key areas: from trade to investment and technological cooperation," Putin said. "In particular, it will be possible, already in the coming years, to set a goal to increase Russian-Japanese trade by at least 50% to $30 billion."',
        'Abe also said that, "President Putin and I gave instructions to relevant people and agencies to work together clearly and promptly for the speedy implementation of joint economic activities" on the disputed islands.',
        "Former Japanese residents will be able to visit relatives' graves on the islands by airplane as early as summer. And visitors to the islands from both countries will be increased to a total of 400,000 in 2023.",
    ],
}

EXPECTED_003 = {
    "title": "Japan and Russia to accelerate talks of peace but challenges may arise",
    "subtitle": "",
    "section": "",
    "publisher": "",
    "byline": "",
    "dateline": "",
    "published": "2019-01-22",
    "published_source": "manifest",
    "captions": [],
    "paragraphs": [
        "Japanese Prime Minister Shinzo Abe and Russian President Vladimir Putin agreed Tuesday to accelerate talks on a postwar peace treaty that has not been concluded due to a territorial dispute, while suggesting the process will not be easy.",
        "The summit in Moscow was held after the two agreed in November to step up their search for a solution on the basis of a 1956 joint declaration, which calls for the The two leaders also vowed to enhance economic ties, with Putin proposing a 50 percent rise in the value of annual trade with Japan to around $30 billion (3.3 trillion yen) and increased efforts to realize joint economic activities on the four islands, known as the Northern Territories in Japan and the Southern Kurils in Russia.",
        "Abe is keen to resolve the dispute over the islands that have remained under Russian control since the end of World War II and to make a peace deal the main pillar of his political legacy. The Japanese leader is believed to be pursuing a June timeline to reach a broad agreement with Putin, who is expected to visit Japan that month for the Group of 20 summit.",
        "The 1956 declaration, which ended the state of war between the nations and restored diplomatic ties, stipulated the handover by the Soviet Union to Japan of Shikotan Island and the Habomai islet group after a peace treaty is signed.",
        "But the two countries differ over what a “handover” of the two islands would mean, with Tokyo arguing that it should entail Japan assuming sovereignty and Moscow asserting nothing relating to sovereignty is mentioned in the document.",
        "Japan maintains that all of the islands are characteristic and fundamental territories of the country that were & “illegally occupied” by the Soviet Union following Tokyo’s surrender in World War II in 1945. However, Moscow insists it legally has the right to own and settle on the island after they won it from Japan in WWII.",
    ],
}

EXPECTED_004 = {
    "title": "",
    "subtitle": "",
    "section": "",
    "publisher": "The Japan Times",
    "byline": "Kyodo",
    "dateline": "",
    "published": "2016-11-19",
    "published_source": "manifest",
    "captions": [],
    "paragraphs": [
        "Prime Minister Shinzo Abe held intensive talks Saturday with Russian President Vladimir Putin on territorial issues and said he wanted to achieve a breakthrough in negotiations on the disputed islands off Hokkaido when Putin visits Japan next month.",
        "Speaking to reporters after the meeting in Lima, Abe said he “has come to see a path toward resolution” of what he referred to as the “peace treaty issue,” a decades-old territorial dispute that has prevented the two countries from concluding a post-World War II peace treaty.",
        "During the 70-minute meeting on the sidelines of a Pacific Rim summit in the Peruvian capital, Abe and Putin spent half the time discussing the territorial issue alone with their interpreters, according to a senior Japanese official.",
        "The official declined to provide details about the talks, however, because the issue involving the four Russian-held, Japan-claimed islands off Hokkaido remains under negotiation.",
        "“It’s not easy to make a big step forward,” Abe said, citing the fact that Tokyo and Moscow have failed to resolve the issue for 70 years. “But I would like to move forward step by step.”",
        "Abe expressed his intention to speak with Putin about economic issues in Tokyo on Dec. 16, following their scheduled meeting in Yamaguchi, Abe’s constituency in western Japan, a day beforehand.",
        "Abe also said the two leaders affirmed the progress the two governments have made on an eight-point economic cooperation plan Abe proposed to Putin in May.",
        "Hiroshige Seko, minister of economy, trade and industry, joined the first half of the meeting and presented the two leaders with a list of projects the two sides have crafted for the plan.",
        "Japan and Russia have agreed to promote tourism and ease visa requirements for each other’s citizens under the plan.",
        "The projects include setting up an office of the state-backed Japan National Tourism Organization in Moscow as part of efforts to promote tourism between the countries.",
        "On energy, Tokyo and Moscow will promote joint development of oil and gas fields, green energy projects and look to technical collaboration on nuclear power generation.",
        "The two sides will expand the size of student exchanges from 2017. They will also conduct sports exchanges in the run-up to the 2018 World Cup in Russia.",
        "Putin said the eight-point cooperation plan is a good initiative for advancing economic relations between the two countries, according to the senior Japanese official who briefed reporters about the meeting.",
        "Japan hopes to use the eight-point plan as leverage for pushing forward talks on the territorial issue.",
        "To put a final touch to preparations for Putin’s visit, Abe said Japanese Foreign Minister Fumio Kishida will visit Russia on Dec. 3 for talks with his Russian counterpart, Sergey Lavrov, the senior Japanese official said.",
    ],
}

EXPECTED = {
    "000_5f0500b3071f7868": EXPECTED_000,
    "001_e7cd980b6579670b": EXPECTED_001,
    "002_88f331eb946bdea1": EXPECTED_002,
    "003_f58378006adc5005": EXPECTED_003,
    "004_7e4fc252ac36b584": EXPECTED_004,
}


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_metadata(stem: str) -> None:
    doc = clean(stem)
    expected = EXPECTED[stem]
    for name in ("title", "subtitle", "section", "publisher", "byline", "dateline", "published"):
        assert getattr(doc, name) == expected[name], name
    assert doc.published_source == expected["published_source"]
    assert doc.captions == expected["captions"]
    assert doc.id == stem
    assert doc.meeting == MANIFEST[stem]["meeting"]


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_paragraphs(stem: str) -> None:
    doc = clean(stem)
    assert doc.paragraphs == EXPECTED[stem]["paragraphs"]


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_no_debris_in_body(stem: str) -> None:
    body = clean(stem).body_text
    for fragment in DEBRIS:
        assert fragment not in body, fragment


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_removed_blocks_are_explained(stem: str) -> None:
    doc = clean(stem)
    assert doc.removed, "every bundled file carries some debris"
    for block in doc.removed:
        assert block.text and block.reason


def test_removed_reasons_name_the_debris() -> None:
    reasons = {r.reason for stem in EXPECTED for r in clean(stem).removed}
    assert {
        "icon labels",
        "paywall prompt",
        "sponsored content",
        "subscription plea",
        "newsletter form",
        "comment form",
        "photo credit",
        "reference line",
    } <= reasons


def test_photo_credits_leave_the_captions() -> None:
    osaka = clean("000_5f0500b3071f7868")
    assert any(
        r.text == "(Photo by Nozomu Ogawa)" and r.reason == "photo credit" for r in osaka.removed
    )
    moscow = clean("002_88f331eb946bdea1")
    assert any(r.text == "© Kyodo" and r.reason == "photo credit" for r in moscow.removed)


def test_hash_and_source_path() -> None:
    path = CORPUS / "articles" / "003_f58378006adc5005.txt"
    doc = clean_file(path)
    import hashlib

    assert doc.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.source_path == str(path)
    assert doc.published is None and doc.published_source == "none"


def test_no_sentence_lost() -> None:
    """Every sentence of the source that is not debris is somewhere in the body."""
    for stem in EXPECTED:
        doc = clean(stem)
        body = doc.body_text
        source = (CORPUS / "articles" / f"{stem}.txt").read_text(encoding="utf-8")
        for line in source.splitlines():
            line = " ".join(line.split())
            if len(line.split()) < 20 or any(f in line for f in DEBRIS):
                continue
            if line in doc.captions or any(line.startswith(c) for c in doc.captions):
                continue
            tail = (
                line.split(" -- ", 1)[-1]
                if doc.dateline and line.startswith(doc.dateline)
                else line
            )
            assert tail in body, tail[:60]
