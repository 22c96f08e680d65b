"""Who wrote it and who published it: bylines that are people, publishers that are names.

Pages credit their own masthead as the author ("By BBC News", "Al Jazeera",
"Reuters Staff", "Finian Cunningham. Sputnik International"); that is the
publisher, already recorded, not an author, so :func:`authors_only` drops
every name in a byline that only names the publisher (or a bare "Staff",
"Web Desk"). :func:`publisher_name` refuses what a site-name field holds
that is no name: a social-media handle, an address, a lone year.
"""

from __future__ import annotations

import re

from reader.core.clean.normalise import squash

# Words that turn a masthead into a newsroom credit ("BBC News", "Reuters
# Staff", "Online Desk"): ignored when a byline is compared with the publisher.
_NEWSROOM_VOCABULARY = (
    "the news staff staffs desk team online digital international newsroom editors editor "
    "editorial reporters reporter writer writers service wire wires media group agency "
    "bureau correspondents web com net org english world live report"
)
_NEWSROOM_WORDS = frozenset(_NEWSROOM_VOCABULARY.split())
_BY = re.compile(
    r"^(?:(?:analysis|opinion|commentary|review|story|text|report|words|photos?|written|posted)"
    r"\s+)?(?:by|from|von|par|por|di)\s+",
    re.I,
)
# A job title after the name ("AP Sports Writer", "Science X staff"): no author.
_ROLE = re.compile(
    r"\b(?:writer|correspondent|editor|reporter|columnist|contributor|staff|producer)s?$", re.I
)
# Between names: commas, semicolons, "and", "&", "|", or a full stop closing one
# name before the next ("Finian Cunningham. Sputnik International").
_NAME_SEPARATOR = re.compile(r"\s*(?:[,;|/&]|\band\b|(?<=\w{3})\.\s+(?=[A-Z]))\s*", re.I)
_KEY_DROP = re.compile(r"[^\w]+|_")
_DOMAIN_END = re.compile(r"\.(?:com|net|org|co|info|news|ru|de|fr|uk|in|ca|au|jp|kr|br)\b.*$", re.I)
_YEARS = re.compile(r"(?:©|\(c\)|copyright)|\b(?:19|20)\d\d\b(?:\s*[-–]\s*(?:19|20)?\d\d\b)?", re.I)
_RIGHTS = re.compile(r"\b(?:all rights reserved|alle rechte vorbehalten|tous droits)\b.*$", re.I)


def _words(name: str) -> list[str]:
    name = _DOMAIN_END.sub("", name.lower().lstrip("@"))
    return [w for w in re.split(r"[\W_]+", name) if w]


def _key(name: str, *, keep_newsroom_words: bool = False) -> str:
    return "".join(w for w in _words(name) if keep_newsroom_words or w not in _NEWSROOM_WORDS)


def names_organisation(name: str, publisher: str, aliases: tuple[str, ...] = ()) -> bool:
    """Whether ``name`` credits the publisher (or a newsroom in general) rather than a person."""
    key = _key(name)
    if not key:
        # Nothing but newsroom words: "Staff", "Web Desk", "Editorial Team".
        return True
    for org in (publisher, *aliases):
        org_key = _key(org)
        if not org_key or len(key) < 3:
            continue
        if key == org_key or (
            (org_key.startswith(key) or key.startswith(org_key))
            and min(len(key), len(org_key)) >= 3
        ):
            return True
        # "BBC News" against a publisher written "bbc.co.uk"; "AlJazeera" as one word.
        if _key(org, keep_newsroom_words=True) == _key(name, keep_newsroom_words=True):
            return True
    return False


def resembles_host(name: str, host: str) -> bool:
    """Whether a site name and the site's address share a word ("Reuters", reuters.com)."""
    key = "".join(_words(name))
    labels = [re.sub(r"[\W_]+", "", label) for label in host.lower().split(".")[:-1]]
    labels = [label for label in labels if len(label) >= 3 and label != "www"]
    return bool(key) and any(label in key or key in label for label in labels)


def authors_only(byline: str, publisher: str, aliases: tuple[str, ...] = ()) -> str:
    """``byline`` without the names that only credit the publisher; ``""`` if none is left."""
    text = _BY.sub("", squash(byline)).strip(" .")
    if not text:
        return ""
    parts = [p.strip(" .") for p in _NAME_SEPARATOR.split(text)]
    parts = [p for p in parts if p]
    kept = [
        name
        for name in dict.fromkeys(parts)
        if not name.startswith(("@", "http://", "https://"))
        and "@" not in name
        and not names_organisation(name, publisher, aliases)
        and not (_ROLE.search(name) and len(name.split()) >= 2)
    ]
    # Nothing dropped: the byline as the page wrote it.
    return text if len(kept) == len(parts) else ", ".join(kept)


def publisher_name(value: str) -> str:
    """``value`` as a publisher's name, or ``""`` for a handle, an address or a bare year."""
    name = squash(_RIGHTS.sub("", value)).strip(" .,;:|-–—")
    if not name or name.startswith(("@", "http://", "https://", "/")) or len(name) > 80:
        return ""
    if not _YEARS.sub("", name).strip(" .,;:-–—()"):
        return ""
    return name


def copyright_holder(text: str) -> str:
    """The holder a copyright line names ("© 2019 Ascom. All rights reserved." → "Ascom")."""
    name = _YEARS.sub(" ", _RIGHTS.sub("", text))
    name = squash(name).strip(" .,;:|-–—()")
    return publisher_name(name) if 2 <= len(name) <= 60 else ""
