"""The speaker of an attribution in its own sentence: the subject of the cue,
a speaker label ("PENCE:"), or the subject of the attribution a quote goes on
from; and the hand-over to :class:`~newsfuse.annotate.speakers.SpeakerResolver`.
"""

from __future__ import annotations

import re

from newsfuse.annotate.quotes.clauses import Attribution, bounds, token_at
from newsfuse.annotate.quotes.lexicon import DASHES, is_quote_verb
from newsfuse.annotate.quotes.marks import (
    QuoteSpan,
    inside,
    opens_sentence,
    paragraph_of,
)
from newsfuse.annotate.roles import NAME_LABELS, SUBJECT_DEPS, TITLES
from newsfuse.annotate.speakers import SpeakerResolver
from newsfuse.text import name_key

# Most words in a speaker label before its colon ("Rep. Trey Gowdy:").
_LABEL_WORDS = 4


def _is_named(token) -> bool:
    """True for a proper noun or a word of a person, organisation, group or
    place name that may name a speaker (not a day or a time)."""
    return (token.ent_type_ in NAME_LABELS or token.pos_ == "PROPN") and token.ent_type_ not in {"DATE", "TIME"}


def subject_head(subjects: list):
    """Pick the subject when the parser gives several: the named one after a
    comma ("An analyst at CSIS, Seth Jones told"), else the first ("analysts
    interviewed by AFP said")."""
    subjects = sorted(subjects, key=lambda token: token.i)
    # A subject the parser found on an earlier line (a dateline or time stamp
    # glued to the sentence) is not the verb's.
    same_line = [token for token in subjects if "\n" not in token.doc[token.i: token.head.i].text]
    subjects = same_line or subjects
    for token in subjects[1:]:
        if _is_named(token) and token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text == ",":
            return token
    for first, token in zip(subjects, subjects[1:]):
        if token.ent_type_ == "PERSON" and first.right_edge.i + 1 == token.left_edge.i:
            return token  # "Police Const. Tim Fanning said": a title the parser made a subject of its own
    return _past_dateline(subjects[0])


def _past_dateline(token):
    """The name a dateline was glued to ("WASHINGTON -- President Obama ...
    said"), when the parser made the place the subject; else `token`."""
    doc = token.doc
    dash_after = token.i + 1 < len(doc) and doc[token.i + 1].text in DASHES
    if not (token.text.isupper() and dash_after):
        return token
    names = [child for child in token.children if child.dep_ == "appos" and _is_named(child)]
    return names[0] if names else token


def find_subject(verb):
    """The subject of `verb`, climbing through "adding"/"saying" participles,
    "by saying" and coordinated verbs to the clause that has one."""
    token = verb
    for _ in range(4):
        subjects = [child for child in token.children if child.dep_ in SUBJECT_DEPS]
        if subjects:
            return subject_head(subjects)
        if token.dep_ == "conj" and (stranded := _stranded_subject(token)) is not None:
            return stranded
        if token.dep_ in {"conj", "xcomp", "advcl"} and token.head.i != token.i:
            token = token.head
            continue
        if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.pos_ == "VERB":
            token = token.head.head  # "responded by saying ..."
            continue
        return None
    return None


