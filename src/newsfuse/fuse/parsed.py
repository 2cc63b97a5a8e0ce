"""A summary line read by its dependency parse: is it a statement, and which definite descriptions does it hold.

compress.stands_alone reads the text's surface; some lines pass it and still
are no statement a reader can take alone, as lists and advice columns write
them: an imperative ("Save a quarter of your paycheck."), a phrase with no
finite verb ("No more vacations and no more dinners out."), a heading run
into the sentence after it ("Cut the cable bill Americans pay far more ...":
the parser reads it as an imperative, or as two sentences), a step told
after the one before ("The Sixers then hired ..."), a verb of saying with
nothing said ("Ms. Moseley-Braun said in an interview.": a quotation's
attribution split from it). `is_statement` says
whether every sentence the parser finds in the line has a finite verb and
does not open on an imperative, and no "then" points back to an earlier step.

`definite_descriptions` gives the line's "the <noun>" subjects and objects
of its main verb that do not say what they describe on their own (no "of ...", relative clause or
apposition after the head), for fuse/descriptions.py to check against the
lines before.

spaCy's small English pipeline (the annotator's, loaded once) parses each
distinct line once; only lines about to enter a summary are parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsfuse.annotate.nlp import shared_models
from newsfuse.annotate.quotes.lexicon import REPORTING_VERBS

_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_BEFORE_IMPERATIVE = frozenset({"ADV", "PART", "AUX", "PUNCT", "INTJ"})  # "Never", "Do n't", "Just"
# Dependents of a head noun that say what it is: "the price of oil", "the man who", "the owner, Jim Smith".
_DEFINING = frozenset({"prep", "relcl", "acl", "appos", "poss"})
_PIECE_WORDS = 4  # fewer words, and the parser split the line at an abbreviation ("Donald Trump Jr." | "wrote ...")
_STATES = frozenset({"be", "have"})
# A description that acts or is acted on in the main clause; one after a preposition is mostly a setting
# ("ruled by the league", "taken to the hospital"), one in a clause below the main one background ("failures
# in how the department trains officers"), and both read without an antecedent.
_ACTORS = frozenset({"nsubj", "nsubjpass", "dobj"})
# A "then" after a condition or a time clause answers it ("If ..., then ..."): it points nowhere back.
_ANSWERS = frozenset({"if", "when", "once", "after", "before", "as", "until", "since", "unless"})
_SAYING = frozenset({"say", "tell", "add", "announce", "state", "note", "explain", "write", "report", "declare"})
# What a verb of saying reports: without any, "Ms. Moseley-Braun said in an interview." says nothing.
_REPORTED = frozenset({"ccomp", "dobj", "xcomp", "parataxis", "dep", "conj", "advcl", "attr", "oprd", "dative"})


@dataclass(frozen=True)
class Description:
    """A definite description in a line: where its phrase sits, its words and its head noun."""

    start: int  # character offsets of the phrase ("the former president") in the line
    end: int
    words: tuple[str, ...]  # lower-case words between "the" and the head
    head: str  # the head noun, lower case
    lemma: str  # its lemma ("men" -> "man")


def is_statement(text: str) -> bool:
    """Whether `text` reads as a statement alone: every sentence a finite clause, no imperative, no verb of
    saying with nothing said (see _finite_clause), no "then" of a step before it (see _then_of_sequence)."""
    return _read(text)[0]


def main_event(text: str) -> tuple[str, frozenset[str]] | None:
    """What the line's first sentence says happened: the lemma of its main verb (past a verb of saying,
    the verb of what was said: "Police said the men were arrested" -> "arrest") and the lower-case
    names and figures in that verb's subject ("three", "jackson"; a common word such as "cold" or
    "people" does not tell two subjects apart from two others); None when the verb is "be" or
    "have" (a state, no event) or one of saying (two quotations of one person are two claims), or its
    subject is missing or a pronoun."""
    return _read(text)[2]


def definite_descriptions(text: str) -> tuple[Description, ...]:
    """The line's "the <noun>" subjects and objects of the main verb (see _ACTORS) whose head has no
    dependent defining it (see _DEFINING), outside quotations; none counted or named ("the two dead",
    "the Jerusalem market")."""
    return _read(text)[1]


@lru_cache(maxsize=4096)
def _read(text: str) -> tuple[bool, tuple[Description, ...], tuple[str, frozenset[str]] | None]:
    doc = shared_models().nlp(text, disable=["ner"])
    sentences = list(doc.sents)
    judged = [sentence for sentence in sentences
              if len(sentences) == 1 or sum(token.is_alpha for token in sentence) >= _PIECE_WORDS]
    statement = all(_finite_clause(sentence) for sentence in judged) and not _then_of_sequence(doc)
    return statement, tuple(_descriptions(doc)), _event(next(iter(doc.sents)).root)


def _event(verb) -> tuple[str, frozenset[str]] | None:
    said = next((child for child in verb.children if child.dep_ == "ccomp"), None)
    if verb.lemma_ in REPORTING_VERBS and said is not None:
        verb = said
    subject = next((child for child in verb.children if child.dep_ in _SUBJECTS), None)
    if (verb.pos_ not in ("VERB", "AUX") or verb.lemma_ in _STATES or verb.lemma_ in REPORTING_VERBS
            or subject is None or subject.pos_ == "PRON"):
        return None
    return verb.lemma_, frozenset(token.lower_ for token in subject.subtree
                                  if token.like_num or token.pos_ == "PROPN")


def _finite_clause(sentence) -> bool:
    """Whether the sentence has a finite verb, does not open on an imperative ("Save ...", "Don't
    forget ...": a base-form main verb with no subject and nothing before it but adverbs and "do not"),
    and its main verb, when one of saying, reports something (see _REPORTED).

    Any finite verb will do, not only the root's: the small parser misreads some sentences' roots
    ("The performance sent already worried Democrats ...") but seldom their verbs' tags.
    """
    root = sentence.root
    imperative = (root.tag_ == "VB" and not any(child.dep_ in _SUBJECTS for child in root.children)
                  and all(token.pos_ in _BEFORE_IMPERATIVE for token in sentence if token.i < root.i))
    # A root with a subject, or with an object, or a past participle with an object, is a verb the tagger
    # misread ("Fighting flared", "Trump proposed increases", "The attacks killed at least 169 Afghans").
    clause = any(child.dep_ in ("nsubj", "dobj") for child in root.children) or any(
        token.tag_ in ("VBD", "VBN") and any(child.dep_ == "dobj" for child in token.children) for token in sentence)
    said_nothing = root.lemma_ in _SAYING and not any(child.dep_ in _REPORTED for child in root.children)
    return not imperative and not said_nothing and (clause or any(token.tag_ in _FINITE for token in sentence))


def _then_of_sequence(doc) -> bool:
    """Whether "then" modifies a main verb with no condition or time clause it answers ("The Sixers then
    hired ..."; not "If it rains, then ...")."""
    marks = {token.lower_ for token in doc if token.dep_ == "mark"}
    return not marks & _ANSWERS and any(
        token.lower_ == "then" and token.dep_ == "advmod" and token.head.dep_ == "ROOT" for token in doc)


def _descriptions(doc):
    for chunk in doc.noun_chunks:
        head = chunk.root
        first = chunk[0]
        if (first.lower_ != "the" or head.tag_ not in ("NN", "NNS") or head.dep_ not in _ACTORS
                or not _main_verb(head.head) or _inside_quotation(doc, first.i)):
            continue
        if any(child.dep_ in _DEFINING for child in head.children):
            continue
        between = [token for token in chunk[1:] if token.i < head.i]
        if any(token.pos_ == "PROPN" or token.tag_ in ("CD", "POS") for token in between):
            continue  # "the Jerusalem market", "the two dead": named or counted
        yield Description(start=first.idx, end=head.idx + len(head.text),
                          words=tuple(token.lower_ for token in between), head=head.lower_,
                          lemma=head.lemma_.lower())


def _main_verb(verb) -> bool:
    """Whether `verb` is the sentence's main verb, or the verb of what its main verb of saying reports."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT"
                                   and verb.head.lemma_ in REPORTING_VERBS)


def _inside_quotation(doc, index: int) -> bool:
    """Whether token `index` sits inside a quotation (an odd number of quotation marks before it)."""
    before = doc[:index].text
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1
