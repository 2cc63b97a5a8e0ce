"""Web app: search index, uploads from memory, page helpers, security, and the app through TestClient."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from newsfuse.models import Article, TimelineEntry
from newsfuse.store import Store
from newsfuse.store.search import ensure_search_index, fts_query, search_articles, sync_search_index
from newsfuse.web.pages import Mark, marked_segments, parse_span, timeline_chart, word_diff
from newsfuse.web.security import is_cross_site
from newsfuse.web.uploads import MAX_FILE_BYTES, Upload, new_articles, read_upload

sys.path.insert(0, str(Path(__file__).parent))
from conftest import SAMPLE_STORY  # noqa: E402

HOSTILE_TITLE = 'Bridge <script>alert("title")</script><img src=x onerror=alert(1)>'
HOSTILE_TEXT = ("The <b>harbour</b> bridge <script>alert('body')</script> fell. "
                "<a href=\"javascript:alert(3)\">Read more</a> <img src=x onerror=\"alert(4)\">")


def article(article_id: str, title: str, text: str) -> Article:
    import hashlib

    return Article(id=article_id, title=title, text=text, content_hash=hashlib.sha256(text.encode()).hexdigest())


# ----------------------------------------------------------------- search


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "web.db") as opened:
        ensure_search_index(opened.conn)
        yield opened


def test_search_index_follows_added_changed_and_deleted_articles(store):
    store.put_article(article("a1", "Bridge collapses in Port Veldra", "The Kessel bridge fell into the harbour."))
    store.put_article(article("a2", "Ferry fire", "A ferry burned off the coast."))
    assert sync_search_index(store.conn) == 2
    assert sync_search_index(store.conn) == 0  # nothing new: nothing done
    assert [hit.article_id for hit in search_articles(store.conn, "harbour bridge")] == ["a1"]
    store.put_article(article("a2", "Ferry fire", "A ferry burned near the bridge."))
    assert sync_search_index(store.conn) == 1
    assert {hit.article_id for hit in search_articles(store.conn, "bridge")} == {"a1", "a2"}
    with store.conn:
        store.conn.execute("DELETE FROM articles WHERE id = 'a1'")
    sync_search_index(store.conn)
    assert [hit.article_id for hit in search_articles(store.conn, "bridge")] == ["a2"]


def test_search_ranks_titles_first_matches_prefixes_and_marks_snippets(store):
    store.put_article(article("body", "Council meeting", "Later the bridge was discussed at length."))
    store.put_article(article("title", "Bridge collapse", "Engineers arrived in the morning."))
    sync_search_index(store.conn)
    hits = search_articles(store.conn, "brid")
    assert [hit.article_id for hit in hits] == ["title", "body"]
    body_hit = hits[1]
    assert ("bridge", True) in body_hit.snippet
    assert "".join(text for text, _ in body_hit.snippet).startswith("Later the bridge")


@pytest.mark.parametrize("query", ['"unbalanced', "bridge OR NEAR(", "title:bridge", "*", "a AND (b", "-x ^y"])
def test_search_accepts_any_typed_text_without_query_syntax_errors(store, query):
    store.put_article(article("a1", "Bridge", "bridge title x y b"))
    sync_search_index(store.conn)
    search_articles(store.conn, query)  # must not raise sqlite3.OperationalError


def test_fts_query_quotes_every_word_and_prefixes_the_last():
    assert fts_query('bridge "coll') == '"bridge" "coll"*'
    assert fts_query("  ;; ") is None


# ---------------------------------------------------------------- uploads


def test_uploads_are_read_from_memory_in_every_format(store):
    sample = {path.name: path.read_bytes() for path in SAMPLE_STORY.iterdir()}
    drafts = []
    for name, data in sample.items():
        found, problems = read_upload(Upload(name, data))
        assert problems == [], name
        drafts.extend(found)
    articles, problems = new_articles(store, drafts)
    assert problems == [] and len(articles) == len(sample)
    by_outlet = {item.outlet: item for item in articles}
    assert "Port Veldra Gazette" in by_outlet  # JSON Lines fields
    assert all(item.path.startswith("upload:") for item in articles)


def test_uploads_never_use_the_client_name_as_a_path():
    drafts, problems = read_upload(Upload("../../etc/passwd.txt", b"Title line\n\nSome article text here."))
    assert problems == []
    assert drafts[0].path == "upload:passwd.txt" and "/" not in drafts[0].id_hint
    drafts, _ = read_upload(Upload("C:\\Users\\x\\story.txt", b"Some article text here."))
    assert drafts[0].id_hint == "story"


@pytest.mark.parametrize("upload, code", [
    (Upload("a.txt", b"\x00\x01\x02binary" * 10), "W003"),
    (Upload("a.txt", b"x" * (MAX_FILE_BYTES + 1)), "W004"),
    (Upload("a.exe", b"text"), "W007"),
    (Upload("a.txt", b"   \n  "), "W002"),
    (Upload("a.json", b"{not json"), "W005"),
])
def test_bad_uploads_become_problems(upload, code):
    drafts, problems = read_upload(upload)
    assert drafts == [] and [problem.code for problem in problems] == [code]


def test_new_articles_never_replace_stored_ones_and_skip_known_texts(store):
    store.put_article(article("story", "Old", "An old stored text."))
    drafts = [*read_upload(Upload("story.txt", b"A brand new text about something."))[0],
              *read_upload(Upload("again.txt", b"An old stored text."))[0]]
    articles, problems = new_articles(store, drafts)
    assert [item.id for item in articles] == ["story-2"]
    assert [problem.code for problem in problems] == ["W009"]


# ----------------------------------------------------------- page helpers


def test_word_diff_marks_added_and_dropped_words_ignoring_case_and_punctuation():
    diff = word_diff("We saw smoke and then it went dark", "we saw smoke, then everything went dark")
    changes = [(word.text, word.change) for word in diff]
    assert ("we", "same") in changes and ("smoke,", "same") in changes
    assert ("and", "removed") in changes and ("it", "removed") in changes and ("everything", "added") in changes


def test_timeline_chart_spaces_dates_and_stacks_one_day():
    entries = [("t0", TimelineEntry(date="2025-03-11", text="a", articles=[], evidence=[])),
               ("t1", TimelineEntry(date="2025-03-11", text="b", articles=[], evidence=[])),
               ("t2", TimelineEntry(date="2025-03-21", text="c", articles=[], evidence=[])),
               ("t3", TimelineEntry(date="2025", precision="year", text="d", articles=[], evidence=[])),
               ("t4", TimelineEntry(date="someday", text="e", articles=[], evidence=[]))]
    chart = timeline_chart(entries)
    dots = {dot.claim: dot for dot in chart.dots}
    assert "t4" not in dots  # not a date: listed, not drawn
    assert dots["t0"].x == dots["t1"].x and dots["t0"].y != dots["t1"].y
    assert dots["t3"].x < dots["t0"].x < dots["t2"].x
    assert timeline_chart([]) is None


def test_marked_segments_cover_the_text_once_with_overlapping_marks():
    text = "Mayor Ana Ruiz said the bridge fell."
    marks = [Mark(0, 14, "entity", "PERSON"), Mark(6, 14, "quote", "speaker"), Mark(24, 30, "target", ""),
             Mark(30, 999, "number", "out of range")]
    segments = marked_segments(text, marks)
    assert "".join(segment.text for segment in segments) == text
    kinds = {segment.text: segment.kinds for segment in segments}
    assert kinds["Mayor "] == ["entity"] and kinds["Ana Ruiz"] == ["entity", "quote"]
    assert [segment.text for segment in segments if segment.target_start] == ["bridge"]


@pytest.mark.parametrize("value, expected", [("3-9", (3, 9)), ("9-3", None), ("0-100", None), ("a-b", None),
                                             ("", None), ("-1-4", None), ("1-4; drop", None)])
def test_parse_span_accepts_only_spans_inside_the_text(value, expected):
    assert parse_span(value, 50) == expected


def test_cross_site_detection():
    def scope(**headers):
        return {"headers": [(name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()]}

    assert is_cross_site(scope(sec_fetch_site="cross-site"))
    assert not is_cross_site(scope(sec_fetch_site="same-origin"))
    assert is_cross_site(scope(origin="http://evil.example", host="127.0.0.1:8000"))
    assert not is_cross_site(scope(origin="http://127.0.0.1:8000", host="127.0.0.1:8000"))
    assert not is_cross_site(scope(host="127.0.0.1:8000"))  # scripts send no Origin
