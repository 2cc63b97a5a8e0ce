"""Direct quotes against indirect contents found over the same words, and the
:class:`~newsfuse.models.QuoteMention` each attribution becomes.
"""

from __future__ import annotations

import re

from newsfuse.annotate.quotes.clauses import Attribution, bounds, covered
from newsfuse.annotate.quotes.agents import GROUP_QUANTIFIERS, can_speak, names_a_vessel
from newsfuse.annotate.quotes.lexicon import ANNOUNCING_VERBS, CONTRADICTING_VERBS, FINDING_VERBS, HYPOTHETICAL_AUXES, OBJECT_PREPS, SPEECH_VERBS, cue_lemma
from newsfuse.annotate.quotes.marks import OPENERS, opens_sentence, paragraph_of
from newsfuse.models import QuoteMention
from newsfuse.text import name_key


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


def reports_of_reports(attributions: list[Attribution], text: str) -> set[int]:
    """Indices of the attributions whose content is another attribution of
    speech, opening with its subject and headed by its cue ("According to a
    1997 article in Ebony, [Benjamin said she applied to Yale]"): the words
    are the inner speaker's, and the quote list shows them once, in that
    speaker's mouth. A report inside the content ("[Albright had telephoned
    Netanyahu ... to urge him ...], the State Department said") or a finding
    ("..., suggesting ...") leaves the outer one as it is."""
    found = set()
    for index, outer in enumerate(attributions):
        if outer.kind != "indirect":
            continue
        for inner in attributions:
            if inner is outer or inner.cue is None or inner.subject is None:
                continue
            opens = inner.subject.left_edge.idx == outer.spans[0][0]
            heads = inner.cue.head.i == inner.cue.i or not any(
                start <= inner.cue.head.idx < end for start, end in outer.spans)
            held = any(start <= inner.cue.idx < end for start, end in outer.spans)
            if opens and heads and held and is_speech(inner, text):
                found.add(index)
                break
    return found


def to_mention(attribution: Attribution, text: str, speaker, reports_a_report: bool = False) -> QuoteMention:
    """The QuoteMention of `attribution`, with its resolved `speaker` (or
    None); one that `reports_a_report` (:func:`reports_of_reports`) is no speech."""
    spans, faithful = _shown_spans(attribution, text)
    start, end = spans[0][0], spans[-1][1]
    mention = QuoteMention(
        kind="direct" if attribution.kind == "direct" or text[start] in OPENERS + '"' else "indirect",
        text=" … ".join(text[a:b] for a, b in spans),
        start=start,
        end=end,
        spans=spans,
        cue=attribution.cue.text if attribution.cue is not None else "",
        speech=faithful and not reports_a_report and is_speech(attribution, text),
    )
    if speaker is not None and speaker.name is not None and _not_someone(speaker, text):
        mention.speaker_mention = text[speaker.start: speaker.end]
        mention.speaker_start, mention.speaker_end = speaker.start, speaker.end
    elif speaker is not None:
        mention.speaker, mention.role, mention.affiliation = speaker.name, speaker.role, speaker.affiliation
        if speaker.role and speaker.name and set(name_key(speaker.name)) <= set(name_key(speaker.role)):
            mention.role = None  # "Acquaintances and colleagues" restates the speaker "Acquaintances"
        if speaker.affiliation and speaker.name and speaker.affiliation.lower() in speaker.name.lower():
            mention.affiliation = None  # "WCCO" is a piece of the speaker "WCCO-TV"
        if mention.affiliation and not _names_a_body(mention.affiliation):
            mention.affiliation = None
        mention.speaker_start, mention.speaker_end = speaker.start, speaker.end
        if speaker.name is None:
            mention.speaker_mention = text[speaker.start: speaker.end]
    return mention


# What may stand between a contradicting cue and its content ("denied that ...").
_CUE_TO_CONTENT = re.compile(r"^\s*(?:that\s*)?$")


def _shown_spans(attribution: Attribution, text: str) -> tuple[list[tuple[int, int]], bool]:
    """The spans the quote list shows, and whether they say what the speaker
    said. The content of a contradicting cue ("denied that his client had any
    connection") asserts the opposite of the speaker's words, so it is shown
    from the cue on; when the cue does not lead into it ("..., he denied"),
    it cannot be shown faithfully and is no speech for the list."""
    spans = list(attribution.spans)
    cue = attribution.cue
    if attribution.kind != "indirect" or cue is None or cue_lemma(cue) not in CONTRADICTING_VERBS:
        return spans, True
    if cue.idx < spans[0][0] and _CUE_TO_CONTENT.match(text[cue.idx + len(cue.text): spans[0][0]]):
        return [(cue.idx, spans[0][1])] + spans[1:], True
    return spans, False


_POSSESSIVES = frozenset("his her their its my our your".split())
_DETERMINERS = frozenset("the a an this that".split())


