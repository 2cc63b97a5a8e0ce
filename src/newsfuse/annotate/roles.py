"""What the text says of a speaker beside the name: the words naming them in
their sentence, their role and affiliation ("a counterterrorism analyst at the
Soufan Group"), and titles ("Mayor", "Ms"). Works on spaCy tokens and spans."""

from __future__ import annotations

import bisect

from newsfuse.annotate.names import (  # noqa: F401 (TITLES, clean_name and plain_description are read from here too)
    COURTESY_TITLES,
    TITLES,
    clean_name,
    entity_of,
    plain_description,
)
from newsfuse.annotate.role_chain import is_header_word, pre_name_role

NAME_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Entity labels that make an "in" phrase an affiliation ("an analyst in Kabul", "a lawyer in the FBI").
NAMED_PLACES = {"ORG", "GPE", "LOC", "FAC", "NORP"}

AFFILIATION_PREPS = {"at", "for", "of", "with", "from", "in"}
# Clauses that describe a speaker rather than name it: left out of the speaker span.
DESCRIPTIVE_DEPS = {"appos", "relcl", "acl", "punct", "cc", "conj", "advmod", "prep"}
# Letters written after a name for a degree, an order or a generation ("Tom
# Murray, PhD"; "Sister Carol Keehan, DC"; "John Smith Jr."): no role.
POST_NOMINALS = frozenset("phd md dds dmd rn jd mba esq jr sr dc obe mbe cbe kbe qc kc mp msc ma ba bsc llb lld".split())
# Words that make a role another office than the same role without them
# ("vice president", "deputy mayor", "former president").
RANK_PREFIXES = frozenset("vice deputy assistant associate acting interim former ex co sub under lieutenant".split())
# Nouns of a tie to a person, whose owner is that person, never an employer ("Zughayar's father").
KIN_NOUNS = frozenset("""
father mother son daughter brother sister wife husband widow widower uncle aunt cousin nephew niece
grandson granddaughter grandfather grandmother parent child fiance fiancee girlfriend boyfriend
stepfather stepmother stepson stepdaughter
""".split())


def named_apposition(head):
    """The name a common-noun head stands for: "Afghanistan's former vice
    president Amrullah Saleh" when the parser made the title the head and the
    name its apposition, or the name the noun is an apposition of. A plural
    noun ("presidential candidates Clinton and Trump") stands for no one name."""
    if head.tag_ != "NN":
        return None
    # "The chairman of the 17-member panel, Archbishop Desmond Tutu, said":
    # the parser may hang the name on the last noun of the description
    owned = [grand for child in head.rights if child.dep_ == "prep" and child.lower_ == "of"
             for grand in child.children if grand.dep_ == "pobj" and grand.tag_ == "NN"]
    for noun in [head, *owned]:
        for child in noun.rights:
            trailing = head.doc[child.right_edge.i + 1: head.right_edge.i + 1]
            if child.dep_ == "appos" and _names_person_beside(child, noun) and all(token.is_punct for token in trailing):
                return child
            if child.dep_ == "conj" and child.ent_type_ == "PERSON" and _run_on_name(child):
                return child  # "CHA president and chief executive officer Sister Carol Keehan"
    if head.dep_ in {"appos", "compound"} and head.head.ent_type_ == "PERSON":
        return head.head  # "Tomas Arkwright, the engineer who says ...", "actress Tara Reid"
    return None


def _names_person_beside(name, noun) -> bool:
    """True when the apposition `name` of the common noun `noun` names a
    person: a PERSON name, or a name of two or more words the tagger typed as
    an organisation beside a noun of a person ("An ANC spokesman, Thabo
    Masebe"), unless a noun of a thing comes between them, which the name is
    then the name of ("An employee of another nearby business, Relaxus
    Massage Products")."""
    if name.ent_type_ == "PERSON":
        return True
    from newsfuse.annotate.quotes.agents import is_person_noun  # the agents' lexicon reads the resolver's nouns

    words = [token for token in name.subtree if token.i <= name.i]
    two_words = len(words) >= 2 and all(token.pos_ == "PROPN" and token.text[:1].isupper() for token in words)
    between = [token for token in noun.doc[noun.i + 1: name.left_edge.i] if token.dep_ == "pobj"]
    return two_words and name.ent_type_ in {"ORG", ""} and is_person_noun(noun) \
        and all(is_person_noun(token) for token in between)


