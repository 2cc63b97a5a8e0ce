"""Name forms and the rules that link two names of one entity, for :mod:`newsfuse.fuse.entities`.

A :class:`NameForm` is one way an entity is written, prepared for comparison;
each link rule says whether two forms may name one entity: by the words alone,
never by a list of known names (see :mod:`newsfuse.fuse.entities` for the rules
in order and how they group a story's mentions).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz.distance import Indel

from newsfuse.text import GROUP_NOUNS, NAME_CONNECTORS, TITLES, initials_match

# Places and nationalities differ by a letter or two ("Austria"/"Australia",
# "Niger"/"Nigeria"): never joined by spelling similarity.
NO_FUZZY_TYPES = frozenset({"GPE", "LOC", "NORP"})
# Minimum rapidfuzz similarity (0-100) of two differing words taken as one misspelt word.
PERSON_WORD_SIMILARITY = 85.0
OTHER_WORD_SIMILARITY = 80.0
MIN_FUZZY_WORD = 4


# ------------------------------------------------------------------ name forms


@dataclass(frozen=True)
class NameForm:
    """One way an entity is written, prepared for comparison.

    `words` are lower-case, accent-free, without titles, a leading "the" or a
    trailing collective noun; `key` is `words` joined without separators.
    """

    text: str
    label: str

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(_comparison_words(self.text))

    @cached_property
    def key(self) -> str:
        return "".join(self.words)

    @property
    def is_person(self) -> bool:
        return self.label == "PERSON"

    @cached_property
    def is_acronym(self) -> bool:
        """All capitals, no spaces: "NYT", "U.S.", "ISIS-K"."""
        letters = [ch for ch in self.text if ch.isalpha()]
        return " " not in self.text.strip() and len(letters) >= 2 and all(ch.isupper() for ch in letters)

    @cached_property
    def hyphen_parts(self) -> tuple[str, str] | None:
        """("ISIS", "K") for "ISIS-K" or ("ISIS", "Khorasan"): an acronym head and a tail."""
        match = re.fullmatch(r"([A-Z]{2,})-([A-Z][A-Za-z]*)", self.text.strip())
        return (match.group(1), match.group(2)) if match else None


def plain_name(text: str) -> str:
    """Lower case, accents removed, curly quotes straightened."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("’", "'").replace("‘", "'").casefold()


def _comparison_words(text: str) -> list[str]:
    words = [word for word in re.split(r"[\s\-–—/]+", plain_name(text)) if word]
    words = [re.sub(r"[^\w&]", "", word) for word in words]
    words = [word for word in words if word]
    if words and words[-1] in {"s"}:  # a possessive left as its own word ("ISIS-K 's")
        words.pop()
    while len(words) > 1 and (words[0] == "the" or words[0] in TITLES):
        words.pop(0)
    if len(words) > 1 and words[-1] in GROUP_NOUNS:
        words.pop()
    return words


def family(label: str) -> str:
    """Which names a label is compared with: "person" (PERSON) or "other" (every other label)."""
    return "person" if label == "PERSON" else "other"


# ------------------------------------------------------------------ link rules


def same_person(a: NameForm, b: NameForm) -> bool:
    """Two full names of one person: same first and last word, middle parts compatible.

    "Seth G Jones" / "Seth Jones" yes; "George W Bush" / "George H W Bush" no.
    """
    if not (a.is_person and b.is_person and len(a.words) >= 2 and len(b.words) >= 2):
        return False
    if a.words[0] != b.words[0] or a.words[-1] != b.words[-1]:
        return False
    middle_a, middle_b = a.words[1:-1], b.words[1:-1]
    if not middle_a or not middle_b:
        return True
    return [w[0] for w in middle_a] == [w[0] for w in middle_b]


def is_surname_of(short: NameForm, full: NameForm) -> bool:
    """`short` is the last part of the person name `full`: "Jones" of "Seth G. Jones"."""
    if not (short.is_person and full.is_person) or len(short.words) >= len(full.words):
        return False
    return full.words[-len(short.words):] == short.words and short.words[0] != full.words[0]


