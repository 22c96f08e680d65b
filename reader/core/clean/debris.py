"""Recognising page furniture in scraped text: what it is, and why it is not the article.

Each rule is a general pattern — the vocabulary of UI icons, template
placeholders, calls to action, form labels, credit lines — not a list of
strings seen on particular sites. :func:`classify` names the kind of debris a
line is (the reason shown to the researcher) or returns ``None`` for text that
may belong to the article. :func:`starts_trailing_zone` says whether a line
opens the block of boilerplate that follows an article's last paragraph, after
which nothing is article text any more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

ICON_LABELS = "icon labels"
PAYWALL = "paywall prompt"
SPONSORED = "sponsored content"
SUBSCRIPTION = "subscription plea"
NEWSLETTER = "newsletter form"
COMMENTS = "comment form"
PHOTO_CREDIT = "photo credit"
REFERENCE = "reference line"
NAVIGATION = "navigation"
SHARING = "share buttons"
ADVERTISEMENT = "advertisement"
RELATED = "related links"
LINK = "link to another article"
CONTACT = "contact line"
CAPTION = "caption"
CREDIT_LINE = "credit line"
DATE_LINE = "date line"
META_LINE = "post details"
TRAILING = "trailing boilerplate"

# Names that SVG icon sprites and screen-reader labels are built from. A line
# made almost only of these (often glued together, "ChevronTitle ChevronEye")
# is the text of an icon row, never prose.
_ICON_VOCABULARY = (
    "arrow artboard created with sketch title chevron eye icon icons facebook "
    "linkedin twitter mail email envelope contact path layer menu burger hamburger "
    "positive negative print search site share whatsapp instagram pinterest reddit "
    "tumblr telegram youtube tiktok close caret logo play pause bookmark comment "
    "comments copy link download plus minus back next prev previous home user avatar "
    "bell settings svg glyph group rectangle oval shape combined fill stroke line "
    "circle left right up down open toggle expand collapse more dots kebab x rss "
    "feed messenger flipboard google apple android outline solid"
)
_ICON_WORDS = frozenset(_ICON_VOCABULARY.split())
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_GLUED = re.compile(r"[a-z][A-Z]")

# {{numberArticlesLeft}}, ${count}, {%- tag %}, [[placeholder]]: a template the
# page never filled in.
_PLACEHOLDER = re.compile(
    r"\{\{\s*[^{}]{1,60}\}\}|\$\{\w[\w.]{0,40}\}|\{%.{0,60}%\}|\[\[\w[\w.]{0,40}\]\]"
)

_SPONSORED = re.compile(
    r"^(?:about\s+)?(?:sponsored|paid|promoted|partner)\s+(?:content|post|stories|story|links?)\b"
    r"|^sponsored\b.{0,30}$|^(?:presented|brought to you) by\b.{0,60}$",
    re.IGNORECASE,
)
_ADVERTISEMENT = re.compile(
    r"^(?:advertisements?|advertising|ads?|ad feedback|sponsored|anzeige|publicidad|publicité"
    r"|pubblicità|реклама"
    r"|(?:advertisement\s*[-–—:]?\s*)?(?:scroll|continue reading|read|story|article) "
    r"(?:down )?(?:continues? )?(?:below|to continue|the main story|with content|reading)"
    r"(?: advertisement)?)[.:]?$",
    re.I,
)
# "Related: …", "READ MORE: …", "More: …", "See also – …": a link to another article.
_LINK_LINE = re.compile(
    r"^(?:related(?: articles?| stories| coverage| content| reading)?|(?:read|see|click) more"
    r"|more(?: on this| news| stories| from \w+)?|see also|also read|read also|also see"
    r"|recommended(?: reading)?|read next|up next|read|watch|listen|must read|don'?t miss"
    r"|trending|top stories|previously|further reading|mehr (?:zum thema|lesen)|lire aussi"
    r"|leia (?:também|mais)|lee también|читайте также)"
    r"\s*(?::|»|>>|\||–|—|-)\s*\S",
    re.I,
)
# "(Reporting by A; additional reporting by B; editing by C)": the desk's credits.
_STAFF_CREDIT = re.compile(
    r"^[(\[]?(?:(?:additional |further )?reporting|writing|editing|compiled|graphics|research"
    r"|produced|translated)\s+by\b[^.]*(?:;|,|\band\b)?.*(?:by\b.*)?[)\]]?\.?$",
    re.I,
)
# "Updated at 1:23 p.m.", "Published 3 hours ago": a time stamp, not a sentence.
_DATE_STAMP = re.compile(r"^(?:last )?(?:updated|published|posted)\b(?: at| on)?\s*:?\s*\S", re.I)
# "Posted by A - Category: Health - Tags: cars", "Filed under: Energy": a blog's
# details of the post, in the languages such footers are most often written in.
_POST_DETAILS = re.compile(
    r"^(?:tags?|categor(?:y|ies)|filed under|posted in|topics?|schlagwörter|kategorie|etiquetas"
    r"|categoria|catégorie|mots-clés)\s*:"
    r"|^(?:[\d/.-]+\s*[-–|·]\s*)?(?:posted|published|publicado|publié|veröffentlicht|pubblicato)"
    r"\s*(?:by|por|par|von|da)\b"
    r".{0,80}\b(?:categor|kategor|tags?\b|etiquetas)",
    re.I,
)
# "More AP NBA: https://…": a label and nothing but addresses.
_LINKS_ONLY = re.compile(r"^[^.!?]{0,60}:\s*https?://\S+(?:\s*(?:,|and|&)?\s*https?://\S+)*$", re.I)
# A bullet of a list of headlines ("- Moon Rush: Private Lunar Lander Plans").
_BULLET_LINK = re.compile(r"^[-•▪·*»]\s+\S")
_CONTACT = re.compile(
    r"\bfollow (?:him|her|them|us|me)\b.{0,40}(?:twitter|facebook|instagram|linkedin|@\w)"
    r"|\b(?:can|may) be (?:reached|contacted|emailed) at\b|\bhave a (?:news )?tip\?"
    r"|\be-?mail (?:\w+ ){1,3}at \S+@\S+"
    r"|^(?:you can )?reach (?:the )?(?:reporters?|writers?|authors?|him|her|them|us|me)"
    r" (?:on|at|via)\b",
    re.I,
)
# What a page prints before a caption or a credit ("Image caption", "Media
# caption", "Image source", "Getty Images", "Photo:"), whether alone on a line
# or glued to the caption it introduces.
_CAPTION_PREFIX = re.compile(
    r"^(?:(?P<caption>(?:image|media|photo|video|picture) caption|caption|pictured)"
    r"|(?P<credit>(?:image|photo|picture) (?:source|copyright|credit)s?|getty images"
    r"|(?:photo|image|picture)s?))\s*[:|,]?(?:\s+|$)",
    re.I,
)

# Case-insensitive matching lets four non-ASCII letters stand for ASCII ones
# (U+0130 and U+0131 for i, U+017F long s for s, U+212A Kelvin sign for k);
# folded to them and lowercased, a line holds the ASCII words of any match.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _folded(line: str) -> str:
    return line.translate(_FOLD).lower()


@dataclass(frozen=True)
class _Branch:
    """One ``|`` branch of a pattern, with words every match of it holds.

    ``needs`` is a tuple of groups: a match holds (case-folded) one word of
    every group, so a line without them cannot match and is not searched.
    """

    needs: tuple[tuple[str, ...], ...]
    pattern: re.Pattern[str]


class _Branches:
    """A pattern of many branches, searched branch by branch where its words are.

    Branches that open with a word boundary defeat the regex engine's
    literal pre-scan, so searching the whole alternation tries every branch
    at every character: 80 µs for a 240-character paragraph of prose, the
    most costly step of cleaning a long article. The words each branch needs
    are checked first with ``in`` (a fraction of a microsecond each).
    :meth:`search` is true exactly when :attr:`pattern`, the whole
    alternation, finds a match.
    """

    def __init__(self, branches: Iterable[tuple[str, tuple[tuple[str, ...], ...]]], flags: int):
        listed = list(branches)
        self.pattern = re.compile("|".join(src for src, _ in listed), flags)
        self.branches = tuple(_Branch(needs, re.compile(src, flags)) for src, needs in listed)

    def search(self, line: str) -> bool:
        folded = _folded(line)
        for branch in self.branches:
            for group in branch.needs:
                for word in group:
                    if word in folded:
                        break
                else:
                    break  # a group with none of its words: this branch cannot match
            else:
                if branch.pattern.search(line):
                    return True
        return False


# The words after each branch are what every match of it holds (see _Branch).
_SUBSCRIPTION = _Branches(
    (
        (
            r"\b(?:try|get|start|only)\s+(?:\d+|one|two|three|six|twelve)\s+"
            r"(?:months?|weeks?|days?|years?)\s+for\b",
            (("month", "week", "day", "year"), ("for",), ("try", "get", "start", "only")),
        ),
        (r"\bsee all offers\b", (("see all offers",),)),
        (r"\bby subscribing\b", (("by subscribing",),)),
        (r"\bsubscribe (?:now|today|and save|for)\b", (("subscribe ",),)),
        (r"\byou need an? (?:subscription|account)\b", (("you need a",),)),
        (r"\bunlimited (?:digital )?access\b", (("unlimited ",), ("access",))),
        (r"\bread all stories\b", (("read all stories",),)),
        (r"\bfree articles?\b.{0,40}\b(?:left|remaining)\b", (("free article",),)),
        (
            r"\b(?:trial|subscription|full access|free access)\b.{0,40}\b(?:has |have )?expired\b",
            (("expired",), ("trial", "subscription", "access")),
        ),
        (r"^offer ends\b", (("offer ends",),)),
        (r"\balready (?:a )?(?:subscriber|member)\b", (("already ",), ("subscriber", "member"))),
        (r"\bsign in to (?:continue|read)\b", (("sign in to ",),)),
        (
            r"\b(?:support|fund)\s+(?:our|independent|quality)\s+journalism\b",
            (("journalism",), ("support", "fund")),
        ),
        (r"\bquality journalism\b", (("quality journalism",),)),
        (
            r"\bbecome an? (?:member|subscriber|supporter|patron)\b",
            (("become a",), ("member", "subscriber", "supporter", "patron")),
        ),
        (r"\bmake a (?:contribution|donation)\b", (("make a ",), ("contribution", "donation"))),
        (r"\bthis is your last free article\b", (("this is your last free article",),)),
        (r"\bsubscriber[- ]only\b", (("subscriber",), ("only",))),
        (r"\bmobile and tablet apps\b", (("mobile and tablet apps",),)),
        (r"\bfor as little as\b", (("for as little as",),)),
        (r"\b\d+ issues for\b", (("issues for",),)),
        (r"\bclick here for more information\b", (("click here for more information",),)),
        (
            r"\bdelivered (?:to your door|through your letterbox)\b",
            (("delivered ",), ("to your door", "through your letterbox")),
        ),
        (
            r"\buse (?:the )?(?:promo |coupon |discount |offer )?code\s+"
            r"(?-i:[\"“]?[A-Z0-9]{4,}\b)",
            (("code",), ("use ",)),
        ),
    ),
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(
    r"\bnewsletters?\b|\bsign up (?:for|to)\b|\benter your e-?mail\b|\bsubscribe to (?:our|the)\b"
    r"|\b(?:we|we'll|we’ll)\s+(?:will\s+)?keep you (?:posted|updated)\b"
    r"|\binbox\b.{0,30}\b(?:daily|weekly)\b",
    re.IGNORECASE,
)
_COMMENTS = re.compile(
    r"^(?:leave|post|add|write) (?:a|your) (?:reply|comment|response)\b"
    r"|\byour e-?mail address will not be published\b|\brequired fields are marked\b"
    r"|^\d+\s+(?:comments?|replies|responses)$|^(?:show|view|load|hide) (?:all )?comments\b"
    r"|^join the (?:conversation|discussion)\b|^comments?(?: \(\d+\))?$|^cancel reply$"
    r"|^(?:tell us|let us know) what you think\b|^have your say\b",
    re.IGNORECASE,
)
_SHARING = re.compile(
    r"^(?:share|tweet|e-?mail|print|save|pin|copy link|share this(?: article| story)?"
    r"|share on \w+|follow us(?: on \w+)?|click to (?:share|print|email)\b.*)$",
    re.IGNORECASE,
)
_NAVIGATION = re.compile(
    r"^(?:skip to (?:main )?content|back to top|home|menu|close|next|previous|read more|load more"
    r"|see more|more stories|find out more|learn more|continue reading|click here\b.{0,60})[.!]?$",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"^(?:related(?: articles| stories| coverage| news| content)?|recommended(?: for you)?"
    r"|(?:more|most) (?:read|popular|from \w+(?: \w+)?)|you (?:may|might) also like|read next"
    r"|trending(?: now)?|top stories|editor'?s picks)$",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"^(?:photo|image|picture|video|graphic)s?\s*(?:credit|courtesy|source)?\s*(?:to|by|of)?\s*:"
    r"|^(?:photo|image)s?\s+(?:by|courtesy of)\s"
    r"|^credit\s*:\s*\S.{0,80}$|^©\s*\S.{0,80}$|^\(?(?:photo|image)s?:\s.{0,80}\)?$",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    r"^(?:references?|sources?|via|original(?: article)?)\s*:\s*\S", re.IGNORECASE
)

# A credit at the end of a caption: "(Photo by X)", "© Kyodo", "Photo: AP", "/ Getty Images".
CAPTION_CREDIT = re.compile(
    r"\s*(?:(?i:\((?:(?:photo|image|picture|video|file photo)s?\b[^()]{0,80}|©[^()]{0,80})\))"
    r"|©\s*[^©]{1,60}|(?i:\b(?:photo|image)s?\s*(?:credit)?\s*:\s*[^.]{1,60})"
    r"|\s[|/]\s*(?:[A-Z][\w.&'-]*\s?){1,5}(?:/(?:[A-Z][\w.&'-]*\s?){1,4})?)\s*$",
)

_ZONE_STARTERS = (SPONSORED, COMMENTS, RELATED, PAYWALL)
_BARE_WORDS = frozenset({"photo", "photos", "image", "images", "picture", "pictures"})
_LINK_MAX_WORDS = 25
_BULLET_MAX_WORDS = 16
_CREDIT_MAX_WORDS = 12
# Longer than this, a line holding a placeholder is prose rather than a prompt.
_PROMPT_MAX_WORDS = 25
# This many paragraphs of prose after a line that would open the trailing
# zone mean the story goes on: the line is dropped, not the rest of the page.
_PROSE_RUN = 2
_PROSE_MIN_WORDS = 14


def is_icon_run(line: str) -> bool:
    """True for the text of a row of UI icons ("ArrowArtboardCreated with Sketch.Title…")."""
    if "created with sketch" in line.lower():
        return True
    glued = len(_GLUED.findall(line))
    # Prose has no glued words and rarely stops short of a sentence end.
    if glued < 2 and (line.count(" ") >= 12 or line[-1:] in ".!?"):
        return False
    words = _WORD.findall(line)
    if len(words) < 3:
        return False
    hits = sum(1 for w in words if w.lower() in _ICON_WORDS)
    return hits >= 0.75 * len(words) and (glued >= 2 or len(words) >= 6)


def has_placeholder(line: str) -> bool:
    return ("{" in line or "[[" in line) and _PLACEHOLDER.search(line) is not None


@dataclass(frozen=True)
class _Rule:
    """A debris pattern, tried only on lines short enough and holding one of its key words.

    The key words are a cheap pre-check: the regular expressions are the
    costly part of cleaning, and most body lines share no word with them.
    """

    reason: str
    max_words: int
    keys: tuple[str, ...]
    pattern: re.Pattern[str] | _Branches


_RULES = (
    _Rule(
        SPONSORED,
        12,
        ("sponsor", "paid", "promoted", "partner", "presented", "brought"),
        _SPONSORED,
    ),
    _Rule(
        COMMENTS,
        40,
        ("repl", "comment", "respon", "e-mail", "email", "required", "join", "think", "say"),
        _COMMENTS,
    ),
    _Rule(
        SUBSCRIPTION,
        60,
        (
            " for",
            "offer",
            "subscri",
            "access",
            "stories",
            "free",
            "expired",
            "member",
            "sign in",
            "journalism",
            "contribution",
            "donation",
            "apps",
            "little as",
            "issues",
            "click here",
            "delivered",
            "code",
        ),
        _SUBSCRIPTION,
    ),
    _Rule(
        NEWSLETTER,
        25,
        ("newsletter", "sign up", "mail", "subscribe", "keep you", "inbox"),
        _NEWSLETTER,
    ),
    _Rule(
        PHOTO_CREDIT,
        20,
        ("photo", "image", "picture", "video", "graphic", "credit", "source", "©"),
        _CREDIT_LINE,
    ),
    _Rule(REFERENCE, 30, ("reference", "source", "via", "original"), _REFERENCE),
    _Rule(
        CONTACT, 50, ("follow", "reached", "contacted", "emailed", "tip?", "@", "reach"), _CONTACT
    ),
    _Rule(CREDIT_LINE, 60, ("by",), _STAFF_CREDIT),
    _Rule(DATE_LINE, 8, ("updated", "published", "posted"), _DATE_STAMP),
    _Rule(
        META_LINE,
        30,
        ("tag", "categor", "kategor", "filed", "posted", "topic", "schlagw", "etiquet", "mots"),
        _POST_DETAILS,
    ),
)
_SHORT_RULES = (
    (ADVERTISEMENT, _ADVERTISEMENT),
    (RELATED, _RELATED),
    (SHARING, _SHARING),
    (NAVIGATION, _NAVIGATION),
)


def classify(line: str) -> str | None:
    """The kind of debris ``line`` is, or ``None`` if it may be article text."""
    if not line:
        return None
    words = line.count(" ") + 1
    if has_placeholder(line) and (words <= _PROMPT_MAX_WORDS or line[-1:] not in ".!?\"'”’)"):
        # A prompt the page never filled in; a whole paragraph of prose that
        # quotes a template ("type {{name}} in the field…") is article text.
        return PAYWALL
    if is_icon_run(line):
        return ICON_LABELS
    lower = line.lower()
    for rule in _RULES:
        if (
            words <= rule.max_words
            and any(key in lower for key in rule.keys)
            and rule.pattern.search(line)
        ):
            return rule.reason
    if words <= 6:
        for reason, pattern in _SHORT_RULES:
            if pattern.match(line):
                return reason
    if words <= _LINK_MAX_WORDS and (_LINK_LINE.match(line) or _LINKS_ONLY.match(line)):
        return LINK
    return None


def caption_prefix(line: str) -> tuple[str, str] | None:
    """``(kind, rest)`` for a line opened by "Image caption", "Image source", "Getty Images"…

    ``kind`` is :data:`CAPTION` when what follows is the caption itself and
    :data:`PHOTO_CREDIT` when it is a credit; ``rest`` is the line without
    the prefix (``""`` when the prefix stood alone).
    """
    match = _CAPTION_PREFIX.match(line)
    if not match:
        return None
    rest = line[match.end() :].strip()
    if match.group("caption"):
        return CAPTION, rest
    bare = match.group(0).strip().rstrip(":|,").lower() in _BARE_WORDS
    if bare and not (match.group(0).rstrip().endswith(":") or not rest):
        # "Photos show…", "Pictures of the flood…": prose that starts with the word.
        return None
    words = rest.count(" ") + 1 if rest else 0
    if words > _CREDIT_MAX_WORDS or (words >= 4 and rest[-1:] in ".!?"):
        # "Getty Images reported a loss on Monday.": a sentence, not a credit.
        return None
    return PHOTO_CREDIT, rest


# "ADVERTISEMENT" glued to the text around it by an extractor.
_GLUED_ADVERTISEMENT = re.compile(r"^ADVERTISEMENT\s+(?=\S)|(?<=[.!?\"”’])\s+ADVERTISEMENT$")


def strip_advertisement(line: str) -> str:
    """``line`` without an "ADVERTISEMENT" label glued to its start or end."""
    if "ADVERTISEMENT" not in line:
        return line
    return _GLUED_ADVERTISEMENT.sub("", line)


def is_bullet_link(line: str, *, after_link: bool = False) -> bool:
    """A short bullet that lists a headline, as under a "Related:" line.

    Without a "Related:" line before it, only a bullet written as a headline
    in title case ("- Here's Where Commercial Landers Will Land") counts: the
    items of a list in the story are names or phrases, not headlines.
    """
    if (
        _BULLET_LINK.match(line) is None
        or line.count(" ") + 1 > _BULLET_MAX_WORDS
        or line[-1:] in ".!?,;"
    ):
        return False
    if after_link:
        return True
    words = [w for w in line[1:].split() if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 4 and "," not in line and all(w[0].isupper() for w in words)


def starts_trailing_zone(reason: str | None, following: Iterable[str] = ()) -> bool:
    """Whether debris of this kind, followed by ``following``, opens the end-of-article zone.

    A paywall prompt or a "related" box in the middle of a page is followed
    by more of the story: when ``following`` holds a run of prose paragraphs
    that are no debris, the zone has not begun.
    """
    if reason not in _ZONE_STARTERS:
        return False
    prose = 0
    for text in following:
        if (
            text.count(" ") + 1 >= _PROSE_MIN_WORDS
            and text[-1:] in ".!?\"'”’)"
            and classify(text) is None
        ):
            prose += 1
            if prose >= _PROSE_RUN:
                return False
        else:
            prose = 0
    return True
