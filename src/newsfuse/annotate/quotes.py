"""Who said what in one article: direct quotes and indirect attributions.

`extract_quotes(doc, article)` finds

* direct quotes: text between quotation marks (straight, curly, guillemets,
  doubled apostrophes), including quotes split by their attribution
  (``"X," he said, "Y."`` is one quote with two spans), quotes running on
  over sentences of a paragraph, and quotes whose closing mark is missing;
* indirect speech and stated beliefs or intentions, from the dependency parse:
  a reporting verb from :data:`REPORTING_VERBS` with a clausal complement
  ("X said (that) ...", "..., X told Y", "X warned/argued/believes ..."),
  an intention verb with an infinitive ("X wants to ..."), and "according to X".

Speakers are the subject of the reporting verb, resolved across the article by
:class:`~newsfuse.annotate.speakers.SpeakerResolver`. Offsets are character
indices into `article.text` (end exclusive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsfuse.annotate.speakers import SpeakerResolver, subject_head
from newsfuse.models import Article, QuoteMention

# Verbs whose clausal complement (ccomp) is what the subject said, wrote, found or believes.
REPORTING_VERBS = frozenset("""
say tell add note claim argue warn believe think write report announce state explain insist
suggest acknowledge admit deny confirm contend maintain predict estimate find show reveal
conclude allege assert declare emphasize emphasise stress recall complain caution concede agree
ask question hope fear expect promise pledge vow threaten propose demand worry indicate tweet
testify observe remark reply respond counter continue mention doubt reckon speculate reiterate
assure inform boast lament joke quip charge accuse recommend advise predict forecast calculate
rule hold determine signal imply posit guess acknowledge complain argue repeat retort concur
""".split())
# Verbs whose infinitive complement (xcomp) is a stated intention or demand.
INTENTION_VERBS = frozenset("""
want plan hope promise pledge vow threaten refuse decline seek intend agree decide urge ask
call vote propose demand offer aim expect
""".split())
# Verbs that introduce a direct quote written next to them ("... ," she said).
QUOTE_VERBS = REPORTING_VERBS | frozenset("""
ask reply respond write tweet post shout yell scream whisper exclaim explain continue add
recall tell say
""".split())
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
SENTENCE_END = {".", "!", "?"}
FIRST_SECOND_PERSON = {"i", "you", "we", "me", "us"}
# Quotation marks: openers, closers, and marks whose side depends on context.
OPENERS = "“„«‹‟"
CLOSERS = "”»›"
QUOTE_MARK = re.compile(r"''|``|[\"“”„«»‹›‟]")
SINGLE_QUOTE = re.compile(r"(?<![\w’'])‘(?=\w)(?P<body>[^‘’\n]*?[^\s‘])’(?!\w)")
MIN_QUOTE_WORDS = 4


@dataclass
class QuoteSpan:
    """Characters between (and including) a pair of quotation marks.

    `closed` is False when the closing mark was missing and the span stops at
    the end of the paragraph.
    """

    start: int
    end: int
    closed: bool = True


@dataclass
class Attribution:
    """A mention being built: content spans, cue token and subject token."""

    kind: str
    spans: list[tuple[int, int]]
    cue: object = None
    subject: object = None
    quotes: list[QuoteSpan] = field(default_factory=list)


# ----------------------------------------------------------- quotation marks


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line of `text`."""
    return [(match.start(), match.end()) for match in re.finditer(r"[^\n]+", text) if match.group().strip()]


def mark_side(text: str, start: int, end: int) -> str:
    """"open", "close" or "either" for the quotation mark at text[start:end]."""
    mark = text[start:end]
    if mark in OPENERS or mark == "``":
        return "open"
    if mark in CLOSERS:
        return "close"
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isspace() or before in "([{—–-/":
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-":
        return "close"
    return "either"


