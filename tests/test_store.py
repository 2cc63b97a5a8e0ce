"""The SQLite store: articles, the annotation cache and its vectors."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from newsfuse.models import Annotations, Article, Sentence
from newsfuse.store import Store


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


def test_cache_rows_of_other_annotate_code_or_models_are_ignored(tmp_path, monkeypatch):
    from newsfuse.annotate import fingerprint

    annotations = Annotations(article="a1", content_hash="h1", sentences=[Sentence(start=0, end=4, text="Text")])
    with Store(tmp_path / "s.db") as store:
        store.conn.execute("INSERT INTO annotations (content_hash, version, record) VALUES ('h1', 7, '{}')")
        store.conn.commit()
        assert store.annotations("h1") is None  # a row of the hand-numbered versions
        store.put_annotations(annotations)
        assert store.annotations("h1") == annotations
        monkeypatch.setattr(fingerprint, "annotation_fingerprint", lambda: "sha256:other-models")
        assert store.annotations("h1") is None


def test_annotation_fingerprint_covers_the_annotate_code_and_what_it_imports():
    from newsfuse.annotate.fingerprint import annotate_sources, annotation_fingerprint

    names = {path.as_posix().split("/newsfuse/", 1)[1] for path in annotate_sources()}
    assert {"annotate/__init__.py", "annotate/credits.py", "models.py", "text.py"} <= names
    assert not names & {"fuse/story.py", "render/markdown.py", "pipeline.py", "__init__.py"}
    assert annotation_fingerprint().startswith("sha256:") and len(annotation_fingerprint()) == 71


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


@pytest.mark.parametrize("message, code", [
    ("attempt to write a readonly database", "E040"),
    ("database or disk is full", "E045"),
    ("database is locked", "E044"),
    ("file is not a database", "E041"),
    ("database disk image is malformed", "E041"),
])
def test_sqlite_errors_become_coded_store_errors(tmp_path, message, code):
    from newsfuse.store.db import store_error

    error = store_error(sqlite3.OperationalError(message), tmp_path / "s.db")
    assert error.code == code and str(tmp_path / "s.db") in error.message


def test_a_second_writer_waits_for_the_first(tmp_path, monkeypatch):
    import threading

    from newsfuse.errors import NewsfuseError
    from newsfuse.store import db

    monkeypatch.setattr(db, "BUSY_SECONDS", 0.2)
    with Store(tmp_path / "s.db") as first, Store(tmp_path / "s.db") as second:
        with first.write_lock():
            with pytest.raises(NewsfuseError, match="E044"):
                with second.write_lock():
                    pass
        entered = threading.Event()
        with second.write_lock():
            entered.set()
        assert entered.is_set()
def test_articles_stored_with_the_old_empty_credits_field_still_load():
    record = make_article().model_dump()
    assert Article.model_validate({**record, "credits": []}) == make_article()
