"""The stream clusterer's snapshot: an ingest resumes from it and places exactly as one run would."""

from __future__ import annotations

import os
import pickle
import random
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from newsfuse.cluster import ClusterParams, StreamClusterer, extract_features
from newsfuse.cluster.snapshot import cluster_fingerprint, dump_state, load_state
from newsfuse.models import Article
from newsfuse.store import Store
from newsfuse.store import story_queries
from newsfuse.store.snapshots import forget_live
from newsfuse.store.stories import place_new_articles

PROJECT = Path(__file__).resolve().parents[1]
TOPICS = {
    "quake": "earthquake magnitude rubble rescuers aftershock collapsed buildings toll injured",
    "election": "election voters ballots polls turnout coalition parliament campaign candidate",
    "flood": "floods river rain evacuated homes water levels dams submerged villages",
    "strike": "strike workers union wages walkout talks pay negotiations pickets",
    "fire": "wildfire blaze firefighters acres evacuations smoke containment winds",
}
PEOPLE = ["Ana Silva", "Tom Reyes", "Lena Park", "Omar Haddad", "Ivo Novak", "Mei Chen", "Raj Patel",
          "Sara Lind", "Yuri Petrov", "Nia Okafor", "Paul Brandt", "Eva Costa"]
PLACES = ["Norvale", "Kestrel Bay", "Port Arlen", "Dunmore", "Velika", "Saltmarsh", "Orrin", "Tarsk"]


def synthetic_stream(size: int, seed: int = 3) -> list[Article]:
    """`size` invented articles of many events (a topic, two people, a place, a day), in date order:
    enough events of one kind to make the clusterer choose, merge and retire (RETIRE_EVERY)."""
    rng = random.Random(seed)
    articles, event = [], 0
    while len(articles) < size:
        event += 1
        topic = rng.choice(sorted(TOPICS))
        words = TOPICS[topic].split()
        people, place = rng.sample(PEOPLE, 2), rng.choice(PLACES)
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(200))
        toll = rng.randint(10, 900)
        for copy in range(min(rng.randint(1, 9), size - len(articles))):
            body = " ".join(rng.sample(words, 6))
            text = (f"{people[0]} said the {topic} in {place} left {toll} affected. {body.capitalize()}. "
                    f"{people[1]} spoke in {place} about the {' '.join(rng.sample(words, 4))}.")
            published = day + timedelta(days=rng.randint(0, 3))
            articles.append(Article(id=f"e{event}-{copy}", title=f"{topic.title()} in {place}", text=text,
                                    published=published.isoformat(), outlet=f"outlet {copy}"))
    articles.sort(key=lambda article: (article.published, article.id))
    return articles


def ingest(path: Path | str, articles: list[Article], params: ClusterParams | None = None):
    with Store(path) as store:
        for article in articles:
            store.put_article(article)
        return place_new_articles(store, articles, params)


def stored_stream(path: Path | str) -> tuple:
    """Everything placement wrote: assignments (with first ids and scores), events, stories, merge log."""
    with Store(path) as store:
        conn = store.conn
        return (
            [tuple(row) for row in conn.execute(
                "SELECT article_id, event_id, story_id, first_event_id, first_story_id, score, story_score, seq "
                "FROM story_articles ORDER BY seq")],
            [tuple(row) for row in conn.execute("SELECT id, story_id, merged_into FROM events ORDER BY id")],
            [tuple(row) for row in conn.execute("SELECT id, merged_into FROM stories ORDER BY id")],
            [tuple(row) for row in conn.execute(
                "SELECT level, kept, absorbed, article_id, score FROM story_merges ORDER BY id")],
            list(story_queries.assignments(store)),
        )


@pytest.fixture(scope="module")
def stream() -> list[Article]:
    return synthetic_stream(1300)


@pytest.fixture(scope="module")
def one_run(stream, tmp_path_factory) -> tuple:
    path = tmp_path_factory.mktemp("one") / "newsfuse.db"
    forget_live()
    ingest(path, stream)
    forget_live()
    found = stored_stream(path)
    assert found[3], "the stream should make the clusterer merge (else this test shows little)"
    return found


def test_two_runs_resumed_from_the_snapshot_equal_one_run(stream, one_run, store_url):
    path = store_url  # an SQLite file, then a Postgres schema
    ingest(path, stream[:700])
    forget_live()  # as a new process: nothing in memory, the state comes from the store
    second = ingest(path, stream[700:])
    forget_live()
    assert second.resumed_from == "snapshot" and second.replayed == 0
    assert stored_stream(path) == one_run