def _run_on_name(name) -> bool:
    """True when a PERSON name the parser joined to a role as a conjunct
    follows the role words directly (no "and" or comma of its own before it)."""
    before = name.doc[name.left_edge.i - 1] if name.left_edge.i > 0 else None
    return before is not None and before.dep_ != "cc" and not before.is_punct


def speaker_tokens(head) -> tuple[int, int]:
    """Token range [first, last] naming the speaker: the head with its left
    modifiers and compounds, plus a "for/of/at" phrase of a common-noun head
    ("a spokesman for the ministry"); appositions and relative clauses stay out.
    """
    first = head.i
    for child in head.lefts:
        if child.dep_ not in DESCRIPTIVE_DEPS:
            first = min(first, child.left_edge.i)
    last = head.i
    entity = entity_of(head)
    if entity is not None:
        first, last = min(first, entity.start), max(last, entity.end - 1)
    if head.pos_ == "NOUN":
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPS and child.i == last + 1:
                last = child.right_edge.i
    # Never reach over a line break (a headline glued to the first sentence)
    # or back over a quotation mark (a quote the parser hung on the name).
    while first < head.i and ("\n" in head.doc[first: head.i].text or any(t.is_quote for t in head.doc[first: head.i])):
        first += 1
    while last > head.i and "\n" in head.doc[head.i: last + 1].text:
        last -= 1
    return first, last


def phrase_without_determiner(tokens) -> str | None:
    """Text of `tokens` without a leading article; None when nothing is left."""
    words = [token for token in tokens if not (token.dep_ == "det" and token.lower_ in {"a", "an", "the"})]
    if not words:
        return None
    return words[0].doc[words[0].i: words[-1].i + 1].text


def role_and_affiliation(noun) -> tuple[str | None, str | None]:
    """Role and affiliation stated by a descriptive noun phrase headed by `noun`:
    "a counterterrorism analyst at the Soufan Group" -> ("counterterrorism analyst",
    "the Soufan Group"); "Afghanistan's former vice president" -> ("former vice
    president", "Afghanistan").
    """
    modifiers = [child for child in noun.lefts if child.dep_ in {"compound", "amod", "nmod"}]
    affiliation = None
    field = None
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPS:
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects and field is None and _is_field(objects[0]):
                field = child  # "minister of justice", "vice president for policy": part of the role
                continue
            # "of the year" in "player of the year" names no employer; "in"
            # and "with" name one only with a name in it ("a specialist in
            # neurobiology", "the president, de Klerk, in illegal acts", "a
            # widow with four young children" do not)
            if objects and objects[0].ent_type_ not in {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT"} \
                    and (child.lower_ not in {"in", "with"}
                         or any(token.ent_type_ in NAMED_PLACES for token in objects[0].subtree)):
                # without a name hung on it ("the panel, Archbishop Desmond Tutu")
                end = min([grand.left_edge.i for grand in objects[0].rights if grand.dep_ == "appos"],
                          default=objects[0].right_edge.i + 1)
                affiliation = noun.doc[objects[0].left_edge.i: end].text.rstrip(" ,")
                break
    # "a sheep and ostrich farmer": the parser may head the role with its first
    # noun; only a conjunction right after it joins ("a professor at X and
    # chief of Y" is two roles), and only the joined noun with its modifiers
    following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    joined = [] if following is None or following.dep_ != "cc" or following.head.i != noun.i else [following] + [
        token for child in noun.rights if child.dep_ == "conj" and child.pos_ == "NOUN"
        for token in [*child.lefts, child] if token.i > following.i]
    role_tokens = [token for child in modifiers for token in child.subtree] + [noun] + joined + (
        list(field.subtree) if field is not None else [])
    # A proper noun before the role names the employer ("Stein spokeswoman")
    # unless a preposition already does ("an Afghanistan specialist at CSIS").
    # the employer's possessive mark goes with it ("Afghanistan's ambassador designate")
    role_tokens = sorted({token.i: token for token in role_tokens
                          if (token.pos_ != "PROPN" or affiliation is not None)
                          and not (token.dep_ == "case" and token.head.pos_ == "PROPN")}.values(), key=lambda t: t.i)
    role = phrase_without_determiner(role_tokens) if role_tokens else None
    if affiliation is None:
        owners = [child for child in noun.lefts if child.dep_ == "poss" and child.pos_ != "PRON"]
        propn = [child for child in modifiers if child.pos_ == "PROPN"]
        source = owners or propn
        if source:
            token = source[0]
            # the owner's own name, never words the parse hangs before it
            # ("implicate South Africa's last president")
            owner = entity_of(token) or noun.doc[max(token.left_edge.i, noun.left_edge.i): token.i + 1]
            if owners and role and (owner.root.ent_type_ == "PERSON" or noun.lemma_.lower() in KIN_NOUNS):
                # a kin or a tie to a person is no affiliation: "Zughayar's father"
                return plain_description(f"{clean_name(owner)}'s {role}"), None
            affiliation = clean_name(owner)
    return plain_description(role), plain_description(affiliation)


