"""Number mentions as comparable figures: what they count (their key) and the true values they allow.

Same thing. Two figures count the same thing when they have the same unit
(count, percent, a currency, a measure), the same outcome ("killed",
"injured", "arrested"... any inflection, "death toll" included) and the same
counted noun phrase (singular, lower case). A figure with only a generic noun
("people", "victims", "the toll") or none ("170 killed") joins the one
specific noun phrase with that outcome when there is exactly one ("169
Afghans killed"); with several ("Afghans", "service men") it stays apart,
since it may be their total. Figures with neither an outcome nor a specific
noun are not compared. "other" is no part of the noun ("24 other people" counts
people).

Same quantity (see :mod:`newsfuse.fuse.conflicts`) is decided over coarser
groups (:func:`quantity_groups`): every figure of one outcome, whatever noun
counts it ("21 Israelis wounded", "21 shoppers injured", "24 people wounded"
may all be one toll), and per noun otherwise; two different specific nouns
never count one quantity, nor a generic one ("people") and a specific one its
article counts beside another ("169 Afghans" beside "13 service men": a part). Each figure carries the places
and the holder its parse ties it to (`NumberMention.where`, `.of_whom`); a
figure whose parse names no place falls back on the places its sentence names.

Interval. Each figure stands for an interval of true values (see
:mod:`newsfuse.fuse.conflicts` for the rule), widened by the rounding a
reporter may have done silently (ROUNDING_SHARE at most) and by "about"
(ABOUT_SHARE).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from newsfuse.fuse.same_claim import Statement
from newsfuse.models import Annotations, Article, NumberMention, Story
from newsfuse.text import OUTCOME_FORMS, number_unit

ROUNDING_SHARE = 0.05
ABOUT_SHARE = 0.1
GENERIC_NOUNS = {"", "people", "person", "individual", "victim", "figure", "number", "total"}
NOT_OF_THE_NOUN = {"other", "more", "additional", "further"}  # "24 other people" counts people
IRREGULAR_PLURALS = {"men": "man", "women": "woman", "children": "child", "persons": "people",
                     "feet": "foot", "mice": "mouse", "police": "police", "data": "data"}
BOUND_WORDS = {"at-least": "at least ", "at-most": "at most ", "about": "about ", "exact": ""}
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
PLACE_LABELS = {"GPE", "LOC", "NORP", "FAC"}
_PLACE_KEY = 5  # leading letters that key a place: "Kenya" and "Kenyan" -> "kenya"


@dataclass
class Figure:
    """One number mention with its article, its comparison key and its interval."""

    article: Article
    order: int
    mention: NumberMention
    unit: str
    outcome: str | None
    noun: str
    context: Statement | None = None  # the figure's sentence with the figure blanked
    vector: np.ndarray | None = None  # that sentence's MiniLM vector
    places: frozenset[str] = field(default_factory=frozenset)  # place keys of its clause, else of its sentence
    main_place: str | None = None  # the place key the article names most (None on a tie or none)
    holders: frozenset[str] = field(default_factory=frozenset)  # key of the named holder of what is counted
    part: bool = False  # its article counts other specific nouns with its outcome: "169 Afghans" beside "13 service men"

    def places_beside(self, other: Figure) -> frozenset[str]:
        """The sentence's places, plus its article's main place when `other`'s sentence names it:
        "12 killed" in a story told from Port Veldra is about Port Veldra when the rival figure says so."""
        if self.main_place is not None and self.main_place in other.places:
            return self.places | {self.main_place}
        return self.places

    @property
    def central(self) -> float:
        """The value a reader takes the figure for: the middle of a range."""
        mention = self.mention
        return mention.value if mention.value_max is None else (mention.value + mention.value_max) / 2

    @property
    def low(self) -> float:
        mention = self.mention
        if mention.bound == "at-most":
            return -math.inf
        return mention.value - tolerance(mention.value, mention.bound)

    @property
    def high(self) -> float:
        mention = self.mention
        top = mention.value_max if mention.value_max is not None else mention.value
        return math.inf if mention.bound == "at-least" else top + tolerance(top, mention.bound)

    @property
    def rendered(self) -> str:
        return render_value(self.mention, self.unit)


def figures_of(story: Story) -> list[Figure]:
    """Every number mention that names something countable, with its key."""
    figures = []
    for order, article in enumerate(story.articles):
        annotations = story.annotations[article.id]
        main_place = _main_place(annotations)
        for mention in sorted(annotations.numbers, key=lambda m: m.start):
            outcome, noun = counted_thing(mention.what)
            if outcome is None and noun in GENERIC_NOUNS:
                continue
            context, vector = _context(mention, annotations)
            places = frozenset(map(_place_key, mention.where)) or _places(mention, annotations)
            holders = frozenset([_place_key(mention.of_whom)] if mention.of_whom else [])
            figures.append(Figure(article, order, mention, number_unit(mention.text), outcome, noun,
                                  context, vector, places, main_place, holders))
    return figures


def _context(mention: NumberMention, annotations) -> tuple[Statement | None, np.ndarray | None]:
    """The mention's sentence with the mention blanked, and the sentence's vector (None when unknown)."""
    if not 0 <= mention.sentence < len(annotations.sentences):
        return None, None
    sentence = annotations.sentences[mention.sentence]
    text = (sentence.text[:max(mention.start - sentence.start, 0)] + " "
            + sentence.text[max(mention.end - sentence.start, 0):])
    vectors = annotations.vectors
    vector = None if vectors is None or len(vectors) <= mention.sentence else np.asarray(
        vectors[mention.sentence], dtype=np.float64)
    return Statement(text), vector


def _places(mention: NumberMention, annotations: Annotations) -> frozenset[str]:
    """Keys of the places named in the mention's sentence ("Kenyan" and "Kenya" -> "kenya"), outside
    the mention itself (in "169 Afghans" the place word is what is counted: the noun key says it)."""
    return frozenset(
        _place_key(entity.text) for entity in annotations.entities
        if entity.label in PLACE_LABELS and entity.sentence == mention.sentence
        and not mention.start <= entity.start < mention.end)


def _main_place(annotations: Annotations) -> str | None:
    """The place key named most often in the article; None when none is, or two tie."""
    counts = Counter(_place_key(entity.text) for entity in annotations.entities if entity.label in PLACE_LABELS)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _place_key(name: str) -> str:
    return re.sub(r"\W|^the\s", "", name.lower())[:_PLACE_KEY]


def counted_thing(what: str) -> tuple[str | None, str]:
    """(outcome, noun key) of a `what`: "Afghans killed" -> ("killed", "afghan")."""
    words = _WORD.findall(what.lower())
    outcomes = [OUTCOME_FORMS[word] for word in words if word in OUTCOME_FORMS]
    noun = " ".join(singular(word) for word in words if word not in OUTCOME_FORMS and word not in NOT_OF_THE_NOUN)
    return (outcomes[0] if outcomes else None), noun


def singular(word: str) -> str:
    """A crude English singular, enough to match "fighters" with "fighter"."""
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def group_figures(figures: list[Figure]) -> list[list[Figure]]:
    """Figures about the same thing; generic ones join the single specific noun if unambiguous."""
    groups: dict[tuple, list[Figure]] = {}
    for figure in figures:
        noun = "" if figure.noun in GENERIC_NOUNS else figure.noun  # "people", "victims", none: one key
        groups.setdefault((figure.unit, figure.outcome, noun), []).append(figure)
    for key in [key for key in groups if key[2] == ""]:
        unit, outcome, _ = key
        specific = [other for other in groups
                    if other[:2] == (unit, outcome) and other[2] not in GENERIC_NOUNS]
        if len(specific) == 1:
            groups[specific[0]].extend(groups.pop(key))
    return list(groups.values())


def quantity_groups(figures: list[Figure]) -> list[list[Figure]]:
    """Figures that may count one quantity: one unit and outcome, any noun; per noun without an outcome.

    Marks each figure that is a `part`: its article gives the same outcome for another specific noun.
    """
    groups: dict[tuple, list[Figure]] = {}
    for group in group_figures(figures):
        first = group[0]
        key = (first.unit, first.outcome) if first.outcome is not None else (first.unit, None, first.noun)
        groups.setdefault(key, []).extend(group)
    for group in groups.values():
        nouns: dict[str, set[str]] = {}
        for figure in group:
            nouns.setdefault(figure.article.id, set()).add(figure.noun)
        for figure in group:
            figure.part = figure.noun not in GENERIC_NOUNS and len(nouns[figure.article.id] - GENERIC_NOUNS) > 1
    return [sorted(group, key=lambda figure: (figure.order, figure.mention.start)) for group in groups.values()]


def tolerance(value: float, bound: str) -> float:
    """How far the true value may lie from a reported one (see the module rule)."""
    rounding = min(rounding_step(value) / 2, ROUNDING_SHARE * abs(value))
    return max(rounding, ABOUT_SHARE * abs(value)) if bound == "about" else rounding


def rounding_step(value: float) -> float:
    """The place of the last non-zero digit of a whole number: 2000 -> 1000, 170 -> 10, 169 -> 0."""
    if value <= 0 or value != int(value):
        return 0.0
    number, step = int(value), 1
    while number % (step * 10) == 0:
        step *= 10
    return float(step) if step > 1 else 0.0


def render_value(mention: NumberMention, unit: str) -> str:
    """ "at least 169", "about 1,500–2,000", "15%", "USD 1,200,000"."""
    figure = format_figure(mention.value)
    if mention.value_max is not None:
        figure += "–" + format_figure(mention.value_max)
    if unit == "percent":
        figure += "%"
    elif unit.startswith("money:"):
        figure = unit.split(":", 1)[1] + " " + figure
    elif unit != "count":
        figure += " " + unit
    return BOUND_WORDS[mention.bound] + figure


def format_figure(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,.3g}"
