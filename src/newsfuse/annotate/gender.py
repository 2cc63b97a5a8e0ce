"""The gender the text gives a person: a title or gendered noun beside the name, else the first name.

Pronoun resolution needs it ("she said" is never the man named just before).
The text decides when it states a gender ("Ms Brisk", "Lina Osei, a
spokeswoman"); only then is the first name read against gender_guesser's
name lists, and a one-word name (possibly a surname) counts only when the
lists give it to one sex alone. Those lists come from gender-guesser, which is
GPLv3 and so an optional extra (`pip install newsfuse[names]`); without it a
first name says nothing and only the text decides (more quotes abstain).
"""

from __future__ import annotations

from functools import lru_cache

from newsfuse.annotate.roles import TITLES, title_of

# gender_guesser's answers for a first name, as the gender a pronoun states.
FIRST_NAME_GENDERS = {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}
# Nouns that state a gender ("actress", "spokeswoman", "man"; "chairman" is
# left out: it is still used for women).
GENDERED_NOUNS = {
    **dict.fromkeys("""spokesman congressman businessman councilman alderman father son brother husband uncle
        king prince widower boyfriend man boy male gentleman dad grandfather grandson nephew""".split(), "male"),
    **dict.fromkeys("""spokeswoman chairwoman congresswoman businesswoman councilwoman alderwoman actress mother
        daughter sister wife aunt queen princess widow girlfriend woman girl female starlet heiress mom mum
        grandmother granddaughter niece""".split(), "female"),
}
# Words that state a person's gender when written before or beside the name:
# titles ("Ms Brisk") and gendered nouns ("Lina Osei, a spokeswoman").
GENDER_WORDS = {
    **dict.fromkeys("mr mr. sir lord he him his himself".split(), "male"),
    **dict.fromkeys("mrs mrs. ms ms. miss dame lady she her herself".split(), "female"),
    **GENDERED_NOUNS,
}


@lru_cache(maxsize=1)
def _first_name_detector():
    """gender_guesser's detector, or None when the optional `names` extra is not installed."""
    try:
        import gender_guesser.detector
    except ImportError:
        return None
    return gender_guesser.detector.Detector(case_sensitive=False)


@lru_cache(maxsize=8192)
def first_name_gender(name: str) -> str | None:
    """"male"/"female" as people with the first name of `name` mostly are
    (gender_guesser's name lists), None when the name does not tell. A name of
    one word may be a surname ("Jones", "Clinton"), so it counts only when the
    lists give that word to one sex alone ("Cheryl")."""
    words = [word for word in name.split() if word.lower() not in TITLES]
    if not words:
        return None
    detector = _first_name_detector()
    if detector is None:
        return None
    guess = detector.get_gender(words[0])
    if len(words) == 1:
        return guess if guess in {"male", "female"} else None
    return FIRST_NAME_GENDERS.get(guess)


def linked_nouns(root) -> list:
    """Nouns the parse puts beside a name: its apposition either way round and
    its compound titles ("spokeswoman Lina Osei", "Lina Osei, a spokeswoman")."""
    nouns = [child for child in root.children if child.dep_ in {"appos", "compound"}]
    if root.dep_ == "appos":
        nouns.append(root.head)
    return [noun for noun in nouns if noun.pos_ == "NOUN"]


def word_gender(token) -> str | None:
    """"male"/"female" when the word itself states a gender, else None."""
    return GENDER_WORDS.get(token.lower_) or (GENDER_WORDS.get(token.lemma_.lower()) if token.pos_ == "NOUN" else None)


def span_gender(span) -> str | None:
    """Gender the text states for the person named by `span`: by a title
    ("Ms", "Sir") or a gendered role noun beside the name; None when unstated."""
    title = title_of(span)
    words = ([title] if title is not None else []) + linked_nouns(span.root)
    genders = {gender for token in words if (gender := word_gender(token))}
    return genders.pop() if len(genders) == 1 else None
