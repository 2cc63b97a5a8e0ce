"""Article identity: an id taken by another text gives a text-derived id, never an overwrite.

Every entry point is covered: `load` (one run), `Store.put_article` (across
runs), CLI `ingest` and `brief`, the Python API `newsfuse.brief`, web uploads
(`Newsroom.add`). `brief` stores no article: its caches are keyed by the texts.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import newsfuse
from newsfuse.cli import app
from newsfuse.errors import EXIT_PARTIAL
from newsfuse.identity import derived_id
from newsfuse.ingest import load
from newsfuse.store import Store
from newsfuse.app import Newsroom
from newsfuse.ingest import Upload

BRIDGE = ("The Kessel bridge in Port Veldra collapsed on Monday morning. The mayor said that "
          "three people were injured and that the harbour would stay closed.")
AIRPORT = ("Two explosions hit the crowds outside Kabul airport on Thursday. Officials said that "
           "dozens of people were killed and that evacuation flights would continue.")
runner = CliRunner()


@pytest.fixture
def two_folders(tmp_path):
    """`bridge/001.txt` and `kabul/001.txt`: one name, two different articles."""
    for folder, text in (("bridge", BRIDGE), ("kabul", AIRPORT)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "001.txt").write_text(text, encoding="utf-8")
    return tmp_path / "bridge", tmp_path / "kabul"


def stored_texts(db) -> dict[str, str]:
    with Store(db) as store:
        return {article.id: article.text for article in store.articles()}


def test_one_run_keeps_both_texts_under_stable_ids(two_folders):
    bridge, kabul = two_folders
    result = load([bridge, kabul])
    assert [a.text for a in result.articles] == [BRIDGE, AIRPORT]
    second = result.articles[1]
    assert [a.id for a in result.articles] == ["001", derived_id("001", second.content_hash)]
    assert [p.code for p in result.problems] == ["W010"]
    assert load([kabul, bridge]).articles[1].id == derived_id("001", result.articles[0].content_hash)


def test_the_same_text_under_two_names_stays_one_article(tmp_path):
    (tmp_path / "a.txt").write_text(BRIDGE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BRIDGE, encoding="utf-8")
    result = load([tmp_path])
    assert [a.id for a in result.articles] == ["a"] and [p.code for p in result.problems] == ["W009"]


def test_cli_ingest_never_overwrites_a_stored_article(two_folders, tmp_path, models):
    bridge, kabul = two_folders
    db = tmp_path / "store.db"
    assert runner.invoke(app, ["ingest", str(bridge), "--db", str(db)]).exit_code == 0
    second = runner.invoke(app, ["ingest", str(kabul), "--db", str(db), "--json-logs"])
    assert second.exit_code == EXIT_PARTIAL and "W010" in second.output
    texts = stored_texts(db)
    assert texts["001"] == BRIDGE and sorted(texts.values()) == sorted([BRIDGE, AIRPORT])
    again = runner.invoke(app, ["ingest", str(kabul), "--db", str(db)])
    assert "W009" not in again.output and stored_texts(db) == texts


def test_cli_brief_of_the_same_name_briefs_each_text_and_stores_no_article(two_folders, tmp_path, models):
    bridge, kabul = two_folders
    db = tmp_path / "store.db"
    for folder, out in ((bridge, "one"), (kabul, "two"), (bridge, "three")):
        assert runner.invoke(app, ["brief", str(folder), "-o", str(tmp_path / out), "--db", str(db)]).exit_code == 0
    texts = [json.loads((tmp_path / out / "briefing.json").read_text("utf-8"))["articles"][0]["text"]
             for out in ("one", "two", "three")]
    assert texts == [BRIDGE, AIRPORT, BRIDGE]  # the cache is keyed by the texts, never by the id alone
    assert stored_texts(db) == {}


def test_python_api_briefs_each_text_under_its_own_name(two_folders, tmp_path, models):
    bridge, kabul = two_folders
    db = tmp_path / "store.db"
    newsfuse.brief([bridge], db=db, models=models)
    (article,) = newsfuse.brief([kabul], db=db, models=models).articles
    assert (article.id, article.text) == ("001", AIRPORT)
    (again,) = newsfuse.brief([bridge], db=db, models=models).articles
    assert (again.id, again.text) == ("001", BRIDGE)


def test_web_upload_gets_the_derived_id(tmp_path):
    with Newsroom(tmp_path / "web.db") as room:
        room.add([_write(tmp_path, "001.txt", BRIDGE)])
        added = room.add([Upload("001.txt", AIRPORT.encode())])
        assert [p.code for p in added.problems] == ["W010"]
        assert added.articles[0].id == derived_id("001", added.articles[0].content_hash)
        again = room.add([Upload("001.txt", AIRPORT.encode())])
        assert again.articles == [] and again.problems == []  # stable: derived from the text, already stored
    assert stored_texts(tmp_path / "web.db") == {"001": BRIDGE, added.articles[0].id: AIRPORT}


def _write(folder, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
