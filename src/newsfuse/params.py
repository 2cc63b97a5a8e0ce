"""One parameters object: each stage's user-facing settings, with explicit keywords.

`Params(annotate=AnnotateParams(...), fuse=FuseParams(...), cluster=ClusterParams(...), brief=BriefParams(...))`
gathers what a user may tune; every default is the value the code used
before there was a settings object, so `Params()` changes nothing. A
`newsfuse.toml` holds the same tables (``[fuse]``, ``[annotate]``,
``[cluster]``, ``[cluster.weights]``, ``[brief]``); keys it leaves out keep their default,
unknown keys and wrong types are refused with what to fix. `newsfuse config`
prints the settings in effect in that format.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, field
from pathlib import Path

import tomlkit
from pydantic import ConfigDict, Field, TypeAdapter, ValidationError
from pydantic.dataclasses import dataclass

from newsfuse.cluster import ClusterParams
from newsfuse.cluster.events import DEFAULT_WEIGHTS
from newsfuse.errors import Errors

_STRICT = ConfigDict(extra="forbid")


@dataclass(frozen=True, config=_STRICT)
class AnnotateParams:
    """Per-article analysis.

    `workers`: processes that analyse new articles (1 = this process only,
    0 = one per core, at most 4; see :func:`newsfuse.annotate.parallel.worker_count`).
    """

    workers: int = 1


@dataclass(frozen=True, config=_STRICT)
class FuseParams:
    """One story's briefing.

    `summary_sentences`: most sentences in the summary; `summary_words`: cap
    on the summary's length in words (None = no cap; the default fits a phone screen).
    """

    summary_sentences: int = 7
    summary_words: int | None = 120  # fits a phone screen

    @property
    def key(self) -> str:
        """A short stable text naming these settings in briefing cache keys, e.g. ``s7-w0``."""
        return f"s{self.summary_sentences}-w{self.summary_words or 0}"


@dataclass(frozen=True, config=_STRICT)
class BriefParams:
    """When `newsfuse ingest --brief` briefs a story that got new articles (see :mod:`newsfuse.briefs`).

    `quiet_seconds`: once no article has reached it for this long; `max_wait_seconds`:
    at the latest this long after its first unbriefed article, while it keeps changing.
    Stories still waiting when the ingest ends are briefed then.
    """

    quiet_seconds: float = Field(default=30.0, ge=0)
    max_wait_seconds: float = Field(default=300.0, ge=0)

    def __post_init__(self) -> None:
        if self.max_wait_seconds < self.quiet_seconds:
            raise ValueError("max_wait_seconds must be at least quiet_seconds")


@dataclass(frozen=True, config=_STRICT)
class Params:
    """Every stage's settings; see the module docstring."""

    annotate: AnnotateParams = field(default_factory=AnnotateParams)
    fuse: FuseParams = field(default_factory=FuseParams)
    cluster: ClusterParams = field(default_factory=ClusterParams)
    brief: BriefParams = field(default_factory=BriefParams)

    @classmethod
    def from_toml(cls, path: str | Path) -> Params:
        """Settings read from a TOML file; missing keys keep their defaults.

        Raises :class:`NewsfuseError` (E060) when the file cannot be read or
        parsed, or holds an unknown key or a value of the wrong type.
        """
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise Errors.E060.error(detail=f"cannot read settings from {path}: {error}") from None
        return cls.from_dict(data, source=str(path))

    @classmethod
    def from_dict(cls, data: dict, *, source: str = "settings") -> Params:
        """Settings from nested dicts shaped like the TOML file (see :meth:`from_toml`)."""
        try:
            return TypeAdapter(cls).validate_python(_with_default_weights(data))
        except ValidationError as error:
            problems = "; ".join(f"{'.'.join(map(str, item['loc']))}: {item['msg']}" for item in error.errors())
            raise Errors.E060.error(detail=f"bad settings in {source}: {problems}") from None

    def to_toml(self) -> str:
        """The settings as a `newsfuse.toml` (keys whose value is None are left out, TOML has no null)."""
        return tomlkit.dumps(_without_none(asdict(self)))


def load_params(path: str | Path | None) -> Params:
    """The settings of `path` (a newsfuse.toml), or the defaults when `path` is None."""
    return Params.from_toml(path) if path is not None else Params()


def _with_default_weights(data: dict) -> dict:
    """`data` with ``cluster.weights`` filled in from the defaults: a file may set only some weights.

    A weight name the model does not have is refused (E060).
    """
    weights = data.get("cluster", {}).get("weights") if isinstance(data.get("cluster"), dict) else None
    if not isinstance(weights, dict):
        return data
    unknown = sorted(set(weights) - set(DEFAULT_WEIGHTS))
    if unknown:
        raise Errors.E060.error(detail=f"unknown cluster weights {unknown}; known: {sorted(DEFAULT_WEIGHTS)}")
    return {**data, "cluster": {**data["cluster"], "weights": {**DEFAULT_WEIGHTS, **weights}}}


def _without_none(table: dict) -> dict:
    return {key: _without_none(value) if isinstance(value, dict) else value
            for key, value in table.items() if value is not None}
