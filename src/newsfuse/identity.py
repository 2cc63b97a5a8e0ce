"""Article identity: an id names one text, and a stored text is never replaced.

Ids come from file names or JSON ids, so two different articles can ask for
the same id (``001.txt`` in two folders, or a later run into the same store).
The second one then gets an id derived from its own text (the asked-for id
plus the start of its content hash): the same text always gets the same id,
so a rerun finds it again instead of storing it twice.
"""

from __future__ import annotations

from collections.abc import Callable

from newsfuse.errors import Warnings
from newsfuse.models import Article, Problem

HASH_CHARS = 12  # hex digits of the content hash in a derived id (48 bits)


def derived_id(article_id: str, content_hash: str) -> str:
    """The id `article_id` takes when another text already holds it, e.g. ``001-3f2a9c0b1d4e``."""
    return f"{article_id}-{content_hash[:HASH_CHARS]}"


def settle_id(article: Article, held_hash: Callable[[str], str | None]) -> Article:
    """`article`, or a copy under its derived id when its id holds another text.

    `held_hash(id)` is the content hash already under `id` (None when the id is free).
    """
    if held_hash(article.id) in (None, article.content_hash):
        return article
    return renamed(article, derived_id(article.id, article.content_hash))


def renamed(article: Article, new_id: str) -> Article:
    """A copy of `article` under `new_id`, its flags' evidence pointing at the new id."""
    copy = article.model_copy(update={"id": new_id}, deep=True)
    for flag in copy.flags:
        for evidence in flag.evidence:
            evidence.article = new_id
    return copy


def renamed_problem(asked: Article, given: Article) -> Problem:
    """The note that `asked`'s id was taken by another text and `given`'s id was used instead."""
    return Warnings.W010.problem(asked.path or asked.id, f"id '{asked.id}' already names another text; this one "
                                 f"is '{given.id}' (derived from its text, the same on every run)")