def _stranded_subject(verb):
    """The name written right before a coordinated verb that the parser hung
    elsewhere ("Israel agreed to give up land and *Arafat* promised to ...",
    with "Arafat" parsed as a conjunct of "land"): its subject, not the first
    verb's. None when no such name precedes the verb."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is None or before.pos_ != "PROPN" or before.ent_type_ not in {"PERSON", "ORG", "NORP", "GPE"}:
        return None
    return before if before.dep_ in {"conj", "pobj", "dobj", "appos", "compound"} and before.head.i != verb.i else None


def names_someone(token) -> bool:
    """True when a subject names a person or body ("Clinton", "the ministry's
    spokesman" is not enough): a PERSON/ORG/NORP/GPE name or he/she/they."""
    return token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or token.lower_ in {"he", "she", "they"}


def quote_verb_subject(verb, quotes: list[QuoteSpan]):
    """The subject of a verb that attributes a quote. When the parser took
    words of the quote for it, the verb's other subject outside the quote is
    the speaker, else the name right after the verb (``"... Full panic mode,"
    said Leslie Wimes``); None when there is none."""
    subject = find_subject(verb)
    if subject is None or not inside(subject.idx, quotes):
        return subject
    outside = [child for child in verb.children if child.dep_ in SUBJECT_DEPS and not inside(child.idx, quotes)]
    if outside:  # the parser made a word of the quote a second subject
        return subject_head(outside)
    after = [token for token in verb.doc[verb.i + 1: verb.i + 3] if _is_named(token)]
    if after:
        name = after[0]
        while name.i + 1 < len(name.doc) and name.doc[name.i + 1].pos_ == "PROPN":
            name = name.doc[name.i + 1]
        return name
    # "... ," Police Chief Ann Roe said Monday.
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    return before if before is not None and _is_named(before) and not inside(before.idx, quotes) else None


def adjacent_attribution(tokens, byline: bool) -> list:
    """(cue, speaker) pairs for a quote followed directly by its speaker with any
    verb (``..." Blige sings``) or, after a dash (`byline`), by a name alone
    (``..." ― Nell Grey``); the tokenizer may glue the dash to the closing mark."""
    head = [token for token in tokens[:6] if not token.is_space]
    if byline:
        names = [token for token in head[:2] if token.ent_type_ == "PERSON" or token.pos_ == "PROPN" and token.is_alpha]
        if names:
            name = names[0]
            while name.i + 1 < len(name.doc) and name.doc[name.i + 1].pos_ == "PROPN" and name.doc[name.i + 1].is_alpha:
                name = name.doc[name.i + 1]
            return [(head[0], name)]
        return []
    for token in head:
        if token.pos_ == "VERB":
            subject = find_subject(token)
            if subject is not None and names_someone(subject) and subject.i < token.i:
                return [(token, subject)]
            return []
    return []


def known_names(doc) -> set[tuple[str, ...]]:
    """Name keys of the people the article names (persons only: a dateline
    tagged as an organisation must not vouch for itself)."""
    return {name_key(ent.text) for ent in doc.ents if ent.label_ == "PERSON"}


def speaker_label(doc, start: int, names: set[tuple[str, ...]]):
    """(colon token, name token) when the paragraph text from `start` opens
    with a speaker label: a transcript's "PENCE:" or a headline's "Sanders:"
    (naming someone the article names as a person) or a headline's "Pat
    Caddell:" (a person or organisation name), else None. Datelines ("KABUL:")
    name places and do not count."""
    first = token_at(doc, start)
    while first is not None and first.is_quote and first.i + 1 < len(doc):
        first = doc[first.i + 1]
    if first is None:
        return None
    label = []
    for token in doc[first.i: first.i + _LABEL_WORDS + 1]:
        if token.text == ":":
            break
        if not token.text[:1].isupper() or "\n" in token.text_with_ws:
            return None
        label.append(token)
    else:
        return None
    if not label or label[-1].i + 1 >= len(doc):
        return None
    colon = doc[label[-1].i + 1]
    words = name_key(" ".join(token.text for token in label))
    known = any(key[-len(words):] == words for key in names)
    if known or (not label[0].text.isupper() and all(token.ent_type_ in {"PERSON", "ORG"} for token in label)):
        return colon, label[-1]
    return None


def colon_introducer(doc, text: str, paragraph_end: int):
    """(cue verb, subject) when the paragraph ending at `paragraph_end` ends
    with a reporting verb and a colon ("The governor added:"), else None."""
    if not text[:paragraph_end].rstrip().endswith(":"):
        return None
    colon = token_at(doc, len(text[:paragraph_end].rstrip()) - 1)
    if colon is None or colon.i == 0:
        return None
    verb = doc[colon.i - 1]
    if not is_quote_verb(verb):
        return None
    subject = find_subject(verb)
    return (verb, subject) if subject is not None else None


def carry_speakers(text: str, attributions: list[Attribution]) -> None:
    """Give each uncued quote the subject of the attribution it goes on from
    (in place): the last attribution before it in its paragraph ("..., Schiff
    said. \"The other factor ...\""), or, for a quote that makes up a whole
    paragraph, the direct quote that ends the paragraph right before
    (a transcript's "PENCE: ..." continued, a speech running over paragraphs).
    Left without a subject when neither holds: unknown rather than wrong."""
    ordered = sorted(attributions, key=lambda attribution: bounds(attribution))
    for index, attribution in enumerate(ordered):
        if attribution.cue is not None or attribution.subject is not None or not attribution.quotes:
            continue
        earlier = [other for other in ordered[:index] if bounds(other)[1] <= bounds(attribution)[0]]
        if earlier:
            attribution.subject = _earlier_speaker(text, earlier[-1], attribution)


def _earlier_speaker(text: str, previous: Attribution, quote: Attribution):
    """The subject of `previous` when uncued `quote` goes on from it, else None.

    Within a paragraph the quote must open its own sentence (a quoted phrase
    inside a sentence belongs to that sentence's subject, found or not).
    Across paragraphs the quote must fill its paragraph and `previous` must be
    a quote whose sentence ends the paragraph right before.
    """
    start, end = bounds(quote)
    between = text[bounds(previous)[1]: start]
    if "\n" not in between:
        return previous.subject if opens_sentence(text, start) else None
    whole_paragraph = paragraph_of(text, start) == (start, end) or not quote.quotes[-1].closed
    tail, _, gap = between.partition("\n")
    adjacent = not gap.strip() and not _another_sentence(tail)
    return previous.subject if whole_paragraph and adjacent and previous.quotes else None


# A sentence end followed by more words; the word before the stop is read to
# tell an abbreviation ("Dr. Terry said.", "said Sean B. Tipton.") from a sentence's end.
_SENTENCE_END = re.compile(r"(\S*?)[.!?][\"”’']*\s+\S")


def _another_sentence(tail: str) -> bool:
    """True when `tail` (the rest of a paragraph after an attribution) holds
    another sentence: a full stop after a word that is not a title ("Dr.",
    "Msgr.") or an initial ("B.")."""
    for match in _SENTENCE_END.finditer(tail):
        word = match.group(1).lstrip("\"“‘'(")
        if not (len(word) == 1 and word.isupper() or word.lower() + "." in TITLES or word.lower() in TITLES):
            return True
    return False


def resolve_speakers(doc, attributions: list[Attribution], quotes: list[QuoteSpan]) -> dict:
    """Speaker per subject token index, resolved in reading order so that
    pronouns and descriptions can refer back to earlier speakers; people named
    inside `quotes` are never antecedents."""
    resolver = SpeakerResolver(doc, [(span.start, span.end) for span in quotes])
    subjects = sorted({a.subject.i: a.subject for a in attributions if a.subject is not None}.items())
    return {index: resolver.resolve(subject) for index, subject in subjects}