def is_initialism_of(acronym: NameForm, name: NameForm) -> bool:
    """`acronym` is made of the initials of `name`'s words: "NYT" / "New York Times", "US" / "United States".

    Lower-case connectors may count or not ("CSIS" and "CFSAIS" both fit
    "Center for Strategic and International Studies").
    """
    if not acronym.is_acronym or name.is_acronym or name.is_person or acronym.is_person:
        return False
    letters = "".join(ch for ch in plain_name(acronym.text) if ch.isalpha())
    words = [word for word in name.words if word]
    if len(words) < 2 or len(letters) < 2:
        return False
    every_word = "".join(word[0] for word in words)
    content_words = "".join(word[0] for word in words if word not in NAME_CONNECTORS)
    return letters in {every_word, content_words}


def are_hyphen_variants(a: NameForm, b: NameForm) -> bool:
    """Hyphenated acronym names of one group: "IS-K" / "ISIS-K", "ISIS-K" / "ISIS-Khorasan".

    Either the tails agree and one head starts the other, or the heads agree
    and one tail is the initial(s) of the other. "ISIS-K" and "ISIS" never match.
    """
    if a.hyphen_parts is None or b.hyphen_parts is None or a.text == b.text:
        return False
    (head_a, tail_a), (head_b, tail_b) = a.hyphen_parts, b.hyphen_parts
    if tail_a.casefold() == tail_b.casefold():
        return head_a != head_b and (head_a.startswith(head_b) or head_b.startswith(head_a))
    if head_a != head_b:
        return False
    short, long_ = sorted((tail_a, tail_b), key=len)
    return short.isupper() and short == "".join(part[0] for part in re.findall(r"[A-Z][a-z]*", long_))


def are_misspellings(a: NameForm, b: NameForm) -> bool:
    """Same name spelt differently: "Centre"/"Center for ...", "Al Qaeda"/"Al Qaida", "Mohammad"/"Mohammed".

    Same word count; each differing word pair starts alike, has at least
    MIN_FUZZY_WORD letters and a rapidfuzz similarity over the threshold.
    Never for places, nationalities or acronyms.
    """
    if a.is_acronym or b.is_acronym or family(a.label) != family(b.label):
        return False
    if {a.label, b.label} & NO_FUZZY_TYPES or len(a.words) != len(b.words) or a.key == b.key:
        return False
    threshold = PERSON_WORD_SIMILARITY if a.is_person else OTHER_WORD_SIMILARITY
    for word_a, word_b in zip(a.words, b.words):
        if word_a == word_b:
            continue
        if min(len(word_a), len(word_b)) < MIN_FUZZY_WORD or word_a[0] != word_b[0]:
            return False
        if Indel.normalized_similarity(word_a, word_b) * 100 < threshold:
            return False
    return True


def are_plural_forms(a: NameForm, b: NameForm) -> bool:
    """A nationality and its plural: "Afghan" / "Afghans" (one of the two labelled NORP)."""
    if "NORP" not in {a.label, b.label} or a.is_person or b.is_person:
        return False
    short, long_ = sorted((a.key, b.key), key=len)
    return len(short) >= 3 and long_ == short + "s"


def defines(name: NameForm, acronym: NameForm) -> bool:
    """Whether `acronym` can abbreviate `name` when the text puts them side by side."""
    return acronym.is_acronym and not name.is_acronym and initials_match(acronym.text, name.text.split())


def same_full_name(a: NameForm, b: NameForm) -> bool:
    """One multi-word name under two labels ("Port Veldra" as GPE and as PERSON)."""
    return a.key == b.key and len(a.words) >= 2


def symmetric_link(a: NameForm, b: NameForm) -> bool:
    """Whether a rule that goes both ways links `a` and `b` (same full name or person, hyphen
    variants, misspellings, plurals)."""
    return (same_full_name(a, b) or same_person(a, b) or are_hyphen_variants(a, b) or are_misspellings(a, b)
            or are_plural_forms(a, b))


def directed_link(short: NameForm, full: NameForm) -> bool:
    """Whether `short` stands for `full`: its surname, or its initials."""
    return is_surname_of(short, full) or is_initialism_of(short, full)
