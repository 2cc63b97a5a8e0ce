"""Direct quotes: the words inside quotation marks and the cue attributing them,
and paragraphs spoken by a label or introduced by "X added:".
"""

from __future__ import annotations

from newsfuse.annotate.quotes.clauses import (
    Attribution,
    complement,
    line_of,
    span_tokens,
    trim,
)
from newsfuse.annotate.quotes.lexicon import (
    SENTENCE_END,
    according_source,
    is_quote_verb,
)
from newsfuse.annotate.quotes.marks import (
    QuoteSpan,
    continues,
    dash_follows,
    ends_like_clause,
    inside,
    is_title,
    looks_like_speech,
    paragraphs,
)
from newsfuse.annotate.quotes.speakers import (
    adjacent_attribution,
    colon_introducer,
    known_names,
    names_someone,
    quote_verb_subject,
    speaker_label,
    subject_head,
)
from newsfuse.annotate.roles import SUBJECT_DEPS


def _window(doc, span: QuoteSpan, quotes: list[QuoteSpan], side: str, text: str) -> list:
    """Tokens outside quotes beside `span` up to the sentence end (side="after")
    or back to the previous sentence end (side="before"). A paragraph that ends
    with a colon ("He said:") introduces the quote that opens the next one."""
    limit_low = max([q.end for q in quotes if q.end <= span.start], default=0)
    limit_high = min([q.start for q in quotes if q.start >= span.end], default=len(text))
    tokens = []
    if side == "after":
        for token in doc[doc.char_span(span.start, span.end, alignment_mode="expand").end:]:
            if token.idx >= limit_high or "\n" in token.text:
                break
            tokens.append(token)
            if token.text in SENTENCE_END:
                break
        return tokens
    before = doc[: doc.char_span(span.start, span.end, alignment_mode="expand").start]
    for token in reversed(before):
        if token.idx < limit_low or token.text in SENTENCE_END:
            break
        if "\n" in token.text:
            if tokens or not text[:token.idx].rstrip().endswith(":"):
                break
            continue
        tokens.append(token)
    return tokens[::-1]


def _quote_cue(doc, span: QuoteSpan, quotes: list[QuoteSpan], text: str):
    """(cue verb, subject) attributing the quote from its own sentence, or (None, None).

    A verb after the quote counts when the quote hands over to it
    (``...," she said``); the nearest one before it otherwise
    (``She said: "..."``); "according to X" counts on either side.
    """
    found = {}
    for side in ("after", "before"):
        tokens = _window(doc, span, quotes, side, text)
        byline = side == "after" and dash_follows(text, span)
        if side == "after" and tokens and not (ends_like_clause(text, span) or tokens[0].is_lower or byline):
            continue
        pairs = [(token, quote_verb_subject(token, quotes)) for token in tokens if is_quote_verb(token)]
        pairs = [pair for pair in pairs + [(token, according_source(token)) for token in tokens]
                 if pair[1] is not None]
        if side == "after" and not pairs:
            pairs = adjacent_attribution(tokens, byline)
        if side == "before":
            opened = _relative_clause_start(doc, span)
            pairs = [pair for pair in pairs if opened is None or pair[0].i >= opened]
        pairs = sorted(pairs, key=lambda pair: pair[0].i, reverse=(side == "before"))
        if pairs:
            found[side] = pairs[0]
    return found.get("after") or found.get("before") or (None, None)


def _relative_clause_start(doc, span: QuoteSpan) -> int | None:
    """Index of the first token of the relative clause the quoted phrase sits
    in ("..., an older teacher, who remembers him as "brilliant""), or None:
    a cue before that clause ("Asked to leave, he studied with ...") does not
    attribute the quote; the clause's own subject does, or nobody."""
    phrase = span_tokens(doc, span.start, span.end)
    if phrase is None:
        return None
    # the parser may start a new sentence at the quote: the word before it then shows the clause
    for token in (phrase.root, doc[phrase.start - 1] if phrase.start else phrase.root):
        while token.head.i != token.i:
            if token.dep_ == "relcl":
                return token.left_edge.i
            token = token.head
    return None


def _reported_range(cue):
    """(first, last) token of what `cue` reports: the clause of a reporting
    verb, or the rest of the sentence for "according to"; None when unknown."""
    if according_source(cue) is not None:
        skip = {token.i for token in cue.subtree}
        rest = [token for token in cue.sent if token.i not in skip]
        return (rest[0], rest[-1]) if rest else None
    comp = complement(cue)
    return (comp.left_edge, comp.right_edge) if comp is not None else None


