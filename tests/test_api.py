"""The Python API: `newsfuse.brief(paths) -> Briefing`."""

from __future__ import annotations

import newsfuse
from newsfuse.models import Briefing


def test_brief_returns_a_briefing_and_lists_bad_items(tmp_path, models):
    (tmp_path / "a.txt").write_text(
        "Bridge closed after crash\n\nThe Kessel bridge was closed on Monday after a lorry hit a pillar, police said.\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_text("")
    briefing = newsfuse.brief([tmp_path], use_cache=False, models=models)
    assert isinstance(briefing, Briefing)
    assert [article.id for article in briefing.articles] == ["a"]
    assert [problem.code for problem in briefing.problems] == ["W002"]
