"""The language of an article: the tag a page declares, or a cheap guess from its text.

Pages declare their language in many spellings ("en_US", "EN-gb", "pt_BR",
"ru-RU"); :func:`normalise_tag` turns them into one BCP 47 form ("en-US")
so the entity layer can compare them. When nothing is declared,
:func:`detect_language` guesses from the writing system and, for the
alphabets many languages share, from the commonest short words — the
function words every running text is full of, whatever its subject. It
answers only when the evidence is clear and otherwise says nothing: a wrong
language is worse than none.
"""

from __future__ import annotations

import re
from collections import Counter

_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?\b")

# Writing systems that (nearly) name a language by themselves, tested in this
# order: kana before Han, since Japanese mixes both.
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("ko", "\uac00-\ud7af\u1100-\u11ff"),
    ("ja", "\u3040-\u30ff"),
    ("zh", "\u4e00-\u9fff"),
    ("th", "\u0e00-\u0e7f"),
    ("el", "\u0370-\u03ff"),
    ("he", "\u0590-\u05ff"),
    ("ar", "\u0600-\u06ff"),
    ("hi", "\u0900-\u097f"),
    ("ka", "\u10a0-\u10ff"),
    ("hy", "\u0530-\u058f"),
)
_SCRIPT_RES = tuple((lang, re.compile(f"[{chars}]")) for lang, chars in _SCRIPTS)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)

# The most frequent function words of each language (articles, pronouns,
# prepositions, conjunctions, auxiliaries): general vocabulary, not news
# words. Words two languages share count for both.
_FUNCTION_WORDS: dict[str, str] = {
    "en": "the of and to in is that for it with as was on be by at are this from have not but "
    "or an his they which had were their has been would will who said its after",
    "de": "der die und das ist nicht ein eine zu den mit von sich auf dem des für im auch "
    "es wird werden wie bei nach aus sie wir ich hat sind oder aber noch nur",
    "fr": "le la les de des et est un une du en que qui dans pour pas sur au avec il elle "
    "ce sont par plus ne se son sa aux ont été mais nous vous",
    "es": "el la los las de del y que en un una es por con para se no su al lo como más "
    "pero sus le ha fue este esta son entre también sobre",
    "it": "il lo la gli le di del della che e è un una per non in con si da al dei sono "
    "anche come più ma nel alla questo stato hanno essere",
    "pt": "o a os as de do da dos das e que em um uma é para com não no na por se mais "
    "como ao foi pela pelo são também seu sua ou está",
    "nl": "de het een en van in is dat op te met voor zijn niet aan er ook als bij door "
    "maar om dan zo nog wel naar uit werd worden",
    "sv": "och att det som en på är av för med till den har de inte om ett men var jag "
    "sig från vi så kan man när år hade också",
    "da": "og at det som en på er af for med til den har de ikke om et men var jeg sig "
    "fra vi så kan man når år havde også",
    "no": "og at det som en på er av for med til den har de ikke om et men var jeg seg "
    "fra vi så kan man når år hadde også",
    "fi": "ja on ei että se oli hän kun mutta ovat myös joka tai sen ole mitä niin kuin "
    "vain nyt jo jos olla hänen",
    "pl": "i w nie na się z że do to jest o jak po co tak za od ale przez być jego są "
    "oraz dla czy już który",
    "cs": "a v se na je že s z do to o jako by ale pro jsou tak jeho od po které který "
    "byl být jak už i",
    "tr": "ve bir bu da de için ile ne çok daha olan gibi ama değil olarak kadar sonra "
    "her en var mı ya ki",
    "id": "yang dan di ini itu dengan untuk tidak dari dalam akan pada ke juga ada "
    "adalah oleh karena mereka bisa sudah atau",
    "ro": "și în de la a cu că pe nu o un este din pentru care mai se sunt fost lui dar "
    "sau ca acest au",
    "hu": "a az és hogy nem is egy meg van de ez csak már volt mint el ki be fel még azt lesz után",
}


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FUNCTION_SETS = {lang: _word_set(words) for lang, words in _FUNCTION_WORDS.items()}
_CYRILLIC_WORDS: dict[str, frozenset[str]] = {
    "ru": _word_set(
        "и в не на что с по как это он она они из за к но для от его же то бы все так "
        "был была было только уже или если когда"
    ),
    "uk": _word_set(
        "і в не на що з по як це він вона вони із за до але для від його же то б все "
        "так був була було тільки вже або якщо коли та є"
    ),
    "bg": _word_set(
        "и в не на че с по как това той тя те от за до но да се е са беше бе са към "
        "при или ако когато още"
    ),
}
# Enough text to judge, and how clearly the best language must lead.
_MIN_LETTERS = 40
_MIN_HITS = 5
_LEAD = 1.25
_SAMPLE_CHARS = 6000


def normalise_tag(tag: str) -> str:
    """``en_us`` → ``en-US``, ``ZH-hant-tw`` → ``zh-Hant-TW``; ``""`` for what is no tag."""
    match = _TAG.match(tag.strip()) if tag else None
    if not match:
        return ""
    language, script, region = match.groups()
    parts = [language.lower()]
    if script:
        parts.append(script.title())
    if region:
        parts.append(region.upper())
    return "-".join(parts)


def detect_language(text: str) -> str:
    """A two-letter language code for ``text``, or ``""`` when the text does not say clearly."""
    sample = text[:_SAMPLE_CHARS]
    letters = _LETTER.findall(sample)
    if len(letters) < _MIN_LETTERS:
        return ""
    for language, pattern in _SCRIPT_RES:
        if len(pattern.findall(sample)) > 0.3 * len(letters):
            return language
    words = [w.lower() for w in _WORDS.findall(sample)]
    cyrillic = len(_CYRILLIC.findall(sample)) > 0.5 * len(letters)
    return _by_function_words(words, _CYRILLIC_WORDS if cyrillic else _FUNCTION_SETS)


def _by_function_words(words: list[str], vocabularies: dict[str, frozenset[str]]) -> str:
    counts = Counter(words)
    scores = sorted(
        ((sum(counts[w] for w in vocabulary), lang) for lang, vocabulary in vocabularies.items()),
        reverse=True,
    )
    (best, language), (second, _) = scores[0], scores[1]
    if best < _MIN_HITS or best < _LEAD * second:
        return ""
    return language
