"""Typed data passed between the pipeline stages.

Every span (`start`, `end`) is a pair of character offsets into the `text` of
the article it names, as stored in :class:`Article` (after text repair), with
`end` exclusive, so ``article.text[start:end]`` is the evidence itself.

Stages and the types they exchange::

    ingest   : paths           -> Article
    annotate : Article + Models -> Annotations          (one article, pure)
    fuse     : Story             -> Briefing parts       (one story)
    render   : Briefing          -> JSON / Markdown / HTML
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_ID = "newsfuse.briefing/1"
EMBEDDING_DIM = 384  # all-MiniLM-L6-v2 sentence vectors
MAX_ARTICLE_CHARS = 100_000  # longest text analysed (3x the longest dev article); see annotate/budget.py


class Record(BaseModel):
    """Base of every record: strict field names, plain JSON out."""

    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------- ingest


class Evidence(Record):
    """A span of one article's text that supports a claim."""

    article: str
    start: int
    end: int
    text: str = ""


class Flag(Record):
    """Something notable about an article, e.g. ``encoding-repaired``.

    `detail` is one human sentence; `evidence` points at the characters that
    triggered the flag where there are any.
    """

    name: str
    detail: str = ""
    evidence: list[Evidence] = Field(default_factory=list)


class Credit(Record):
    """An outlet the article credits ("according to the Associated Press")."""

    outlet: str
    cue: str = ""
    start: int = -1
    end: int = -1


TITLE_FROM_TEXT = "first sentence"  # Article.metadata["title_from"] when ingest found no title


class Article(Record):
    """One news article after ingest.

    `text` is the repaired body (headline and byline lines removed when they
    were recognised and moved to `title`/`author`); offsets everywhere refer
    to it. `content_hash` is the SHA-256 of `text` and keys the cache.
    """

    id: str
    path: str = ""
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    url: str | None = None
    language: str = "en"
    text: str
    content_hash: str = ""
    flags: list[Flag] = Field(default_factory=list)
    metadata: dict = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _drop_stored_credits(cls, data):
        """Articles stored by earlier versions carry an always-empty `credits` list (credits now
        live in :class:`Annotations`); it is dropped so those stores still load."""
        if isinstance(data, dict) and data.get("credits") == []:
            return {key: value for key, value in data.items() if key != "credits"}
        return data

    @property
    def words(self) -> int:
        return len(self.text.split())

    def has_flag(self, name: str) -> bool:
        return any(flag.name == name for flag in self.flags)

    @property
    def title_written(self) -> bool:
        """Whether `title` is a headline the source gave, not the text's first sentence standing in for one."""
        return bool(self.title) and self.metadata.get("title_from") != TITLE_FROM_TEXT


class Problem(Record):
    """A bad input item: reported on one line, never fatal to the run."""

    path: str
    code: str
    message: str


# ------------------------------------------------------------------- annotate


class Sentence(Record):
    start: int
    end: int
    text: str


class EntityMention(Record):
    """A named entity as spaCy found it, with its sentence index."""

    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, ...
    start: int
    end: int
    sentence: int


class QuoteMention(Record):
    """A quote or attribution in one article.

    `spans` holds the content pieces (a quote split by its attribution has
    two); `start`/`end` cover the first to the last piece. The speaker span
    (`speaker_start`/`speaker_end`), when present, names the speaker nearest
    before the quote: in the quote's own sentence when it names one (may be a
    pronoun), else the earlier mention the quote continues from (a transcript
    label "PENCE:" above a continued paragraph, the attribution of the
    previous sentence or paragraph). `speaker` is the resolved name; both stay
    None when the speaker is unknown. `speaker_mention` is the text of that
    span when it did not resolve confidently to a name ("he" with two men in
    view, "the company" with no company named): `speaker` is then None.
    """

    kind: Literal["direct", "indirect"]
    text: str
    start: int
    end: int
    spans: list[tuple[int, int]] = Field(default_factory=list)
    cue: str = ""
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_mention: str | None = None
    role: str | None = None
    affiliation: str | None = None
    sentence: int = -1
    # said or written (the briefing's quote list), not a belief, intention,
    # refusal, question put to the subject, hypothetical or mispaired marks
    speech: bool = True


class NumberMention(Record):
    """A number with what it counts: "169 Afghans killed", "1,500 to 2,000 fighters"."""

    value: float
    value_max: float | None = None
    what: str
    text: str
    start: int
    end: int
    sentence: int = -1
    approximate: bool = False  # "about", "at least", "around"
    bound: Literal["exact", "at-least", "at-most", "about"] = "exact"
    where: list[str] = Field(default_factory=list)  # places its clause puts it in ("in Jerusalem")
    of_whom: str | None = None  # the named holder of what is counted ("Blackmore's 20 wives")


