"""Where a figure counts and whose it is, read from the dependency tree.

* places (`NumberMention.where`): GPE/LOC/FAC names the figure's own clause
  puts it in: a place preposition ("in", "at", "near"...) or a place modifier
  on the counted noun ("the *Nairobi* toll"), on the figure's verb ("killed
  12 *in Baghdad*"), on that verb's subject ("an explosion *in a Jerusalem
  market* wounded 24") or on the noun a relative clause hangs from ("the
  bombing *in Jerusalem* that injured 21"). Places named elsewhere in the
  sentence ("Clinton, in Washington, said 24 were hurt") are not the figure's.
* holder (`NumberMention.of_whom`): the named person, organisation or place
  whose things are counted: a possessor ("*Blackmore's* 20 wives",
  "*Croatia's* 4.7 million population"), an "of" complement ("the wives *of
  Oler*") or the subject of "have" ("*Oler* has 2 wives"). Pronouns and
  common nouns say no name: no holder.
"""

from __future__ import annotations

PLACE_LABELS = {"GPE", "LOC", "FAC"}
HOLDER_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
PLACE_PREPS = {"in", "at", "near", "across", "throughout", "inside", "outside", "around", "on"}
HAVE_LEMMAS = {"have", "own", "hold", "keep", "employ"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod"}
MAX_CLIMB = 4  # heads climbed from the figure to find its clause's verb


def figure_places(anchor, noun) -> list[str]:
    """Names of the places the figure's clause puts it in, in text order, each once (see the module).

    `anchor` is the figure's token in the parse, `noun` the counted noun or None.
    """
    start = noun if noun is not None else anchor
    nodes = [start]
    verb = _clause_verb(start)
    while verb is not None:  # "killed the bombers and injured 21": "injured" shares "killed"'s clause
        nodes.append(verb)
        nodes.extend(child for child in verb.children if child.dep_ in {"nsubj", "nsubjpass"} and child is not start)
        if verb.dep_ in {"relcl", "acl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
            nodes.append(verb.head)
        verb = verb.head if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"} else None
    names: list[str] = []
    for node in nodes:
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                for place_object in child.children:
                    if place_object.dep_ == "pobj":
                        names.extend(_entities_in(place_object, PLACE_LABELS))
            elif child.dep_ in MODIFIER_DEPS and child.ent_type_ in PLACE_LABELS and child is not anchor:
                names.append(_entity_text(child))
    return list(dict.fromkeys(names))


def figure_holder(noun) -> str | None:
    """The named holder of the counted things (see the module), or None."""
    if noun is None:
        return None
    for child in noun.children:
        if child.dep_ == "poss" and _is_name(child):
            return _entity_text(child)
        if child.dep_ == "prep" and child.lower_ == "of":
            for holder in child.children:
                if holder.dep_ == "pobj" and _is_name(holder) and holder.ent_type_ != "NORP":
                    return _entity_text(holder)
    head = noun.head
    if noun.dep_ in {"dobj", "obj"} and head.lemma_ in HAVE_LEMMAS:
        for child in head.children:
            if child.dep_ == "nsubj" and _is_name(child):
                return _entity_text(child)
    return None


def _is_name(token) -> bool:
    """A named person, organisation or place (a proper noun the recogniser missed included)."""
    return token.ent_type_ in HOLDER_LABELS or (token.pos_ == "PROPN" and not token.ent_type_)


def _clause_verb(token):
    """The verb of the clause holding `token` (climbing at most MAX_CLIMB heads), or None."""
    for _ in range(MAX_CLIMB):
        if token.dep_ == "ROOT" or token.head is token:
            break
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return token
    return None


def _entities_in(token, labels: set[str]) -> list[str]:
    """Names of the entities with `labels` inside `token`'s phrase (its subtree up to a conjoined
    phrase: "in Dar es Salaam and 213 in Nairobi" puts the first figure in Dar es Salaam only)."""
    left, right = token.left_edge.i, token.right_edge.i
    conjoined = [child.left_edge.i for child in token.rights if child.dep_ in {"cc", "conj"}]
    right = min(conjoined, default=right + 1) - 1
    return [entity.text for entity in token.doc.ents
            if entity.label_ in labels and left <= entity.start and entity.end - 1 <= right]


def _entity_text(token) -> str:
    """The whole entity `token` is part of ("Hosni *Mubarak*" -> "Hosni Mubarak")."""
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and token.ent_iob_ != "B" and doc[start - 1].ent_type_ == token.ent_type_ \
            and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text
