"""Facts: statements that several articles make, grouped across articles.

Two sentences from different articles state the same fact when their MiniLM
vectors are close once the story's common topic is taken out of them (every
sentence of a story about one event is "about" that event, so raw cosines are
all high) and they share content words, numbers or named entities.
Sentences are grouped with average-link clustering on that combined score,
so a fact is a set of variants (one or more per article) with evidence spans
in each. That clustering only proposes: every pair inside a fact must also be
the same claim at the same-claim decision's high-precision operating point
(SAME_CLAIM_THRESHOLD, precision 93 on MRPC train), or, for a pair the story's
similarity already puts very close (CLOSE_PAIR), at SAME_CLAIM_IN_GROUP: two
facts apart beat a wrong merge, since a fact's independent sources are only as
true as its grouping. Two sentences whose figures about the same thing differ ("12
killed" vs "14 died") are never one fact. A sentence that states two facts
("divers searched ... after the span collapsed") supports both: after the
grouping it also joins any other statement it matches. A statement made by
one article only becomes a fact when it carries a key number or a dated event
involving a named actor. Lines that state nothing (datelines such as
"PORT VELDRA (MPA) -", bylines) are left out.

Everything here is pure: it reads the :class:`Story` and its annotations and
never loads a model.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.cluster import AgglomerativeClustering

from newsfuse.fuse.conflicts import contradict, diverge
from newsfuse.fuse.figures import Figure, figures_of, group_figures
from newsfuse.fuse.same_claim import SAME_CLAIM_THRESHOLD, Statement, pair_probabilities, score_groups
from newsfuse.models import Annotations, Article, DateMention, Fact, Sentence, Story
from newsfuse.text import clarity, content_words, is_statement, overlap, unresolved_pronoun

# Combined similarity at which two sentences state the same fact: 0.6 x cosine
# of topic-removed vectors + 0.4 x content-word overlap + small bonuses for
# shared numbers/entities. Set by reading pairs on the Kabul story and NeuS
# val: rewrites of one report score 0.42-0.8, same-topic-but-different-claim
# pairs 0.25-0.4.
SAME_FACT = 0.42
COSINE_WEIGHT = 0.6
LEXICAL_WEIGHT = 0.4
SHARED_NUMBER_BONUS = 0.06
SHARED_ENTITY_BONUS = 0.04  # per shared distinctive entity, at most two count
# An entity named in more than this share of the story's sentences (at least
# three) is the story's topic ("Taliban" in a Taliban story), not a clue.
DISTINCTIVE_SHARE = 0.1
# The topic removed is the mean sentence vector shrunk by n / (n + TOPIC_PRIOR):
# a story of few sentences gives a poor estimate of its topic.
TOPIC_PRIOR = 10
# A sentence only joins another statement's group when it holds at least this
# share of the content words of each member (a paraphrase keeps about half:
# "central span gave way" vs "middle section collapsed").
MIN_JOIN_CONTAINMENT = 0.4
# A pair whose combined similarity (above) reaches CLOSE_PAIR is one claim from
# same-claim probability SAME_CLAIM_IN_GROUP on (two independent signals agree:
# a rewrite that adds a clause, p 0.6-0.8); any other pair needs
# SAME_CLAIM_THRESHOLD. On DUC 2003 dev clusters D30005/D31001, the pairs of
# different claims that the clustering proposes score combined 0.43-0.63 with p 0.5-0.75.
CLOSE_PAIR = 0.65
SAME_CLAIM_IN_GROUP = 0.6
EVENT_DAYS = 7  # a dated statement this close to publication says when the event happened

# Entity labels that name actors ("who did what").
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT"}

@dataclass
class Unit:
    """One sentence of one article, with what the fact grouping compares."""

    article: str
    index: int  # sentence index in the article
    sentence: Sentence
    vector: np.ndarray
    relative_position: float  # 0 = first sentence of the article, 1 = last
    numbers: set[float] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    has_event_date: bool = False  # names a day close to publication: when it happened
    has_background_date: bool = False  # names a period that ended well before publication ("since 2018")
    names_person: bool = False
    figures: list[tuple[int, Figure]] = field(default_factory=list)  # (figure group id, figure)

    @property
    def unresolved(self) -> bool:
        """Opens with a pronoun or quotes a speaker known only as "he"/"she" (see unresolved_pronoun)."""
        return unresolved_pronoun(self.sentence.text, self.names_person)

    @cached_property
    def words(self) -> set[str]:
        return content_words(self.sentence.text)

    @cached_property
    def statement(self) -> Statement:
        return Statement(self.sentence.text)


def sentence_units(story: Story) -> list[Unit]:
    """Every sentence of every article that states something (see is_statement), in article then text order."""
    figures = _figures_by_article(story)
    latest = max(filter(None, (_published(article) for article in story.articles)), default=None)
    units = []
    for article in story.articles:
        annotations = story.annotations[article.id]
        reference = _published(article) or latest
        vectors = _vectors(annotations)
        count = len(annotations.sentences)
        for index, sentence in enumerate(annotations.sentences):
            if not is_statement(sentence.text):
                continue
            units.append(Unit(
                article=article.id, index=index, sentence=sentence, vector=vectors[index],
                relative_position=index / max(count - 1, 1),
                numbers={number.value for number in annotations.numbers if _inside(number, sentence)},
                entities={_entity_key(entity.text) for entity in annotations.entities
                          if entity.label in ACTOR_LABELS and _inside(entity, sentence)},
                has_event_date=any(_inside(date, sentence) and is_event_date(date, article)
                                   for date in annotations.dates),
                has_background_date=any(_inside(date, sentence) and is_background_date(date, reference)
                                        for date in annotations.dates),
                names_person=any(entity.label == "PERSON" and _inside(entity, sentence)
                                 for entity in annotations.entities),
                figures=[(group, figure) for group, figure in figures[article.id]
                         if _inside(figure.mention, sentence)],
            ))
    return units


def _figures_by_article(story: Story) -> dict[str, list[tuple[int, Figure]]]:
    """Article id -> its countable figures, each with the id of the group of figures about the same thing."""
    by_article: dict[str, list[tuple[int, Figure]]] = {article.id: [] for article in story.articles}
    for group_id, group in enumerate(group_figures(figures_of(story))):
        for figure in group:
            by_article[figure.article.id].append((group_id, figure))
    return by_article


def figures_differ(left: Unit, right: Unit) -> bool:
    """Whether the two sentences give different figures for the same thing ("at least 12" vs "14")."""
    return any(group == other_group and (contradict(figure, other) or diverge(figure, other))
               for group, figure in left.figures for other_group, other in right.figures)


def _published(article: Article) -> date | None:
    try:
        return date.fromisoformat(article.published or "")
    except ValueError:
        return None


def is_background_date(mention: DateMention, reference: date | None) -> bool:
    """A period that ended more than EVENT_DAYS before `reference` (a publication date): "in 2014"."""
    end = _period_end(mention.date)
    return reference is not None and end is not None and (reference - end).days > EVENT_DAYS


def _period_end(iso: str) -> date | None:
    """The last day of "YYYY", "YYYY-MM" or "YYYY-MM-DD"; None when it is not a date."""
    try:
        parts = [int(part) for part in iso.split("-")]
        if len(parts) == 1:
            return date(parts[0], 12, 31)
        if len(parts) == 2:
            return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        return date(*parts[:3])
    except (ValueError, TypeError):
        return None


def is_event_date(mention: DateMention, article: Article) -> bool:
    """A day within EVENT_DAYS of publication ("on Thursday"), not background ("in 2014").

    Without a publication date only relative expressions count.
    """
    published = _published(article)
    if published is None:
        return mention.relative
    if mention.precision != "day":
        return False
    try:
        return abs((date.fromisoformat(mention.date) - published).days) <= EVENT_DAYS
    except ValueError:
        return False


def _inside(mention, sentence: Sentence) -> bool:
    return sentence.start <= mention.start < sentence.end


def _vectors(annotations: Annotations) -> np.ndarray:
    vectors = annotations.vectors
    if vectors is None or len(vectors) != len(annotations.sentences):
        raise ValueError(
            f"article {annotations.article!r} has no sentence vectors aligned with its "
            "sentences: run annotate() on it before fusing the story"
        )
    return np.asarray(vectors, dtype=np.float32)


def _entity_key(name: str) -> str:
    """"The Center for X's" and "Center for X" -> "centerforx": one key per spelling variant."""
    name = re.sub(r"^(?:the|a|an)\s+", "", name.strip().lower())
    return re.sub(r"\W", "", re.sub(r"['’]s$", "", name))


def distinctive_entities(units: list[Unit]) -> set[str]:
    """Entity keys named in few sentences of the story (see DISTINCTIVE_SHARE)."""
    counts = Counter(entity for unit in units for entity in unit.entities)
    limit = max(3, DISTINCTIVE_SHARE * len(units))
    return {entity for entity, count in counts.items() if count <= limit}


def topic_removed(vectors: np.ndarray) -> np.ndarray:
    """Sentence vectors minus the story's (shrunk) mean vector, L2-normalised, same shape."""
    shrink = len(vectors) / (len(vectors) + TOPIC_PRIOR)
    residuals = vectors - shrink * vectors.mean(axis=0)
    norms = np.linalg.norm(residuals, axis=1, keepdims=True)
    return residuals / np.where(norms > 0, norms, 1.0)


