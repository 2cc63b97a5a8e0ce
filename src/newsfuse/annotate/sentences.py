"""Sentence boundaries that respect paragraphs and quotation marks.

The small English model sometimes runs a sentence across a paragraph break,
and often leaves a closing quotation mark at the start of the next sentence
(`..."families."` / `" Lina Osei said...`). Paragraph breaks are made hard
boundaries before parsing (the parser respects preset boundaries), and a
stranded closing mark is given back to the sentence it closes. The tokenizer
reads the "K." of "ISIS-K. The group..." as an initial, so a sentence that
ends on a hyphenated acronym also gets its boundary before parsing.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from newsfuse.models import Sentence

PARAGRAPHS = "newsfuse_paragraphs"
_CLOSING_MARKS = "\"”’'»"
_OPENING_MARKS = "\"“‘'«"
_SENTENCE_ENDS = set(".!?:;\"”’)")
_STRANDED_MARK = re.compile(rf"[{_CLOSING_MARKS}]+(?=\s|$)")
_HANGING_LETTER = re.compile(r"[A-Z]\.")
_ACRONYM = re.compile(r"[A-Z]{2,}")


@Language.component(PARAGRAPHS)
def mark_boundaries(doc: Doc) -> Doc:
    """Preset the boundaries the parser misses: paragraph starts and ends on hyphenated acronyms."""
    mark_paragraph_starts(doc)
    mark_acronym_ends(doc)
    return doc


def mark_paragraph_starts(doc: Doc) -> None:
    """Start a sentence at the first token of a paragraph.

    A blank line always ends a paragraph. A single line break does when the
    line before ends a sentence, or the next line starts as a sentence would
    (capital or opening quotation mark): feeds often put one paragraph per
    line, and a headline line has no final stop.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_space or not previous.is_space or "\n" not in previous.text:
            continue
        before = doc[token.i - 2].text[-1:] if token.i >= 2 else ""
        if previous.text.count("\n") >= 2 or before in _SENTENCE_ENDS or _starts_sentence(token.text):
            token.is_sent_start = True


def mark_acronym_ends(doc: Doc) -> None:
    """Start a sentence after "ISIS-K." when a capitalised word follows: the letter
    hangs on an upper-case acronym by a hyphen, so it is no initial of a name
    (unlike "Seth G. Jones" or "Jean-P. Sartre")."""
    for token in doc[3:]:
        letter, hyphen, acronym = doc[token.i - 1], doc[token.i - 2], doc[token.i - 3]
        if (_HANGING_LETTER.fullmatch(letter.text) and letter.whitespace_ and hyphen.text == "-"
                and not hyphen.whitespace_ and not acronym.whitespace_ and _ACRONYM.fullmatch(acronym.text)
                and _starts_sentence(token.text)):
            token.is_sent_start = True
            if token.i + 1 < len(doc) and not doc[token.i + 1].is_punct:
                doc[token.i + 1].is_sent_start = False  # else the confused parser may cut after one word


def _starts_sentence(word: str) -> bool:
    return word[:1].isupper() or word[:1] in _OPENING_MARKS


def add_paragraph_boundaries(nlp: Language) -> Language:
    """Insert :func:`mark_paragraph_starts` before the parser (idempotent)."""
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
    for start, end in spans:
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        start += len(chunk) - len(chunk.lstrip())
        sentences.append(Sentence(start=start, end=start + len(stripped), text=stripped))
    return sentences
