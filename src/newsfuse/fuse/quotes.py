"""The same quote across articles: one :class:`Quote` with its variants.

Outlets copy quotes with small edits ("hand-in-glove" / "hand in hand"), cut
them, or translate them. `merge_quotes` groups the quote mentions of a story
that are of the same kind (direct or indirect), have a compatible speaker
(accents and dots ignored) and words close enough (word-level Indel
similarity, rapidfuzz), and measures how much the words drifted between
outlets: ``drift = 1 - similarity`` of each variant to the group's first
wording, the largest over variants (0 = identical words, 1 = nothing shared).
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Indel

from newsfuse.models import Entity, Quote, QuoteMention, QuoteVariant, Story
from newsfuse.text import content_words, could_be_same_person, name_key

# Word-level similarity at or above which two quotes of one speaker are the same quote.
SAME_QUOTE_SIMILARITY = 0.5
# Without a known speaker on both sides, or for a second mention from one
# article, the words must match almost exactly.
SAME_QUOTE_UNATTRIBUTED = 0.85
WORD = re.compile(r"\w+(?:[’'-]\w+)*")
MIN_REPORTED_WORDS = 2  # content words an indirect quote needs to be listed on its own


def words(text: str) -> list[str]:
    """Lower-cased words of a quote, marks and punctuation dropped."""
    return [word.replace("’", "'") for word in WORD.findall(text.lower())]


def word_similarity(a: str, b: str) -> float:
    """Share of words two texts have in common, in order (1 = same words)."""
    return Indel.normalized_similarity(words(a), words(b))


def entity_for(speaker: str | None, entities: list[Entity]) -> str | None:
    """Id of the entity whose name or an alias matches the speaker: exact
    first, else the one whose name ends with the speaker's words (a surname)."""
    if not speaker:
        return None
    key = name_key(speaker)
    exact = [entity for entity in entities
             if key in {name_key(name) for name in [entity.name, *entity.aliases]}]
    if exact:
        return exact[0].id
    partial = [entity for entity in entities
               if any(could_be_same_person(speaker, name) for name in [entity.name, *entity.aliases])]
    return partial[0].id if len(partial) == 1 else None


class QuoteGroup:
    """Mentions of one quote: (article id, mention) pairs, first one is the reference."""

    def __init__(self, article_id: str, mention: QuoteMention):
        self.members: list[tuple[str, QuoteMention]] = [(article_id, mention)]
        self.reference_words = words(mention.text)

    @property
    def reference(self) -> QuoteMention:
        return self.members[0][1]

    def similarity(self, article_id: str, mention: QuoteMention, mention_words: list[str]) -> float | None:
        """Word similarity of `mention` (whose `words` are `mention_words`) to the
        reference when the group accepts it, else None. A group holds one kind
        (a direct quote and its indirect paraphrase stay apart), and a second
        mention from the same article only when its words repeat a member's (a
        pull quote), never a paraphrase of it written beside it."""
        reference = self.reference
        if mention.kind != reference.kind:
            return None
        if any(member_article == article_id for member_article, _ in self.members):
            threshold = SAME_QUOTE_UNATTRIBUTED
        elif could_be_same_person(reference.speaker, mention.speaker):
            threshold = SAME_QUOTE_SIMILARITY
        elif not (reference.speaker and mention.speaker):
            threshold = SAME_QUOTE_UNATTRIBUTED
        else:
            return None
        # with a cutoff rapidfuzz gives up early (lengths too far apart, too few shared words) and returns 0
        similarity = Indel.normalized_similarity(self.reference_words, mention_words, score_cutoff=threshold)
        return similarity if similarity >= threshold else None

    def drift(self) -> float:
        return max((1.0 - word_similarity(self.reference.text, mention.text) for _, mention in self.members[1:]),
                   default=0.0)


def best_group(groups: list[QuoteGroup], article_id: str, mention: QuoteMention) -> QuoteGroup | None:
    """The accepting group whose reference is closest in words (earliest on ties)."""
    mention_words = words(mention.text)
    scored = [(similarity, -index, group) for index, group in enumerate(groups)
              if (similarity := group.similarity(article_id, mention, mention_words)) is not None]
    return max(scored, key=lambda item: item[:2])[2] if scored else None


def group_mentions(story: Story) -> list[QuoteGroup]:
    """Greedy grouping in article order, then text order within an article;
    each mention joins its best accepting group or starts a new one.

    Indirect speech with no known speaker ("..., as promised earlier") is left
    out: words in quotation marks are a quote even unattributed, but a
    paraphrase of nobody tells the reader nothing about who said what. So is
    indirect speech of fewer than MIN_REPORTED_WORDS content words ("calling
    it a sham", "announce the group"): its meaning lies in the sentence
    around it, not in what the quote list can show. So is all that is not
    speech (`QuoteMention.speech`: beliefs, intentions, refusals, questions
    put to someone, hypotheticals): the list holds what people said or wrote.
    """
    groups: list[QuoteGroup] = []
    for article in story.articles:
        annotations = story.annotations.get(article.id)
        if annotations is None:
            continue
        mentions = [m for m in annotations.quotes if m.speech and (
            m.kind == "direct" or (m.speaker and len(content_words(m.text)) >= MIN_REPORTED_WORDS))]
        for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
            target = best_group(groups, article.id, mention)
            if target is None:
                groups.append(QuoteGroup(article.id, mention))
            else:
                target.members.append((article.id, mention))
    return groups


def first_known(values) -> str | None:
    return next((value for value in values if value), None)


def to_quote(index: int, group: QuoteGroup, story: Story, entities: list[Entity]) -> Quote:
    mentions = [mention for _, mention in group.members]
    articles = list(dict.fromkeys(article_id for article_id, _ in group.members))
    speaker = max((m.speaker for m in mentions if m.speaker), key=lambda name: len(name_key(name)), default=None)
    return Quote(
        id=f"q{index}",
        speaker=speaker,
        speaker_mention=None if speaker else first_known(m.speaker_mention for m in mentions),
        speaker_entity=entity_for(speaker, entities),
        # the role of the speaker named, never of another speaker's mention grouped with it
        role=first_known(m.role for m in mentions if could_be_same_person(m.speaker, speaker)),
        affiliation=first_known(m.affiliation for m in mentions if could_be_same_person(m.speaker, speaker)),
        kind=group.reference.kind,
        text=group.reference.text,
        articles=articles,
        variants=[QuoteVariant(article=article_id, text=m.text, start=m.start, end=m.end)
                  for article_id, m in group.members],
        drift=round(group.drift(), 3),
        independent_sources=story.independent_sources(articles),
    )


def merge_quotes(story: Story, entities: list[Entity]) -> list[Quote]:
    """One Quote per distinct quote of the story, ids "q1", "q2"... in order of
    first appearance (article order, then position in the article).

    `entities` are the story's fused entities; `speaker_entity` is the id of
    the one the speaker's name or alias matches, None when none (or several
    by surname only) match.
    """
    return [to_quote(index, group, story, entities)
            for index, group in enumerate(group_mentions(story), start=1)]
