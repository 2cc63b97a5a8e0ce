"""The cited summary: a few sentences, each naming every article that supports it.

Candidates are the facts (statements several articles make, with their
variants) and every other sentence of the story (one article each). Each is
scored on independent support, concreteness (numbers, dates), centrality (closeness to the story's centroid
with each origin weighted equally), lead position, coverage of the story's
main actors, plain wording and recency; sentences are then picked by maximal
marginal relevance so nothing is said twice. The picked sentences are ordered
as a story reads: what most independent sources agree on first, then by where
the statement appears in its article (news leads with what happened, ends with
background). A sentence that leaves its speaker unknown once lifted out of its
article ('"...," he said.') is never picked.

One-source statements. When the summary contrasts them with statements
several independent sources make, a one-source statement that is the outlet's
own claim is prefixed "According to <outlet>," (or ends "(reported by one
source)" when the outlet is unknown), so one outlet's framing never reads as
established fact. A statement the sentence itself attributes ("..., officials
said") already says whose claim it is and carries no marker; when no picked
statement has several sources (every outlet tells its own story) there is
nothing to contrast with and no marker is added. Citations always name the
supporting articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np

from newsfuse.fuse.facts import (
    ATTRIBUTION, Unit, clarity, clearest, content_words, overlap, sentence_units,
)
from newsfuse.models import Fact, Story, SummarySentence

# Relevance weights: set by hand, then checked one at a time on the first 60
# NeuS val stories (benchmarks/neus.py); none moved ROUGE by more than 0.5.
WEIGHTS = {
    "centrality": 1.0,
    "support": 0.5,
    "shared_words": 0.5,
    "lead": 0.25,
    "actors": 0.15,
    "clarity": 0.3,
    "concrete": 0.2,
    "recency": 0.05,
}
MMR_LAMBDA = 0.7  # relevance vs. novelty
REPEAT_COSINE = 0.88  # this close to a picked sentence: a repeat, never picked
REPEAT_OVERLAP = 0.7  # same for content-word overlap

# Discourse openers and newsletter labels that dangle once a sentence is lifted
# out of its article ("But ...", "Why it matters: ...").
_OPENER = re.compile(
    r"^(?:(?:but|and|yet|however|meanwhile|moreover|also|additionally|indeed|"
    r"instead|now|then|further(?:more)?|in addition|at the same time|on the other hand)\b,?"
    r"|(?:why it matters|the big picture|between the lines|driving the news|the bottom line|"
    r"what's next|what they're saying|context|details|background|catch up quick|go deeper)\s*:)\s*",
    re.IGNORECASE,
)



@dataclass
class Candidate:
    """A statement that may enter the summary."""

    text: str
    articles: list[str]
    independent_sources: int
    vector: np.ndarray  # L2-normalised mean of its variants' vectors
    position: float  # earliest relative position among its variants, 0..1
    article_rank: int  # order of its first article in the story
    words: set[str]
    concrete: float  # 0..1: carries a number (0.5) and/or the event's date (0.5)
    relevance: float = 0.0


def summarize(story: Story, facts: list[Fact], *, max_sentences: int = 7,
              max_words: int | None = None, mark_single_source: bool = True) -> list[SummarySentence]:
    """A summary of `story` built from `facts` and the articles' own sentences.

    `max_sentences` caps the number of sentences; `max_words`, when given,
    caps the total word count (whitespace words, markers included), except
    that the best sentence is always kept. Each sentence cites every article
    that supports it; one-source statements are marked as the module says
    unless `mark_single_source` is False (the caller then shows support
    otherwise, e.g. from `independent_sources`).
    """
    units = sentence_units(story)
    if not units:
        return []
    candidates = _candidates(story, facts, units)
    _score(story, candidates, units)
    texts = {id(candidate): candidate.text for candidate in candidates}
    picked = _pick(candidates, texts, max_sentences, max_words)
    if mark_single_source and any(candidate.independent_sources > 1 for candidate in picked):
        names = _name_words(story)
        texts = {id(candidate): _marked(story, candidate, names) for candidate in candidates}
        picked = _pick(candidates, texts, max_sentences, max_words)
    picked.sort(key=lambda item: (-item.independent_sources, item.position, item.article_rank))
    return [SummarySentence(text=texts[id(candidate)], citations=candidate.articles,
                            independent_sources=candidate.independent_sources) for candidate in picked]


# ------------------------------------------------------------------ candidates


def _candidates(story: Story, facts: list[Fact], units: list[Unit]) -> list[Candidate]:
    """One candidate per fact, plus one per sentence that no multi-article fact covers."""
    rank = {article.id: index for index, article in enumerate(story.articles)}
    by_span = {(unit.article, unit.sentence.start): unit for unit in units}
    covered: set[tuple[str, int]] = set()
    candidates = []
    for fact in facts:
        variants = [unit for evidence in fact.evidence
                    if (unit := _unit_at(units, by_span, evidence.article, evidence.start))]
        if not variants:
            continue
        covered.update((unit.article, unit.sentence.start) for unit in variants)
        shown = _shown_variant(variants, fact.text)
        if shown is not None:
            candidates.append(_candidate(shown, variants, fact.articles, fact.independent_sources, rank))
    seen_texts = {candidate.text for candidate in candidates}
    for unit in units:
        text = _tidy(unit.sentence.text)
        if (unit.article, unit.sentence.start) in covered or text in seen_texts or unit.unresolved:
            continue
        seen_texts.add(text)
        candidates.append(_candidate(unit, [unit], [unit.article], 1, rank))
    return candidates


def _shown_variant(variants: list[Unit], fact_text: str) -> Unit | None:
    """The variant worded as the fact, else the clearest; None when every variant leaves its speaker unknown."""
    named = [unit for unit in variants if not unit.unresolved]
    if not named:
        return None
    return next((unit for unit in named if unit.sentence.text.strip() == fact_text), clearest(named))


def _unit_at(units: list[Unit], by_span: dict, article: str, offset: int) -> Unit | None:
    """The sentence of `article` that holds character `offset`."""
    unit = by_span.get((article, offset))
    if unit is not None:
        return unit
    return next((unit for unit in units if unit.article == article
                 and unit.sentence.start <= offset < unit.sentence.end), None)


def _candidate(best: Unit, variants: list[Unit], articles: list[str], sources: int, rank: dict) -> Candidate:
    """A candidate worded as `best`, standing for all of `variants`."""
    vector = np.mean([unit.vector for unit in variants], axis=0)
    vector = vector / (np.linalg.norm(vector) or 1.0)
    return Candidate(
        text=_tidy(best.sentence.text), articles=articles, independent_sources=sources,
        vector=vector, position=min(unit.relative_position for unit in variants),
        article_rank=min(rank[article] for article in articles), words=best.words,
        concrete=0.5 * any(unit.numbers for unit in variants) + 0.5 * any(unit.has_event_date for unit in variants),
    )


def _tidy(text: str) -> str:
    """The sentence with whitespace collapsed and a dangling opener ("But", "Why it matters:") removed.

    Closing attributions (", experts said") stay: they tell the reader a claim
    is someone's view, not established fact.
    """
    text = " ".join(text.split())
    trimmed = _OPENER.sub("", text, count=1)
    if trimmed != text and trimmed:
        text = trimmed[0].upper() + trimmed[1:]
    return text


# --------------------------------------------------------------------- scoring


def _score(story: Story, candidates: list[Candidate], units: list[Unit]) -> None:
    """Set each candidate's `relevance` from the weighted signals in WEIGHTS."""
    centroid = _story_centroid(story, units)
    origins = _origin_count(story)
    actors = _main_actors(story, units)
    newest = _publication_ranks(story)
    word_origins = _origins_per_word(story, units)
    for candidate in candidates:
        signals = {
            "centrality": float(candidate.vector @ centroid),
            "support": (candidate.independent_sources - 1) / (origins - 1) if origins > 1 else 0.0,
            "shared_words": _shared_word_share(candidate, word_origins, origins),
            "lead": 1.0 - candidate.position,
            "actors": len(actors & candidate.words) / len(actors) if actors else 0.0,
            "clarity": clarity(candidate.text),
            "concrete": candidate.concrete,
            "recency": max(newest.get(article, 0.0) for article in candidate.articles),
        }
        candidate.relevance = sum(WEIGHTS[name] * value for name, value in signals.items())


