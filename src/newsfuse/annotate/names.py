"""Names and the words written with them: titles before a name, a name span
cleaned of them, the entity a token belongs to, and whether words read as a
role or affiliation stated in words."""

from __future__ import annotations

import re

from spacy.tokens import Span

TITLES = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "dr", "dr.", "prof", "prof.", "professor",
    "sen", "sen.", "rep", "rep.", "gov", "gov.", "gen", "gen.", "president", "senator", "governor",
    "mayor", "sir", "dame", "lord", "lady", "judge", "justice", "minister", "rev", "rev.", "reverend",
    # ranks of police and armed forces written before a name ("Const. Tim Fanning", "Sgt. Ray Diaz")
    "constable", "const", "const.", "sgt", "sgt.", "sergeant", "lt", "lt.", "lieutenant", "capt", "capt.",
    "cpl", "cpl.", "corporal", "det", "det.", "detective", "insp", "insp.", "inspector", "supt", "supt.",
    "superintendent", "col", "col.", "colonel", "adm", "adm.", "admiral", "cmdr", "cmdr.", "brig", "brig.",
}
# Titles of courtesy, which state no role (unlike "Mayor" or "Senator").
COURTESY_TITLES = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "dr", "dr.", "sir", "dame", "lord", "lady"}
# Forms of address before a name that state no office ("Sister Carol Keehan", "Father Brown").
ADDRESS_FORMS = COURTESY_TITLES | {"sister", "sr.", "brother", "br.", "father", "fr.", "mother", "msgr.", "msgr"}
# Nouns that state no role of a speaker.
NO_ROLE_WORDS = frozenset("people person persons individual individuals someone somebody one others man woman men women".split())
WEB_ADDRESS = re.compile(r"\w\.(?:com|org|net|gov|edu|co|io|uk|de|fr)\b|www\.|https?:", re.IGNORECASE)


def clean_name(span) -> str:
    """The text of a name span without honorifics or possessive: the words up
    to a title go too when a person's name follows it ("Police Constable Tim
    Fanning" -> "Tim Fanning"), and a word the text doubles by mistake is
    read once ("a grim-faced Arafat Arafat" -> "Arafat")."""
    tokens = [token for token in span if not token.is_space]
    titles = [index for index, token in enumerate(tokens[:-1])
              if token.lower_ in TITLES and token.text[:1].isupper() and tokens[index + 1].ent_type_ == "PERSON"]
    if titles:
        tokens = tokens[titles[-1] + 1:]
    while len(tokens) > 1 and tokens[0].lower_ in TITLES:
        tokens = tokens[1:]
    if len(tokens) > 1 and tokens[0].text[:1].isupper() and all(token.text == tokens[0].text for token in tokens):
        tokens = tokens[:1]
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].text in {"'s", "’s", "'", "’"}):
        tokens = tokens[:-1]
    if not tokens:
        return ""
    return span.doc[tokens[0].i: tokens[-1].i + 1].text


def entity_of(token):
    """The named-entity span holding `token`, or None."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)  # not doc[start:end].ents: that reads every entity


def plain_description(text: str | None) -> str | None:
    """`text` when it reads as a role or affiliation stated in words; None for
    a web address or a piece of one ("hp.com", "(hp"), a fragment of a
    hyphenated word ("co" of "co-chair") and words that state no role
    ("people", "individual")."""
    if not text:
        return None
    text = text.strip(" ,;:")  # ", Mich. police" of "Troy, Mich. police"
    text = re.sub(r",\s*\w{1,2}\.?$", "", text)  # "WCCO-TV, Ch" cut from "WCCO-TV, Ch. 4"
    words = text.split()
    if not words or WEB_ADDRESS.search(text) or any(char in text for char in "()[]/@|") or text.lower() in NO_ROLE_WORDS:
        return None
    if len(words) == 1 and len(text) <= 2 or text.startswith("-") or text.endswith("-"):
        return None  # "co" of "co-chair", "-Su fire chief" of "Mat-Su fire chief"
    return text
