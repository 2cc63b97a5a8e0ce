"""Fuse stage: one story's annotated articles -> a :class:`~newsfuse.models.Briefing`.

:func:`fuse_story` is the stage's one entry; the steps and what each needs
and makes are listed in :mod:`newsfuse.fuse.story`.
"""

from newsfuse.fuse.story import fuse_story

__all__ = ["fuse_story"]
