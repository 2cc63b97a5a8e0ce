"""The cited summary: a few sentences, each naming every article that supports it.

Candidates are the facts (statements several articles make, with their
variants) and every other sentence of the story (one article each), lightly
compressed (fuse/compress.py: no dateline, leading connective or bracketed
aside). Each is scored on independent support, concreteness (numbers, dates),
centrality (closeness to the story's centroid with each origin weighted
equally), lead position, coverage of the story's main actors, plain wording,
a count of what happened to people ("13 killed", "30 arrested": the toll is
what a reader asks first, yet an analysis-heavy story's centroid sits far
from it) and recency; sentences are then picked by maximal marginal relevance so
nothing is said twice: neither a close vector or wording, nor the same claim
in other words (fuse/same_claim.py), nor a line whose words mostly sit in
a close line already picked, nor the same event of the same subject told
again (fuse/parsed.py: "Jackson was arrested ..." after "Vincent Jackson was
arrested ..."). A line refused leaves its place to the next best. Under a word cap a statement may also end before its
trailing clause, so the budget ends on the main clause of an important
statement rather than on a weak short one. The statement that best says what
happened, where and when (fuse/opening.py) has a reserved place and opens
the summary; its bare weekday gets its date in words, the words for it
reserved before the other lines are picked. The other picked sentences are ordered
as a story reads: what most independent sources agree on first, then what
several report, then what one reports; within each of these, statements
that say what happened (the event's day, or its toll) before views of it,
then by where the statement appears in its article (news leads with what
happened); statements dated well before the story ("since 2018") come last,
as background. A name introduced by an earlier sentence loses its appositive.
A sentence that cannot be read without its article is never picked: its
speaker known only as "he" ('"...," he said.') or a "he" before any named
person (unless fuse/references.py can put the name in), a fragment, a
question or teaser, first- or second-person narration, a phrase pointing
back ("That includes ...", "jailed for that crime", "hours earlier"), a
non-answer ("declined to comment"), a line the parser reads as no statement
(an imperative, no finite verb, a heading glued to a sentence, "then" of a
step before it; fuse/parsed.py); nor is one holding a description of a
person or body ("The team", "the former president") no earlier line
introduced, unless the articles make certain whom it describes
(fuse/descriptions.py: then the name is put in).

One-source statements. When the summary contrasts them with statements
several independent sources make, a statement only one origin reports is
marked as that outlet's claim (fuse/one_source.py); when no picked
statement has several sources (every outlet tells its own story) there is
nothing to contrast with and no marker is added. A line cites the articles
that state its claim: of its fact group, only those whose own sentence the
same-claim model puts with the line at its high-precision point (see
_supporting); the group's reach still ranks the line (relevance.Candidate.reach).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from newsfuse.fuse.compress import clause_cuts, drop_appositives, tidy
from newsfuse.fuse.facts import clearest
from newsfuse.fuse.descriptions import Descriptions
from newsfuse.fuse.one_source import MARKER, Echoes, marked, name_words
from newsfuse.fuse.parsed import is_statement
from newsfuse.fuse.opening import best_opening, dated_opening, opening_first
from newsfuse.fuse.references import full_names, in_full, lifted
from newsfuse.fuse.repeats import repeats, told_before
from newsfuse.fuse.relevance import Candidate, score_candidates
from newsfuse.fuse.same_claim import SAME_CLAIM_THRESHOLD, Statement, claim_probabilities, values_disagree
from newsfuse.fuse.sentence_units import Unit, figures_differ, sentence_units
from newsfuse.models import Fact, Story, SummarySentence
from newsfuse.text import content_words

MMR_LAMBDA = 0.7  # relevance vs. novelty
CUT_COST = 0.1  # relevance lost by a statement cut before its trailing clauses, per share of words cut


def summarize(story: Story, facts: list[Fact], *, max_sentences: int = 7,
              max_words: int | None = None, mark_single_source: bool = True) -> list[SummarySentence]:
    """A summary of `story` built from `facts` and the articles' own sentences.

    `max_sentences` caps the number of sentences; `max_words`, when given,
    caps the total word count (whitespace words, markers included), except
    that one sentence is always kept; under a word cap a statement may end
    before its trailing clause (", signaling ...") to fit. Each sentence cites every article
    that supports it; one-source statements are marked as the module says
    unless `mark_single_source` is False (the caller then shows support
    otherwise, e.g. from `independent_sources`).
    """
    units = sentence_units(story)
    if not units:
        return []
    candidates = _candidates(story, facts, units)
    score_candidates(story, candidates, units)
    if max_words is not None:
        candidates += _shortened(candidates)
    wording = _Wording(names=_entity_names(story), people=full_names(story), descriptions=Descriptions(story))
    texts = {id(candidate): candidate.text for candidate in candidates}
    picked = _pick(candidates, texts, wording, max_sentences, max_words)
    if mark_single_source and any(candidate.reach > 1 for candidate in picked):
        capitalised, echoed = name_words(story), Echoes(story, units)
        texts = {id(candidate): marked(story, candidate, capitalised, echoed) for candidate in candidates}
        picked = _pick(candidates, texts, wording, max_sentences, max_words)
    shown = _shown(picked, texts, wording)
    if shown and max_words is not None:  # the opening's date in words comes before the last words of the budget
        added = len(dated_opening(story, shown, None).split()) - len(shown[0][1].split())
        if added and sum(len(text.split()) for _, text in shown) + added > max_words:
            shown = _shown(_pick(candidates, texts, wording, max_sentences, max_words - added), texts, wording)
    if shown:
        shown[0] = (shown[0][0], dated_opening(story, shown, max_words))
    return [SummarySentence(text=text, citations=candidate.articles,
                            independent_sources=candidate.independent_sources)
            for candidate, text in shown]


# ------------------------------------------------------------------ candidates


def _candidates(story: Story, facts: list[Fact], units: list[Unit]) -> list[Candidate]:
    """One candidate per fact, plus one per sentence that no multi-article fact covers."""
    rank = {article.id: index for index, article in enumerate(story.articles)}
    by_span = {(unit.article, unit.sentence.start): unit for unit in units}
    covered: set[tuple[str, int]] = set()
    candidates = []
    readable = {id(unit): lifted(story, unit) for unit in units}
    for fact in facts:
        variants = [unit for evidence in fact.evidence
                    if (unit := _unit_at(units, by_span, evidence.article, evidence.start))]
        if not variants:
            continue
        covered.update((unit.article, unit.sentence.start) for unit in variants)
        shown = _shown_variant(variants, fact.text, readable)
        if shown is not None:
            supporting = _supporting(shown, readable[id(shown)], variants, fact.articles)
            claimed = [unit for unit in variants if unit.article in supporting]
            candidates.append(replace(_candidate(shown, readable[id(shown)], claimed, supporting,
                                                 story.independent_sources(supporting), rank),
                                      breadth=fact.independent_sources))
    seen_texts = {candidate.text for candidate in candidates}
    for unit in units:
        text = readable[id(unit)]
        if (unit.article, unit.sentence.start) in covered or text is None or text in seen_texts:
            continue
        seen_texts.add(text)
        candidates.append(_candidate(unit, text, [unit], [unit.article], 1, rank))
    return candidates


def _shown_variant(variants: list[Unit], fact_text: str, readable: dict[int, str | None]) -> Unit | None:
    """The variant worded as the fact, else the clearest; None when no variant reads well alone (see lifted)."""
    named = [unit for unit in variants if readable.get(id(unit))]
    if not named:
        return None
    return next((unit for unit in named if unit.sentence.text.strip() == fact_text), clearest(named))


def _supporting(shown: Unit, text: str, variants: list[Unit], articles: list[str]) -> list[str]:
    """The articles among `articles` (a fact's, in its order) whose variant states the claim `shown` states.

    A fact group may hold related sentences that do not all say the same
    thing (it is built at MRPC's "equivalent" point), and a line must cite
    only the articles that say what it says: a variant counts when the
    same-claim model (fuse/same_claim.py) puts it with `text` (the line as
    shown) at its high-precision point, SAME_CLAIM_THRESHOLD, and neither it
    nor the figures read by the annotator give a different value (see
    values_disagree, figures_differ). Datelines and asides are tidied off the
    variant first, as they are off the line.
    """
    others = [unit for unit in variants if unit.article != shown.article]
    line = Statement(text)
    said = [Statement(tidy(unit.sentence.text)) for unit in others]
    scores = claim_probabilities(line, shown.vector, said, [unit.vector for unit in others])
    agreeing = {shown.article} | {
        unit.article for unit, statement, score in zip(others, said, scores)
        if score >= SAME_CLAIM_THRESHOLD and not values_disagree(line, statement)
        and not figures_differ(unit, shown)}
    return [article for article in articles if article in agreeing]


def _shortened(candidates: list[Candidate]) -> list[Candidate]:
    """Each candidate cut before its trailing clauses (see clause_cuts), a little less relevant than whole.

    They let the word budget end on the main clause of a long statement
    rather than on a weaker short one; a cut and its whole sentence never
    both enter, as they repeat each other.
    """
    shortened = []
    for candidate in candidates:
        length = len(candidate.text.split())
        for cut in clause_cuts(candidate.text):
            cut_share = 1 - len(cut.split()) / length
            shortened.append(replace(candidate, text=cut, words=content_words(cut),
                                     relevance=candidate.relevance - CUT_COST * cut_share))
    return shortened


def _unit_at(units: list[Unit], by_span: dict, article: str, offset: int) -> Unit | None:
    """The sentence of `article` that holds character `offset`."""
    unit = by_span.get((article, offset))
    if unit is not None:
        return unit
    return next((unit for unit in units if unit.article == article
                 and unit.sentence.start <= offset < unit.sentence.end), None)


def _candidate(best: Unit, text: str, variants: list[Unit], articles: list[str], sources: int,
               rank: dict) -> Candidate:
    """A candidate worded as `text` (the sentence `best` lifted), standing for all of `variants`."""
    vector = np.mean([unit.vector for unit in variants], axis=0)
    vector = vector / (np.linalg.norm(vector) or 1.0)
    event_dated = any(unit.has_event_date for unit in variants)
    background = not event_dated and any(unit.has_background_date for unit in variants)
    return Candidate(
        text=text, articles=articles, independent_sources=sources, unit=best,
        vector=vector, position=min(unit.relative_position for unit in variants),
        article_rank=min(rank[article] for article in articles), words=best.words,
        concrete=0.5 * any(unit.numbers for unit in variants) + 0.5 * event_dated,
        background=background,
        outcome=not background and any(figure.outcome for unit in variants for _, figure in unit.figures),
        event_dated=event_dated,
    )


# ------------------------------------------------------------------- selection


@dataclass(frozen=True)
class _Wording:
    """What the summary's lines are rewritten with as they are shown (see _shown)."""

    names: set[str]  # the story's names as written (see _entity_names)
    people: dict[str, str | None]  # surname -> full name (see references.full_names)
    descriptions: Descriptions  # the opening definite descriptions' check (see fuse/descriptions.py)


def _pick(candidates: list[Candidate], texts: dict[int, str], wording: _Wording,
          max_sentences: int, max_words: int | None) -> list[Candidate]:
    """Maximal marginal relevance under the sentence and word caps; repeats never enter.

    `texts` holds each candidate's text as shown (markers included), keyed by
    id(). Words are counted as the summary shows them (see _shown), so an
    aside dropped from a later sentence leaves room for one more. A
    candidate that would leave a line of the summary opening with a
    description nothing before it introduced (see fuse/descriptions.py) is
    never picked, nor opens it.
    """
    length = {key: len(text.split()) for key, text in texts.items()}
    lead = _lead(candidates, texts, wording)
    picked = [lead] if lead is not None and (max_words is None or length[id(lead)] <= max_words) else []
    words_used = sum(length[id(candidate)] for candidate in picked)
    remaining = sorted((candidate for candidate in candidates if not any(candidate is line for line in picked)),
                       key=lambda candidate: -candidate.relevance)
    while remaining and len(picked) < max_sentences:
        remaining = [candidate for candidate in remaining if not repeats(candidate, picked)]
        fitting = [candidate for candidate in remaining
                   if max_words is None or words_used + length[id(candidate)] <= max_words]
        if not fitting and not picked:
            fitting = remaining  # nothing fits: the summary still says something
        if not fitting:
            break
        best = max(fitting, key=lambda candidate: _marginal(candidate, picked))
        remaining.remove(best)
        if not is_statement(best.text) or told_before(best, picked):
            continue
        shown = _shown([*picked, best], texts, wording)
        if len(shown) <= len(picked):
            continue  # a line would dangle
        picked.append(best)
        words_used = sum(len(text.split()) for _, text in shown)
    return picked


def _lead(candidates: list[Candidate], texts: dict[int, str], wording: _Wording) -> Candidate | None:
    """The opening statement (see best_opening) among the candidates that read alone as the first line:
    a statement (see parsed.is_statement) with no description nothing introduced. Read lazily, best
    first: the parse is what costs."""
    pool = list(candidates)
    while (lead := best_opening(pool)) is not None:
        if is_statement(lead.text) and wording.descriptions.shown(_unmarked(texts[id(lead)]), []) is not None:
            return lead
        pool = [candidate for candidate in pool if candidate is not lead]
    return None


def _shown(picked: list[Candidate], texts: dict[int, str], wording: _Wording) -> list[tuple[Candidate, str]]:
    """The picked candidates in story order, each with its text as shown; a line opening with a
    description nothing before it introduced is resolved to a name or left out (see fuse/descriptions.py).

    The statement that best says what happened, where and when opens (see
    opening_first); then story order: background (statements dated well before the story) last;
    before it, what most independent sources agree on first, then what
    several report, then what one reports (see _support_tier); within each,
    what happened first (see Candidate.tells_event), then where the
    statement appears in its article, so a story is not told backwards
    because one more outlet repeated a later detail. A name's appositive is
    dropped once an earlier sentence has introduced the name (see
    drop_appositives); a surname written alone is given its full name
    (see references.full_names) unless an earlier line said it.
    """
    ordered = opening_first(sorted(picked, key=lambda item: (item.background, item.support_tier,
                                                              not item.tells_event, item.position,
                                                              item.article_rank)))
    known: set[str] = set()
    introduced: set[str] = set()
    shown = []
    for candidate in ordered:
        text = texts[id(candidate)]
        body = wording.descriptions.shown(in_full(_unmarked(text), wording.people, introduced),
                                          [line for _, line in shown])
        if body is None:
            continue
        prefix = text[:len(text) - len(_unmarked(text))]
        text = prefix + drop_appositives(body, known)
        shown.append((candidate, text))
        known |= {name for name in wording.names if name in text and re.search(rf"\b{re.escape(name)}\b", text)}
        introduced |= {full for full in wording.people.values() if full and full in text}
    return shown


def _unmarked(text: str) -> str:
    """`text` without its one-source marker ("According to <outlet>, "; see fuse/one_source.py)."""
    marker = MARKER.match(text)
    return text[marker.end():] if marker else text


def _marginal(candidate: Candidate, picked: list[Candidate]) -> float:
    redundancy = max((float(candidate.vector @ other.vector) for other in picked), default=0.0)
    return MMR_LAMBDA * candidate.relevance - (1 - MMR_LAMBDA) * redundancy


# ---------------------------------------------------------------------- output


def _entity_names(story: Story) -> set[str]:
    """Names of the story's people, bodies and places as written, and people's surnames alone."""
    names = set()
    for annotations in story.annotations.values():
        for entity in annotations.entities:
            if entity.label in ("PERSON", "ORG", "GPE", "NORP"):
                names.add(entity.text)
                if entity.label == "PERSON":
                    names.add(entity.text.split()[-1])
    return {name for name in names if len(name) > 1}
