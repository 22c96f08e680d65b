"""Which language an article is in, cheaply, so a non-English one is not read by an English model.

The page's own statement (``Document.language``, from ``<html lang>``,
JSON-LD ``inLanguage`` or Open Graph) wins. Otherwise the body is sampled:
the share of letters in each script, then, for Latin script, how many of
the commonest English function words it holds. This needs no model and
reads at most the first few thousand characters; it only has to tell
English from the rest, and name the script when it is not Latin.
"""

from __future__ import annotations

import re
import unicodedata

SAMPLE = 6_000
_ENGLISH_WORDS = """
    the of and to in a is that for on with as was by at from it he said his are be has have
    an this not but they were which who will their its or been had after also
"""
_ENGLISH = frozenset(_ENGLISH_WORDS.split())
_WORDS = re.compile(r"[^\W\d_]+")
_SCRIPTS = {
    "CYRILLIC": ("ru", "Russian or another Cyrillic-script language"),
    "ARABIC": ("ar", "Arabic script"),
    "CJK": ("zh", "Chinese or Japanese"),
    "HIRAGANA": ("ja", "Japanese"),
    "KATAKANA": ("ja", "Japanese"),
    "HANGUL": ("ko", "Korean"),
    "GREEK": ("el", "Greek"),
    "HEBREW": ("he", "Hebrew"),
    "DEVANAGARI": ("hi", "Hindi or another Devanagari-script language"),
    "THAI": ("th", "Thai"),
}
NAMES = {
    "en": "English",
    "ru": "Russian",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "ja": "Japanese",
    "zh": "Chinese",
    "ko": "Korean",
    "ar": "Arabic",
    "nl": "Dutch",
    "pl": "Polish",
    "uk": "Ukrainian",
}


def detect_language(text: str, declared: str = "") -> str:
    """An ISO 639-1 code ("en", "ru"), "und" for too little text to tell, or "xx" for
    Latin-script text that is not English."""
    code = declared.strip().lower().replace("_", "-").split("-")[0]
    if len(code) in (2, 3) and code.isalpha():
        return code
    sample = text[:SAMPLE]
    scripts: dict[str, int] = {}
    letters = 0
    for ch in sample:
        if ch.isalpha():
            letters += 1
            if ord(ch) < 0x250:
                scripts["LATIN"] = scripts.get("LATIN", 0) + 1
            else:
                name = unicodedata.name(ch, "")
                script = name.split(" ")[0]
                if script.startswith("CJK"):
                    script = "CJK"
                scripts[script] = scripts.get(script, 0) + 1
    if letters < 20:
        return "und"
    top, count = max(scripts.items(), key=lambda kv: kv[1])
    if top != "LATIN" and count > letters / 2:
        return _SCRIPTS.get(top, ("und", ""))[0]
    words = [w.lower() for w in _WORDS.findall(sample)]
    if len(words) < 8:
        return "en"  # a caption or a list of names: too short to doubt
    hits = sum(1 for w in words if w in _ENGLISH)
    return "en" if hits / len(words) >= 0.12 else "xx"


def language_name(code: str) -> str:
    """A readable name for :func:`detect_language`'s answer."""
    if code == "xx":
        return "a language other than English"
    return NAMES.get(code, code)