def paragraph_quotes(text: str, start: int, end: int) -> list[QuoteSpan]:
    """Quoted spans inside one paragraph; an unclosed quote runs to the paragraph end.

    A second opener while a quote is open closes it when it is followed by a
    space or punctuation (a mistyped closer, as in ``“Yes,“ he said``).
    """
    spans: list[QuoteSpan] = []
    opened: int | None = None
    for match in QUOTE_MARK.finditer(text, start, end):
        side = mark_side(text, match.start(), match.end())
        if opened is None:
            if side != "close":
                opened = match.start()
            continue
        after = text[match.end()] if match.end() < len(text) else " "
        if side == "open" and not (after.isspace() or after in ".,;:!?"):
            spans.append(QuoteSpan(opened, match.start(), closed=False))
            opened = match.start()
            continue
        spans.append(QuoteSpan(opened, match.end()))
        opened = None
    if opened is not None:
        spans.append(QuoteSpan(opened, len(text[:end].rstrip()), closed=False))
    return spans


def single_quotes(text: str, start: int, end: int, taken: list[QuoteSpan]) -> list[QuoteSpan]:
    """Curly single-quoted spans (‘like this’) not inside double quotes; an
    apostrophe (“ISIS’ core”, “don’t”) never opens one."""
    found = []
    for match in SINGLE_QUOTE.finditer(text, start, end):
        if not any(span.start <= match.start() < span.end for span in taken):
            found.append(QuoteSpan(match.start(), match.end()))
    return found


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All quoted spans of `text`, in order, paragraph by paragraph."""
    spans: list[QuoteSpan] = []
    for start, end in paragraphs(text):
        double = paragraph_quotes(text, start, end)
        spans.extend(double + single_quotes(text, start, end, double))
    return sorted(spans, key=lambda span: span.start)


def quote_words(text: str, span: QuoteSpan) -> list[str]:
    return re.findall(r"\w[\w’'-]*", text[span.start: span.end])


def looks_like_speech(text: str, span: QuoteSpan) -> bool:
    """True for quoted speech, False for scare quotes and titles ("Arrogant", “K”).

    Speech has at least MIN_QUOTE_WORDS words, or ends with punctuation inside
    the marks; a run of Title Case words is a title.
    """
    words = quote_words(text, span)
    inner = text[span.start: span.end].rstrip("\"”»›' ")
    ends_like_speech = inner[-1:] in {",", ".", "?", "!", "—"} and len(words) >= 2
    if len(words) < MIN_QUOTE_WORDS and not ends_like_speech:
        return False
    content = [word for word in words if len(word) > 3]
    return not (content and all(word[0].isupper() for word in content) and len(words) < 8)


# ------------------------------------------------------------- parse helpers


def inside(position: int, spans) -> bool:
    return any(span.start <= position < span.end for span in spans)


def find_subject(verb):
    """The subject of `verb`, climbing through "adding"/"saying" participles and
    coordinated verbs to the clause that has one."""
    token = verb
    for _ in range(4):
        subjects = [child for child in token.children if child.dep_ in SUBJECT_DEPS]
        if subjects:
            return subject_head(subjects)
        if token.dep_ in {"conj", "xcomp", "advcl"} and token.head is not token:
            token = token.head
            continue
        return None
    return None


def is_reporting_verb(token, lexicon) -> bool:
    return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in lexicon


def according_source(token):
    """The pobj of "according to X" when `token` is "according", else None."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


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
    """Tokens of the clause under `head` minus those of the subtree `exclude`,
    cut to the contiguous run that holds `head`."""
    skip = {token.i for token in exclude.subtree} if exclude is not None else set()
    run = []
    for token in head.subtree:
        if token.i in skip:
            if head.i < token.i:
                break
            run = []
            continue
        run.append(token)
    return run


# ------------------------------------------------------------- direct quotes


def window(doc, span: QuoteSpan, quotes: list[QuoteSpan], side: str, text: str) -> list:
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


