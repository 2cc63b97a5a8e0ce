"""The role written as a chain of words before a name ("Defense Minister
Yitzhak Mordechai", "Salvation Army bell ringer Michael Gallagher"), and the
words that end such a chain: a section header in capitals, a piece of a
hyphenated word, a word of the name itself."""

from __future__ import annotations

from newsfuse.annotate.names import ADDRESS_FORMS, TITLES, entity_of, plain_description


def pre_name_role(head) -> str | None:
    """The role written as a chain of modifiers before the name headed by
    `head`, whole as the text states it: "Salvation Army bell ringer",
    "Defense Minister", "Former President", "Philadelphia 76ers President and
    General Manager". The chain holds the compounds, adjectives and
    coordinated words of the name that run up to it on its line; it stops at
    a determiner, a possessive, a preposition or punctuation (a dash of a
    hyphenated word aside), and a title of courtesy ("Mr") is no role. None
    when the word nearest the name is itself part of another name ("the
    Washington Post Trump"), a date, or nothing is written before the name."""
    doc = head.doc
    entity = entity_of(head)
    # the whole name, also one the tagger typed otherwise ("ANC spokesman [Thabo Masebe]" as ORG)
    start = entity.start if entity is not None and entity.end - 1 == head.i else head.i
    while start < head.i and doc[start].lower_ in TITLES:
        start += 1  # a title the tagger took into the name ("President F.W. de Klerk")
    first = start
    while first > 0 and _extends_role(doc[first - 1], head):
        first -= 1
    words = [token for token in doc[first: start] if token.lower_ not in ADDRESS_FORMS]
    while words and (words[-1].dep_ == "cc" or words[-1].is_punct):
        words = words[:-1]
    while words and (words[0].dep_ == "cc" or words[0].is_punct or _ends_hyphenated_word(words[0])):
        words = words[1:]
    shouted = [index for index, token in enumerate(words) if is_header_word(token)]
    if shouted:
        words = words[shouted[-1] + 1:]  # "DO Channel Johnny Carson": a section header glued to the name
    if not words or not _names_a_role(words[-1]) or _word_of_name(words[-1], head):
        return None
    return plain_description(doc[words[0].i: words[-1].i + 1].text)


def _ends_hyphenated_word(token) -> bool:
    """True for the piece after a hyphen of a word the chain cut ("based" of "Hamburg-based")."""
    doc = token.doc
    return token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_


def is_header_word(token) -> bool:
    """True for a word in capitals that is no acronym or name (the tagger
    reads "DO", "BORROWING" of a section header as a verb or a noun; "CEO"
    is a short noun in capitals that names a role)."""
    if not (token.is_upper and token.is_alpha) or token.pos_ in {"PROPN", "ADJ"}:
        return False
    return token.pos_ != "NOUN" or len(token.text) > 4


def _word_of_name(token, head) -> bool:
    """True when `token`, written before the name headed by `head`, is a word
    of that person's name as the article writes it elsewhere ("Tim" of
    "Constable Tim Fanning" where the tagger took only "Fanning")."""
    if token.pos_ != "PROPN":
        return False
    return any(ent.label_ == "PERSON" and token.text in words and head.text in words
               for ent in token.doc.ents for words in [ent.text.split()])


# Dependencies of the words of a role chain written before a name.
_ROLE_CHAIN_DEPS = frozenset("compound amod nmod cc conj punct".split())


def _extends_role(token, head) -> bool:
    """True when `token`, right before the role chain of `head`, belongs to it."""
    if token.dep_ not in _ROLE_CHAIN_DEPS or not head.is_ancestor(token) or "\n" in token.text_with_ws:
        return False
    return not (token.is_punct and token.text != "-" or token.is_quote or token.ent_type_ in {"DATE", "TIME"})


def _names_a_role(token) -> bool:
    """True for the word of a role chain next to the name: a common noun, a
    title ("Minister", "President") or an untyped or nationality word
    ("Democrat"), not the last word of another name ("Post" of "the
    Washington Post")."""
    if token.pos_ == "NOUN" or token.lower_ in TITLES:
        return True
    return token.pos_ in {"PROPN", "ADJ"} and token.ent_type_ in {"", "NORP"} and token.text[:1].isupper()
