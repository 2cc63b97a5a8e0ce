"""The store: articles, the annotation cache and its vectors, on SQLite and on Postgres (`store_url`)."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from newsfuse.models import Annotations, Article, Sentence
from newsfuse.store import Store


def make_article(article_id: str = "a1", text: str = "One sentence. Two sentences.") -> Article:
    return Article(id=article_id, text=text, content_hash=f"hash-{text}")


def test_sqlite_store_uses_wal(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_round_trips_articles(store_url):
    with Store(store_url) as store:
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


def test_annotations_cache_keeps_vectors(store_url):
    vectors = np.arange(2 * 384, dtype=np.float32).reshape(2, 384)
    annotations = Annotations(
        article="a1", content_hash="h1",
        sentences=[Sentence(start=0, end=4, text="One."), Sentence(start=5, end=9, text="Two.")],
        vectors=vectors,
    )
    with Store(store_url) as store:
        assert store.annotations("h1") is None
        store.put_annotations(annotations)
        store.put_annotations(annotations)  # the same text annotated again replaces its row
    with Store(store_url) as store:  # survives reopening
        cached = store.annotations("h1")
    assert cached.sentences == annotations.sentences
    np.testing.assert_array_equal(cached.vectors, vectors)


def test_cache_rows_of_other_annotate_code_or_models_are_ignored(store_url, monkeypatch):
    from newsfuse.annotate import fingerprint

    annotations = Annotations(article="a1", content_hash="h1", sentences=[Sentence(start=0, end=4, text="Text")])
    with Store(store_url) as store:
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
    monkeypatch.setenv("NEWSFUSE_DB", "postgresql://news@db.example:5432/news")
    assert default_db_path() == "postgresql://news@db.example:5432/news"  # a URL stays whole (no Path folding)


def test_a_second_connection_reads_while_one_writes(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as writer:
        writer.put_article(make_article())
        reader = sqlite3.connect(str(path))
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        reader.close()


def test_briefing_cache_is_keyed_by_the_set_of_texts(store_url):
    from newsfuse.store.db import articles_signature

    one = [make_article("a1"), make_article("a2", "Other text.")]
    signature = articles_signature(one)
    assert signature == articles_signature(list(reversed(one)))
    assert signature != articles_signature([make_article("a1"), make_article("a2", "Edited text.")])
    with Store(store_url) as store:
        assert store.briefing("story-1", signature) is None
        store.put_briefing("story-1", signature, {"schema": "newsfuse.briefing/1"})
        assert store.briefing("story-1", signature) == {"schema": "newsfuse.briefing/1"}
        assert store.briefing("story-1", "another-signature") is None
        store.put_briefing("story-1", "another-signature", {"schema": "newsfuse.briefing/1", "n": 2})
        assert store.briefing("story-1", signature) is None  # one briefing per key: the newer replaced it
        assert store.briefing("story-1", "another-signature")["n"] == 2


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


def test_a_second_writer_waits_for_the_first(store_url, monkeypatch):
    import threading

    from newsfuse.errors import NewsfuseError
    from newsfuse.store import db

    monkeypatch.setattr(db, "BUSY_SECONDS", 0.2)
    with Store(store_url) as first, Store(store_url) as second:
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


# ------------------------------------------------------------ backends


def test_concurrent_openers_of_a_new_store_apply_each_migration_once(store_url):
    import threading

    from newsfuse.store.migrations import MIGRATIONS, applied

    failures = []

    def open_store():
        try:
            Store(store_url).close()
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with Store(store_url) as store:
        assert applied(store.conn) == {migration.number for migration in MIGRATIONS}
        assert store.conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)


def test_a_postgres_schema_with_no_store_is_refused_when_only_reading(postgres_url):
    from newsfuse.errors import NewsfuseError

    with pytest.raises(NewsfuseError, match="E043"):
        Store(postgres_url, create=False)
    Store(postgres_url).close()
    Store(postgres_url, create=False).close()  # now there is one


def test_an_unreachable_postgres_server_is_one_coded_error_without_the_password():
    from newsfuse.errors import NewsfuseError

    pytest.importorskip("psycopg")
    with pytest.raises(NewsfuseError) as raised:
        Store("postgresql://news:s3cret@127.0.0.1:1/news?connect_timeout=2")
    assert raised.value.code == "E047" and raised.value.exit_code == 4
    assert "s3cret" not in str(raised.value) and "news:***@127.0.0.1:1" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_postgres_url_without_psycopg_says_how_to_install_it(monkeypatch):
    import sys

    from newsfuse.errors import NewsfuseError

    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    with pytest.raises(NewsfuseError, match=r"E048.*newsfuse\[postgres\]"):
        Store("postgresql://news@127.0.0.1:1/news")


def test_store_locations_and_shown_urls():
    from pathlib import Path

    from newsfuse.store.backends import shown_location, store_location

    assert store_location("postgresql://u@h/db") == "postgresql://u@h/db"
    assert store_location("postgres://u@h/db") == "postgres://u@h/db"
    assert store_location("out/newsfuse.db") == Path("out/newsfuse.db")
    assert shown_location("postgresql://u:pw@h:5/db?x=1") == "postgresql://u:***@h:5/db?x=1"
    assert shown_location("postgresql://u@h/db") == "postgresql://u@h/db"


def test_sqlite_migration_ddl_is_renamed_for_postgres():
    from newsfuse.store.migrations import postgres_ddl

    ddl = ("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY AUTOINCREMENT, state BLOB, score REAL, "
           "made_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))")
    assert postgres_ddl(ddl) == (
        "CREATE TABLE IF NOT EXISTS t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, state BYTEA, "
        "score DOUBLE PRECISION, made_at TEXT NOT NULL DEFAULT "
        "(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')))")


def test_postgres_records_are_jsonb_and_a_failed_statement_leaves_the_connection_usable(postgres_url):
    from newsfuse.errors import NewsfuseError

    with Store(postgres_url) as store:
        types = dict(store.conn.execute(
            "SELECT table_name, data_type FROM information_schema.columns "
            "WHERE column_name = 'record' AND table_schema = current_schema()").fetchall())
        assert types == {"articles": "jsonb", "annotations": "jsonb", "briefings": "jsonb"}
        store.put_article(make_article())
        with pytest.raises(NewsfuseError, match="E041"):
            with store.conn:
                store.conn.execute("INSERT INTO articles (id, content_hash, record) VALUES ('x', 'h', 'not json')")
        assert not store.conn.in_transaction
        assert [article.id for article in store.articles()] == ["a1"]


def test_on_postgres_what_a_writer_stores_under_the_lock_commits_at_once(postgres_url):
    with Store(postgres_url) as writer, Store(postgres_url) as reader:
        with writer.write_lock():
            writer.put_article(make_article())
            with writer.conn:  # an inner block's commit waits for the lock's end
                writer.conn.execute("UPDATE articles SET content_hash = content_hash")
            assert reader.article("a1") is None
        assert reader.article("a1") == make_article()
        with pytest.raises(RuntimeError), writer.write_lock():
            writer.put_article(make_article("a2", "Other text."))
            raise RuntimeError("the writer fails half-way")
        assert reader.article("a2") is None and writer.article("a2") is None  # nothing half-written


def test_a_nul_character_in_untrusted_metadata_never_breaks_the_store(store_url):
    article = Article(id="a1", text="The bridge fell.", content_hash="h1",
                      metadata={"extra": "x\x00y", "quoted": "a\\u0000b"})  # a real NUL; six plain characters
    with Store(store_url) as store:
        store.put_article(article)
        store.put_briefing("k", "s", {"note": "x\x00y"})
        stored = store.article("a1")
        assert stored.metadata["quoted"] == "a\\u0000b" and stored.text == article.text
        # JSONB cannot hold U+0000: Postgres drops it (as text repair does in texts); SQLite keeps it.
        expected = "xy" if store.dialect.name == "postgresql" else "x\x00y"
        assert stored.metadata["extra"] == expected and store.briefing("k", "s") == {"note": expected}