def _origins_per_word(story: Story, units: list[Unit]) -> dict[str, int]:
    """Content word -> number of origins whose articles use it."""
    origins_using: dict[str, set[str]] = {}
    for unit in units:
        origin = story.origins.get(unit.article, unit.article)
        for word in unit.words:
            origins_using.setdefault(word, set()).add(origin)
    return {word: len(origins) for word, origins in origins_using.items()}


def _shared_word_share(candidate: Candidate, word_origins: dict[str, int], origins: int) -> float:
    """Mean share of the other origins that also use each content word of the candidate, 0..1.

    Wording several independent outlets share is the story's common ground;
    one outlet's own vocabulary is often its framing.
    """
    if origins < 2 or not candidate.words:
        return 0.0
    return float(np.mean([(word_origins.get(word, 1) - 1) / (origins - 1) for word in candidate.words]))


def _story_centroid(story: Story, units: list[Unit]) -> np.ndarray:
    """Mean of per-origin mean sentence vectors (a copied report counts once), L2-normalised."""
    by_origin: dict[str, list[np.ndarray]] = {}
    for unit in units:
        by_origin.setdefault(story.origins.get(unit.article, unit.article), []).append(unit.vector)
    centroid = np.mean([np.mean(vectors, axis=0) for vectors in by_origin.values()], axis=0)
    return centroid / (np.linalg.norm(centroid) or 1.0)


