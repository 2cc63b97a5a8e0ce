"""Where sources disagree: figures about the same thing, and dates of the same event.

Same thing: see fuse.figures (one unit and outcome, or one unit and counted noun: quantity_groups).

Same quantity. Sharing a key is not enough: "Blackmore has 20 wives" and
"Oler has 2 wives" count wives of different men, "11 killed" in Dar es Salaam
is not the "224 killed" in Kenya and Tanzania, and a folder holding two events
counts two tolls. Two figures are compared only when nothing says they count
different things (precision first: when the identity is uncertain, no conflict):

* same event: when the articles tell several events (see fuse.events), both
  articles belong to the same one;
* same time: articles published at most SAME_TIME_HOURS apart (a toll that
  rose from one day to the next is an update, not a dispute);
* same scale: the two values within a factor MAX_RATIO (farther apart, one is a
  part of the other or another count: "11" in one city, "224" in all);
* same place: the places the figures' clauses put them in (see
  annotate.figure_context: "wounded 24 *in a Jerusalem market*"; for a figure
  whose parse names none, the GPE/LOC/NORP/FAC entities of its sentence) are
  the same set ("in Nairobi" vs "in Dar es Salaam" never compare). A figure
  without the other's place is taken to mean it when that place is the one its
  article names most (an article told from Port Veldra says "12 killed" of
  Port Veldra). When only one names a place (after that), the sentences with
  their figures blanked must state the same claim at the same-claim
  decision's high-precision point (SAME_CLAIM_THRESHOLD);
* same noun: under one outcome, a generic noun ("24 *people* wounded") meets
  a specific one ("21 *Israelis* wounded": one toll), unless the specific
  one is a part (its article counts another noun with that outcome); two
  different specific nouns ("30 *Kenyan workers*", "45 *Tanzanian workers*")
  never compare;
* same holder: figures of different named holders ("*Blackmore's* 20 wives",
  "*Oler* has 2 wives") never compare; when only one names its holder, the
  blanked sentences must state the same claim at SAME_CLAIM_THRESHOLD. Who
  says the figure ("police said", "hospital officials said") is no part of
  the quantity: that is what a dispute is;
* same claim: figures of an outcome ("killed", "arrested") need nothing more;
  a bare count ("the two men", "27 states") says little of what it counts, so
  its sentences, figures blanked, must state the same claim (SAME_QUANTITY);
* different origins and outlets (a copy that changed a figure is no second
  source; one outlet's two versions of a report on one day tell an update);
* no acknowledgement: an article that also gives the other figure for the same
  quantity tells a change ("earlier police said 32"), not a dispute.

Conflict rule. Each figure stands for an interval of true values:

* exact N:       N ± r, where r is the rounding a reporter may have done
  silently: half the figure's last non-zero place, at most ROUNDING_SHARE of N
  ("2,000" covers 1,900-2,100; "169" is exactly 169);
* about N:       N ± max(r, ABOUT_SHARE·N) ("about 2,000" covers 1,800-2,200);
* range A to B:  [A - r(A), B + r(B)], widened like "about" when approximate;
* at least N:    [N - r, ∞);  at most N: [0, N + r].

Two figures from different articles *contradict* when their intervals do not
overlap (no single true value fits both): "at least 30" vs "45" is no
contradiction; "30" vs "45" is. A one-sided bound and another figure that differ
beyond rounding ("at least 169" vs "more than 180", "at least 12" vs "14")
can both be true, yet the sources report different figures: that is a
*divergence*, reported with kind="divergence". Overlapping ranges and rounded figures are neither.

Dates. Two dated statements from different articles conflict when both dates
are written out (no relative "Wednesday", "last Thursday": they may be two
different Wednesdays), at the same precision (a year against a day says too
little), their clauses share most content words (Jaccard >=
SAME_EVENT_JACCARD, at least MIN_EVENT_WORDS words each), they belong to the
same event, and their dates cannot both hold ("1994" and "1996"), unless the
second article also gives the first date for that event.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from newsfuse.fuse.events import MIN_EVENT_ARTICLES, MIN_EVENT_SHARE
from newsfuse.fuse.figures import GENERIC_NOUNS, Figure, figures_of, quantity_groups, tolerance
from newsfuse.fuse.same_claim import SAME_CLAIM_THRESHOLD, features, missing_both_ways, probabilities
from newsfuse.fuse.timeline import SAME_EVENT_JACCARD, DatedStatement, dated_statements, jaccard
from newsfuse.models import Article, Conflict, ConflictValue, Event, Story

MIN_EVENT_WORDS = 3
MAX_WHAT_WORDS = 12
# Same-claim probability (figures blanked) above which two figures' sentences
# count the same quantity: MRPC's "equivalent" point, looser than fact grouping
# since the figures themselves are expected to differ.
SAME_QUANTITY = 0.5
SAME_TIME_HOURS = 24  # articles farther apart report a count at different times
MAX_RATIO = 2.0  # values farther apart than this factor are different counts


def find_conflicts(story: Story, events: list[Event] | None = None) -> list[Conflict]:
    """Figure conflicts (contradictions first, then divergences), then date conflicts.

    `events` are the events the articles tell (see fuse.events; [] or None for one):
    figures and dates are compared only within one event.
    """
    event_of = _event_of(events or [])
    comparable = _comparable_articles(story, event_of)
    conflicts = []
    for group in quantity_groups(figures_of(story)):
        kind, involved = conflict_kind(group, comparable)
        if kind is not None:
            conflict = figure_conflict(involved, kind, story)
            conflicts.append((kind != "contradiction", first_seen(involved), conflict))
    ordered = [conflict for *_, conflict in sorted(conflicts, key=lambda item: item[:2])]
    return ordered + date_conflicts(story, event_of)


def _event_of(events: list[Event]) -> dict[str, int]:
    """Article id -> rank of its event, for the articles of events large enough to tell one
    (see fuse.events: a lone article the clusterer could not place is no evidence of another event)."""
    needed = max(MIN_EVENT_ARTICLES, MIN_EVENT_SHARE * sum(len(event.articles) for event in events))
    return {article: rank for rank, event in enumerate(events) if len(event.articles) >= needed
            for article in event.articles}


def same_event(first: str, second: str, event_of: dict[str, int]) -> bool:
    """Whether two articles may tell the same event: not both placed in different events."""
    return first not in event_of or second not in event_of or event_of[first] == event_of[second]


def _comparable_articles(story: Story, event_of: dict[str, int]):
    """A test of two article ids: different origins, the same event, published close enough (see the module)."""
    def comparable(first: str, second: str) -> bool:
        if not same_event(first, second, event_of) or story.independent_sources([first, second]) != 2:
            return False
        outlets = {story.by_id[article].outlet for article in (first, second)}
        if len(outlets) == 1 and None not in outlets:
            return False  # one outlet's two versions of a report: an update, not a dispute
        times = [_published(story.by_id[article]) for article in (first, second)]
        return None in times or abs((times[0] - times[1]).total_seconds()) <= SAME_TIME_HOURS * 3600

    return comparable


def _published(article: Article) -> datetime | None:
    try:
        published = datetime.fromisoformat(article.published or "")
    except ValueError:
        return None
    return published.replace(tzinfo=None)


def same_quantity(first: Figure, second: Figure) -> bool:
    """Whether the two figures may count the same thing (see the module: scale, place, holder, claim).

    Scale only when either sentence is unknown (figures built outside a story's annotations).
    """
    low, high = sorted([abs(first.central), abs(second.central)])
    if high > MAX_RATIO * low:
        return False
    if first.context is None or second.context is None or first.vector is None or second.vector is None:
        return True
    first_places, second_places = first.places_beside(second), second.places_beside(first)
    if missing_both_ways(first_places, second_places) or missing_both_ways(first.holders, second.holders) \
            or len({first.noun, second.noun} - GENERIC_NOUNS) > 1 or (first.noun != second.noun and (first.part or second.part)):
        return False
    doubtful = first_places != second_places or first.holders != second.holders
    if first.outcome is not None and not doubtful:
        return True  # one outcome, one place, one event and day: "at least 12 killed", "the toll rose to 14"
    row = features(first.context, second.context, first.vector, second.vector)
    return float(probabilities(row[None, :])[0]) >= (SAME_CLAIM_THRESHOLD if doubtful else SAME_QUANTITY)


def contradict(first: Figure, second: Figure) -> bool:
    return first.high < second.low or second.high < first.low


def diverge(first: Figure, second: Figure) -> bool:
    """Compatible figures, one of them a one-sided bound, that differ beyond rounding.

    "at least 12 killed" and "14 died" can both be true, yet the sources report
    different tolls: a reader should see both.
    """
    if {first.mention.bound, second.mention.bound}.isdisjoint({"at-least", "at-most"}):
        return False
    a, b = first.mention.value, second.mention.value
    return abs(a - b) > tolerance(a, "exact") + tolerance(b, "exact")


def conflict_kind(group: list[Figure], comparable) -> tuple[str | None, list[Figure]]:
    """"contradiction", "divergence" or None, over pairs of figures whose articles are
    `comparable` (a test of two article ids) that count the same quantity (see
    same_quantity), with the figures of the disagreeing pairs and the figures
    counting the same quantity as one of them, in group order (or [])."""
    pairs = [(a, b) for i, a in enumerate(group) for b in group[i + 1:]
             if comparable(a.article.id, b.article.id) and same_quantity(a, b)]
    for kind, test in (("contradiction", contradict), ("divergence", diverge)):
        disagreeing = {id(figure): figure for a, b in pairs if test(a, b)
                       and not _acknowledged(a, b, group) and not _acknowledged(b, a, group)
                       for figure in (a, b)}
        if disagreeing:  # with the figures that agree with one side
            return kind, [figure for figure in group if id(figure) in disagreeing
                          or any(same_quantity(figure, other) for other in disagreeing.values())]
    return None, []


def _acknowledged(figure: Figure, rival: Figure, group: list[Figure]) -> bool:
    """Whether `rival`'s article also gives a figure matching `figure` for the same quantity:
    it reports both ("earlier police said 32 ... by evening 36"), a change rather than a dispute."""
    return any(other.article.id == rival.article.id and other is not rival and not contradict(other, figure)
               and not diverge(other, figure) and same_quantity(other, rival) for other in group)


def figure_conflict(group: list[Figure], kind: str, story: Story) -> Conflict:
    values = conflict_values(
        (figure.rendered, story.evidence(figure.article.id, figure.mention.start, figure.mention.end))
        for figure in group)
    return Conflict(what=group_name(group), values=values, kind=kind)


def conflict_values(reports) -> list[ConflictValue]:
    """(value text, evidence) pairs gathered per distinct value, in first-seen order."""
    values: dict[str, ConflictValue] = {}
    for rendered, evidence in reports:
        value = values.setdefault(rendered, ConflictValue(value=rendered, articles=[]))
        if evidence.article not in value.articles:
            value.articles.append(evidence.article)
        value.evidence.append(evidence)
    return list(values.values())


def group_name(group: list[Figure]) -> str:
    """The most frequent `what` in the group, the longest on ties."""
    counts = Counter(figure.mention.what for figure in group)
    return max(counts, key=lambda what: (counts[what], len(what)))


def first_seen(group: list[Figure]) -> tuple[int, int]:
    return min((figure.order, figure.mention.start) for figure in group)


# ------------------------------------------------------------------- dates


def date_conflicts(story: Story, event_of: dict[str, int] | None = None) -> list[Conflict]:
    """Events given incompatible dates by different articles (see the module rule);
    `event_of` maps article ids to their event when the articles tell several."""
    event_of = event_of or {}
    statements = [s for s in dated_statements(story)
                  if len(s.words) >= MIN_EVENT_WORDS and not s.mention.relative]
    conflicts = []
    claimed: set[int] = set()
    for i, first in enumerate(statements):
        if i in claimed:
            continue
        rivals = [j for j, other in enumerate(statements) if j != i and j not in claimed
                  and same_event(first.article.id, other.article.id, event_of)
                  and disagree_on_date(first, other, statements)]
        if rivals:
            claimed.update([i, *rivals])
            conflicts.append(date_conflict([first] + [statements[j] for j in rivals], story))
    return conflicts


def disagree_on_date(first: DatedStatement, other: DatedStatement, statements: list[DatedStatement]) -> bool:
    """Same event, different articles, dates that cannot both hold, and `other`'s article
    does not also give `first`'s date for this event."""
    if other.article.id == first.article.id or first.mention.precision != other.mention.precision \
            or compatible_dates(first.mention.date, other.mention.date):
        return False
    if not same_event_words(first, other):
        return False
    return not any(s.article.id == other.article.id and compatible_dates(s.mention.date, first.mention.date)
                   and same_event_words(first, s) for s in statements)


def same_event_words(first: DatedStatement, second: DatedStatement) -> bool:
    return jaccard(first.words, second.words) >= SAME_EVENT_JACCARD


def compatible_dates(first: str, second: str) -> bool:
    """True when one date contains the other ("2021" and "2021-08-26")."""
    return first.startswith(second) or second.startswith(first)


def date_conflict(group: list[DatedStatement], story: Story) -> Conflict:
    values = conflict_values((statement.mention.date, story.evidence(statement.article.id, *statement.span))
                             for statement in group)
    words = group[0].text.split()
    what = "date: " + " ".join(words[:MAX_WHAT_WORDS]) + ("…" if len(words) > MAX_WHAT_WORDS else "")
    return Conflict(what=what, values=values, kind="contradiction")