def quote_cue(doc, span: QuoteSpan, quotes: list[QuoteSpan], text: str):
    """(cue verb, subject) attributing the quote, or (None, None).

    The nearest quoting verb after the quote wins when the quote ends like a
    clause handed to it (``...," she said``); otherwise the nearest one before
    it (``She said: "..."``).
    """
    candidates = []
    for side in ("after", "before"):
        tokens = window(doc, span, quotes, side, text)
        verbs = [token for token in tokens if is_reporting_verb(token, QUOTE_VERBS) and find_subject(token) is not None]
        accordings = [(token, according_source(token)) for token in tokens if according_source(token) is not None]
        found = [(verb, find_subject(verb)) for verb in verbs] + accordings
        found.sort(key=lambda pair: pair[0].i, reverse=(side == "before"))
        if found:
            candidates.append(found[0])
    if not candidates:
        return None, None
    inner = text[span.start: span.end].rstrip("\"”»›' ")
    if len(candidates) == 2 and not inner.endswith((",", "?", "!", "—")):
        return candidates[1]
    return candidates[0]


def direct_attributions(doc, text: str, quotes: list[QuoteSpan]) -> list[Attribution]:
    """One Attribution per quoting cue; quotes without a cue join the previous
    quote of their paragraph, or carry on the previous paragraph's quote."""
    found: list[Attribution] = []
    by_cue: dict[int, Attribution] = {}
    for span in quotes:
        if not looks_like_speech(text, span):
            continue
        cue, subject = quote_cue(doc, span, quotes, text)
        previous = found[-1] if found else None
        if cue is not None and cue.i in by_cue:
            by_cue[cue.i].quotes.append(span)
        elif cue is None and previous is not None and continues(text, previous.quotes[-1], span):
            previous.quotes.append(span)
        else:
            attribution = Attribution(kind="direct", spans=[], cue=cue, subject=subject, quotes=[span])
            if cue is None and previous is not None and follows_paragraph(text, previous.quotes[-1], span):
                attribution.subject = previous.subject
            found.append(attribution)
            if cue is not None:
                by_cue[cue.i] = attribution
    for attribution in found:
        attribution.spans = [(span.start, span.end) for span in attribution.quotes]
    return found


def continues(text: str, previous: QuoteSpan, span: QuoteSpan) -> bool:
    """True when `span` goes on with `previous` in the same paragraph."""
    return "\n" not in text[previous.end: span.start]


def follows_paragraph(text: str, previous: QuoteSpan, span: QuoteSpan) -> bool:
    """True when `span` opens the paragraph right after the one `previous` ends."""
    between = text[previous.end: span.start]
    return between.count("\n") >= 1 and not between.strip(" \n\t\"”")


# ----------------------------------------------------------- indirect speech


def complement(verb):
    """The clause a reporting verb introduces, or None."""
    for child in verb.children:
        if child.dep_ == "ccomp" and verb.lemma_.lower() in REPORTING_VERBS:
            return child
    for child in verb.children:
        if child.dep_ == "xcomp" and verb.lemma_.lower() in INTENTION_VERBS and child.pos_ in {"VERB", "AUX"}:
            return child
    if verb.dep_ == "parataxis" and verb.lemma_.lower() in REPORTING_VERBS and verb.head.i < verb.i:
        return verb.head
    return None


def leading_clause(verb, comp, subject) -> list:
    """Left clause of a mid-sentence attribution ("Even though A, X said, B"):
    adverbial clauses of the verb that precede its subject."""
    if comp.i < verb.i or subject is None:
        return []
    clauses = [child for child in verb.lefts if child.dep_ == "advcl" and child.i < subject.left_edge.i]
    return [token for clause in clauses for token in clause.subtree]