def _is_field(noun) -> bool:
    """True for the object of a role's "of"/"for" phrase that names a field
    rather than a body: a bare common noun, singular, with no determiner,
    name or further phrase ("of justice", "for policy"; not "of the panel",
    "of Stellenbosch", "for the ministry")."""
    words = list(noun.subtree)
    return noun.tag_ == "NN" and all(token.pos_ in {"NOUN", "ADJ", "CCONJ"} and not token.ent_type_ for token in words)


def role_fits(head, role: str | None) -> bool:
    """True when the description headed by `head` restates `role`: its noun
    ends the role and its modifiers are words of it ("the Republican nominee"
    fits "Republican presidential nominee"; "the Democratic presidential
    nominee" does not)."""
    if not role:
        return False
    words = role.lower().split()
    modifiers = {child.lower_ for child in head.lefts if child.dep_ in {"amod", "compound"}}
    # "vice presidential nominee" is another office than "the presidential nominee"
    other_office = (set(words) & RANK_PREFIXES) - modifiers
    return words[-1] in {head.lower_, head.lemma_.lower()} and modifiers <= set(words) and not other_office


def describe(head) -> tuple[str | None, str | None]:
    """Role/affiliation of the speaker headed by `head` from an apposition or a
    pre-name description ("Stein spokeswoman Melezia Figueroa": the role is
    the whole chain, :func:`pre_name_role`)."""
    # one person's role is a singular noun ("greeting guests" is no role of Scott)
    appositions = [child for child in head.children if child.dep_ == "appos" and child.tag_ == "NN"]
    # "Tom Murray, PhD, head of the Hastings Center": the role may hang on the degree
    appositions = [noun for child in appositions
                   for noun in ([grand for grand in child.children if grand.dep_ == "appos" and grand.tag_ == "NN"]
                                if _is_post_nominal(child) else [child])]
    if head.dep_ == "appos" and head.head.tag_ == "NN":
        described = head.head
        owner = described.head.head if described.dep_ == "pobj" and described.head.lower_ == "of" else None
        # "The chairman of the 17-member panel, Archbishop Desmond Tutu": the
        # parser hangs the name on the nearest noun, the person is the chairman
        appositions.append(owner if owner is not None and owner.tag_ == "NN" and owner.i < described.i else described)
    if appositions:
        return role_and_affiliation(appositions[0])
    return pre_name_role(head), None


