"""Indirect speech, stated beliefs and intentions, from the dependency parse."""

from __future__ import annotations

from newsfuse.annotate.quotes.clauses import (
    Attribution,
    complement,
    content_tokens,
    further_clauses,
    line_of,
    pieces,
)
from newsfuse.annotate.quotes.lexicon import (
    ATTEMPT_VERBS,
    CHARACTERIZING_VERBS,
    CUE_NOUNS,
    FIRST_SECOND_PERSON,
    INDIRECT_CUES,
    INTENTION_VERBS,
    NAMING_VERBS,
    OBJECT_PREPS,
    OBJECT_VERBS,
    PASSIVE_CUES,
    READER,
    REPORTING_VERBS,
    STANCE_ADJECTIVE_PREPS,
    STANCE_ADJECTIVES,
    STANCE_OBJECT_VERBS,
    STANCE_PREPS,
    according_source,
    cue_lemma,
    is_reporting_verb,
)
from newsfuse.annotate.quotes.marks import QuoteSpan, inside
from newsfuse.annotate.quotes.speakers import find_subject, names_someone
from newsfuse.annotate.roles import NAME_LABELS


def _postposed_content(verb, subject) -> list:
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


def _leading_clause(verb, comp, subject) -> list:
    """Left clause of an attribution set off by commas mid-sentence
    ("Even though A, X said, B"): adverbial clauses of the verb before its subject."""
    if comp.i < verb.i or subject is None or subject.left_edge.i == 0 or verb.i + 1 >= len(verb.doc):
        return []
    if not (verb.doc[subject.left_edge.i - 1].text == "," and verb.doc[verb.i + 1].text == ","):
        return []
    clauses = [child for child in verb.lefts if child.dep_ == "advcl" and child.i < subject.left_edge.i]
    return [token for clause in clauses for token in clause.subtree]


def _object_content(verb) -> list:
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
            contents = _preposition_objects(child)
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


def _passive_content(verb):
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


def _inside_reported_clause(token) -> bool:
    """True when `token` lies in the clause a reporting verb reports."""
    while token.head.i != token.i:
        if token.dep_ == "ccomp" and is_reporting_verb(token.head, REPORTING_VERBS):
            return True
        token = token.head
    return False


def _embedded_cue(verb) -> bool:
    """True when `verb` is the clause a reporting verb reports ("said he
    *hoped* ...") or a relative clause inside it, or the infinitive of an intention or attempt ("wants to
    *attack* ...", "tried to *blame* ..."): what it reports belongs to that
    outer attribution, or is not asserted at all."""
    if verb.dep_ == "ccomp":
        return is_reporting_verb(verb.head, REPORTING_VERBS)
    if verb.dep_ in {"relcl", "acl"} and _inside_reported_clause(verb):
        return True  # "said he expected the adjustments that Cardoso *announced* would hurt him"
    infinitive = any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)
    return verb.dep_ == "xcomp" and infinitive and is_reporting_verb(verb.head, INTENTION_VERBS | ATTEMPT_VERBS)


def _verb_content(token, quotes: list[QuoteSpan]):
    """(content tokens, subject) of a reporting, intention or stance verb, or None."""
    if not is_reporting_verb(token, INDIRECT_CUES) or _embedded_cue(token):
        return None
    passive = _passive_content(token)
    if passive is not None:
        return passive if passive[1].lower_ not in FIRST_SECOND_PERSON else None
    subject = find_subject(token)
    if subject is None or subject.lower_ in READER or inside(subject.idx, quotes):
        return None
    if line_of(subject) != line_of(token):
        return None
    comp = complement(token)
    if comp is None:
        return _object_content(token) or _postposed_content(token, subject), subject
    clause = content_tokens(comp, token if comp.is_ancestor(token) else None)
    return _leading_clause(token, comp, subject) + clause + further_clauses(token, comp), subject


def _adjective_content(token, quotes: list[QuoteSpan]):
    """(content tokens, subject) of a stance adjective predicated of its
    subject ("she was sure that ...", "Graham is critical of Trump"), or None.
    An expletive "it" ("it is certain that ...") names no holder."""
    if token.lower_ not in STANCE_ADJECTIVES or token.pos_ not in {"ADJ", "VERB"}:
        return None
    passive = any(child.dep_ == "auxpass" for child in token.children)
    if token.dep_ not in {"acomp", "oprd"} and not passive or any(child.dep_ == "agent" for child in token.children):
        return None
    clause = token if passive else token.head
    if _embedded_cue(clause):
        return None
    subject = find_subject(clause)
    if subject is None or subject.lower_ in READER | {"it", "this", "that"} or inside(subject.idx, quotes):
        return None
    for child in token.rights:
        if child.dep_ in {"ccomp", "xcomp"} and child.pos_ in {"VERB", "AUX"}:
            return list(child.subtree), subject
        contents = _preposition_objects(child) if child.dep_ == "prep" and child.lower_ in STANCE_ADJECTIVE_PREPS else []
        if contents:
            return [word for part in contents for word in part.subtree], subject
    return None


def _preposition_objects(prep) -> list:
    """The object noun phrases or clauses of preposition `prep` ("of [the plan]", "about [leaving]")."""
    return [child for child in prep.children if child.dep_ in {"pobj", "pcomp"}]


def _noun_source(noun):
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


def _noun_content(token):
    """(content tokens, source) of a statement noun with a "that" clause or an
    infinitive ("Trump's claim that ...", "his promise to ..."), or None."""
    if token.pos_ != "NOUN" or cue_lemma(token) not in CUE_NOUNS:
        return None
    source = _noun_source(token)
    if source is None:
        return None
    for child in token.rights:
        if child.dep_ not in {"acl", "ccomp"} or child.pos_ not in {"VERB", "AUX"}:
            continue
        markers = {grand.lower_ for grand in child.children if grand.dep_ in {"mark", "aux"}}
        if markers & {"that", "to"}:
            return list(child.subtree), source
    return None


def _indirect_attribution(token, quotes: list[QuoteSpan]) -> Attribution | None:
    """The indirect attribution whose cue is `token` ("according to", a
    statement noun or a verb), or None."""
    source = according_source(token)
    if source is not None:
        skip = {child.i for child in token.subtree}
        found = [other for other in token.sent if other.i not in skip], source
    else:
        found = _noun_content(token) or _adjective_content(token, quotes) or _verb_content(token, quotes)
    if found is None:
        return None
    clause, subject = found
    spans = pieces(clause, token)
    if not spans:
        return None
    spans[-1] = _close_quote(spans[-1], quotes)
    return Attribution(kind="indirect", spans=spans, cue=token, subject=subject)


def _close_quote(span: tuple[int, int], quotes: list[QuoteSpan]) -> tuple[int, int]:
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
        attribution = _indirect_attribution(token, quotes)
        if attribution is not None:
            found.append(attribution)
    return found