def _names_a_body(affiliation: str) -> bool:
    """Whether an affiliation can be a body the speaker belongs to: nobody's own thing ("his World
    Trade Center trial"), and a name or a noun phrase with its determiner ("the port authority");
    a bare common noun phrase ("natural health products") says what a body sells, not which it is."""
    words = affiliation.split()
    return words[0].lower() not in _POSSESSIVES and (
        words[0].lower() in _DETERMINERS or any(word[:1].isupper() for word in words))


# Words that count speakers without naming them ("Others said", "Some say").
_COUNTING_WORDS = GROUP_QUANTIFIERS | {"all", "both", "many", "one", "two", "three"}


def _not_someone(speaker, text: str) -> bool:
    """True when the resolved speaker names no one the quote list can show: a
    ship (the tagger types "INS Mysore" as a person, and a pronoun may then
    resolve to it) or a word that only counts people ("Others")."""
    before = text[max(0, speaker.start - 8): speaker.start].split()[-1:]
    words = before + speaker.name.split()
    if names_a_vessel(words) or names_a_vessel(speaker.name.split()) or names_a_vessel((speaker.role or "").split()[-1:]):
        return True
    return speaker.name.lower() in _COUNTING_WORDS


HEADLINE_WORDS = 4  # words a Title Case line needs to read as a headline
# Content that is a question put to the subject ("Asked by the judge if he understood ..., he responded").
_QUESTION_PUT = re.compile(r"^\W*(?:(?:when|after|if|once)\s+)?asked\b", re.IGNORECASE)
# Content that only names what was spoken about ("explained how she sees her role", "said when").
# Lower case and with no quotation mark before it: words in marks opening with "If ..." are words said.
_INDIRECT_QUESTION = re.compile(r"(?:how|why|whether)\b")  # "said if ..., ..." is a condition, not a question
# A "quote" that is only an attribution between two mispaired marks (`" he said.`).
_ATTRIBUTION_ONLY = re.compile(r"^\W*(?:\w+\W+){0,3}(?:said|says|told|added|asked|wrote)\W*$", re.IGNORECASE)
# A later piece of a quote that opens with its attribution (`"Msgr. Farmer said, noting the"`): narration
# between mispaired marks.
_OPENS_WITH_ATTRIBUTION = re.compile(r"^\W*(?:[\w.]+\s+){1,3}(?:said|says|told|added|asked|wrote)[,.]", re.IGNORECASE)


def _is_headline(text: str, start: int, end: int) -> bool:
    """True when text[start:end] reads as a headline: a line of Title Case
    words (at least HEADLINE_WORDS, every word over three letters capitalised)
    without a closing full stop."""
    line = text[start:end]
    words = re.findall(r"[^\W\d_][\w’'-]*", line)
    long_words = [word for word in words if len(word) > 3]
    return len(words) >= HEADLINE_WORDS and not line.rstrip("\"”’' ").endswith((".", ":")) \
        and bool(long_words) and all(word[0].isupper() for word in long_words)


def _finding(cue, subject) -> bool:
    """True when a verb of finding (:data:`FINDING_VERBS`) states what
    evidence shows rather than what someone said: its subject is not a person
    or body ("the data suggest", "it shows"), or it is a participle drawing a
    conclusion from a clause that reports no speech ("Two suitcases were
    found, *suggesting* ..."; "Police said ..., *suggesting*" is speech)."""
    if cue_lemma(cue) not in FINDING_VERBS:
        return False
    if subject is None or not can_speak(subject, communicating=False):
        return True
    participle = cue.tag_ == "VBG" and cue.dep_ in {"advcl", "xcomp", "conj"}
    return participle and cue_lemma(cue.head) not in SPEECH_VERBS - FINDING_VERBS


def _unasserted(cue) -> bool:
    """True when the cue is no speech act that took place: an infinitive of
    another verb ("plans to *ask* a court", "wants to *say*"), or a verb
    joined to the clause another speaker reports ("news reports said the
    commission would declare A and *acknowledge* B")."""
    if cue.dep_ == "xcomp" and any(child.dep_ == "aux" and child.lower_ == "to" for child in cue.children):
        return True
    token = cue
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token is not cue and token.dep_ == "ccomp" and cue_lemma(token.head) in SPEECH_VERBS


def _topic_only(cue, content_start: int) -> bool:
    """True when the content is only the object of the preposition after the
    cue ("complained of ringing in the ears", "warned of a crisis", "talked
    about taxes"): what someone spoke of, not what they said."""
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in OBJECT_PREPS.get(cue_lemma(cue), ()):
            if any(grand.left_edge.idx == content_start for grand in child.children if grand.dep_ in {"pobj", "pcomp"}):
                return True
    return False


