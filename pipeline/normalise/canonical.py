"""Canonical forms of labels as printed: one spelling per meaning, before any lookup."""
from __future__ import annotations

import re
import unicodedata

DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212\ufe58\ufe63\uff0d"), "-")
_WS = re.compile(r"\s+")
_HYPHEN_WRAP = re.compile(r"(?<=[A-Za-z])-\s+(?=[A-Za-z])")
# what separates words in a key: anything but letters and digits (of any script: a letter the vocabulary does not
# spell with stays in the key, so that a label with one never matches on its other words)
_NON_WORD = re.compile(r"[\W_]+")
BOROUGH_PREFIXES = re.compile(
    r"^(?:the )?(?:london borough of|royal borough of|city of|borough of|lb of|lb|rb|rbk|rb of) (?=\S)"
)


def join_wrapped(parts: list[str]) -> str:
    """Join the lines of a wrapped cell: a space between lines, none after a wrapped hyphen."""
    return label_as_printed(" ".join(p.strip() for p in parts if p and p.strip()))


def label_as_printed(text: str) -> str:
    """The contract's `label_raw`: white space runs -> one space, `Richmond-upon- Thames` -> `Richmond-upon-Thames`."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    text = _WS.sub(" ", text).strip()
    return _HYPHEN_WRAP.sub("-", text)


def match_text(text: str) -> str:
    """Text as the matcher reads it: format characters (zero-width spaces and joiners, soft hyphens, direction marks)
    removed and compatibility forms folded (NFKC: fullwidth letters, ligatures)."""
    text = "".join(c for c in str(text) if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFKC", text)


def canonical_key(text: str) -> str:
    """Lookup key: case, accents, dashes, '&'/'and', punctuation and white space folded away; letters of any other
    script than the vocabulary's are kept (as themselves), so such a label matches nothing."""
    text = label_as_printed(match_text(text)).translate(DASHES).lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("&", " and ").replace("+", " and ")
    return _NON_WORD.sub(" ", text).strip()


def borough_key(text: str) -> str:
    """Canonical key of a borough name without LB / RB / London Borough of / City of prefixes."""
    return BOROUGH_PREFIXES.sub("", canonical_key(text))
