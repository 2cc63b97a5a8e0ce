"""One-source statements in the summary: marked as one outlet's claim, unless another origin says it too.

A statement only one origin reports (its fact group's reach is one) that is
the outlet's own claim is prefixed "According to <outlet>," (or ends "(one
source)" when the outlet is unknown), so one outlet's framing never reads as
established fact. A statement the sentence itself attributes ("...,
officials said") already says whose claim it is and carries no marker; nor
does one that a sentence of another origin states too, in words far enough
apart that fact grouping kept them apart (see `Echoes`): the claim is not one
origin's alone.
"""

from __future__ import annotations

import re

import numpy as np

from newsfuse.fuse.compress import tidy
from newsfuse.fuse.relevance import Candidate
from newsfuse.fuse.same_claim import MRPC_EQUIVALENT, Statement, claim_probabilities
from newsfuse.fuse.sentence_units import Unit
from newsfuse.models import Story
from newsfuse.text import ATTRIBUTION, TITLES

_REPORTED = re.compile(r"\b(?:reported|reports|reportedly|allege|alleges)\b")  # attributions text.ATTRIBUTION lacks
_WORD = re.compile(r"\w+(?:['’]\w+)*")
MARKER = re.compile(r"According to [^,]+, ")  # see _attribute: never read as a name with its appositive
ECHO_COSINE = 0.5  # sentences of other origins at least this close to a statement are read for its claim
ECHO_READ = 3  # the closest this many of them
# A sentence of another origin states the same claim at MRPC's "equivalent" point (same_claim.MRPC_EQUIVALENT):
# a marker left off costs less than telling a reader that only one outlet says what two do.
ECHO_CLAIM = MRPC_EQUIVALENT


class Echoes:
    """Whether a statement is echoed by another origin: the same claim in another origin's sentence."""

    def __init__(self, story: Story, units: list[Unit]):
        self._story = story
        self._units = units
        self._vectors = np.stack([np.asarray(unit.vector, dtype=np.float64) for unit in units])

    def __call__(self, candidate: Candidate) -> bool:
        origins = self._story.origins
        own = {origins.get(article, article) for article in candidate.articles}
        vector = np.asarray(candidate.vector, dtype=np.float64)
        cosines = self._vectors @ vector
        close = [index for index in np.argsort(-cosines)
                 if cosines[index] >= ECHO_COSINE
                 and origins.get(self._units[index].article, self._units[index].article) not in own][:ECHO_READ]
        if not close:
            return False
        others = [Statement(tidy(self._units[index].sentence.text)) for index in close]
        return max(claim_probabilities(Statement(candidate.text), vector, others,
                                       [self._vectors[index] for index in close])) >= ECHO_CLAIM


def marked(story: Story, candidate: Candidate, names: set[str], echoed: Echoes) -> str:
    """The candidate's text, marked as one outlet's claim when it is one (see the module)."""
    if (candidate.reach == 1 and not (ATTRIBUTION.search(candidate.text) or _REPORTED.search(candidate.text))
            and not echoed(candidate)):
        return _attribute(candidate.text, story.by_id[candidate.articles[0]].outlet, names)
    return candidate.text


def name_words(story: Story) -> set[str]:
    """Words that stay capitalised mid-sentence: first words of the story's named entities, and
    words its articles never write in lower case ("Friday's", "Tehran")."""
    lower = {word for article in story.articles for word in _WORD.findall(article.text) if word.islower()}
    first_words = {entity.text.split()[0] for annotations in story.annotations.values()
                   for entity in annotations.entities if entity.text.split()}
    capitalised = {word for article in story.articles for word in _WORD.findall(article.text)
                   if word[:1].isupper() and word.lower() not in lower}
    return first_words | capitalised


def _titles_name(word: str, rest: str) -> bool:
    """Whether `word` is a title written before the name `rest` opens with ("President Nelson Mandela")."""
    return word.lower().rstrip(".") in TITLES and rest[:1].isupper()


def _attribute(text: str, outlet: str | None, names: set[str]) -> str:
    """Mark a one-source statement: "According to <outlet>, ..." or "... (one source)."."""
    if outlet:
        first, _, rest = text.partition(" ")
        if first not in names and first[1:].islower() and not _titles_name(first, rest):
            first = first.lower()
        return f"According to {outlet}, {first} {rest}".rstrip()
    body = text.rstrip()
    closing = re.search(r"([.!?])([\"”’']*)$", body)
    if closing and not body.endswith(("..", "...")):  # '... "show vote."' -> '... "show vote" (one source).'
        return f"{body[:closing.start()]}{closing.group(2)} (one source){closing.group(1)}"
    return f"{body} (one source)"
