"""Parse helpers shared by the direct and indirect extractors: the attribution
being built, the clause a reporting verb introduces, and its character spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsfuse.annotate.quotes.lexicon import (
    INTENTION_VERBS,
    REASON_MARKS,
    REFLEXIVES,
    REPORTING_VERBS,
    cue_lemma,
)
from newsfuse.annotate.quotes.marks import QuoteSpan
from newsfuse.annotate.roles import SUBJECT_DEPS


@dataclass
class Attribution:
    """A mention being built: content spans, cue token and subject token."""

    kind: str
    spans: list[tuple[int, int]]
    cue: object = None
    subject: object = None
    quotes: list[QuoteSpan] = field(default_factory=list)


def trim(tokens) -> tuple[int, int] | None:
    """Character span of `tokens` (contiguous in the doc) without edge punctuation;
    quotation marks are kept so a quoted clause keeps its marks."""
    tokens = sorted(tokens, key=lambda token: token.i)
    while tokens and tokens[0].is_punct and not tokens[0].is_quote:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and not tokens[-1].is_quote:
        tokens = tokens[:-1]
    while tokens and tokens[-1].lower_ in {"and", "but", "or"}:
        tokens = tokens[:-1]
    if len(tokens) < 2:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def content_tokens(head, exclude) -> list:
    """Tokens of the clause under `head` minus those of the subtree `exclude`."""
    skip = {token.i for token in exclude.subtree} if exclude is not None else set()
    return [token for token in head.subtree if token.i not in skip]


def line_of(token) -> tuple[int, int]:
    """Character bounds of the line (paragraph) holding `token`, edge spaces
    left out. Found by searching the text for line breaks, not by walking
    tokens: a run-on paragraph of thousands of tokens asks this for each cue."""
    user_data = token.doc.user_data
    if "newsfuse.text" not in user_data:
        user_data["newsfuse.text"] = token.doc.text  # Doc.text joins every token anew
    text = user_data["newsfuse.text"]
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx + len(token.text))
    end = len(text) if end < 0 else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def pieces(tokens, cue) -> list[tuple[int, int]]:
    """Character spans of the contiguous runs of `tokens` inside the cue's
    sentence and paragraph, edge punctuation trimmed."""
    sentence = cue.sent
    low, high = line_of(cue)
    inside_sentence = sorted((t for t in tokens if sentence.start <= t.i < sentence.end and low <= t.idx < high),
                             key=lambda t: t.i)
    runs: list[list] = []
    for token in inside_sentence:
        if "\n" in token.text:
            runs.append([])
            continue
        if runs and runs[-1] and runs[-1][-1].i == token.i - 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return [span for run in runs if run and (span := trim(run)) is not None]


def span_tokens(doc, start: int, end: int):
    return doc.char_span(start, end, alignment_mode="expand")


def token_at(doc, position: int):
    """The token holding character `position` (or the next one), or None."""
    span = doc.char_span(position, position + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def complement(verb):
    """The clause a reporting verb introduces, or (for a verb set into it) the
    clause around it, or None."""
    clauses = [child for child in verb.children
               if child.dep_ == "ccomp" and cue_lemma(verb) in REPORTING_VERBS and _is_finite(child)]
    # a complement the parser took for an unmarked adverbial clause ("said
    # after the convention he would not accept")
    clauses = clauses or [child for child in verb.rights
                          if child.dep_ == "advcl" and cue_lemma(verb) in REPORTING_VERBS
                          and not any(grand.dep_ == "mark" for grand in child.children)
                          and any(grand.dep_ in SUBJECT_DEPS for grand in child.children)]
    if clauses:
        # "A; X says B": B, the clause after the verb, is what X says
        return next((clause for clause in clauses if clause.i > verb.i), clauses[0])
    for child in verb.children:
        if child.dep_ == "xcomp" and cue_lemma(verb) in INTENTION_VERBS and child.pos_ in {"VERB", "AUX"}:
            return child
    as_clause = verb.dep_ == "advcl" and verb.i > verb.head.i and _is_as_attribution(verb)
    if (verb.dep_ == "parataxis" or as_clause) and cue_lemma(verb) in REPORTING_VERBS:
        # "..., X said." / "..., as police have said.": the clause around the
        # verb, also when the parser hung it on that clause's subject ("The
        # difference, he said, is ...")
        head = verb.head
        while head.dep_ in {"xcomp", "conj"} | SUBJECT_DEPS and head.head.i != head.i:
            head = head.head
        return head
    return None


def further_clauses(verb, comp) -> list:
    """Tokens of the clauses after `comp` that go on with what `verb` reports:
    a second complement ("found that A, and that B"; "spoke of A, and how B")
    or a reason given for it ("said that A, because B")."""
    if comp.head.i != verb.i or comp.i < verb.i:
        return []
    found = []
    for child in verb.rights:
        if child.i <= comp.right_edge.i:
            continue
        if child.dep_ == "ccomp" and cue_lemma(verb) in REPORTING_VERBS or _introduced_clause(child):
            found += list(child.subtree)
    return found


def _introduced_clause(clause) -> bool:
    """True for a conjoined clause opened by "that" or a wh-word ("and that B",
    "and how B") or an adverbial clause of reason ("because B")."""
    marks = {child.lower_ for child in clause.children if child.dep_ == "mark" or child.tag_ in {"WRB", "WP"}}
    if clause.dep_ == "conj":
        return bool(marks & {"that", "how", "why", "whether", "what", "when", "where", "who"})
    return clause.dep_ == "advcl" and bool(marks & REASON_MARKS)


def _is_as_attribution(verb) -> bool:
    """True for a bare "as X said" set after its clause: the verb has its own
    subject and no object or complement ("as he recognizes the holiday" and
    "as many regulars continued to ..." narrate instead)."""
    deps = {child.dep_ for child in verb.children}
    marked = any(child.dep_ == "mark" and child.lower_ == "as" for child in verb.children)
    return marked and bool(deps & SUBJECT_DEPS) and not deps & {"dobj", "xcomp", "ccomp", "attr", "acomp"}


def _is_finite(clause) -> bool:
    """False for a reflexive small clause ("find themselves unhappy") or a
    non-finite one without a named subject of its own ("find them *wanting*"),
    which report no statement; "polls show Clinton *leading*" does."""
    if any(child.dep_ in SUBJECT_DEPS and child.lower_ in REFLEXIVES for child in clause.children):
        return False
    if clause.tag_ not in {"VBG", "VBN", "VB"}:
        return True
    if any(child.dep_ in {"aux", "auxpass", "mark"} for child in clause.children):
        return True
    return any(child.dep_ in SUBJECT_DEPS and child.pos_ != "PRON" for child in clause.children)


def bounds(attribution: Attribution) -> tuple[int, int]:
    return attribution.spans[0][0], attribution.spans[-1][1]


def covered(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]
