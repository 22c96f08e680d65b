"""Cleaning plain text scraped from a news page.

Scraped text keeps the page's furniture: an icon row, the section label, the
headline and standfirst, photo captions with their credits, then the story,
then a tail of sponsored links, paywall prompts and forms. The cleaner reads
it in three zones:

* the **header** — everything before the first paragraph that reads like
  prose (or opens with a dateline): section, title, subtitle, byline,
  captions, debris;
* the **body** — paragraphs, with stray debris lines (credits, reference
  lines, share buttons) taken out;
* the **trailing zone** — from the first line that opens the end-of-article
  boilerplate (sponsored content, a comment form, a paywall template, a
  "related stories" heading) to the end: all of it is removed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from reader.core.clean import debris
from reader.core.clean.dateline import byline_of, split_dateline
from reader.core.clean.dates import find_date
from reader.core.clean.normalise import ends_like_sentence, squash, word_count
from reader.core.model import Document, RemovedBlock

# A paragraph of prose: this many words at least and a sentence ending.
_PROSE_WORDS = 14
_HEADLINE_MAX_WORDS = 30
_SECTION_MAX_WORDS = 4
_CAPTION_MAX_WORDS = 80
_DATE_LINE = re.compile(r"^(?:published|posted|updated|date)?\s*:?\s*\S.{0,60}$", re.IGNORECASE)


@dataclass
class _Unit:
    """One logical line of the scraped text and the blank-line block it came from."""

    text: str
    block: int
    _debris: str | None = None
    _classified: bool = False

    @property
    def debris(self) -> str | None:
        """The kind of debris this line is (computed once: it is the costly test)."""
        if not self._classified:
            self._debris, self._classified = debris.classify(self.text), True
        return self._debris


def split_units(text: str) -> list[_Unit]:
    """Split text into logical lines, re-joining lines a scraper wrapped mid-sentence."""
    units: list[_Unit] = []
    block = 0
    previous_blank = True
    for raw in text.splitlines():
        line = squash(raw)
        if not line:
            if not previous_blank:
                block += 1
            previous_blank = True
            continue
        if units and not previous_blank and _continues(units[-1].text, line):
            units[-1].text = (
                f"{units[-1].text} {line}" if line[0].isalnum() else units[-1].text + line
            )
        else:
            units.append(_Unit(line, block))
        previous_blank = False
    return units


def _continues(previous: str, line: str) -> bool:
    # "…the most dynamic market in the world" + "." or a line starting in lower
    # case after one that did not end a sentence: the same sentence, wrapped.
    if all(not ch.isalnum() for ch in line):
        return True
    return line[0].islower() and (previous[-1] in ";,-" or not ends_like_sentence(previous))


def _is_prose(text: str) -> bool:
    return word_count(text) >= _PROSE_WORDS and ends_like_sentence(text)


def split_credit(text: str) -> tuple[str, str] | None:
    """Split a caption from its trailing photo credit: ``(caption, credit)`` or ``None``."""
    match = debris.CAPTION_CREDIT.search(text)
    if not match or match.start() == 0:
        return None
    return text[: match.start()].strip(), match.group(0).strip()


def clean_text(text: str, doc: Document) -> None:
    """Fill ``doc`` from scraped plain text."""
    units = split_units(text)
    start = _body_start(units)
    headlines = _read_header(units[:start], doc)
    _assign_headlines(headlines, doc)
    _read_body(units[start:], doc)
    _lift_dateline(doc)


def _body_start(units: list[_Unit]) -> int:
    for index, unit in enumerate(units):
        if unit.debris is not None:
            continue
        if split_dateline(unit.text) is not None:
            return index
        if _is_prose(unit.text) and not _caption_with_credit(unit.text):
            return index
    return 0


def _caption_with_credit(text: str) -> bool:
    return word_count(text) <= _CAPTION_MAX_WORDS and split_credit(text) is not None


def _read_header(units: list[_Unit], doc: Document) -> list[str]:
    headlines: list[str] = []
    for unit in units:
        line = unit.text
        reason = unit.debris
        if reason == debris.DATE_LINE and not doc.published:
            reason = None  # read for its date below
        if reason is not None:
            doc.removed.append(RemovedBlock(line, reason))
            continue
        name = byline_of(line)
        if name and not doc.byline:
            doc.byline = name
            continue
        parts = split_credit(line)
        if parts:
            _add_caption(doc, *parts)
            continue
        if word_count(line) <= 8 and _DATE_LINE.match(line) and not doc.published:
            found = find_date(line)
            if found:
                doc.published, doc.published_source = found, "inferred"
                doc.removed.append(RemovedBlock(line, "date line"))
                continue
        if word_count(line) <= _HEADLINE_MAX_WORDS:
            headlines.append(line.rstrip())
        else:
            # Long text before the story that is neither prose nor a caption:
            # most likely an uncredited caption.
            doc.captions.append(line)
    return headlines


def _assign_headlines(headlines: list[str], doc: Document) -> None:
    """Section, title and subtitle from the short lines above the story, in page order."""
    if len(headlines) >= 2 and (
        len(headlines) >= 3
        or (
            word_count(headlines[0]) <= _SECTION_MAX_WORDS
            and word_count(headlines[1]) > word_count(headlines[0])
        )
    ):
        doc.section = headlines.pop(0)
    if headlines:
        doc.title = headlines.pop(0)
    if headlines:
        doc.subtitle = headlines.pop(0)
    for extra in headlines:
        doc.removed.append(RemovedBlock(extra, "header line"))


def _add_caption(doc: Document, caption: str, credit: str) -> None:
    doc.captions.append(caption)
    doc.removed.append(RemovedBlock(credit, debris.PHOTO_CREDIT))


def _read_body(units: list[_Unit], doc: Document) -> None:
    kept: list[_Unit] = []
    for index, unit in enumerate(units):
        line = unit.text
        reason = debris.classify(line)
        # The lines after are looked at lazily, and only for debris that can open
        # the trailing zone: a list of them per line made a 4 MB article take 24 s.
        following = (u.text for u in itertools.islice(units, index + 1, None))
        if debris.starts_trailing_zone(reason, following):
            for rest in units[index:]:
                doc.removed.append(
                    RemovedBlock(rest.text, debris.classify(rest.text) or debris.TRAILING)
                )
            break
        if reason in (debris.SUBSCRIPTION, debris.NEWSLETTER):
            # A plea is one box on the page: lines scraped into the same block
            # just before it ("In a time of misinformation…") belong to it.
            while kept and kept[-1].block == unit.block and not _is_prose_run(kept, unit.block):
                doc.removed.insert(len(doc.removed), RemovedBlock(kept.pop().text, reason))
        if reason is not None:
            doc.removed.append(RemovedBlock(line, reason))
            continue
        prefix = debris.caption_prefix(line)
        if prefix is not None:
            kind, caption = prefix
            if kind == debris.CAPTION and caption:
                doc.captions.append(caption)
            else:
                doc.removed.append(RemovedBlock(line, kind))
            continue
        if not _is_prose(line) and _caption_with_credit(line):
            parts = split_credit(line)
            if parts:
                _add_caption(doc, *parts)
                continue
        kept.append(unit)
    _trim_tail(kept, doc)
    doc.paragraphs.extend(unit.text for unit in kept)


def _is_prose_run(kept: list[_Unit], block: int) -> bool:
    # Only pull lines into a plea when the block is not itself a run of story
    # paragraphs (text scraped with single newlines between paragraphs).
    same = [u for u in kept if u.block == block]
    return len(same) >= 3


def _trim_tail(kept: list[_Unit], doc: Document) -> None:
    """Drop short non-sentence lines left dangling after the last paragraph, unless
    the story announced them as a list it ends with."""
    tail: list[_Unit] = []
    while (
        kept
        and not ends_like_sentence(kept[-1].text)
        and word_count(kept[-1].text) <= 8
        and len(kept) > 1
    ):
        tail.append(kept.pop())
    if tail and kept and _announced_list(kept[-1].text, [u.text for u in tail]):
        kept.extend(reversed(tail))
        return
    doc.removed.extend(RemovedBlock(u.text, debris.TRAILING) for u in reversed(tail))


# "Below are the teams that qualified.", "They are:", "the following players":
# a paragraph that says a list comes next.
_ANNOUNCES = re.compile(r":\s*$|\b(?:below|following)\b", re.IGNORECASE)
_LIST_MARKS = (":", "(", " - ", " \u2013 ", ",")


def _announced_list(before: str, lines: list[str]) -> bool:
    """Whether ``lines`` (short, at the article's end) are the list ``before`` announces:
    three or more entries, most of them built alike around the same mark ("England
    (Group A): 10th appearance"), and none of them a kind of debris."""
    if not _ANNOUNCES.search(before) or len(lines) < 3:
        return False
    if any(debris.classify(line) is not None for line in lines):
        return False
    alike = max(sum(mark in line for line in lines) for mark in _LIST_MARKS)
    return alike >= 0.8 * (len(lines) - 1)  # a heading above the entries may differ


def _lift_dateline(doc: Document) -> None:
    if not doc.paragraphs:
        return
    found = split_dateline(doc.paragraphs[0])
    if found is None:
        return
    doc.dateline = found.place
    doc.paragraphs[0] = found.rest
    if found.agency and not doc.byline:
        doc.byline = found.agency