def _no_words_said(cue, content_start: int, content_end: int) -> bool:
    """True when the content is not a clause of what was said but the cue's
    object ("noted Bill Clinton's comments", "proposes doing away with the
    mandate", "mentioned refinancing student loans"; "announced his intent
    to run" is what was made known) or, with no one
    addressed, its infinitive: a promise or a proposal of what the speaker
    will do ("vowed to crack down on hackers", "agreed to resign"). A
    directive to someone addressed ("urged Congress to act") is speech."""
    objects = [child for child in cue.children if child.dep_ == "dobj"]
    # the object alone; with a predicate it is a charge stated ("accuse it of being too soft")
    if cue_lemma(cue) not in ANNOUNCING_VERBS and any(
            child.left_edge.idx == content_start and _ends_with(child, content_end) for child in objects):
        return True
    if any(child.dep_ == "xcomp" and child.tag_ == "VBG" and child.left_edge.idx == content_start
           for child in cue.children):
        return True  # a gerund object ("proposes doing away with ...")
    infinitives = [child for child in cue.children if child.dep_ == "xcomp"
                   and any(grand.dep_ == "aux" and grand.lower_ == "to" for grand in child.children)]
    return not objects and any(child.left_edge.idx == content_start for child in infinitives)


def _ends_with(phrase, content_end: int) -> bool:
    """True when the content ends with `phrase`'s subtree, bar punctuation."""
    doc = phrase.doc
    for token in doc[phrase.right_edge.i + 1:]:
        if token.idx >= content_end:
            break
        if not (token.is_punct or token.is_space):
            return False
    return True


def _inside_speaker_phrase(attribution: Attribution) -> bool:
    """True when the quoted words lie in the speaker's own noun phrase: a
    title written beside the name (``said Steve Pond, author of the book "The
    Big Show"``), not what the speaker said."""
    subject = attribution.subject
    if subject is None or not attribution.quotes:
        return False
    start, end = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text)
    return all(start <= quote.start < end for quote in attribution.quotes)


def is_speech(attribution: Attribution, text: str) -> bool:
    """True when the attribution is something someone said or wrote, as the
    briefing's quote list shows it.

    Direct or indirect, it needs a verb of saying or writing
    (:data:`SPEECH_VERBS`), "according to", a speaker label or byline, or no
    cue at all (words in quotation marks standing alone). Words in quotation
    marks are not speech when the marks were mispaired (the "quote" opens
    with a space or a comma, or is only ``" he said.``), nor is a headline
    ("Obama Announces Nominee"; a speaker label in one, "Sanders: ...", is
    kept). Neither is what a subject that cannot speak "says" (an object, an
    event, an agreement: :func:`~newsfuse.annotate.quotes.agents.can_speak`),
    a finding (:func:`_finding`), a topic spoken of (:func:`_topic_only`), a
    speech act that did not take place (:func:`_unasserted`),
    a negated cue
    ("haven't said when"; "declined to comment" has no speech verb at all),
    a hypothetical one ("would argue", "if he says") or a question put to
    the subject ("was asked whether", "Asked if he understood, he responded").
    """
    cue = attribution.cue
    if _QUESTION_PUT.match(text[attribution.spans[0][0]: attribution.spans[0][1]]):
        return False
    if attribution.kind == "direct" and attribution.quotes:
        first = text[attribution.quotes[0].start: attribution.quotes[0].end]
        if first[1:2].isspace() or first[1:2] in {",", ".", ";"} or _ATTRIBUTION_ONLY.match(first):
            return False
        if any(_OPENS_WITH_ATTRIBUTION.match(text[quote.start: quote.end]) for quote in attribution.quotes[1:]):
            return False
        if _inside_speaker_phrase(attribution):
            return False
    if cue is None:
        # a quote standing alone; one inside a sentence of narration with no
        # cue is a title, a term or a phrase ("named her a "position of interest."")
        return opens_sentence(text, attribution.spans[0][0])
    if cue.text == ":":
        return True  # a speaker label
    subject = attribution.subject
    if subject is not None and not can_speak(subject):
        return False  # "two suitcases ... suggesting", "the Wye River agreement says"
    if cue.lower_ == "according":
        return True
    if _is_headline(text, *paragraph_of(text, cue.idx)):
        return False  # "President Obama Announces Nominee for Surgeon General"
    if not (cue.is_punct or cue.pos_ == "PROPN" or cue_lemma(cue) in SPEECH_VERBS):
        return False  # "appeared on TV and condemned it as "criminal"", "voted for a "resolution""
    if _finding(cue, subject) or _topic_only(cue, attribution.spans[0][0]) or _unasserted(cue):
        return False
    if attribution.kind == "indirect" and (_no_words_said(cue, attribution.spans[0][0], attribution.spans[-1][1])
                                           or _INDIRECT_QUESTION.match(text[attribution.spans[0][0]:])):
        return False
    children = list(cue.children)
    if any(child.dep_ == "neg" for child in children):
        return False
    if any(child.dep_ == "aux" and child.lower_ in HYPOTHETICAL_AUXES for child in children):
        return False
    if any(child.dep_ == "mark" and child.lower_ in {"if", "unless"} for child in children):
        return False
    return not any(child.dep_ in {"nsubjpass", "auxpass"} for child in children)
