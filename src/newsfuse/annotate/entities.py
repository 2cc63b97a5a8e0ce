"""Named entities of one article: spaCy's NER with the small model's usual errors fixed.

`extract_entities(doc, article)` starts from `doc.ents` (en_core_web_sm) and

* adds names the small model misses: hyphenated acronym names ("ISIS-Khorasan",
  "IS-K"), names hyphen-joined to a found one ("Taliban-Haqqani-Al Qaeda"), names defined by a bracketed acronym ("Islamic State in Khorasan
  Province (IS-K)"), a nationality fused to a group name ("Pakistani Taliban");
* widens names cut short: "Haqqani" + "network", "Islamic State of Iraq" + "and Syria";
* cuts spans that run over a line break or a sentence end ("National Post\\n\\nIS-K");
* trims a leading "the", quotes and brackets, a trailing possessive ("ISIS-K's")
  and stray punctuation, and keeps titles ("Mr", "Dr") out of person names;
* relabels: a name after an honorific is a PERSON ("Mr Clarke"), a name headed by
  an organisation word is an ORG ("Centre for Strategic and International Studies");
* drops junk: spans without letters, mostly digits, or without a capital letter.

Offsets are character offsets into `article.text` (the text `doc` was made from).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc

from newsfuse.models import Article, EntityMention
from newsfuse.text import GROUP_NOUNS, NAME_CONNECTORS, TITLES, initials_match

KEPT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
)
# Honorifics that mark the next name as a person whatever label the model gave it.
HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame".split())
# Head words that make a name an organisation, not a place or a person.
ORG_HEADS = frozenset(
    """centre center institute institution university college council committee commission agency
    ministry department network project foundation association organization organisation party
    army brigade group society league bureau company corporation inc ltd corp fund forum
    alliance coalition movement""".split()
)
# Words that start a person-labelled span which is really a region ("Greater Khorasan").
REGION_MODIFIERS = frozenset(
    "greater upper lower north south east west northern southern eastern western central".split()
)
# Abbreviations whose final period belongs to the name ("Inc.", "Jr.").
ABBREVIATIONS = frozenset("inc ltd co corp jr sr st mt ft bros plc".split())

ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&.]*(?:-[A-Z][A-Za-z0-9]*)?$")
LEADING_JUNK = "\"'“”‘’«»([{<*•·-–—:;,./\\ \t\r\n"
TRAILING_JUNK = "\"'“”‘’«»)]}>*•·-–—:;,!?/\\ \t\r\n"
POSSESSIVE_RE = re.compile(r"(?:['’][sS]|(?<=[sS])['’])$")
DETERMINER_RE = re.compile(r"^(?:the|The|THE)\s+")
SENTENCE_BREAK_RE = re.compile(r"(?<=\S)\.\s+(?=[A-Z])")


@dataclass
class Span:
    """A candidate entity: character offsets into the article text and a spaCy label."""

    start: int
    end: int
    label: str


def extract_entities(doc: Doc, article: Article) -> list[EntityMention]:
    """Cleaned named-entity mentions of `article`, in text order, without overlaps.

    `doc` is spaCy's analysis of `article.text`. The `sentence` field is left at -1
    (the annotate stage fills it in).
    """
    text = article.text
    spans = [Span(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
    spans = _add_over(spans, _hyphenated_acronyms(doc))
    spans = _add_over(spans, _bracketed_definitions(doc))
    spans = _add_over(spans, _nationality_groups(doc))
    spans = _add_over(spans, _hyphen_chain_names(doc))
    spans = [_widen(span, text) for span in spans]
    cleaned = []
    for span in spans:
        for piece in _split_at_breaks(span, text):
            result = _clean(piece, text)
            if result is not None and result.label in KEPT_LABELS:
                cleaned.append(result)
    return [
        EntityMention(text=text[span.start:span.end], label=span.label, start=span.start,
                      end=span.end, sentence=-1)
        for span in _without_overlaps(cleaned)
    ]


# ------------------------------------------------------------ names the model misses


def _hyphenated_acronyms(doc: Doc) -> list[Span]:
    """Names like "ISIS-K" or "ISIS-Khorasan": an acronym, a hyphen, a capitalised part.

    Skipped when they pair two separate actors or places ("US-Taliban deal",
    "US-Mexico border") or belong to a longer chain ("IS-Haqqani-Taliban").
    """
    matcher = Matcher(doc.vocab)
    matcher.add("ACRONYM_HYPHEN", [[
        {"IS_UPPER": True, "IS_ALPHA": True, "LENGTH": {">=": 2}, "SPACY": False},
        {"ORTH": "-", "SPACY": False},
        {"IS_ALPHA": True, "SHAPE": {"REGEX": "^X"}},
    ]])
    spans = []
    for _, begin, end in matcher(doc):
        head, tail = doc[begin], doc[end - 1]
        chained = (end < len(doc) and doc[end].text == "-" and not tail.whitespace_) or (
            begin > 0 and doc[begin - 1].text == "-" and not doc[begin - 1].whitespace_)
        if chained or head.ent_type_ in {"GPE", "LOC", "NORP"} or tail.ent_type_ in {"PERSON", "ORG", "NORP"}:
            continue
        label = head.ent_type_ if head.ent_type_ in {"ORG", "PERSON"} else "ORG"
        spans.append(Span(head.idx, tail.idx + len(tail), label))
    return spans


def _bracketed_definitions(doc: Doc) -> list[Span]:
    """A capitalised name followed by its acronym in brackets, and the acronym itself.

    "the Islamic State in Khorasan Province (IS-K)" gives "Islamic State in
    Khorasan Province" and "IS-K", both labelled as the model labelled the
    acronym (ORG when it did not). The acronym's letters must follow the name's
    initials in order, so "Seth Jones (CSIS)" defines nothing.
    """
    spans = []
    for token in doc:
        if token.text != "(":
            continue
        close = next((t for t in doc[token.i + 1:token.i + 6] if t.text == ")"), None)
        if close is None or close.i == token.i + 1:
            continue
        inner = doc[token.i + 1:close.i]
        if not ACRONYM_RE.match(inner.text):
            continue
        name = _name_before(doc, token.i, inner.text)
        if name is None:
            continue
        label = next((t.ent_type_ for t in inner if t.ent_type_ in KEPT_LABELS - {"PERSON"}), "ORG")
        spans.append(Span(name[0], name[1], label))
        spans.append(Span(inner.start_char, inner.end_char, label))
    return spans


def _name_before(doc: Doc, bracket: int, acronym: str) -> tuple[int, int] | None:
    """Offsets of the capitalised name ending just before token `bracket` that `acronym` abbreviates."""
    first = bracket
    while first > 0 and _is_name_word(doc[first - 1]):
        first -= 1
    words = list(doc[first:bracket])
    while words and (words[0].text.islower() or words[0].text[0] != acronym[0]):
        words.pop(0)
    capitalised = [word for word in words if word.text[0].isupper()]
    if len(capitalised) < 2 or not initials_match(acronym, [word.text for word in words]):
        return None
    return words[0].idx, words[-1].idx + len(words[-1])


def _is_name_word(token) -> bool:
    return (token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)) or (
        token.text.lower() in NAME_CONNECTORS)


def _nationality_groups(doc: Doc) -> list[Span]:
    """A nationality fused to a group name: "Pakistani Taliban" as one ORG.

    The small model labels "Pakistani" NORP and leaves the group name
    unlabelled or labels it ORG on its own; titles ("Russian President") are
    not group names.
    """
    spans = []
    for ent in doc.ents:
        if ent.label_ != "NORP" or ent.end >= len(doc) or not ent[-1].whitespace_:
            continue
        end = ent.end
        following = doc[end]
        if following.ent_type_ == "ORG" and following.ent_iob_ == "B" and (
                end + 1 == len(doc) or doc[end + 1].ent_iob_ != "I"):
            end += 1  # a one-word ORG right after: "Pakistani" + "Taliban"
        while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_ \
                and doc[end].text.lower() not in TITLES and doc[end].text[:1].isupper():
            end += 1
        if end > ent.end and not (end < len(doc) and doc[end].ent_type_ == "PERSON"):
            spans.append(Span(ent.start_char, doc[end - 1].idx + len(doc[end - 1]), "ORG"))
    return spans


def _hyphen_chain_names(doc: Doc) -> list[Span]:
    """Unlabelled names hyphen-joined to an organisation: "Haqqani" and "Al Qaeda" in
    "Taliban-Haqqani-Al Qaeda triumvirate" become ORGs. Places do not spread their
    label ("US-Taliban deal" does not make the Taliban a place)."""
    labels = {token.i: token.ent_type_ for token in doc if token.ent_type_}
    spans = []
    changed = True
    while changed:
        changed = False
        for token in doc[1:-1]:
            if token.text not in "-–" or token.whitespace_ or doc[token.i - 1].whitespace_:
                continue
            left, right = doc[token.i - 1], doc[token.i + 1]
            for known, other, step in ((left, right, 1), (right, left, -1)):
                if labels.get(known.i) == "ORG" and other.i not in labels and _is_proper_word(other):
                    run = _proper_run(doc, other.i, step)
                    for i in run:
                        labels[i] = labels[known.i]
                    spans.append(Span(doc[min(run)].idx, doc[max(run)].idx + len(doc[max(run)]),
                                      labels[known.i]))
                    changed = True
    return spans


def _is_proper_word(token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha


def _proper_run(doc: Doc, first: int, step: int) -> list[int]:
    """Indices of the proper nouns written together from `first` in direction `step` (+1/-1)."""
    run = [first]
    while 0 <= run[-1] + step < len(doc):
        candidate = doc[run[-1] + step]
        left_of_gap = doc[min(run[-1], candidate.i)]
        if not _is_proper_word(candidate) or not left_of_gap.whitespace_ or candidate.ent_type_:
            break
        run.append(candidate.i)
    return run


def _add_over(spans: list[Span], added: list[Span]) -> list[Span]:
    """`spans` with `added` put in, dropping the old spans each added one overlaps."""
    kept = [span for span in spans if not any(_overlaps(span, new) for new in added)]
    return sorted(kept + added, key=lambda span: (span.start, -span.end))


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


# ------------------------------------------------------------ widening and cutting


GROUP_NOUN_RE = re.compile(r"^[ \t]+(" + "|".join(sorted(GROUP_NOUNS)) + r")\b")
AND_PLACE_RE = re.compile(r"^ and (?:the )?[A-Z][\w-]*(?: [A-Z][\w-]*)*")


def _widen(span: Span, text: str) -> Span:
    """Complete names the model cut short.

    "Haqqani" + " network" becomes the ORG "Haqqani network"; an ORG ending in
    "of Iraq" followed by "and Syria" takes the second place too.
    """
    after = text[span.end:span.end + 60]
    if span.label in {"ORG", "GPE", "PERSON"}:
        noun = GROUP_NOUN_RE.match(after)
        if noun:
            return Span(span.start, span.end + noun.end(), "ORG")
    if span.label == "ORG" and re.search(r"\bof (?:the )?[A-Z][\w-]*$", text[span.start:span.end]):
        place = AND_PLACE_RE.match(after)
        if place:
            return Span(span.start, span.end + place.end(), "ORG")
    return span


def _split_at_breaks(span: Span, text: str) -> list[Span]:
    """Pieces of `span` between line breaks and sentence ends ("ISIS-K. ISIS")."""
    cuts = [span.start]
    inside = text[span.start:span.end]
    for match in re.finditer(r"\n+", inside):
        cuts += [span.start + match.start(), span.start + match.end()]
    for match in SENTENCE_BREAK_RE.finditer(inside):
        word = inside[:match.start()].split()[-1] if inside[:match.start()].split() else ""
        if len(word) > 1 and "." not in word and word.lower() not in ABBREVIATIONS | TITLES:
            cuts += [span.start + match.start(), span.start + match.end()]
    cuts.append(span.end)
    return [Span(a, b, span.label) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]


# ------------------------------------------------------------ trimming and labels


def _clean(span: Span, text: str) -> Span | None:
    """The span trimmed of determiners, titles, possessives and punctuation, relabelled; None if junk."""
    start, end, label = span.start, span.end, span.label
    while True:
        before = (start, end)
        while start < end and text[start] in LEADING_JUNK:
            start += 1
        determiner = DETERMINER_RE.match(text[start:end])
        if determiner:
            start += determiner.end()
        possessive = POSSESSIVE_RE.search(text[start:end])
        if possessive:
            end = start + possessive.start()
        while end > start and text[end - 1] in TRAILING_JUNK:
            end -= 1
        if end > start and text[end - 1] == "." and not _ends_with_abbreviation(text[start:end]):
            end -= 1
        if label == "PERSON" or _titled_name(text[start:end]):
            label, start = "PERSON", _after_titles(text, start, end)
        if (start, end) == before:
            break
    name = text[start:end]
    if not _looks_like_name(name):
        return None
    return Span(start, end, _relabel(name, label, text[max(0, start - 12):start]))


def _ends_with_abbreviation(name: str) -> bool:
    """Whether the final period belongs to the name: "U.S.", "Seth G.", "Acme Inc."."""
    last = name.split()[-1] if name.split() else ""
    bare = last.rstrip(".")
    return len(bare) == 1 or "." in bare or bare.lower() in ABBREVIATIONS


def _after_titles(text: str, start: int, end: int) -> int:
    """Start offset past any leading titles ("Dr. Anna Berg" -> "Anna Berg"), keeping one word."""
    while True:
        match = re.match(r"([A-Za-z-]+)\.?\s+(?=\S)", text[start:end])
        if not match or match.group(1).lower() not in TITLES:
            return start
        start += match.end()


def _titled_name(name: str) -> bool:
    """A title then a person's name, whatever the model's label: "Mayor Elena Brisk",
    "Dr Arkwright"; not "General Motors" (a rank before a single word)."""
    words = name.split()
    if len(words) < 2 or not all(word[:1].isupper() for word in words):
        return False
    title = words[0].rstrip(".").lower()
    return title in HONORIFICS or (title in TITLES and len(words) >= 3)


def _looks_like_name(name: str) -> bool:
    letters = sum(ch.isalpha() for ch in name)
    digits = sum(ch.isdigit() for ch in name)
    return len(name) >= 2 and letters >= 1 and digits <= letters and any(ch.isupper() for ch in name)


def _relabel(name: str, label: str, left_context: str) -> str:
    """The label fixed by the name's words and the honorific before it."""
    words = name.split()
    title = re.search(r"([A-Za-z]+)\.?\s+$", left_context)
    if title and title.group(1).lower() in HONORIFICS and all(w[:1].isupper() for w in words):
        return "PERSON"
    if label == "PERSON" and (
            (words[0].lower() in REGION_MODIFIERS and len(words) > 1)
            or (len(words) == 1 and re.search(r"\bthe\s+$", left_context))):
        return "LOC"  # "Greater Khorasan", "the Sahel": regions, not people
    if label in {"FAC", "GPE", "LOC", "PERSON", "NORP"} and len(words) > 1 and any(
            re.sub(r"\W", "", word).lower() in ORG_HEADS for word in words):
        return "ORG"
    return label


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """Spans in text order; of two overlapping ones the longer (then earlier) stays."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not any(_overlaps(span, other) for other in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda span: span.start)
