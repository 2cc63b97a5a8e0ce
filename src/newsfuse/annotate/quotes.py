"""Who said what in one article: direct quotes and indirect attributions.

`extract_quotes(doc, article)` finds

* direct quotes: text between quotation marks (straight, curly, guillemets,
  doubled apostrophes), including quotes split by their attribution
  (``"X," he said, "Y."`` is one quote with two spans), quotes running on
  over sentences of a paragraph or, left open at a paragraph's end, into the
  next one, quotes nested in another, and quotes whose closing mark is missing;
* indirect speech and stated beliefs or intentions, from the dependency parse:
  a reporting verb from :data:`REPORTING_VERBS` with a clausal complement
  ("X said (that) ...", "..., X told Y", "..., as X said", "X warned/argued/believes ..."),
  an intention or directive verb with an infinitive ("X wants to ...", "X
  told them to ..."), a stance verb with its object ("X criticized Y for ...",
  "X called Y a hoax", "X called for ..."), its passive ("Y was endorsed by
  X"), a statement noun ("X's claim that ...") and "according to X". A cue
  inside the clause another cue reports ("said he *hoped* ...") adds nothing;
* speaker labels: transcripts ("PENCE: ..."), headlines ("Pat Caddell: ...", "Sanders: ...")
  and a paragraph introduced by "X added:".

Speakers are the subject of the reporting verb, resolved across the article by
:class:`~newsfuse.annotate.speakers.SpeakerResolver`. Offsets are character
indices into `article.text` (end exclusive).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from newsfuse.annotate.speakers import NAME_LABELS, SUBJECT_DEPS, SpeakerResolver, is_named, name_key, subject_head
from newsfuse.models import Article, QuoteMention

# Verbs whose clausal complement (ccomp) is what the subject said, wrote,
# found, believes or expects.
REPORTING_VERBS = frozenset("""
say tell add note claim argue warn believe write report announce state explain insist suggest
acknowledge admit deny confirm contend maintain predict estimate find show reveal conclude allege
assert declare emphasize emphasise stress recall complain caution concede agree ask question hope
fear promise pledge vow threaten propose demand worry indicate tweet testify observe remark reply
respond counter continue mention doubt reckon speculate reiterate assure inform boast lament joke
quip charge accuse recommend advise forecast calculate rule hold signal imply posit repeat retort
concur know feel consider learn understand echo disclose recognize point think expect assume
suspect discover wonder realize decide hear guess imagine anticipate
""".split())
# Verbs whose infinitive complement (xcomp) is a stated intention, demand or
# directive ("wants to ...", "told his aides to ..."). ("plan", "aim", "expect",
# "seek", "decide" are left out: in news they mostly narrate schedules and
# actions rather than attribute a stance.)
INTENTION_VERBS = frozenset("""
want hope promise pledge vow threaten refuse decline intend agree urge ask call vote propose
demand offer encourage tell warn advise instruct order implore remind
""".split())
# Verbs of stance or citation whose object is what the subject said or holds
# ("cited the report", "criticized the plan as ..."), with the prepositions
# that introduce that object after some of them ("called for", "pointed to").
OBJECT_VERBS = frozenset("""
cite mention criticize criticise condemn praise describe announce propose endorse reject deny
blame question defend oppose demand recommend note acknowledge accuse attack discuss express
highlight back view promote echo mock slam tout dispute challenge welcome support reference
detail outline unveil denounce decry blast applaud hail laud dismiss deride lambaste chastise fault
rebuke assail ridicule disparage recount urge
""".split())
OBJECT_PREPS = {
    "call": ("for",), "point": ("to",), "argue": ("for", "against"), "talk": ("about",),
    "speak": ("about", "of", "against"), "ask": ("about",), "complain": ("about", "of"),
    "warn": ("against", "about", "of"), "rail": ("against",), "refer": ("to",), "comment": ("on",),
    "apologize": ("for",), "boast": ("about", "of"), "joke": ("about",), "testify": ("about",),
    "insist": ("on",),
}
# Prepositions after the object that carry the judgement or its reason
# ("criticized the plan as ...", "blamed him for ...", "accused her of ...").
STANCE_PREPS = frozenset("as for of over with".split())
# Verbs that state a judgement only with an object and its predicate ("called
# climate change a hoax", not "called a meeting").
NAMING_VERBS = frozenset("call label brand dub deem".split())
# Verbs that state a judgement only with an object and a preposition naming
# what it is taken for ("painted him as a fraud", "likened the plan to
# theft"; not "painted the fence", "tied the boat").
CHARACTERIZING_VERBS = {
    **dict.fromkeys("paint portray cast depict characterize characterise see regard frame".split(), ("as",)),
    **dict.fromkeys("liken compare equate link tie connect".split(), ("to", "with")),
}
# Nouns of saying or stance whose "that" clause or infinitive is what the
# holder said or wants ("Trump's claim that ...", "the mayor's promise to ...").
CUE_NOUNS = frozenset("""
statement claim report assertion argument suggestion announcement warning denial admission belief
view fear hope promise pledge vow threat demand call proposal plan decision remark comment
accusation allegation charge insistence acknowledgment acknowledgement recognition prediction
estimate finding conclusion testimony contention concern
""".split())
# Adjectives of belief, feeling or stance that say what their subject holds
# in a "that" clause, an infinitive or a phrase after one of the prepositions
# ("is convinced that ...", "was determined to ...", "is critical of ...").
STANCE_ADJECTIVES = frozenset("""
sure certain convinced confident afraid worried concerned fearful hopeful optimistic pessimistic
skeptical sceptical critical aware determined adamant frustrated angry upset furious proud
supportive opposed insistent doubtful suspicious persuaded wary
""".split())
STANCE_ADJECTIVE_PREPS = frozenset("of about over with".split())
# Verbs of attempt, whose infinitive states no fact ("tried to blame ...").
ATTEMPT_VERBS = frozenset("try attempt seek".split())
# Verbs whose passive subject is what the "by" agent said or holds ("was
# endorsed by"); verbs whose object is the addressee ("was told by") are not.
PASSIVE_CUES = OBJECT_VERBS | NAMING_VERBS | frozenset("report write confirm reveal disclose".split())
# Verbs whose object, with its predicate where they need one, is the content.
STANCE_OBJECT_VERBS = OBJECT_VERBS | NAMING_VERBS | frozenset(CHARACTERIZING_VERBS)
INDIRECT_CUES = REPORTING_VERBS | INTENTION_VERBS | STANCE_OBJECT_VERBS | frozenset(OBJECT_PREPS)
# Verbs that introduce a direct quote written next to them ("... ," she said).
QUOTE_VERBS = REPORTING_VERBS | frozenset("""
ask reply respond write tweet post shout yell scream whisper exclaim explain continue add
recall tell say comment chant sing read
""".split())
ALL_CUES = QUOTE_VERBS | INDIRECT_CUES | PASSIVE_CUES | CUE_NOUNS
# Conjunctions of an adverbial clause that gives the reason of a reported
# statement, and so belongs to it ("said A because B").
REASON_MARKS = frozenset("because since".split())
SENTENCE_END = {".", "!", "?"}
DASHES = {"—", "―", "–", "-", "--"}
FIRST_SECOND_PERSON = {"i", "you", "we", "me", "us"}
# Outside quotation marks "I"/"we" is the writer, whose own claims count
# ("I know ...", "We asked whether ..."); "you" addresses the reader.
READER = {"you"}
REFLEXIVES = {"himself", "herself", "itself", "themselves", "myself", "ourselves", "yourself"}
# Quotation marks: openers, closers, and marks whose side depends on context.
OPENERS = "“„«‹‟"
CLOSERS = "”»›"
QUOTE_MARK = re.compile(r"''|``|[\"“”„«»‹›‟]")
SINGLE_QUOTE = re.compile(r"(?<![\w’'])‘(?=\w)(?P<body>[^‘’\n]*?[^\s‘])’(?!\w)")
MIN_QUOTE_WORDS = 4
# Most words in a speaker label before its colon ("Rep. Trey Gowdy:").
LABEL_WORDS = 4


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
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if mark in OPENERS or mark == "``":
        return "open"
    if mark in CLOSERS:
        # a closer typed at the start of a word is a mistyped opener (”Yes,” she said)
        return "open" if before.isspace() and after.isalnum() else "close"
    if before.isspace() or before in "([{—–-/":
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-":
        return "close"
    return "either"


def mark_family(mark: str) -> str:
    """The typographic family of a quotation mark: straight, curly or angle."""
    if mark in {'"', "''", "``"}:
        return "straight"
    return "angle" if mark in "«»‹›" else "curly"


def paragraph_quotes(text: str, start: int, end: int) -> list[QuoteSpan]:
    """Quoted spans inside one paragraph; an unclosed quote runs to the paragraph end.

    A second opener while a quote is open closes it when it is followed by a
    space or punctuation (a mistyped closer, as in ``“Yes,“ he said``); an
    opener of another family before a word starts a quote nested in the open
    one (``"PENCE: ... an episode of “Shark Tank.” But ...``), which a closer
    of its own family ends; otherwise it starts a new quote.
    """
    spans: list[QuoteSpan] = []
    opened: int | None = None
    opened_family = nested = None
    for match in QUOTE_MARK.finditer(text, start, end):
        side = mark_side(text, match.start(), match.end())
        family = mark_family(match.group())
        if opened is None:
            if side != "close":
                opened, opened_family = match.start(), family
            continue
        if nested is not None:
            if family == nested and side != "open":
                nested = None
            continue
        after = text[match.end()] if match.end() < len(text) else " "
        if side == "open" and not (after.isspace() or after in ".,;:!?"):
            if family != opened_family:
                nested = family
                continue
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
    """True for quoted speech, False for scare quotes (“K”, “deplorables”):
    speech has at least MIN_QUOTE_WORDS words, or ends with punctuation inside
    its marks."""
    words = quote_words(text, span)
    inner = text[span.start: span.end].rstrip("\"”»›' ")
    ends_like_speech = inner[-1:] in {",", ".", "?", "!", "—"} and len(words) >= 2
    return len(words) >= MIN_QUOTE_WORDS or ends_like_speech


def is_title(text: str, span: QuoteSpan) -> bool:
    """A short run of Title Case words ("Justice Against Sponsors of Terrorism Act")."""
    words = quote_words(text, span)
    content = [word for word in words if len(word) > 3]
    if text[span.start: span.end].rstrip("\"”»›'’ ").endswith((".", "?", "!")):
        return False
    return not content or (all(word[0].isupper() for word in content) and len(words) < 8)


# ------------------------------------------------------------- parse helpers


def inside(position: int, spans: list[QuoteSpan]) -> bool:
    """True when `position` falls in one of `spans` (sorted by start, not overlapping)."""
    index = bisect.bisect_right([span.start for span in spans], position) - 1
    return index >= 0 and position < spans[index].end


def find_subject(verb):
    """The subject of `verb`, climbing through "adding"/"saying" participles,
    "by saying" and coordinated verbs to the clause that has one."""
    token = verb
    for _ in range(4):
        subjects = [child for child in token.children if child.dep_ in SUBJECT_DEPS]
        if subjects:
            return subject_head(subjects)
        if token.dep_ in {"conj", "xcomp", "advcl"} and token.head.i != token.i:
            token = token.head
            continue
        if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.pos_ == "VERB":
            token = token.head.head  # "responded by saying ..."
            continue
        return None
    return None


def names_someone(token) -> bool:
    """True when a subject names a person or body ("Clinton", "the ministry's
    spokesman" is not enough): a PERSON/ORG/NORP/GPE name or he/she/they."""
    return token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or token.lower_ in {"he", "she", "they"}


def cue_lemma(token) -> str:
    """Lower-case lemma of `token`, repaired where the lemmatizer drops a
    final "e" of a cue word ("hoped", "hoping" -> "hop" -> "hope")."""
    lemma = token.lemma_.lower()
    if lemma not in ALL_CUES and lemma + "e" in ALL_CUES:
        return lemma + "e"
    return lemma


def is_reporting_verb(token, lexicon) -> bool:
    return token.pos_ in {"VERB", "AUX"} and cue_lemma(token) in lexicon


def is_quote_verb(token) -> bool:
    """True for a verb that introduces a direct quote: one of QUOTE_VERBS or
    the idiom "put it" ("as one analyst put it, ...")."""
    if is_reporting_verb(token, QUOTE_VERBS):
        return True
    return token.lemma_ == "put" and any(child.dep_ == "dobj" and child.lower_ == "it" for child in token.children)


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
    """Tokens of the clause under `head` minus those of the subtree `exclude`."""
    skip = {token.i for token in exclude.subtree} if exclude is not None else set()
    return [token for token in head.subtree if token.i not in skip]


def line_of(token) -> tuple[int, int]:
    """Character bounds of the line (paragraph) holding `token`: from its first
    to the end of its last token."""
    doc = token.doc
    first = token.i
    while first > 0 and "\n" not in doc[first - 1].text_with_ws:
        first -= 1
    last = token.i
    while last + 1 < len(doc) and "\n" not in doc[last].text_with_ws:
        last += 1
    return doc[first].idx, doc[last].idx + len(doc[last].text)


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


def ends_like_clause(text: str, span: QuoteSpan) -> bool:
    """True when the quote ends with a comma, question or exclamation mark or
    dash inside its marks: it hands over to an attribution that follows."""
    inner = text[span.start: span.end].rstrip("\"”»›'’ ")
    return inner.endswith((",", "?", "!", "—", "–", "-", "…"))


def quote_cue(doc, span: QuoteSpan, quotes: list[QuoteSpan], text: str):
    """(cue verb, subject) attributing the quote from its own sentence, or (None, None).

    A verb after the quote counts when the quote hands over to it
    (``...," she said``); the nearest one before it otherwise
    (``She said: "..."``); "according to X" counts on either side.
    """
    found = {}
    for side in ("after", "before"):
        tokens = window(doc, span, quotes, side, text)
        byline = side == "after" and dash_follows(text, span)
        if side == "after" and tokens and not (ends_like_clause(text, span) or tokens[0].is_lower or byline):
            continue
        pairs = [(token, quote_verb_subject(token, quotes)) for token in tokens if is_quote_verb(token)]
        pairs = [pair for pair in pairs + [(token, according_source(token)) for token in tokens]
                 if pair[1] is not None]
        if side == "after" and not pairs:
            pairs = adjacent_attribution(tokens, byline)
        pairs = sorted(pairs, key=lambda pair: pair[0].i, reverse=(side == "before"))
        if pairs:
            found[side] = pairs[0]
    return found.get("after") or found.get("before") or (None, None)


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
    after = [token for token in verb.doc[verb.i + 1: verb.i + 3] if is_name(token)]
    if after:
        name = after[0]
        while name.i + 1 < len(name.doc) and name.doc[name.i + 1].pos_ == "PROPN":
            name = name.doc[name.i + 1]
        return name
    # "... ," Police Chief Ann Roe said Monday.
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    return before if before is not None and is_name(before) and not inside(before.idx, quotes) else None


def is_name(token) -> bool:
    """True for a proper name that may name a speaker (not a day or a time)."""
    return is_named(token) and token.ent_type_ not in {"DATE", "TIME"}


def dash_follows(text: str, span: QuoteSpan) -> bool:
    """True when a dash comes right after the quote (a byline: ``..." ― Nell Grey``)."""
    return text[span.end: span.end + 4].lstrip(" \u00a0\t")[:1] in {"—", "―", "–", "-"}


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


def span_tokens(doc, start: int, end: int):
    return doc.char_span(start, end, alignment_mode="expand")


def reported_range(cue):
    """(first, last) token of what `cue` reports: the clause of a reporting
    verb, or the rest of the sentence for "according to"; None when unknown."""
    if according_source(cue) is not None:
        skip = {token.i for token in cue.subtree}
        rest = [token for token in cue.sent if token.i not in skip]
        return (rest[0], rest[-1]) if rest else None
    comp = complement(cue)
    return (comp.left_edge, comp.right_edge) if comp is not None else None


def reports_more_than_quote(doc, cue, span: QuoteSpan, quotes: list[QuoteSpan]) -> bool:
    """True when the quote is only part of the cue's reported clause
    (``She says the tweets are "lies."``, ``X did "Y", according to Z``): the
    indirect attribution covers it."""
    reported = reported_range(cue)
    if reported is None:
        return False
    first, last = reported
    if not first.idx <= span.start < last.idx + len(last.text):
        return False
    low, high = line_of(cue)
    outside = [token for token in doc[first.i: last.i + 1]
               if token.is_alpha and low <= token.idx < high and not inside(token.idx, quotes)]
    return len(outside) >= 2


def governing_clause(doc, span: QuoteSpan, quotes: list[QuoteSpan]):
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
        cue, subject = quote_cue(doc, span, quotes, text)
        if cue is None and (label := speaker_label(doc, span.start, names)) is not None:
            cue, subject = label
        previous = found[-1] if found else None
        if cue is not None and reports_more_than_quote(doc, cue, span, quotes):
            continue
        if cue is not None and (speech or cue.lower_ == "according"):
            if cue.i in by_cue:
                by_cue[cue.i].quotes.append(span)
                continue
            by_cue[cue.i] = Attribution(kind="direct", spans=[], cue=cue, subject=subject, quotes=[span])
            found.append(by_cue[cue.i])
        elif speech and previous is not None and previous.quotes and continues(text, previous.quotes[-1], span):
            previous.quotes.append(span)
        elif (clause := governing_clause(doc, span, quotes)) is not None:
            verb, subject, tokens = clause
            bounds = trim(tokens)
            if bounds is not None:
                found.append(Attribution(kind="direct", spans=[bounds], cue=verb, subject=subject))
        elif speech:
            found.append(Attribution(kind="direct", spans=[], quotes=[span]))
    for attribution in found:
        if attribution.quotes:
            attribution.spans = [(span.start, span.end) for span in attribution.quotes]
    return found


def token_at(doc, position: int):
    """The token holding character `position` (or the next one), or None."""
    span = doc.char_span(position, position + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


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
    for token in doc[first.i: first.i + LABEL_WORDS + 1]:
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
            attribution.subject = earlier_speaker(text, earlier[-1], attribution)


def earlier_speaker(text: str, previous: Attribution, quote: Attribution):
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
    adjacent = not gap.strip() and not re.search(r"[.!?][\"”’']*\s+\S", tail)
    return previous.subject if whole_paragraph and adjacent and previous.quotes else None


def opens_sentence(text: str, position: int) -> bool:
    """True when only spaces separate `position` from a sentence end or a colon."""
    before = text[:position].rstrip(" \t")
    return before[-1:] in {".", "!", "?", ":", "\n", ""}


def paragraph_of(text: str, position: int) -> tuple[int, int]:
    """(start, end) of the line holding `position`, without edge spaces."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    end = len(text) if end < 0 else end
    line = text[start:end]
    return start + len(line) - len(line.lstrip()), start + len(line.rstrip())


def continues(text: str, previous: QuoteSpan, span: QuoteSpan) -> bool:
    """True when `span` goes on with `previous`: in the same paragraph, or in
    the next one when `previous` was left open at its paragraph's end (the
    convention for a quote running over paragraphs)."""
    between = text[previous.end: span.start]
    return "\n" not in between or (not previous.closed and not between.strip())


# ----------------------------------------------------------- indirect speech


def complement(verb):
    """The clause a reporting verb introduces, or (for a verb set into it) the
    clause around it, or None."""
    clauses = [child for child in verb.children
               if child.dep_ == "ccomp" and cue_lemma(verb) in REPORTING_VERBS and is_finite(child)]
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
    as_clause = verb.dep_ == "advcl" and verb.i > verb.head.i and is_as_attribution(verb)
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
        if child.dep_ == "ccomp" and cue_lemma(verb) in REPORTING_VERBS or introduced_clause(child):
            found += list(child.subtree)
    return found


def introduced_clause(clause) -> bool:
    """True for a conjoined clause opened by "that" or a wh-word ("and that B",
    "and how B") or an adverbial clause of reason ("because B")."""
    marks = {child.lower_ for child in clause.children if child.dep_ == "mark" or child.tag_ in {"WRB", "WP"}}
    if clause.dep_ == "conj":
        return bool(marks & {"that", "how", "why", "whether", "what", "when", "where", "who"})
    return clause.dep_ == "advcl" and bool(marks & REASON_MARKS)


def postposed_content(verb, subject) -> list:
    """The words before a closing attribution the parser did not link to its
    verb ("Language unclear on who is covered, experts say."): the part of the
    sentence before a comma that directly precedes the subject, when the
    reporting verb ends its sentence with no object or complement."""
    doc = verb.doc
    first = subject.left_edge.i
    if cue_lemma(verb) not in REPORTING_VERBS or verb.dep_ != "ROOT" or first <= verb.sent.start:
        return []
    if doc[first - 1].text != "," or first > verb.i:
        return []
    if any(child.dep_ in {"dobj", "ccomp", "xcomp", "attr", "prep"} and child.i > verb.i for child in verb.children):
        return []
    left = [token for token in verb.sent if token.i < first - 1]
    return left if sum(token.is_alpha for token in left) >= 3 else []


def is_as_attribution(verb) -> bool:
    """True for a bare "as X said" set after its clause: the verb has its own
    subject and no object or complement ("as he recognizes the holiday" and
    "as many regulars continued to ..." narrate instead)."""
    deps = {child.dep_ for child in verb.children}
    marked = any(child.dep_ == "mark" and child.lower_ == "as" for child in verb.children)
    return marked and bool(deps & SUBJECT_DEPS) and not deps & {"dobj", "xcomp", "ccomp", "attr", "acomp"}


def is_finite(clause) -> bool:
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


def leading_clause(verb, comp, subject) -> list:
    """Left clause of an attribution set off by commas mid-sentence
    ("Even though A, X said, B"): adverbial clauses of the verb before its subject."""
    if comp.i < verb.i or subject is None or subject.left_edge.i == 0 or verb.i + 1 >= len(verb.doc):
        return []
    if not (verb.doc[subject.left_edge.i - 1].text == "," and verb.doc[verb.i + 1].text == ","):
        return []
    clauses = [child for child in verb.lefts if child.dep_ == "advcl" and child.i < subject.left_edge.i]
    return [token for clause in clauses for token in clause.subtree]


def object_content(verb) -> list:
    """What a verb of stance or citation takes as its object: "cited the
    report", "criticized the law as a 'crazy system'", "called for a recount",
    "asked him about the taxes" (but not "called a meeting for Friday": a
    preposition introduces the content only when no other object, bar the
    person addressed, comes between)."""
    lemma = cue_lemma(verb)
    objects = [child for child in verb.children if child.dep_ == "dobj"]
    addressee_only = all(names_someone(child) or child.pos_ == "PRON" for child in objects)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in OBJECT_PREPS.get(lemma, ()) and addressee_only:
            contents = preposition_objects(child)
            if contents:
                return list(contents[0].subtree)
    if not objects or lemma not in STANCE_OBJECT_VERBS:
        return []
    preps = CHARACTERIZING_VERBS.get(lemma, STANCE_PREPS)
    tail = [child for child in verb.children
            if child.i > objects[0].i and (child.dep_ == "oprd" or child.dep_ == "prep" and child.lower_ in preps)]
    if lemma in CHARACTERIZING_VERBS and lemma not in OBJECT_VERBS and not any(child.dep_ == "prep" for child in tail):
        return []
    # the predicate may hang off the object instead ("called [climate change [a hoax]]")
    predicate = tail + [child for child in objects[0].rights if child.dep_ in {"npadvmod", "oprd"}]
    if lemma in NAMING_VERBS and not any(child.dep_ in {"oprd", "npadvmod"} for child in predicate):
        return []
    return [token for part in objects[:1] + tail for token in part.subtree]


def passive_content(verb):
    """(content tokens, agent) of a passive verb of stance or citation with
    its subject and "by" agent ("the plan was rejected by the council"), or
    None. A passive participle modifying a noun ("The senator, praised by
    colleagues, retired") gives None: the rest of the sentence is not the
    agent's."""
    if cue_lemma(verb) not in PASSIVE_CUES:
        return None
    agents = [grand for child in verb.children if child.dep_ == "agent"
              for grand in child.children if grand.dep_ == "pobj"]
    if not agents:
        return None
    patients = [child for child in verb.children if child.dep_ == "nsubjpass"]
    if patients:
        return list(patients[0].subtree), agents[0]
    return None


def embedded_cue(verb) -> bool:
    """True when `verb` is the clause a reporting verb reports ("said he
    *hoped* ...") or the infinitive of an intention or attempt ("wants to
    *attack* ...", "tried to *blame* ..."): what it reports belongs to that
    outer attribution, or is not asserted at all."""
    if verb.dep_ == "ccomp":
        return is_reporting_verb(verb.head, REPORTING_VERBS)
    infinitive = any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)
    return verb.dep_ == "xcomp" and infinitive and is_reporting_verb(verb.head, INTENTION_VERBS | ATTEMPT_VERBS)


def verb_content(token, quotes: list[QuoteSpan]):
    """(content tokens, subject) of a reporting, intention or stance verb, or None."""
    if not is_reporting_verb(token, INDIRECT_CUES) or embedded_cue(token):
        return None
    passive = passive_content(token)
    if passive is not None:
        return passive if passive[1].lower_ not in FIRST_SECOND_PERSON else None
    subject = find_subject(token)
    if subject is None or subject.lower_ in READER or inside(subject.idx, quotes):
        return None
    if line_of(subject) != line_of(token):
        return None
    comp = complement(token)
    if comp is None:
        return object_content(token) or postposed_content(token, subject), subject
    clause = content_tokens(comp, token if comp.is_ancestor(token) else None)
    return leading_clause(token, comp, subject) + clause + further_clauses(token, comp), subject


def adjective_content(token, quotes: list[QuoteSpan]):
    """(content tokens, subject) of a stance adjective predicated of its
    subject ("she was sure that ...", "Graham is critical of Trump"), or None.
    An expletive "it" ("it is certain that ...") names no holder."""
    if token.lower_ not in STANCE_ADJECTIVES or token.pos_ not in {"ADJ", "VERB"}:
        return None
    passive = any(child.dep_ == "auxpass" for child in token.children)
    if token.dep_ not in {"acomp", "oprd"} and not passive or any(child.dep_ == "agent" for child in token.children):
        return None
    clause = token if passive else token.head
    if embedded_cue(clause):
        return None
    subject = find_subject(clause)
    if subject is None or subject.lower_ in READER | {"it", "this", "that"} or inside(subject.idx, quotes):
        return None
    for child in token.rights:
        if child.dep_ in {"ccomp", "xcomp"} and child.pos_ in {"VERB", "AUX"}:
            return list(child.subtree), subject
        contents = preposition_objects(child) if child.dep_ == "prep" and child.lower_ in STANCE_ADJECTIVE_PREPS else []
        if contents:
            return [word for part in contents for word in part.subtree], subject
    return None


def preposition_objects(prep) -> list:
    """The object noun phrases or clauses of preposition `prep` ("of [the plan]", "about [leaving]")."""
    return [child for child in prep.children if child.dep_ in {"pobj", "pcomp"}]


def noun_source(noun):
    """Who holds a statement noun: its owner ("Trump's claim", "his promise"),
    a name before it ("a New York Times report") or a "by"/"from" name after it."""
    for child in noun.children:
        if child.dep_ == "poss" and (child.pos_ in {"PROPN", "PRON"} or child.ent_type_ in NAME_LABELS):
            return child if child.lower_ not in FIRST_SECOND_PERSON | {"my", "our", "your", "its"} else None
    for child in noun.lefts:
        if child.dep_ == "compound" and child.ent_type_ in NAME_LABELS:
            return child
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            named = [grand for grand in child.children if grand.dep_ == "pobj" and names_someone(grand)]
            if named:
                return named[0]
    return None


def noun_content(token):
    """(content tokens, source) of a statement noun with a "that" clause or an
    infinitive ("Trump's claim that ...", "his promise to ..."), or None."""
    if token.pos_ != "NOUN" or cue_lemma(token) not in CUE_NOUNS:
        return None
    source = noun_source(token)
    if source is None:
        return None
    for child in token.rights:
        if child.dep_ not in {"acl", "ccomp"} or child.pos_ not in {"VERB", "AUX"}:
            continue
        markers = {grand.lower_ for grand in child.children if grand.dep_ in {"mark", "aux"}}
        if markers & {"that", "to"}:
            return list(child.subtree), source
    return None


def indirect_attribution(token, quotes: list[QuoteSpan]) -> Attribution | None:
    """The indirect attribution whose cue is `token` ("according to", a
    statement noun or a verb), or None."""
    source = according_source(token)
    if source is not None:
        skip = {child.i for child in token.subtree}
        found = [other for other in token.sent if other.i not in skip], source
    else:
        found = noun_content(token) or adjective_content(token, quotes) or verb_content(token, quotes)
    if found is None:
        return None
    clause, subject = found
    spans = pieces(clause, token)
    if not spans:
        return None
    spans[-1] = close_quote(spans[-1], quotes)
    return Attribution(kind="indirect", spans=spans, cue=token, subject=subject)


def close_quote(span: tuple[int, int], quotes: list[QuoteSpan]) -> tuple[int, int]:
    """Stretch a clause to the closing mark of a quote it opens but that the
    parser ended after the full stop (``are "lies."``)."""
    start, end = span
    for quote in quotes:
        if start <= quote.start < end < quote.end <= end + 3:
            end = quote.end
    return start, end


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


def bounds(attribution: Attribution) -> tuple[int, int]:
    return attribution.spans[0][0], attribution.spans[-1][1]


def reconcile(direct: list[Attribution], indirect: list[Attribution]) -> list[Attribution]:
    """Drop a direct quote that sits inside a longer indirect content
    (``said she would "introduce legislation"``: the indirect one carries it),
    and an indirect content that is mostly a quote already found."""
    kept_direct = [
        quote for quote in direct
        if not any(covered(bounds(quote), bounds(other)) and bounds(other) != bounds(quote) for other in indirect)
    ]
    kept_indirect = []
    for other in indirect:
        start, end = bounds(other)
        overlap = sum(max(0, min(end, quote.end) - max(start, quote.start))
                      for attribution in kept_direct for quote in attribution.quotes)
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
        mention.speaker_start, mention.speaker_end = speaker.start, speaker.end
    return mention


def resolve_speakers(doc, attributions: list[Attribution], quotes: list[QuoteSpan]) -> dict:
    """Speaker per subject token index, resolved in reading order so that
    pronouns and descriptions can refer back to earlier speakers; people named
    inside `quotes` are never antecedents."""
    resolver = SpeakerResolver(doc, [(span.start, span.end) for span in quotes])
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
    direct = direct_attributions(doc, text, quotes) + labelled_paragraphs(doc, text, quotes)
    used = {attribution.cue.i for attribution in direct if attribution.cue is not None}
    attributions = reconcile(direct, indirect_attributions(doc, quotes, used))
    carry_speakers(text, attributions)
    speakers = resolve_speakers(doc, attributions, quotes)
    mentions = [
        to_mention(a, text, speakers.get(a.subject.i) if a.subject is not None else None)
        for a in attributions
    ]
    return sorted(mentions, key=lambda mention: (mention.start, mention.end))
