"""Bounded work: long articles are refused or analysed in part, provenance candidates are capped per article."""

from __future__ import annotations

import hashlib
import json

import numpy as np
from fastapi.testclient import TestClient

import newsfuse.annotate.budget as budget
from newsfuse.annotate.budget import cut_point, within_budget
from newsfuse.fuse.candidates import NEIGHBOURS_PER_ARTICLE, candidate_pairs
from newsfuse.ingest import load
from newsfuse.models import MAX_ARTICLE_CHARS, Article
from newsfuse.store import Store
from newsfuse.store.stories import place_new_articles
from newsfuse.ingest import Upload, load_uploads

PARAGRAPH = ("The harbour bridge fell on Tuesday, the fire service said. Rescue teams worked through the night "
             "and the port was closed while engineers checked the other spans.\n\n")


def test_an_article_over_the_limit_is_refused_with_one_line(tmp_path):
    (tmp_path / "huge.txt").write_text(PARAGRAPH * (MAX_ARTICLE_CHARS // len(PARAGRAPH) + 10))
    (tmp_path / "huge.jsonl").write_text(json.dumps({"text": "x " * MAX_ARTICLE_CHARS}) + "\n"
                                         + json.dumps({"text": PARAGRAPH}) + "\n")
    result = load([tmp_path])
    assert [p.code for p in result.problems] == ["W013", "W013"]
    assert len(result.articles) == 1 and "100,000-character limit" in result.problems[0].message


def test_a_huge_html_page_is_refused_before_extraction(tmp_path):
    (tmp_path / "page.html").write_text("<html><body><p>" + "word " * 1_100_000 + "</p></body></html>")
    result = load([tmp_path])
    assert [p.code for p in result.problems] == ["W004"] and "characters of HTML" in result.problems[0].message


def test_an_upload_over_the_limit_is_refused(tmp_path):
    result = load_uploads([Upload("long.txt", (PARAGRAPH * 1000).encode())])
    assert result.articles == [] and [p.code for p in result.problems] == ["W013"]


def test_cut_points_prefer_paragraphs_then_sentences_then_spaces():
    text = "A. " * 10 + "\n" + "B. " * 40
    assert cut_point(text, 60) == 31  # just after the line break, not the last sentence
    assert cut_point("Word one. Word two. Word three.", 25) == len("Word one. Word two. ")
    assert cut_point("x" * 100, 40) == 40  # no boundary at all: a hard cut
    article = Article(id="a", text=PARAGRAPH * 2000, content_hash="h")
    cut = within_budget(article)
    assert len(cut.text) <= MAX_ARTICLE_CHARS and article.text.startswith(cut.text) and cut.text.endswith("\n")
    assert (cut.id, cut.content_hash) == (article.id, article.content_hash)


def test_a_stored_long_article_does_not_break_its_story(tmp_path, models, monkeypatch):
    """An article stored before the limit existed: the briefing and pages still work."""
    from newsfuse.web.app import create_app

    monkeypatch.setattr(budget, "MAX_ARTICLE_CHARS", 3_000)  # keeps the test fast: same code path
    long_text = PARAGRAPH * (1_100_000 // len(PARAGRAPH))  # over spaCy's 1,000,000 characters
    db = tmp_path / "s.db"
    with Store(db) as store:
        for article_id, text in (("long", long_text), ("short", PARAGRAPH + "Officials said two people died.")):
            stored = store.put_article(Article(id=article_id, title="Bridge falls", text=text,
                                               content_hash=hashlib.sha256(text.encode()).hexdigest()))
            place_new_articles(store, [stored])
    client = TestClient(create_app(db=db, models=models, wait_seconds=600))  # the answer, not a 202, however slow
    story = client.get("/api/stories").json()["stories"][0]["id"]
    briefing = client.get(f"/api/stories/{story}/briefing")
    assert briefing.status_code == 200 and len(briefing.json()["articles"]) == 2
    assert client.get(f"/stories/{story}").status_code == 200
    assert client.get("/articles/long").status_code == 200


def _comparable(vectors: np.ndarray, shingles: list[int]):
    class Text:
        pass

    text = Text()
    text.vectors, text.shingles = vectors, shingles
    return text


def test_candidates_per_article_are_capped_among_many_near_copies():
    rng = np.random.default_rng(0)
    base = rng.normal(size=(3, 384)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    texts = {f"a{n:03d}": _comparable(base, list(range(40)) + [1000 + n]) for n in range(150)}
    pairs = candidate_pairs(texts)
    assert len(pairs) <= 2 * NEIGHBOURS_PER_ARTICLE * len(texts)  # each article picks at most k per search
    assert all(any(article_id in pair for pair in pairs) for article_id in texts)
    assert pairs == candidate_pairs(texts)  # deterministic


def test_a_few_articles_keep_all_their_candidates():
    rng = np.random.default_rng(1)
    base = rng.normal(size=(3, 384)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    texts = {f"a{n}": _comparable(base, list(range(40))) for n in range(3)}
    assert candidate_pairs(texts) == [("a0", "a1"), ("a0", "a2"), ("a1", "a2")]