def _reports_more_than_quote(doc, cue, span: QuoteSpan, quotes: list[QuoteSpan]) -> bool:
    """True when the quote is only part of the cue's reported clause
    (``She says the tweets are "lies."``, ``X did "Y", according to Z``): the
    indirect attribution covers it."""
    reported = _reported_range(cue)
    if reported is None:
        return False
    first, last = reported
    if not first.idx <= span.start < last.idx + len(last.text):
        return False
    low, high = line_of(cue)
    outside = [token for token in doc[first.i: last.i + 1]
               if token.is_alpha and low <= token.idx < high and not inside(token.idx, quotes)]
    return len(outside) >= 2


def _governing_clause(doc, span: QuoteSpan, quotes: list[QuoteSpan]):
    """(verb, subject, content tokens) of the clause a quoted phrase belongs to
    (``Clinton called them "deplorables."``), or None.

    The verb is the nearest ancestor of the phrase with a subject outside
    quotes; the content is what follows the verb in its clause.
    """
    phrase = span_tokens(doc, span.start, span.end)
    if phrase is None:
        return None
    verb = phrase.root
    while verb.head.i != verb.i:
        verb = verb.head
        if verb.pos_ not in {"VERB", "AUX"} or inside(verb.idx, quotes):
            continue
        subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
        if not subjects:
            continue
        subject = subject_head(subjects)
        if subject.i > verb.i or verb.i > phrase.start or verb.pos_ != "VERB" or not names_someone(subject):
            return None
        rights = [child for child in verb.rights if child.dep_ not in {"conj", "cc"}]
        return verb, subject, [token for child in rights for token in child.subtree]
    return None


def direct_attributions(doc, text: str, quotes: list[QuoteSpan]) -> list[Attribution]:
    """Attributions built around quotation marks, in text order.

    Quotes sharing a cue form one attribution; a quote with no cue takes a
    speaker label that opens it ("PENCE: ..."), or continues
    the previous quote of its paragraph, or belongs to the clause around it,
    or carries on the previous paragraph's quote, or stands unattributed.
    Quotes that are only part of a reported clause are left to
    :func:`indirect_attributions`.
    """
    found: list[Attribution] = []
    by_cue: dict[int, Attribution] = {}
    names = known_names(doc)
    for span in quotes:
        if is_title(text, span):
            continue
        speech = looks_like_speech(text, span)
        cue, subject = _quote_cue(doc, span, quotes, text)
        if cue is None and (label := speaker_label(doc, span.start, names)) is not None:
            cue, subject = label
        previous = found[-1] if found else None
        if cue is not None and _reports_more_than_quote(doc, cue, span, quotes):
            continue
        if cue is not None and (speech or cue.lower_ == "according"):
            if cue.i in by_cue:
                by_cue[cue.i].quotes.append(span)
                continue
            by_cue[cue.i] = Attribution(kind="direct", spans=[], cue=cue, subject=subject, quotes=[span])
            found.append(by_cue[cue.i])
        elif speech and previous is not None and previous.quotes and continues(text, previous.quotes[-1], span):
            previous.quotes.append(span)
        elif (clause := _governing_clause(doc, span, quotes)) is not None:
            verb, subject, tokens = clause
            bounds = trim(tokens)
            if bounds is not None:
                # the clause is the reporter's words around a quoted phrase: indirect speech
                found.append(Attribution(kind="indirect", spans=[bounds], cue=verb, subject=subject))
        elif speech:
            found.append(Attribution(kind="direct", spans=[], quotes=[span]))
    for attribution in found:
        if attribution.quotes:
            attribution.spans = [(span.start, span.end) for span in attribution.quotes]
    return found


def labelled_paragraphs(doc, text: str, quotes: list[QuoteSpan]) -> list[Attribution]:
    """Unquoted paragraphs spoken by a label ("WALLACE: Let's start ...",
    "Pat Caddell: Voters Worried ...") or by a reporting verb that ends the
    paragraph before with a colon ("The governor added:"). A transcript's
    words in capitals-labelled lines are direct speech; a headline's are not."""
    names = known_names(doc)
    found = []
    previous_end = None
    for start, end in paragraphs(text):
        lead = start + len(text[start:end]) - len(text[start:end].lstrip())
        if inside(lead, quotes):
            previous_end = end
            continue
        label = speaker_label(doc, lead, names)
        if label is not None:
            colon, speaker = label
            content = (colon.idx + 1 + len(text[colon.idx + 1: end]) - len(text[colon.idx + 1: end].lstrip()), end)
            kind = "direct" if speaker.text.isupper() else "indirect"
        elif previous_end is not None and (introducer := colon_introducer(doc, text, previous_end)) is not None:
            colon, speaker = introducer
            content, kind = (lead, end), "direct"
        else:
            previous_end = end
            continue
        if content[1] - content[0] > 1:
            found.append(Attribution(kind=kind, spans=[content], cue=colon, subject=speaker))
        previous_end = end
    return found
