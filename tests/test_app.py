"""The application layer: article identity on add, schema migrations, the background worker."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from newsfuse.app import Newsroom, story_key
from newsfuse.identity import derived_id
from newsfuse.params import FuseParams
from newsfuse.errors import NewsfuseError
from newsfuse.ingest import Upload
from newsfuse.jobs import Worker
from newsfuse.store import Store
from newsfuse.store.migrations import MIGRATIONS, CORE_SCHEMA, applied

FERRY = b"Tarn Courier\nFerries resume after Tarn eruption\n\nFerries to Tarn island resumed on Wednesday.\n"
VOLCANO = b"Ash Weekly\nVolcano erupts on Tarn island\n\nThe Tarn volcano erupted on Monday, sending ash out.\n"


def test_add_never_replaces_a_stored_article_and_keeps_one_copy_of_a_text(store_url):
    with Newsroom(store_url) as room:
        first = room.add([Upload("story.txt", FERRY)])
        assert [article.id for article in first.articles] == ["story"] and first.problems == []
        clash = room.add([Upload("story.txt", VOLCANO)])  # same name, other text: a new id, nothing replaced
        assert [article.id for article in clash.articles] == [derived_id("story", clash.articles[0].content_hash)]
        assert [problem.code for problem in clash.problems] == ["W010"]
        assert "Ferries" in room.article("story").text
        copy = room.add([Upload("again.txt", FERRY)])  # same text, other name: refused with W009
        assert copy.articles == [] and [problem.code for problem in copy.problems] == ["W009"]
        rerun = room.add([Upload("story.txt", FERRY)])  # the same input again: nothing new, no problem
        assert rerun.articles == [] and rerun.problems == [] and rerun.read == 1
        assert sum(story.size for story in room.stories()) == 2


def test_story_cache_keys_differ_by_parameters():
    assert story_key("3", FuseParams()) != story_key("3", FuseParams(summary_sentences=5))
    assert Newsroom.signature([], FuseParams()) != Newsroom.signature([], FuseParams(summary_words=40))


def test_a_store_of_an_older_newsfuse_gets_its_migrations_recorded_once(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(CORE_SCHEMA)  # what newsfuse wrote before migrations were numbered
    conn.execute("INSERT INTO articles (id, content_hash, record) VALUES ('a', 'h', '{}')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert applied(store.conn) == {migration.number for migration in MIGRATIONS}
        assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        assert store.conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 0
    numbers = [migration.number for migration in MIGRATIONS]
    assert numbers == sorted(set(numbers)) and numbers[0] == 1
    with Store(path) as store:  # nothing applied twice
        assert store.conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)


def test_the_worker_shares_a_key_runs_in_order_and_stops_at_the_next_progress_call():
    worker = Worker()
    started, release = threading.Event(), threading.Event()

    def slow(progress):
        started.set()
        while True:
            progress("analyse", 1, 2)
            release.wait(0.01)

    first = worker.submit("story:1", "briefing story 1", slow)
    assert worker.submit("story:1", "briefing story 1", slow) is first
    second = worker.submit(None, "adding articles", lambda progress: 42)
    assert started.wait(30)
    assert first.state == "running" and second.state == "queued"
    assert worker.job(first.id).as_json()["stage"] == "analyse"
    worker.stop()
    for job in (first, second):
        with pytest.raises(NewsfuseError, match="E031"):
            job.future.result(timeout=30)
        assert job.state == "failed"
    assert worker.submit(None, "late", lambda progress: 1).state == "failed"


def test_a_failing_job_reports_its_error_and_the_worker_goes_on():
    worker = Worker()
    broken = worker.submit(None, "broken", lambda progress: 1 / 0)
    fine = worker.submit(None, "fine", lambda progress: "ok")
    assert fine.future.result(timeout=30) == "ok"
    assert broken.state == "failed" and "division" in broken.error
    worker.stop()


def test_per_article_work_runs_where_the_newsroom_is_told_and_is_cached(tmp_path):
    from newsfuse.models import Annotations

    batches = []

    def elsewhere(articles):  # stands in for worker processes or a cluster
        batches.append([article.id for article in articles])
        return iter([Annotations(article=article.id, content_hash=article.content_hash) for article in articles])

    with Newsroom(tmp_path / "s.db", annotate=elsewhere) as room:
        room.add([Upload("ferry.txt", FERRY)])
        article = room.article("ferry")
        assert room.annotations(article).content_hash == article.content_hash
        assert room.cached_annotations(article) is not None
        room.annotations(article)
    assert batches == [["ferry"]]  # the second call read the cache
