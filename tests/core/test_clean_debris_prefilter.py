"""Debris rules' cheap pre-checks change nothing: the same lines are debris, for the same reason.

The subscription rule is searched branch by branch, each branch only on a
line that holds the words it needs. These tests show that this finds a
match exactly where the whole pattern does, and that cleaning keeps and
removes the same blocks as it does with the whole patterns, on lines made
to match each branch, near misses, prose, and letters that match ASCII
ones only when case is ignored.
"""

from __future__ import annotations

import dataclasses
import random
import re
import sys
import time

import pytest

from reader.core.clean import clean_bytes, debris

# Lines written to match (or nearly match) each branch of the subscription rule.
PLEAS = [
    "Try 3 months for just £1 and read everything.",
    "Get six weeks for nothing, then cancel whenever you like.",
    "Start one year for the price of a coffee",
    "See all offers",
    "By subscribing you agree to our terms.",
    "Subscribe now and save 40 per cent",
    "Subscribe for 99p a week",
    "You need a subscription to read this story.",
    "You need an account to keep reading.",
    "Unlimited digital access from £2 a week",
    "Read all stories on the app",
    "You have 2 free articles left this month.",
    "Free article 3 of 5 remaining",
    "Your trial has expired.",
    "Your free access period has now expired",
    "Offer ends Sunday at midnight",
    "Already a subscriber? Log in",
    "Already member? Sign in",
    "Sign in to continue reading",
    "Support our journalism today.",
    "Fund independent journalism with a gift.",
    "Quality journalism costs money.",
    "Become a member of the club of readers.",
    "Become an supporter",
    "Make a contribution of any size.",
    "Make a donation now",
    "This is your last free article.",
    "Subscriber-only story",
    "subscriber only",
    "Get our mobile and tablet apps",
    "For as little as £1 a week",
    "12 issues for £10",
    "Click here for more information",
    "Delivered to your door every Saturday",
    "delivered through your letterbox",
    'Use the promo code "SPRING24" at checkout',
    "Use code HALFPRICE",
]
# The same, nearly: a word missing or changed, so no branch matches.
NEAR_MISSES = [
    "She tried three months for a cure.",
    "Try many months for free",
    "See all the offers",
    "By subscription",
    "Subscribe later",
    "You need any subscription",
    "Unlimited access",  # matches: "unlimited access" with no "digital"
    "Limited digital access",
    "Free articles are gone",
    "The trial of the century has ended",
    "Offers end Sunday",
    "Already a part of it",
    "Sign in now",
    "Support their journalism",
    "Make a contributor of him",
    "Use code abc",
    "Delivered to the door",
    "For as little",
    "Issues for debate",
    "Click here",
]
# Letters that case-insensitive matching takes for i, s and k.
LOOKALIKES = {"i": "\u0130\u0131I", "s": "\u017fS", "k": "\u212aK"}

PROSE = [
    "The delegations talked about the quotas for a long time and agreed on little.",
    "Ministers from both countries met for two days in the port city before the vote.",
    "Farmers say the drought has lasted for years, and they want the state to act.",
    "The council will support the plan only if the costs are shared with the region.",
    "A spokesman said the trial would resume next month after the judge's illness.",
    "Members of the committee had already left when the report was delivered late.",
]
FILLER = str.split(
    "the a of for to in on with by and or but river council minister month week day year "
    "try get start only one two three six twelve free article access digital unlimited "
    "subscriber member code promo use support fund quality journalism become make offer "
    "ends expired trial left remaining sign read stories issues apps delivered door 12 3"
)


def _disguised(text: str, rng: random.Random) -> str:
    """``text`` with letters swapped for their look-alikes and the case scrambled."""
    out = []
    for ch in text:
        spare = LOOKALIKES.get(ch.lower())
        if spare and rng.random() < 0.3:
            out.append(rng.choice(spare))
        elif rng.random() < 0.2:
            out.append(ch.swapcase())
        else:
            out.append(ch)
    return "".join(out)


def _lines(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    lines: list[str] = []
    for _ in range(count):
        parts = [rng.choice(FILLER) for _ in range(rng.randint(0, 30))]
        pick = rng.random()
        if pick < 0.4:
            parts.insert(rng.randint(0, len(parts)), rng.choice(PLEAS))
        elif pick < 0.6:
            parts.insert(rng.randint(0, len(parts)), rng.choice(NEAR_MISSES))
        elif pick < 0.8:
            parts.insert(rng.randint(0, len(parts)), rng.choice(PROSE))
        line = " ".join(parts)
        lines.append(_disguised(line, rng) if rng.random() < 0.5 else line)
    return lines


ALL_LINES = PLEAS + NEAR_MISSES + PROSE + _lines(4000, seed=13)


def test_each_plea_matches_and_prose_does_not() -> None:
    # The lines above mean what they say, so the comparisons below test something.
    assert all(debris._SUBSCRIPTION.search(line) for line in PLEAS)
    assert not any(debris._SUBSCRIPTION.search(line) for line in PROSE)
    assert sum(bool(debris._SUBSCRIPTION.search(line)) for line in NEAR_MISSES) == 1


def test_branch_by_branch_finds_exactly_what_the_whole_pattern_finds() -> None:
    whole = debris._SUBSCRIPTION.pattern
    found = [line for line in ALL_LINES if whole.search(line)]
    assert len(found) > 1000  # both answers are well represented
    for line in ALL_LINES:
        assert debris._SUBSCRIPTION.search(line) == bool(whole.search(line)), line


def test_every_letter_case_insensitive_matching_takes_for_an_ascii_one_folds_to_it() -> None:
    every_char = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for ch in re.findall(letter, every_char, re.IGNORECASE):
            assert debris._folded(ch) == letter, (letter, hex(ord(ch)))


def _whole_pattern_rules() -> tuple[debris._Rule, ...]:
    """The rules as they read without branch pre-checks."""
    return tuple(
        dataclasses.replace(rule, pattern=rule.pattern.pattern)
        if isinstance(rule.pattern, debris._Branches)
        else rule
        for rule in debris._RULES
    )


def test_every_line_gets_the_same_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [debris.classify(line) for line in ALL_LINES]
    monkeypatch.setattr(debris, "_RULES", _whole_pattern_rules())
    assert [debris.classify(line) for line in ALL_LINES] == fast
    assert fast.count(debris.SUBSCRIPTION) > 500


def test_cleaning_keeps_and_removes_the_same_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)
    pages = []
    for _ in range(20):
        blocks = rng.sample(ALL_LINES, 40)
        pages.append(("Talks on the river weir\n\n" + "\n\n".join(blocks)).encode())
    fast = [clean_bytes(page, doc_id=f"p{n}").to_json() for n, page in enumerate(pages)]
    monkeypatch.setattr(debris, "_RULES", _whole_pattern_rules())
    assert [clean_bytes(page, doc_id=f"p{n}").to_json() for n, page in enumerate(pages)] == fast
    removed = sum(len(doc["removed"]) for doc in fast)
    assert removed > 20, "the pages hold debris to remove"


def test_a_paragraph_of_prose_is_classified_quickly() -> None:
    paragraph = " ".join(PROSE[:3])  # 44 words: every rule is tried
    start = time.perf_counter()
    for _ in range(2000):
        debris.classify(paragraph)
    per_line = (time.perf_counter() - start) / 2000
    # The whole alternation took about 80 µs per such line; branch by branch
    # takes about 10. A loose bound, for a loaded machine.
    assert per_line < 60e-6