def _is_post_nominal(token) -> bool:
    """True for letters of a degree or an order written after a name ("PhD", "M.D.")."""
    return token.lower_.replace(".", "") in POST_NOMINALS


def stated_role(span, head) -> tuple[str | None, str | None]:
    """Role/affiliation of a named person from the words around the name
    (:func:`describe`), else from a title of office before it ("Mayor")."""
    role, affiliation = describe(head)
    title = title_of(span)
    if role is None and title is not None and title.lower_ not in COURTESY_TITLES:
        first, last, doc = title.i, title.i, span.doc
        while first > 0 and doc[first - 1].lower_ in TITLES and doc[first - 1].text[:1].isupper():
            first -= 1  # "Justice Minister Dullah Omar"
        while last + 1 < span.end and doc[last + 1].lower_ in TITLES:
            last += 1
        role = doc[first: last + 1].text
    return role, affiliation


def sibling_description(head):
    """A descriptive common-noun subject beside a named one ("An Afghanistan
    specialist at CSIS, Seth G Jones told ..."), which parsers attach as a
    second subject of the verb: it must end with a comma right before the
    name (a header word the parser made a subject, "THE BORROWING Back when
    he wrote, Mr. McKinley said", is none)."""
    doc = head.doc
    first = head.left_edge.i
    for sibling in head.head.children:
        if sibling.i != head.i and sibling.dep_ == head.dep_ and sibling.tag_ == "NN" and sibling.i < head.i:
            if sibling.right_edge.i + 2 == first and doc[first - 1].text == "," and not is_header_word(sibling):
                return sibling
    return None


def title_of(span):
    """The title token written before or at the start of a name span ("Mr",
    "Mayor"), or None."""
    doc = span.doc
    candidates = [span[0]] + ([doc[span.start - 1]] if span.start > 0 else [])
    return next((token for token in candidates if token.lower_ in TITLES and token.text[:1].isupper()), None)


def clause_role(token) -> int:
    """Salience of a noun phrase by its grammatical role: 0 when it (or the
    phrase it is the apposition/compound/conjunct of) is the subject of a main
    clause, 1 when it is the subject of another clause, 2 otherwise."""
    while token.dep_ in {"compound", "appos", "conj", "flat"} and token.head.i != token.i:
        token = token.head
    if token.dep_ not in SUBJECT_DEPS:
        return 2
    verb = token.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return 0 if verb.dep_ in {"ROOT", "parataxis"} else 1


def inside_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    """True when character `position` falls in one of `spans` (sorted, not overlapping)."""
    index = bisect.bisect_right([start for start, _ in spans], position) - 1
    return index >= 0 and position < spans[index][1]


def person_spans(doc, known: list[tuple[int, int]] = ()) -> list:
    """Name spans that refer to a person, in text order: PERSON entities, any
    name after a personal title ("Mayor Elena Brisk" even when tagged ORG),
    the `known` character spans (names known to be people from elsewhere: the
    story's entities, a task's candidates) that no such entity overlaps, and a
    proper noun the tagger left untagged that is a word of one of those names
    ("Wolfe" after "Bertha Wolfe")."""
    spans = [ent for ent in doc.ents
             if ent.label_ == "PERSON" or (ent.label_ in NAME_LABELS and title_of(ent) is not None)]
    for start, end in known:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and not any(other.start < span.end and span.start < other.end for other in spans):
            spans.append(span)
    words = {token.lower_ for span in spans for token in span if token.pos_ == "PROPN" and token.lower_ not in TITLES}
    spans += [doc[token.i: token.i + 1] for token in doc
              if not token.ent_type_ and token.pos_ == "PROPN" and token.lower_ in words and token.text[:1].isupper()]
    return sorted(spans, key=lambda span: span.start)