def similarity_matrix(units: list[Unit], containment: bool = False) -> np.ndarray:
    """Pairwise combined same-statement scores, about 0..1, shape (n, n).

    The word part is the Dice overlap of the two sentences' content words, or
    with `containment` the share of column sentence j's words found in row
    sentence i (does i state j within more words? not symmetric), and then
    each shared number (up to two) adds its bonus.

    Sentences of the same article, and sentences whose figures about the same
    thing differ, score -1: they are never one fact.
    """
    residuals = topic_removed(np.stack([unit.vector for unit in units]))
    distinctive = distinctive_entities(units)
    scores = (
        COSINE_WEIGHT * (residuals @ residuals.T)
        + LEXICAL_WEIGHT * _word_overlap_matrix([unit.words for unit in units], containment)
        + SHARED_NUMBER_BONUS * np.minimum(_shared_counts([unit.numbers for unit in units]),
                                           2 if containment else 1)
        + SHARED_ENTITY_BONUS * np.minimum(
            _shared_counts([unit.entities & distinctive for unit in units]), 2)
    )
    articles = np.array([unit.article for unit in units])
    scores[articles[:, None] == articles[None, :]] = -1.0
    with_figures = [index for index, unit in enumerate(units) if unit.figures]
    for position, left in enumerate(with_figures):
        for right in with_figures[position + 1:]:
            if figures_differ(units[left], units[right]):
                scores[left, right] = scores[right, left] = -1.0
    np.fill_diagonal(scores, 1.0)
    return scores


