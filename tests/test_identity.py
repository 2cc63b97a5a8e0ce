"""Article identity: an id taken by another text gives a text-derived id, never an overwrite.

Every entry point is covered: `load` (one run), `Store.put_article` (across
runs), CLI `ingest` and `brief`, the Python API `newsfuse.brief`, web uploads.
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
from newsfuse.web.uploads import Upload, new_articles, read_upload

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


def test_cli_brief_uses_the_derived_id_and_keeps_the_stored_article(two_folders, tmp_path, models):
    bridge, kabul = two_folders
    db = tmp_path / "store.db"
    runner.invoke(app, ["brief", str(bridge), "-o", str(tmp_path / "one"), "--db", str(db)])
    result = runner.invoke(app, ["brief", str(kabul), "-o", str(tmp_path / "two"), "--db", str(db), "--json-logs"])
    assert result.exit_code == EXIT_PARTIAL and "W010" in result.output
    briefing = json.loads((tmp_path / "two" / "briefing.json").read_text("utf-8"))
    (only,) = briefing["articles"]
    assert only["text"] == AIRPORT and only["id"] != "001" and only["id"].startswith("001-")
    assert stored_texts(db) == {"001": BRIDGE, only["id"]: AIRPORT}


def test_python_api_renames_on_a_clash_with_the_store(two_folders, tmp_path, models):
    bridge, kabul = two_folders
    db = tmp_path / "store.db"
    newsfuse.brief([bridge], db=db, models=models)
    briefing = newsfuse.brief([kabul], db=db, models=models)
    (article,) = briefing.articles
    assert article.id == derived_id("001", load([kabul]).articles[0].content_hash)
    assert [p.code for p in briefing.problems] == ["W010"]
    assert stored_texts(db) == {"001": BRIDGE, article.id: AIRPORT}


def test_web_upload_gets_the_derived_id(tmp_path):
    with Store(tmp_path / "web.db") as store:
        store.put_article(load([_write(tmp_path, "001.txt", BRIDGE)]).articles[0])
        drafts, _ = read_upload(Upload("001.txt", AIRPORT.encode()))
        articles, problems = new_articles(store, drafts)
        assert [p.code for p in problems] == ["W010"]
        assert articles[0].id == derived_id("001", articles[0].content_hash)
        again, _ = new_articles(store, drafts)
        assert again[0].id == articles[0].id  # stable: derived from the text


def _write(folder, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