class DateMention(Record):
    """A date or relative expression resolved against the publication date."""

    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    precision: Literal["year", "month", "day"]
    text: str
    start: int
    end: int
    sentence: int = -1
    relative: bool = False
    clause: tuple[int, int] | None = None  # span of the clause saying what happened then


class Annotations(Record):
    """Everything known about one article from the article alone.

    `vectors` are the sentence embeddings (all-MiniLM-L6-v2, 384 floats per
    sentence, L2-normalised), kept out of JSON and stored as a blob.
    """

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    article: str
    content_hash: str
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[EntityMention] = Field(default_factory=list)
    quotes: list[QuoteMention] = Field(default_factory=list)
    numbers: list[NumberMention] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    credits: list[Credit] = Field(default_factory=list)  # outlets credited, names as written (normalised)
    flags: list[Flag] = Field(default_factory=list)  # rewrite signals ("placeholder-attribution", ...)
    vectors: object | None = Field(default=None, exclude=True)  # numpy (n_sentences, 384)


# ------------------------------------------------------------- fuse / render


class Entity(Record):
    id: str
    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    mentions: int = 0


class QuoteVariant(Record):
    article: str
    text: str
    start: int
    end: int


class Quote(Record):
    """A quote of the story. `speaker` is None when no outlet's attribution
    resolved confidently to a name; `speaker_mention` then holds the words the
    text uses for the speaker ("he", "the company"), None when it names none."""

    id: str
    speaker: str | None
    speaker_mention: str | None = None
    speaker_entity: str | None = None
    role: str | None = None
    affiliation: str | None = None
    kind: Literal["direct", "indirect"]
    text: str
    articles: list[str]
    variants: list[QuoteVariant]
    drift: float = 0.0  # 0 = same words everywhere, 1 = nothing in common
    independent_sources: int = 1


class NumberOut(Record):
    value: float
    value_max: float | None = None
    what: str
    text: str
    article: str
    start: int
    end: int


class ConflictValue(Record):
    value: str
    articles: list[str]
    evidence: list[Evidence] = Field(default_factory=list)


class Conflict(Record):
    what: str
    values: list[ConflictValue]
    # contradiction: no single true figure fits every value; divergence: the values can all
    # hold (e.g. two different "at least" tolls) but the sources still report different figures
    kind: Literal["contradiction", "divergence"] = "contradiction"


class TimelineEntry(Record):
    date: str
    precision: Literal["year", "month", "day"] = "day"
    text: str
    articles: list[str]
    evidence: list[Evidence]


class Fact(Record):
    id: str
    text: str
    articles: list[str]
    independent_sources: int
    evidence: list[Evidence]


class Relation(Record):
    subject: str
    predicate: str
    object: str
    evidence: list[Evidence]


class ProvenanceEdge(Record):
    source: str  # article id or outlet name
    target: str
    relation: Literal["copies", "paraphrases", "shares-origin", "cites"]
    score: float
    evidence: list[Evidence] = Field(default_factory=list)


class SummarySentence(Record):
    text: str
    citations: list[str]
    independent_sources: int = 1
    evidence: list[Evidence] = Field(default_factory=list)  # source spans the line was built from


class Event(Record):
    """One of several events the briefed articles tell (the story clusterer's groups)."""

    title: str | None = None
    articles: list[str]


class ArticleOut(Record):
    id: str
    path: str
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None
    url: str | None
    language: str
    text: str
    words: int
    cites: list[str]
    flags: list[Flag]  # the article's own (ingest) then its rewrite signals, each with detail and evidence
    origin: str | None = None  # origin group id (provenance)

    def has_flag(self, name: str) -> bool:
        return any(flag.name == name for flag in self.flags)


class Briefing(Record):
    """The contract: serialised as `briefing.json`, schema `newsfuse.briefing/1`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    newsfuse_version: str
    generated_at: str
    title: str | None = None
    articles: list[ArticleOut]
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    numbers: list[NumberOut] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    provenance: list[ProvenanceEdge] = Field(default_factory=list)
    summary: list[SummarySentence] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)  # empty when the articles tell one event
    problems: list[Problem] = Field(default_factory=list)

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)


# Story and Provenance live in newsfuse.story_model (not serialised); imported here for their users.
from newsfuse.story_model import Provenance, Story  # noqa: E402,F401