def test_a_new_process_with_another_hash_seed_resumes_alike(stream, one_run, tmp_path):
    path = tmp_path / "newsfuse.db"
    ingest(path, stream[:650])
    forget_live()
    script = (
        "import sys; sys.path.insert(0, sys.argv[2]); "
        "from test_snapshot import synthetic_stream, ingest; from pathlib import Path; "
        "run = ingest(Path(sys.argv[1]), synthetic_stream(1300)[650:]); print(run.resumed_from, run.replayed)"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", script, str(path), str(PROJECT / "tests")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["snapshot", "0"]
    assert stored_stream(path) == one_run


def test_a_snapshot_older_than_the_last_placements_replays_only_the_tail(stream, one_run, store_url):
    path = store_url
    ingest(path, stream[:500])
    with Store(path) as store:
        old = store.conn.execute("SELECT fingerprint, seq, article_id, state FROM cluster_snapshots").fetchone()
    ingest(path, stream[500:900])
    with Store(path) as store:  # as if the snapshot of the second run had not been written
        store.conn.execute("UPDATE cluster_snapshots SET seq = ?, article_id = ?, state = ?",
                           (old["seq"], old["article_id"], old["state"]))
        store.conn.commit()
    forget_live()
    third = ingest(path, stream[900:])
    forget_live()
    assert third.resumed_from == "snapshot" and third.replayed == 400
    assert stored_stream(path) == one_run


def test_a_snapshot_of_other_parameters_is_rebuilt_once_by_replay(stream, tmp_path):
    path = tmp_path / "newsfuse.db"
    ingest(path, stream[:300])
    forget_live()
    stricter = ClusterParams(join_threshold=0.6)
    second = ingest(path, stream[300:400], stricter)
    assert second.resumed_from == "replay" and second.replayed == 300
    with Store(path) as store:
        assert store.conn.execute("SELECT fingerprint FROM cluster_snapshots").fetchone()[0] == \
            cluster_fingerprint(stricter)
    forget_live()
    third = ingest(path, stream[400:450], stricter)
    assert third.resumed_from == "snapshot" and third.replayed == 0


def test_a_tail_that_would_land_elsewhere_is_not_trusted(stream, tmp_path):
    path = tmp_path / "newsfuse.db"
    ingest(path, stream[:200])
    with Store(path) as store:
        old = store.conn.execute("SELECT seq, state FROM cluster_snapshots").fetchone()
    ingest(path, stream[200:260])
    with Store(path) as store:  # an old snapshot, and a tail placed by something else
        store.conn.execute("UPDATE cluster_snapshots SET seq = ?, state = ?", (old["seq"], old["state"]))
        store.conn.execute("UPDATE story_articles SET first_event_id = first_event_id + 1000 WHERE seq = ?",
                           (old["seq"] + 5,))
        store.conn.commit()
    forget_live()
    third = ingest(path, stream[260:270])
    assert third.resumed_from == "replay" and third.replayed == 260


def test_a_damaged_snapshot_is_rebuilt_by_replay(stream, tmp_path):
    path = tmp_path / "newsfuse.db"
    ingest(path, stream[:100])
    with Store(path) as store:
        store.conn.execute("UPDATE cluster_snapshots SET state = ?", (b"not a snapshot",))
        store.conn.commit()
    forget_live()
    assert ingest(path, stream[100:120]).resumed_from == "replay"


def test_dump_and_load_give_a_clusterer_that_places_alike(stream):
    whole, resumed = StreamClusterer(), StreamClusterer()
    for article in stream[:600]:
        whole.place(extract_features(article))
        resumed.place(extract_features(article))
    resumed = load_state(dump_state(resumed))
    for article in stream[600:900]:
        assert whole.place(extract_features(article)) == resumed.place(extract_features(article))
    assert whole.assignments() == resumed.assignments()


def test_a_snapshot_keeps_no_index_entry_of_retired_groups_and_rebuilds_the_index_alike(stream):
    clusterer = StreamClusterer()
    for article in stream[:1100]:  # each event with a word of its own, dropped from the index with the event
        event = article.id.split("-")[0]
        clusterer.place(extract_features(article.model_copy(update={"text": f"{article.text} Codeword {event}zq."})))
    loaded = load_state(dump_state(clusterer))
    assert not all(clusterer.events.postings.values()), "retired events should have left keys with no event"
    for before, after in ((clusterer.events, loaded.events), (clusterer.stories, loaded.stories)):
        assert dict(after.postings) == {key: ids for key, ids in before.postings.items() if ids}


def test_placement_runs_with_the_cyclic_collector_paused_and_restores_it(stream, tmp_path):
    import gc

    seen = []
    with Store(tmp_path / "newsfuse.db") as store:
        for article in stream[:20]:
            store.put_article(article)
        place_new_articles(store, stream[:20], progress=lambda stage, done, total: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()


@pytest.mark.parametrize("payload", [
    pickle.dumps(os.system),  # a function outside the cluster package
    b"cnewsfuse.cluster.features\nsys\n.",  # GLOBAL: the sys module, imported by a cluster module
    pickle.dumps({"not": "a clusterer"}),
], ids=["os.system", "module imported by a cluster module", "another object"])
def test_load_state_refuses_anything_but_cluster_state(payload):
    with pytest.raises(pickle.UnpicklingError):
        load_state(payload)


def test_groups_sharing_as_many_keys_come_oldest_first_whatever_the_set_order():
    from newsfuse.cluster.groups import GroupIndex

    index = GroupIndex()
    for _ in range(40):
        group = index._new_group()
        group.last_day = 10 if group.id in (2, 17, 33) else 1
        index.post(group, ["key"])
    index.retire(5)
    copied = pickle.loads(pickle.dumps(index))  # the set is rebuilt: its iteration order may change
    assert [story.id for story in index.hits(["key"], 100)] == [2, 17, 33]
    assert [story.id for story in copied.hits(["key"], 100)] == [2, 17, 33]


def test_an_ingest_places_the_articles_a_stopped_run_stored_but_did_not_place(stream, tmp_path):
    from newsfuse.app import Newsroom

    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(article.model_dump_json(include={"id", "title", "text", "published", "outlet"}) + "\n"
                            for article in stream[:30]), encoding="utf-8")
    db = tmp_path / "newsfuse.db"
    with Newsroom(db) as room:
        for article in room.load([feed]).articles[:20]:  # stored, then the run stopped before placing
            room.store().put_article(article)
        run = room.add([feed]).placements
    assert len(run.placements) == 30
    assert [row.article_id for row in Newsroom(db).assignments()] == [p.article for p in run.placements]
