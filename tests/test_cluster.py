"""Stream clustering: features, placement, incremental runs, merges, and the ingest/stories CLI."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from newsfuse.cluster import ClusterParams, StoryLinker, StoryParams, StreamClusterer, extract_features
from newsfuse.cluster.recheck import bisect
from newsfuse.cluster.features import dating_years, names, numbers, publication_day, terms, years
from newsfuse.ingest import load
from newsfuse.models import Article
from newsfuse.store import Store
from newsfuse.store.snapshots import forget_live
from newsfuse.store.stories import event_articles, place_new_articles, resolve_story, story_articles
from newsfuse.store import story_queries
from newsfuse.store.story_queries import list_stories, merges
from conftest import SAMPLE_STORY

# Two events of one kind (earthquakes), told by several outlets in their own words,
# plus an unrelated event: invented texts.
QUAKE_ITALY = [
    ("Earthquake kills 38 in central Italy",
     "A magnitude 6.2 earthquake struck near Norcia in central Italy on Wednesday, killing at least 38 "
     "people, the Civil Protection agency said. Rescuers in Amatrice searched rubble through the night. "
     "Prime Minister Matteo Renzi said the government would rebuild every town."),
    ("Italy quake: Amatrice flattened, 38 dead",
     "Rescue teams dug through collapsed houses in Amatrice after the 6.2 quake hit the Norcia area. "
     "The Civil Protection agency put the toll at 38 and warned it could rise. Matteo Renzi visited "
     "the area on Wednesday evening."),
    ("Aftershocks rattle Norcia as Italy counts quake dead",
     "Aftershocks shook Norcia and Amatrice on Thursday, a day after the magnitude 6.2 earthquake. "
     "Italy's Civil Protection said 38 people died. Renzi promised funds to rebuild Amatrice."),
]
QUAKE_IRAN = [
    ("Strong earthquake hits Kermanshah, Iran",
     "A magnitude 7.3 earthquake struck Kermanshah province in western Iran near the Iraqi border on "
     "Sunday, killing more than 400 people, Iranian state television said. The Red Crescent sent "
     "tents to Sarpol-e Zahab, the worst hit town."),
    ("Iran quake toll passes 400 in Kermanshah",
     "Rescuers in Sarpol-e Zahab pulled survivors from the ruins after the 7.3 magnitude quake in "
     "Kermanshah. Iran's Red Crescent said more than 400 were killed. President Hassan Rouhani "
     "visited the province."),
    ("Rouhani visits Kermanshah quake zone",
     "Hassan Rouhani promised help to Sarpol-e Zahab on Tuesday, two days after the 7.3 earthquake "
     "killed more than 400 people in Kermanshah province. The Red Crescent housed families in tents."),
]
ELECTION = [
    ("Voters in Portugal re-elect Costa",
     "Antonio Costa's Socialist Party won Portugal's general election on Sunday with 41 percent of "
     "the vote, according to official results from Lisbon."),
]


def make_articles(stories: list[list[tuple[str, str]]], prefix: str = "a", day: str = "2017-11-13"):
    """Articles of several stories interleaved (as a stream would mix them)."""
    articles = []
    for rank in range(max(len(story) for story in stories)):
        for index, story in enumerate(stories):
            if rank < len(story):
                title, text = story[rank]
                articles.append(Article(id=f"{prefix}{index}-{rank}", title=title, text=text, published=day,
                                        outlet=f"outlet {rank}", content_hash=f"{prefix}{index}-{rank}"))
    return articles


def groups(assignment: dict[str, int]) -> set[frozenset[str]]:
    found: dict[int, set[str]] = {}
    for article, story in assignment.items():
        found.setdefault(story, set()).add(article)
    return {frozenset(members) for members in found.values()}


def level(clusterer: StreamClusterer, index: int) -> dict[str, int]:
    """Article -> event id (`index` 0) or story id (1)."""
    return {article: ids[index] for article, ids in clusterer.assignments().items()}


# ----------------------------------------------------------------- features


def test_features_keep_names_numbers_and_years_but_not_sentence_openers():
    text = "Another day in Hollywood. Tara Reid, 33, entered Promises in Malibu in 2008. Reid said so."
    found = names(text)
    assert {"tara reid", "reid", "malibu", "promise", "hollywood"} <= set(found)
    assert "another" not in found
    assert {"33", "2008"} <= numbers(text)
    assert years(text) == {"2008"}
    assert "another" not in terms(text) and terms(text)["reid"] == 2


def test_publication_day_is_an_ordinal_or_none():
    assert publication_day("2021-08-27T10:00:00Z") - publication_day("2021-08-20") == 7
    assert publication_day("not a date") is None and publication_day(None) is None


def test_a_dated_article_is_dated_by_its_publication_year_not_by_years_it_mentions():
    text = "The bridge, built in 1968, failed an inspection in 2023."
    assert dating_years(publication_day("2025-03-12"), text) == {"2025"}
    assert dating_years(None, text) == {"1968", "2023"}


# ---------------------------------------------------------------- placement


def test_stream_separates_two_events_of_one_kind():
    clusterer = StreamClusterer()
    for article in make_articles([QUAKE_ITALY, QUAKE_IRAN, ELECTION]):
        clusterer.place(extract_features(article))
    expected = {frozenset({"a0-0", "a0-1", "a0-2"}), frozenset({"a1-0", "a1-1", "a1-2"}), frozenset({"a2-0"})}
    assert groups(level(clusterer, 0)) == expected
    assert groups(level(clusterer, 1)) == expected


def test_same_words_months_apart_start_a_new_story():
    clusterer = StreamClusterer()
    first = make_articles([QUAKE_ITALY[:2]], prefix="old", day="2016-08-24")
    later = make_articles([QUAKE_ITALY[2:]], prefix="new", day="2017-03-01")
    placements = [clusterer.place(extract_features(article)) for article in first + later]
    assert [placement.new for placement in placements] == [True, False, True]


def stream_groups(folder) -> set[frozenset[str]]:
    """The stories an ingested folder of articles forms when streamed in load order."""
    clusterer = StreamClusterer()
    for article in load([folder]).articles:
        clusterer.place(extract_features(article))
    return groups(level(clusterer, 1))


def test_sample_story_with_different_angles_is_one_story():
    found = stream_groups(SAMPLE_STORY)
    assert len(found) == 1 and len(next(iter(found))) == 6


def test_an_article_dated_the_same_day_gains_and_an_undated_one_does_not():
    clusterer = StreamClusterer().events
    clusterer.place(extract_features(make_articles([QUAKE_ITALY[:1]])[0]))
    story = next(iter(clusterer.stories.values()))
    dated = extract_features(make_articles([QUAKE_ITALY[1:2]], prefix="d")[0])
    undated = extract_features(make_articles([QUAKE_ITALY[1:2]], prefix="u", day=None)[0])
    assert clusterer.similarities(story, dated, clusterer.observe(dated))["dated_close"] == 1.0
    assert clusterer.similarities(story, undated, clusterer.observe(undated))["dated_close"] == 0.0


def test_kabul_wire_rewrites_and_spun_copy_are_one_story(kabul_dir):
    joined = [group for group in stream_groups(kabul_dir) if len(group) > 1]
    assert len(joined) == 1
    assert {name[:3] for name in joined[0]} >= {"000", "001", "003"}


def test_kabul_opinion_piece_joins_the_reports(kabul_dir):
    """The undated opinion piece (002) shares mostly Kabul, the Taliban and the attack with the reports."""
    assert len(stream_groups(kabul_dir)) == 1


def test_names_every_article_of_a_short_stream_shares_keep_most_of_their_weight():
    """Raw IDF would weigh "Harwick", named by all three articles, at 59% of "Dunmore" (named once)."""
    texts = ["Fire crews in Harwick fought a blaze.", "Harwick residents fled the smoke.",
             "Harwick and Dunmore schools closed."]
    clusterer = StreamClusterer().events
    for index, text in enumerate(texts):
        vectors = clusterer.observe(extract_features(Article(id=f"h{index}", text=text, content_hash=f"h{index}")))
    assert vectors["names"]["harwick"] >= 0.8 * vectors["names"]["dunmore"]


def test_candidates_come_from_the_index_not_from_every_story():
    clusterer = StreamClusterer().events
    for article in make_articles([QUAKE_ITALY, ELECTION]):
        clusterer.place(extract_features(article))
    probe = extract_features(make_articles([QUAKE_IRAN[:1]], prefix="p")[0])
    candidates = clusterer.candidates(probe, clusterer.observe(probe))
    assert all(story.members[0].startswith("a0") for story in candidates)


def test_restore_replays_without_scoring_and_keeps_story_ids():
    clusterer = StreamClusterer()
    articles = make_articles([QUAKE_ITALY, QUAKE_IRAN])
    for article in articles:
        clusterer.place(extract_features(article))
    replayed = StreamClusterer()
    placed = clusterer.assignments()
    for article in articles:
        replayed.restore(extract_features(article), *placed[article.id])
    assert replayed.assignments() == placed
    assert replayed.events.next_id == clusterer.events.next_id
    assert replayed.stories.next_id == clusterer.stories.next_id


# A merge, made certain by a model that only looks at body similarity: two stories
# with nothing in common, then an article that tells both halves.
HALF_ONE = "Fire crews fought a blaze at the Harwick paper mill through Monday night."
HALF_TWO = "Residents of Dunmore were told to keep windows shut because of thick smoke."
BODY_ONLY = ClusterParams(weights={"body": 10.0}, bias=-5.0, join_threshold=0.6, merge_threshold=0.8)


def merge_articles() -> list[Article]:
    texts = [HALF_ONE, HALF_TWO, f"{HALF_ONE} {HALF_TWO}"]
    return [Article(id=f"m{index}", text=text, content_hash=f"m{index}") for index, text in enumerate(texts)]


def test_an_article_matching_two_stories_merges_them():
    clusterer = StreamClusterer(BODY_ONLY)
    placements = [clusterer.place(extract_features(article)) for article in merge_articles()]
    assert [placement.new for placement in placements] == [True, True, False]
    merge = placements[2].merges[0]
    assert (merge.kept, merge.absorbed, merge.article) == (1, 2, "m2")
    assert set(clusterer.assignments().values()) == {(1, 1)} and set(clusterer.events.stories) == {1}
    assert set(clusterer.stories.stories) == {1}


# A join bar so low that the first Iran report joins the Italy quake: the mixed event must be split again.
PERMISSIVE = ClusterParams(join_threshold=0.1)


@pytest.mark.parametrize("split_threshold, events", [
    (0.0, 1),  # no second thoughts: the early wrong join draws both events together
    (ClusterParams().split_threshold, 2),
])
def test_an_event_found_to_hold_two_events_is_split(split_threshold, events):
    clusterer = StreamClusterer(replace(PERMISSIVE, split_threshold=split_threshold))
    placements = [clusterer.place(extract_features(article)) for article in make_articles([QUAKE_ITALY, QUAKE_IRAN])]
    found = groups(level(clusterer, 0))
    assert len(found) == events
    if events == 2:
        assert found == {frozenset({"a0-0", "a0-1", "a0-2"}), frozenset({"a1-0", "a1-1", "a1-2"})}
        moves = [move for placement in placements for move in placement.moves]
        assert {move.article for move in moves} == {"a1-0", "a1-1"}
        assert {(move.left, move.joined, move.story) for move in moves} == {(1, 2, 1)}  # same story, new event
        assert all(move.score < split_threshold for move in moves)


def test_bisect_cuts_two_topics_apart_and_refuses_a_lone_stray():
    quake = channels({"quake": 1.0, "toll": 0.5}, {"amatrice": 1.0})
    vote = channels({"vote": 1.0, "ballot": 0.5}, {"costa": 1.0})
    members = [("q1", quake), ("v1", vote), ("q2", quake), ("v2", vote), ("q3", quake)]
    assert bisect(members) == (["q1", "q2", "q3"], ["v1", "v2"])
    assert bisect([("q1", quake), ("q2", quake), ("q3", quake), ("v1", vote)]) is None


def test_a_split_is_stored_and_a_resumed_stream_places_alike(tmp_path):
    articles = make_articles([QUAKE_ITALY[:2], QUAKE_IRAN[:2]])
    later = make_articles([QUAKE_ITALY[2:], QUAKE_IRAN[2:]], prefix="b")
    clusterer = StreamClusterer(PERMISSIVE)
    for article in articles + later:
        clusterer.place(extract_features(article))
    with Store(tmp_path / "split.db") as opened:
        place_new_articles(opened, put(opened, articles), params=PERMISSIVE)
        forget_live()
        place_new_articles(opened, put(opened, later), params=PERMISSIVE)
        stored = {row.article_id: (int(row.event_id), int(row.story_id)) for row in story_queries.assignments(opened)}
    assert stored == clusterer.assignments()
    assert len(groups({article: ids[0] for article, ids in stored.items()})) == 2


def unit(weights: dict[str, float]) -> dict[str, float]:
    norm = sum(weight * weight for weight in weights.values()) ** 0.5
    return {term: weight / norm for term, weight in weights.items()}


def channels(body: dict[str, float], names: dict[str, float]) -> dict[str, dict[str, float]]:
    return {"body": unit(body), "head": unit(body), "names": unit(names)}


@pytest.mark.parametrize("relink_max, merged", [(3, True), (0, False)])
def test_a_young_story_whose_articles_together_match_a_running_story_is_merged_into_it(relink_max, merged):
    """The first article says too little to continue story 1 (similarity 0.39 < 0.5); with a second
    article the young story's sum matches it (about 0.71 a day later, over the 0.6 merge threshold):
    merged, and recorded, when young stories are re-scored."""
    params = StoryParams(join_threshold=0.5, merge_threshold=0.6, min_names=0.0, relink_max=relink_max)
    linker = StoryLinker(params)
    keys = ["quake", "@amatrice"]
    linker.link_new_event(1, "old", channels({"quake": 1.0}, {"amatrice": 1.0}), 100, keys)
    weak = linker.link_new_event(2, "weak", channels({"quake": 0.4, "school": 0.9165},
                                                     {"amatrice": 0.4, "mayor": 0.9165}), 101, keys)
    linker.follow_event(2, "strong", channels({"quake": 0.8, "toll": 0.6}, {"amatrice": 0.8, "renzi": 0.6}), 101, keys)
    found = linker.relink_young(linker.story_of(2), "strong", 101)
    assert weak.new and weak.story == 2
    assert [(merge.kept, merge.absorbed, merge.article) for merge in found] == ([(1, 2, "strong")] if merged else [])
    assert linker.story_of(2) == (1 if merged else 2) and linker.merges == found


# -------------------------------------------------------------------- store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "newsfuse.db") as opened:
        yield opened


def put(store: Store, articles: list[Article]) -> list[Article]:
    for article in articles:
        store.put_article(article)
    return articles


def test_incremental_run_places_only_new_articles(store):
    day_one = put(store, make_articles([QUAKE_ITALY[:2], QUAKE_IRAN[:2]]))
    first = place_new_articles(store, day_one)
    assert first.replayed == 0 and first.resumed_from == "replay" and len(first.placements) == 4
    before = {article.id: resolve_story(store, str(p.story)) for article, p in zip(day_one, first.placements)}

    day_two = put(store, make_articles([QUAKE_ITALY[2:], QUAKE_IRAN[2:]], prefix="b"))
    forget_live()  # as in a new process: the clusterer resumes from the stored snapshot
    second = place_new_articles(store, day_one + day_two)
    assert second.replayed == 0 and second.resumed_from == "snapshot"
    assert [placement.article for placement in second.placements] == ["b0-0", "b1-0"]
    assert [placement.new for placement in second.placements] == [False, False]
    assert second.placements[0].story == before["a0-0"] and second.placements[1].story == before["a1-0"]
    assert {p.article for p in place_new_articles(store, day_one + day_two).placements} == set()


def test_a_second_run_in_one_process_continues_without_replay_and_places_alike(tmp_path):
    day_one = make_articles([QUAKE_ITALY[:2], QUAKE_IRAN[:2], ELECTION])
    day_two = make_articles([QUAKE_ITALY[2:], QUAKE_IRAN[2:]], prefix="b")
    found = []
    for name, forget in (("live", False), ("snapshot", True)):
        with Store(tmp_path / f"{name}.db") as opened:
            place_new_articles(opened, put(opened, day_one))
            if forget:
                forget_live()
            second = place_new_articles(opened, put(opened, day_two))
            assert second.replayed == 0 and second.resumed_from == name
            found.append(list(story_queries.assignments(opened)))
    assert found[0] == found[1]


def test_merge_is_recorded_in_the_store(store):
    articles = put(store, merge_articles())
    place_new_articles(store, articles, params=BODY_ONLY)
    assert [(m["level"], m["kept"], m["absorbed"], m["article_id"]) for m in merges(store)] == [
        ("event", 1, 2, "m2"), ("story", 1, 2, "m2")]
    assert [story.id for story in list_stories(store)] == ["1"]
    absorbed = [story for story in list_stories(store, include_merged=True) if story.id == "2"]
    assert absorbed[0].size == 0
    assert [article.id for article in story_articles(store, "2")] == ["m0", "m1", "m2"]
    first_story = store.conn.execute("SELECT first_story_id FROM story_articles WHERE article_id = 'm1'").fetchone()
    assert first_story[0] == 2


def test_list_stories_reports_size_outlets_dates_and_title(store):
    place_new_articles(store, put(store, make_articles([QUAKE_IRAN, ELECTION])))
    largest = list_stories(store)[0]
    assert largest.size == 3
    assert largest.outlets == ["outlet 0", "outlet 1", "outlet 2"]
    assert (largest.first_seen, largest.last_seen) == ("2017-11-13", "2017-11-13")
    assert largest.title == QUAKE_IRAN[0][0]
    assert story_articles(store, "no-such-story") == [] and story_articles(store, "999") == []


# ---------------------------------------------------------------------- CLI


def write_feed(folder, stories: list[list[tuple[str, str]]], prefix: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for article in make_articles(stories, prefix=prefix):
        (folder / f"{article.id}.txt").write_text(f"{article.title}\n\n{article.text}\n", encoding="utf-8")


@pytest.fixture
def cli():
    import newsfuse.cli.stories  # noqa: F401  (registers `ingest` and `stories`)
    from newsfuse.cli.app import app

    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(arg) for arg in args])


def test_cli_ingest_then_stories_json(cli, tmp_path):
    db = tmp_path / "cli.db"
    write_feed(tmp_path / "day1", [QUAKE_ITALY[:2], QUAKE_IRAN[:2]], "d1-")
    result = cli("ingest", tmp_path / "day1", "--db", db)
    assert result.exit_code == 0, result.output
    assert "4 new articles placed" in result.output

    listed = cli("stories", "--db", db, "--json")
    assert listed.exit_code == 0
    found = json.loads(listed.stdout)
    assert sorted(story["size"] for story in found) == [2, 2]
    assert {"id", "size", "outlets", "first_seen", "last_seen", "title"} <= set(found[0])

    write_feed(tmp_path / "day2", [QUAKE_ITALY[2:]], "d2-")
    again = cli("ingest", tmp_path / "day1", tmp_path / "day2", "--db", db)
    assert again.exit_code == 0, again.output
    assert "1 new articles placed: 1 joined a story" in again.output
    assert sorted(story["size"] for story in json.loads(cli("stories", "--db", db, "--json").stdout)) == [2, 3]


def test_cli_reports_bad_items_one_line_each_and_exit_codes(cli, tmp_path):
    db = tmp_path / "cli.db"
    write_feed(tmp_path / "feed", [ELECTION], "e-")
    result = cli("ingest", tmp_path / "feed", tmp_path / "missing.jsonl", "--db", db)
    assert result.exit_code == 3
    assert sum("skipped" in line and "missing.jsonl" in line for line in result.output.splitlines()) == 1
    assert cli("ingest", tmp_path / "missing.jsonl", "--db", db).exit_code == 4
    table = cli("stories", "--db", db)
    assert table.exit_code == 0 and "Costa" in table.stdout


# ------------------------------------------------------- events, export, brief --event


def test_a_follow_up_days_later_joins_the_story_as_a_new_event():
    """Same actors and place, another happening: its own event, the same story."""
    follow_up = [("Amatrice mayor questioned over rebuilt school",
                  "Prosecutors questioned the mayor of Amatrice on Tuesday about a school rebuilt in 2012 "
                  "that fell in the earthquake. Matteo Renzi told parliament that Norcia and Amatrice "
                  "would get new schools before winter.")]
    clusterer = StreamClusterer()
    first = [clusterer.place(extract_features(a)) for a in make_articles([QUAKE_ITALY], day="2016-08-24")]
    later = clusterer.place(extract_features(make_articles([follow_up], prefix="f", day="2016-09-06")[0]))
    assert later.new_event and not later.new and later.story == first[0].story
    assert later.event != first[0].event and later.story_score > 0


def test_stories_list_their_events_and_export_writes_every_article(cli, tmp_path):
    db = tmp_path / "cli.db"
    write_feed(tmp_path / "feed", [QUAKE_ITALY, QUAKE_IRAN], "x-")
    assert cli("ingest", tmp_path / "feed", "--db", db).exit_code == 0
    found = json.loads(cli("stories", "--db", db, "--json").stdout)
    assert all(sum(event["size"] for event in story["events"]) == story["size"] for story in found)

    jsonl = cli("export", "--db", db)
    assert jsonl.exit_code == 0
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert {row["article_id"] for row in rows} == {f"x-{s}-{r}" for s in range(2) for r in range(3)}
    assert {row["story_id"] for row in rows} == {story["id"] for story in found}
    assert [row["seq"] for row in rows] == sorted(row["seq"] for row in rows)

    out = tmp_path / "assignments.csv"
    assert cli("export", "--db", db, "--format", "csv", "-o", out).exit_code == 0
    import csv

    with out.open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert [(r["article_id"], r["event_id"], r["story_id"]) for r in table] == [
        (r["article_id"], r["event_id"], r["story_id"]) for r in rows]
    assert cli("export", "--db", db, "-o", tmp_path / "no-such-dir" / "x.csv").exit_code == 4
    assert cli("export", "--db", tmp_path / "no-store.db").exit_code == 4  # E043: nothing is created
    assert not (tmp_path / "no-store.db").exists()
    from newsfuse.app import Newsroom

    Newsroom(tmp_path / "empty.db").close()
    empty = cli("export", "--db", tmp_path / "empty.db", "--format", "csv")
    assert empty.exit_code == 0 and empty.stdout.strip() == ",".join(
        ("article_id", "event_id", "story_id", "seq", "published", "outlet", "title"))


def test_brief_event_loads_that_events_articles_and_an_unknown_id_is_e012(store, tmp_path):
    from newsfuse.app import Newsroom
    from newsfuse.errors import NewsfuseError

    articles = put(store, make_articles([QUAKE_ITALY, QUAKE_IRAN]))
    run = place_new_articles(store, articles)
    event = str(run.placements[0].event)
    expected = [article.id for article in event_articles(store, event)]
    assert expected == ["a0-0", "a0-1", "a0-2"]
    with Newsroom(store.path, create=False) as room:
        assert [article.id for article in room.event_articles(event)] == expected
        with pytest.raises(NewsfuseError) as raised:
            room.event_articles("999")
    assert raised.value.code == "E012"


def test_a_store_from_before_events_is_rebuilt_and_keeps_its_articles(tmp_path):
    articles = make_articles([QUAKE_ITALY, ELECTION])
    with Store(tmp_path / "old.db") as old:
        put(old, articles)
        old.conn.executescript(  # the tables as migration 2 made them before events existed
            "DROP TABLE story_articles; DROP TABLE stories; DROP TABLE story_merges;"
            "CREATE TABLE story_articles (article_id TEXT PRIMARY KEY, story_id INTEGER NOT NULL, "
            "first_story_id INTEGER NOT NULL, score REAL NOT NULL, seq INTEGER NOT NULL);"
            "CREATE TABLE stories (id INTEGER PRIMARY KEY, merged_into INTEGER);")
        old.conn.executemany("INSERT INTO story_articles VALUES (?, 1, 1, 1.0, ?)",
                             [(article.id, seq) for seq, article in enumerate(articles)])
        old.conn.commit()
        forget_live()
        assert sorted(len(story.events) for story in list_stories(old)) == [1, 1]
        assert [row.article_id for row in story_queries.assignments(old)] == [a.id for a in articles]