def _incidence(sets: list[set]) -> csr_matrix:
    """Binary (n_sets, n_distinct_items) matrix of which set holds which item."""
    columns: dict = {}
    rows, cols = [], []
    for row, items in enumerate(sets):
        for item in items:
            rows.append(row)
            cols.append(columns.setdefault(item, len(columns)))
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sets), max(len(columns), 1)))


def _shared_counts(sets: list[set]) -> np.ndarray:
    """(n, n) number of items each pair of sets has in common."""
    incidence = _incidence(sets)
    return (incidence @ incidence.T).toarray()


def _word_overlap_matrix(sets: list[set], containment: bool) -> np.ndarray:
    """(n, n) Dice coefficient of every pair of sets, or with `containment` shared / size of set j.

    0 when either set is empty.
    """
    sizes = np.array([len(items) for items in sets], dtype=float)
    if containment:
        totals = np.broadcast_to(sizes[None, :], (len(sets), len(sets)))
        return np.divide(_shared_counts(sets), totals, out=np.zeros_like(totals), where=totals > 0)
    totals = sizes[:, None] + sizes[None, :]
    return np.divide(2 * _shared_counts(sets), totals, out=np.zeros_like(totals), where=totals > 0)


def group_units(units: list[Unit], threshold: float = SAME_FACT) -> list[tuple[list[int], list[int]]]:
    """Indices of `units` grouped into statements: (members, joined) per statement.

    Members come from average-link clustering on the combined score; each
    unit is a member of exactly one group. `joined` are units of other
    articles that also state it within a longer sentence (see _join_matching).
    """
    if len(units) < 2:
        return [([index], []) for index in range(len(units))]
    scores = similarity_matrix(units)
    join_scores = np.where(
        _word_overlap_matrix([unit.words for unit in units], containment=True) >= MIN_JOIN_CONTAINMENT,
        similarity_matrix(units, containment=True), -1.0)
    labels = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average",
        distance_threshold=1.0 - threshold,
    ).fit_predict(np.clip(1.0 - scores, 0.0, 2.0))
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    statements = []
    for members in groups.values():
        for claim in _same_claims(members, units, scores):
            joined = [index for index in _join_matching(claim, units, join_scores, threshold)
                      if _same_claim_as_all(index, claim, units, scores)]
            statements.append((claim, joined))
    return statements


def claim_scores(indices: list[int], units: list[Unit], similarity: np.ndarray) -> np.ndarray:
    """(n, n) same-claim probabilities of the units at `indices`, raised to SAME_CLAIM_THRESHOLD
    where the pair is close (`similarity`, see similarity_matrix, >= CLOSE_PAIR) and p >= SAME_CLAIM_IN_GROUP."""
    scores = pair_probabilities([units[index].statement for index in indices],
                                np.stack([units[index].vector for index in indices]))
    close = similarity[np.ix_(indices, indices)] >= CLOSE_PAIR
    return np.where(close & (scores >= SAME_CLAIM_IN_GROUP), np.maximum(scores, SAME_CLAIM_THRESHOLD), scores)


