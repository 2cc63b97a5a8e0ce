"""Credits resolved against a story's outlets.

The credits themselves are found per article in the annotate stage
(:mod:`newsfuse.annotate.credits`); here a credited name such as "MPA" is
resolved to the story outlet it stands for ("Meridian Press Agency").
"""

from __future__ import annotations

from newsfuse.models import Credit
from newsfuse.text import normalise_outlet, outlet_initials


def resolve_credits(credits: list[Credit], own_outlet: str | None, story_outlets: list[str]) -> list[Credit]:
    """`credits` with outlet names resolved against the outlets of the story, own outlet dropped.

    A credited name resolves to a story outlet with the same normalised name,
    or whose initials it is ("MPA" -> "Meridian Press Agency"), when exactly
    one outlet of the story fits. Credits of the article's own outlet (a
    wire's own dateline) are dropped: an article never credits itself.
    """
    own = resolve_outlet(normalise_outlet(own_outlet), story_outlets) if own_outlet else None
    resolved = []
    for credit in credits:
        name = resolve_outlet(credit.outlet, story_outlets)
        if name != own:
            resolved.append(credit.model_copy(update={"outlet": name}))
    return resolved


def resolve_outlet(name: str, story_outlets: list[str]) -> str:
    """The one story outlet `name` stands for (same name, or its initials), else `name` itself."""
    folded = name.casefold()
    fits = {outlet for outlet in story_outlets if normalise_outlet(outlet).casefold() == folded}
    if not fits and name.isupper() and len(name) >= 2:
        fits = {outlet for outlet in story_outlets if outlet_initials(outlet) == name}
    return normalise_outlet(fits.pop()) if len(fits) == 1 else name


def credited_outlets(credits: list[Credit]) -> list[str]:
    """Distinct outlet names in order of first mention."""
    return list(dict.fromkeys(credit.outlet for credit in credits))