def indirect_attribution(token, quotes: list[QuoteSpan]) -> Attribution | None:
    """The indirect attribution whose cue is `token`, or None."""
    source = according_source(token)
    if source is not None:
        head = token.head if token.head is not token else None
        if head is None:
            return None
        clause, subject = content_tokens(head, token), source
    else:
        if not is_reporting_verb(token, REPORTING_VERBS | INTENTION_VERBS):
            return None
        comp = complement(token)
        subject = find_subject(token)
        if comp is None or subject is None or subject.lower_ in FIRST_SECOND_PERSON:
            return None
        if inside(subject.idx, quotes):
            return None
        clause = content_tokens(comp, token if comp is token.head else None)
        clause = leading_clause(token, comp, subject) + clause
    span = trim(clause)
    if span is None:
        return None
    return Attribution(kind="indirect", spans=[span], cue=token, subject=subject)


def indirect_attributions(doc, quotes: list[QuoteSpan], used_cues: set[int]) -> list[Attribution]:
    """Attributions of reported speech and belief outside quotation marks."""
    found = []
    for token in doc:
        if token.i in used_cues or inside(token.idx, quotes):
            continue
        attribution = indirect_attribution(token, quotes)
        if attribution is not None:
            found.append(attribution)
    return found


def covered(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def reconcile(direct: list[Attribution], indirect: list[Attribution]) -> list[Attribution]:
    """Drop a direct quote that sits inside a longer indirect content
    (``said she would "introduce legislation"``: the indirect one carries it),
    and an indirect content that is mostly a quote already found."""
    kept_direct = [
        quote for quote in direct
        if not any(covered((quote.spans[0][0], quote.spans[-1][1]), other.spans[0])
                   and other.spans[0] != (quote.spans[0][0], quote.spans[-1][1]) for other in indirect)
    ]
    kept_indirect = []
    for other in indirect:
        start, end = other.spans[0]
        overlap = sum(max(0, min(end, b) - max(start, a)) for quote in kept_direct for a, b in quote.spans)
        if overlap < 0.6 * (end - start):
            kept_indirect.append(other)
    return kept_direct + kept_indirect


# --------------------------------------------------------------------- main


def to_mention(attribution: Attribution, text: str, speaker) -> QuoteMention:
    """The QuoteMention of `attribution`, with its resolved `speaker` (or None)."""
    start, end = attribution.spans[0][0], attribution.spans[-1][1]
    mention = QuoteMention(
        kind="direct" if attribution.kind == "direct" or text[start] in OPENERS + '"' else "indirect",
        text=" … ".join(text[a:b] for a, b in attribution.spans),
        start=start,
        end=end,
        spans=attribution.spans,
        cue=attribution.cue.text if attribution.cue is not None else "",
    )
    if speaker is not None:
        mention.speaker, mention.role, mention.affiliation = speaker.name, speaker.role, speaker.affiliation
        if attribution.cue is not None:
            mention.speaker_start, mention.speaker_end = speaker.start, speaker.end
    return mention


def resolve_speakers(doc, attributions: list[Attribution]) -> dict:
    """Speaker per subject token index, resolved in reading order so that
    pronouns and descriptions can refer back to earlier speakers."""
    resolver = SpeakerResolver(doc)
    subjects = sorted({a.subject.i: a.subject for a in attributions if a.subject is not None}.items())
    return {index: resolver.resolve(subject) for index, subject in subjects}


def extract_quotes(doc, article: Article) -> list[QuoteMention]:
    """Direct quotes and indirect attributions of `article`, in text order.

    `doc` is the spaCy parse of `article.text`. Each mention has its content
    `spans`, the cue word, the speaker span in its own sentence, and the
    speaker resolved across the article (None when it cannot be resolved
    safely, e.g. an unattributed quote or a pronoun with no antecedent).
    """
    text = article.text
    quotes = find_quote_spans(text)
    direct = direct_attributions(doc, text, quotes)
    used = {attribution.cue.i for attribution in direct if attribution.cue is not None}
    attributions = reconcile(direct, indirect_attributions(doc, quotes, used))
    speakers = resolve_speakers(doc, attributions)
    mentions = [
        to_mention(a, text, speakers.get(a.subject.i) if a.subject is not None else None)
        for a in attributions
    ]
    return sorted(mentions, key=lambda mention: (mention.start, mention.end))