def _same_claims(members: list[int], units: list[Unit], similarity: np.ndarray) -> list[list[int]]:
    """`members` (a group of close sentences) split so that every pair is one claim (see claim_scores);
    two sentences of one article never share a group."""
    if len(members) < 2:
        return [members]
    articles = np.array([units[index].article for index in members])
    apart = (articles[:, None] == articles[None, :]) & ~np.eye(len(members), dtype=bool)
    scores = np.where(apart, 0.0, claim_scores(members, units, similarity))
    return [[members[position] for position in group] for group in score_groups(scores, SAME_CLAIM_THRESHOLD)]


def _same_claim_as_all(candidate: int, members: list[int], units: list[Unit], similarity: np.ndarray) -> bool:
    """Whether the sentence `candidate` states the same claim as each of `members` (see claim_scores)."""
    scores = claim_scores([candidate, *members], units, similarity)
    return bool((scores[0, 1:] >= SAME_CLAIM_THRESHOLD).all())


def _join_matching(members: list[int], units: list[Unit], scores: np.ndarray, threshold: float) -> list[int]:
    """For each article not among `members`, its unit that matches every member, if any.

    `scores` are containment scores (similarity_matrix(..., containment=True),
    row = candidate, column = member): a longer sentence that also states the
    group's statement matches; a shorter one that only touches it does not. A unit
    joins when its lowest score to the members reaches `threshold` (stricter
    than the average link of the clustering, as it stays a member of its own group).
    """
    present = {units[index].article for index in members}
    lowest = scores[:, members].min(axis=1)
    best: dict[str, tuple[float, int]] = {}
    for index in np.flatnonzero(lowest >= threshold):  # few: most units match nothing
        unit, score = units[index], float(lowest[index])
        if unit.article not in present and score > best.get(unit.article, (-np.inf, -1))[0]:
            best[unit.article] = (score, int(index))
    return sorted(index for _, index in best.values())


def clearest(group: list[Unit]) -> Unit:
    """The variant to show: plain wording that shares most words with the other variants.

    Outlet-specific spin rarely survives in the others' wording, so agreement
    with the other variants favours the neutral one.
    """
    def merit(unit: Unit) -> float:
        others = [other for other in group if other is not unit]
        agreement = np.mean([overlap(unit.words, other.words) for other in others]) if others else 0.0
        return clarity(unit.sentence.text) + 0.5 * float(agreement) - 0.5 * unit.unresolved

    return max(group, key=lambda unit: (merit(unit), -unit.relative_position))


def matters_alone(unit: Unit) -> bool:
    """A one-article statement worth keeping: a key number, or a named actor's act on the event's day."""
    if clarity(unit.sentence.text) < 0.6:
        return False
    return bool(unit.numbers) or (unit.has_event_date and bool(unit.entities))


def find_facts(story: Story, threshold: float = SAME_FACT) -> list[Fact]:
    """Statements of the story, each with its supporting articles and evidence spans.

    Facts made by several articles come first (more independent sources
    first, then more articles), then one-article facts; ties keep the order
    in which the statement first appears (relative position in its article,
    then article order). Ids are "f1", "f2"... in that order.
    """
    units = sentence_units(story)
    order = {article.id: rank for rank, article in enumerate(story.articles)}
    facts = []
    seen: set[frozenset[int]] = set()
    for members, joined in group_units(units, threshold):
        if frozenset(members + joined) in seen:
            continue  # two sentences that each joined the other's group: one fact, not two
        seen.add(frozenset(members + joined))
        core = [units[index] for index in members]
        group = core + [units[index] for index in joined]
        articles = sorted({unit.article for unit in group}, key=order.__getitem__)
        if len(articles) == 1 and not any(matters_alone(unit) for unit in group):
            continue
        group.sort(key=lambda unit: (order[unit.article], unit.index))
        first = min(group, key=lambda unit: (unit.relative_position, order[unit.article]))
        facts.append((
            (-story.independent_sources(articles), -len(articles),
             first.relative_position, order[first.article], first.index),
            _fact(story, clearest(core), group, articles),
        ))
    facts.sort(key=lambda item: item[0])
    return [fact.model_copy(update={"id": f"f{rank}"}) for rank, (_, fact) in enumerate(facts, 1)]


def _fact(story: Story, shown: Unit, group: list[Unit], articles: list[str]) -> Fact:
    """The fact worded as `shown`, with one evidence span per unit of `group`."""
    return Fact(
        id="", text=shown.sentence.text.strip(), articles=articles,
        independent_sources=story.independent_sources(articles),
        evidence=[_evidence(story, unit) for unit in group],
    )


def _evidence(story: Story, unit: Unit):
    return story.evidence(unit.article, unit.sentence.start, unit.sentence.end)
