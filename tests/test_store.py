"""The SQLite store: articles, the annotation cache and its vectors."""

from __future__ import annotations

import sqlite3

import numpy as np

from newsfuse.models import Annotations, Article, Sentence
from newsfuse.store import Store
from newsfuse.store.db import ANNOTATION_VERSION


def make_article(article_id: str = "a1", text: str = "One sentence. Two sentences.") -> Article:
    return Article(id=article_id, text=text, content_hash=f"hash-{text}")


def test_store_uses_wal_and_round_trips_articles(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        article = make_article()
        assert store.put_article(article) == article
        assert store.put_article(article) == article  # unchanged text: nothing new
        assert store.article("a1") == article
        assert store.article_id_for_hash(article.content_hash) == "a1"
        changed = make_article(text="A new text.")
        stored = store.put_article(changed)  # another text asking for "a1" never replaces it
        assert stored.id == "a1-" + changed.content_hash[:12] and stored.text == "A new text."
        assert store.article("a1").text == article.text
        assert store.put_article(changed) == stored  # the same text finds its id again
        assert [a.id for a in store.articles()] == ["a1", stored.id]
        assert store.article("missing") is None


def test_annotations_cache_keeps_vectors(tmp_path):
    vectors = np.arange(2 * 384, dtype=np.float32).reshape(2, 384)
    annotations = Annotations(
        article="a1", content_hash="h1",
        sentences=[Sentence(start=0, end=4, text="One."), Sentence(start=5, end=9, text="Two.")],
        vectors=vectors,
    )
    with Store(tmp_path / "s.db") as store:
        assert store.annotations("h1") is None
        store.put_annotations(annotations)
    with Store(tmp_path / "s.db") as store:  # survives reopening
        cached = store.annotations("h1")
    assert cached.sentences == annotations.sentences
    np.testing.assert_array_equal(cached.vectors, vectors)


def test_cache_rows_of_an_older_format_are_ignored(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.conn.execute(
            "INSERT INTO annotations (content_hash, version, record) VALUES (?, ?, ?)",
            ("h1", ANNOTATION_VERSION - 1, "{}"),
        )
        store.conn.commit()
        assert store.annotations("h1") is None


def test_default_path_follows_environment(tmp_path, monkeypatch):
    from newsfuse.store import default_db_path

    monkeypatch.setenv("NEWSFUSE_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"


def test_a_second_connection_reads_while_one_writes(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as writer:
        writer.put_article(make_article())
        reader = sqlite3.connect(str(path))
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        reader.close()


def test_briefing_cache_is_keyed_by_the_set_of_texts(tmp_path):
    from newsfuse.store.db import articles_signature

    one = [make_article("a1"), make_article("a2", "Other text.")]
    signature = articles_signature(one)
    assert signature == articles_signature(list(reversed(one)))
    assert signature != articles_signature([make_article("a1"), make_article("a2", "Edited text.")])
    with Store(tmp_path / "s.db") as store:
        assert store.briefing("story-1", signature) is None
        store.put_briefing("story-1", signature, {"schema": "newsfuse.briefing/1"})
        assert store.briefing("story-1", signature) == {"schema": "newsfuse.briefing/1"}
        assert store.briefing("story-1", "another-signature") is None


def test_briefing_signature_changes_with_the_code(monkeypatch):
    from newsfuse.store import db

    articles = [make_article("a1")]
    before = db.articles_signature(articles)
    assert len(db.code_fingerprint()) == 64
    monkeypatch.setattr(db, "code_fingerprint", lambda: "an upgraded newsfuse")
    assert db.articles_signature(articles) != before
