"""Sentence boundaries that respect paragraphs and quotation marks.

The small English model sometimes runs a sentence across a paragraph break,
and often leaves a closing quotation mark at the start of the next sentence
(`..."families."` / `" Lina Osei said...`). Paragraph breaks are made hard
boundaries before parsing (the parser respects preset boundaries), and a
stranded closing mark is given back to the sentence it closes. The tokenizer
reads the "K." of "fighting ISIS-K. The group..." as a name's initial, so the
parser runs on; such a sentence is cut after the acronym. (Presetting that
boundary before parsing would cost the entity recognizer the next name.)
A decimal that a feed spaced out ("averaged 11. 1 points") is no boundary.
"""

from __future__ import annotations

import re

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from newsfuse.models import Sentence

PARAGRAPHS = "newsfuse_paragraphs"
_CLOSING_MARKS = "\"”’'»"
_OPENING_MARKS = "\"“‘'«"
_SENTENCE_ENDS = set(".!?:;\"”’)")
_STRANDED_MARK = re.compile(rf"[{_CLOSING_MARKS}]+(?=\s|$)")
# "ISIS-K." then a capitalised word or an opening mark: a letter hung on an acronym is no initial
# Titles written before a name, never at the end of a sentence.
TITLES = ("Sgt", "Gen", "Lt", "Col", "Capt", "Cpl", "Pvt", "Maj", "Adm", "Cmdr", "Brig", "Gov", "Sen", "Rep",
          "Rev", "Prof", "Dr", "Mr", "Mrs", "Ms", "Insp", "Det", "Supt", "Const", "Cst", "Atty", "Fr", "Hon",
          "Pres", "Amb", "Cllr", "Msgr")
# A title abbreviation or one capital initial ("J."): what follows continues the sentence.
_ABBREVIATION = re.compile(rf"^(?:(?:{'|'.join(TITLES)})|[A-Z])\.$", re.IGNORECASE)
_SPLIT_DECIMAL = re.compile(r"\d\. \d$")  # "11. 1", "51. 2": a decimal point with a space after it
_ACRONYM_END = re.compile(rf"\b[A-Z]{{2,}}-[A-Z]\.(?P<gap>\s+)(?=[A-Z{_OPENING_MARKS}])")


@Language.component(PARAGRAPHS)
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence at the first token of a paragraph.

    A blank line always ends a paragraph. A single line break does when the
    line before ends a sentence, or the next line starts as a sentence would
    (capital or opening quotation mark): feeds often put one paragraph per
    line, and a headline line has no final stop.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if _continues_after(doc, token.i - 1) and _starts_sentence(token.text):
            token.is_sent_start = False  # "Sgt. John Smith", "J. R. Smith": a name goes on
            continue
        if token.text[:1].isdigit() and _SPLIT_DECIMAL.search(doc.text, max(token.idx - 3, 0), token.idx + 1):
            token.is_sent_start = False  # "averaged 11. 1 points": a decimal a feed spaced out
            continue
        if token.is_space or not previous.is_space or "\n" not in previous.text:
            continue
        if previous.text.count("\n") < 2 and _continues_after(doc, token.i - 2) and _starts_sentence(token.text):
            continue  # "police Const.\nTim Fanning": a line wrapped after a title
        before = doc[token.i - 2].text[-1:] if token.i >= 2 else ""
        if previous.text.count("\n") >= 2 or before in _SENTENCE_ENDS or _starts_sentence(token.text):
            token.is_sent_start = True
    return doc


def _continues_after(doc: Doc, i: int) -> bool:
    """Token `i` is a title abbreviation or an initial, so a name follows, not a new sentence."""
    return i >= 0 and bool(_ABBREVIATION.match(doc[i].text)) \
        and (i < 1 or doc[i - 1].lower_ not in {"a", "an", "the"})  # "got a C. Then"


def _starts_sentence(word: str) -> bool:
    return word[:1].isupper() or word[:1] in _OPENING_MARKS


def add_paragraph_boundaries(nlp: Language) -> Language:
    """Insert :func:`mark_paragraph_starts` before the parser, and keep title
    abbreviations ("Sgt.", "Gen.") one token, as the tokenizer splits off the
    stop of those it does not know (idempotent)."""
    for title in TITLES:
        for spelling in (title, title.upper()):
            nlp.tokenizer.add_special_case(f"{spelling}.", [{ORTH: f"{spelling}."}])
    if PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


def split_sentences(doc: Doc) -> list[Sentence]:
    """The doc's sentences as offset records: blank ones dropped, whitespace trimmed,
    and a closing quotation mark stranded at a sentence start moved back."""
    text = doc.text
    spans: list[list[int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        stranded = _STRANDED_MARK.match(text, start, end)
        if stranded and spans:
            spans[-1][1] = stranded.end()
            start = stranded.end()
        spans.append([start, end])
    sentences = []
    for start, end in _cut_after_acronyms(text, spans):
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        start += len(chunk) - len(chunk.lstrip())
        sentences.append(Sentence(start=start, end=start + len(stripped), text=stripped))
    return sentences


def _cut_after_acronyms(text: str, spans: list[list[int]]) -> list[tuple[int, int]]:
    """`spans` (start, end) of sentences in `text`, each cut where _ACRONYM_END finds a boundary."""
    cut = []
    for start, end in spans:
        for boundary in _ACRONYM_END.finditer(text, start, end):
            cut.append((start, boundary.start("gap")))
            start = boundary.end("gap")
        cut.append((start, end))
    return cut