def _main_actors(story: Story, units: list[Unit]) -> set[str]:
    """Content words of the entities named by the most origins (at least two when there are two)."""
    origins_naming: dict[str, set[str]] = {}
    for unit in units:
        for entity in unit.entities:
            origins_naming.setdefault(entity, set()).add(story.origins.get(unit.article, unit.article))
    if not origins_naming:
        return set()
    widest = max(len(origins) for origins in origins_naming.values())
    needed = min(widest, 2)
    return {word for entity, origins in origins_naming.items() if len(origins) >= needed
            for word in content_words(entity)}


def _publication_ranks(story: Story) -> dict[str, float]:
    """Article id -> 0..1, 1 for the most recently published (empty when dates are missing)."""
    dated = {}
    for article in story.articles:
        try:
            dated[article.id] = date.fromisoformat(article.published or "")
        except ValueError:
            continue
    if len(set(dated.values())) < 2:
        return {}
    oldest, newest = min(dated.values()), max(dated.values())
    return {article: (day - oldest).days / (newest - oldest).days for article, day in dated.items()}


# ------------------------------------------------------------------- selection


def _pick(candidates: list[Candidate], texts: dict[int, str], max_sentences: int,
          max_words: int | None) -> list[Candidate]:
    """Maximal marginal relevance under the sentence and word caps; repeats never enter.

    `texts` holds each candidate's text as shown (markers included), keyed by id().
    """
    picked: list[Candidate] = []
    words_used = 0
    remaining = sorted(candidates, key=lambda candidate: -candidate.relevance)
    length = {key: len(text.split()) for key, text in texts.items()}
    while remaining and len(picked) < max_sentences:
        remaining = [candidate for candidate in remaining if not _repeats(candidate, picked)]
        fitting = [candidate for candidate in remaining
                   if max_words is None or not picked or words_used + length[id(candidate)] <= max_words]
        if not fitting:
            break
        best = max(fitting, key=lambda candidate: _marginal(candidate, picked))
        picked.append(best)
        words_used += length[id(best)]
        remaining.remove(best)
    return picked


def _marginal(candidate: Candidate, picked: list[Candidate]) -> float:
    redundancy = max((float(candidate.vector @ other.vector) for other in picked), default=0.0)
    return MMR_LAMBDA * candidate.relevance - (1 - MMR_LAMBDA) * redundancy


def _repeats(candidate: Candidate, picked: list[Candidate]) -> bool:
    return any(float(candidate.vector @ other.vector) >= REPEAT_COSINE
               or overlap(candidate.words, other.words) >= REPEAT_OVERLAP for other in picked)


def _origin_count(story: Story) -> int:
    return len({story.origins.get(article.id, article.id) for article in story.articles})


# ---------------------------------------------------------------------- output


def _marked(story: Story, candidate: Candidate, names: set[str]) -> str:
    """The candidate's text, marked as one outlet's claim when it is one (see the module)."""
    if candidate.independent_sources == 1 and not ATTRIBUTION.search(candidate.text):
        return _attribute(candidate.text, story.by_id[candidate.articles[0]].outlet, names)
    return candidate.text


def _name_words(story: Story) -> set[str]:
    """First words of the story's named entities: words that stay capitalised mid-sentence."""
    return {entity.text.split()[0] for annotations in story.annotations.values()
            for entity in annotations.entities if entity.text.split()}


def _attribute(text: str, outlet: str | None, names: set[str]) -> str:
    """Mark a one-source statement: "According to <outlet>, ..." or "... (one source)."."""
    if outlet:
        first, _, rest = text.partition(" ")
        if first not in names and first[1:].islower():
            first = first.lower()
        return f"According to {outlet}, {first} {rest}".rstrip()
    body = text.rstrip()
    if body.endswith((".", "!", "?")) and not body.endswith(("..", "...")):
        return f"{body[:-1]} (one source){body[-1]}"
    return f"{body} (one source)"
