"""Web app: search index, uploads from memory, page helpers, security, and the app through TestClient."""

from __future__ import annotations

import hashlib
import json

import pytest
from conftest import SAMPLE_STORY

from newsfuse.identity import derived_id
from newsfuse.models import Article, TimelineEntry
from newsfuse.render.claims import word_diff
from newsfuse.render.view import SPAN_CHARS
from newsfuse.store import Store
from newsfuse.store.search import ensure_search_index, fts_query, search_articles, sync_search_index
from newsfuse.web.pages import Mark, marked_segments, parse_span, target_runs, timeline_chart
from newsfuse.web.security import is_cross_site
from newsfuse.ingest import load_uploads
from newsfuse.ingest.uploads import Upload, read_upload
from newsfuse.web.uploads import MAX_FILE_BYTES

HOSTILE_TITLE = 'Bridge <script>alert("title")</script><img src=x onerror=alert(1)>'
HOSTILE_TEXT = ("The <b>harbour</b> bridge <script>alert('body')</script> fell. "
                "<a href=\"javascript:alert(3)\">Read more</a> <img src=x onerror=\"alert(4)\">")


def article(article_id: str, title: str, text: str) -> Article:
    return Article(id=article_id, title=title, text=text, content_hash=hashlib.sha256(text.encode()).hexdigest())


# ----------------------------------------------------------------- search


@pytest.fixture
def store(store_url):  # an SQLite and a Postgres store: search answers the same on both
    with Store(store_url) as opened:
        ensure_search_index(opened.conn)
        yield opened


def test_search_index_follows_added_changed_and_deleted_articles(store):
    store.put_article(article("a1", "Bridge collapses in Port Veldra", "The Kessel bridge fell into the harbour."))
    store.put_article(article("a2", "Ferry fire", "A ferry burned off the coast."))
    assert sync_search_index(store.conn) == 2
    assert sync_search_index(store.conn) == 0  # nothing new: nothing done
    assert [hit.article_id for hit in search_articles(store.conn, "harbour bridge")] == ["a1"]
    changed = article("a2", "Ferry fire", "A ferry burned near the bridge.")
    with store.conn:  # the store never replaces a text; another tool may
        store.conn.execute("UPDATE articles SET content_hash = ?, record = ? WHERE id = 'a2'",
                           (changed.content_hash, changed.model_dump_json()))
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


def test_uploads_are_read_from_memory_in_every_format():
    sample = {path.name: path.read_bytes() for path in SAMPLE_STORY.iterdir()}
    loaded = load_uploads([Upload(name, data) for name, data in sample.items()], max_bytes=MAX_FILE_BYTES)
    assert loaded.problems == [] and len(loaded.articles) == len(sample)
    by_outlet = {item.outlet: item for item in loaded.articles}
    articles = loaded.articles
    assert "Port Veldra Gazette" in by_outlet  # JSON Lines fields
    assert all(item.path.startswith("upload:") for item in articles)


def test_uploads_never_use_the_client_name_as_a_path():
    drafts, problems = read_upload(Upload("../../etc/passwd.txt", b"Title line\n\nSome article text here."),
                                   max_bytes=MAX_FILE_BYTES)
    assert problems == []
    assert drafts[0].path == "upload:passwd.txt" and "/" not in drafts[0].id_hint
    drafts, _ = read_upload(Upload("C:\\Users\\x\\story.txt", b"Some article text here."), max_bytes=MAX_FILE_BYTES)
    assert drafts[0].id_hint == "story"


@pytest.mark.parametrize("upload, code", [
    (Upload("a.txt", b"\x00\x01\x02binary" * 10), "W003"),
    (Upload("a.txt", b"x" * (MAX_FILE_BYTES + 1)), "W004"),
    (Upload("a.exe", b"text"), "W007"),
    (Upload("a.txt", b"   \n  "), "W002"),
    (Upload("a.json", b"{not json"), "W005"),
])
def test_bad_uploads_become_problems(upload, code):
    drafts, problems = read_upload(upload, max_bytes=MAX_FILE_BYTES)
    assert drafts == [] and [problem.code for problem in problems] == [code]


def test_uploads_never_replace_stored_articles_and_skip_known_texts(tmp_path):
    from newsfuse.app import Newsroom
    from newsfuse.ingest import Upload

    with Newsroom(tmp_path / "w.db") as room:
        room.add([Upload("story.txt", b"An old stored text about the harbour.")])
        added = room.add([Upload("story.txt", b"A brand new text about something else."),
                          Upload("again.txt", b"An old stored text about the harbour.")])
        assert room.store().article("story").text == "An old stored text about the harbour."
    assert [item.id for item in added.articles] == [derived_id("story", added.articles[0].content_hash)]
    assert [problem.code for problem in added.problems] == ["W010", "W009"]


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
    runs = target_runs(segments)
    assert [("".join(s.text for s in run.segments), run.target) for run in runs] == [
        ("Mayor Ana Ruiz said the ", False), ("bridge", True), (" fell.", False)]


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


# ------------------------------------------------------- the app (TestClient)


@pytest.fixture(scope="module")
def web(tmp_path_factory, models):
    """A TestClient over a fresh store holding the sample story (uploaded through the API)."""
    from fastapi.testclient import TestClient

    from newsfuse.web.app import create_app

    db = tmp_path_factory.mktemp("webapp") / "app.db"
    client = TestClient(create_app(db, models=models, wait_seconds=600))
    files = [("files", (path.name, path.read_bytes())) for path in sorted(SAMPLE_STORY.iterdir())]
    answer = client.post("/api/articles", files=files)
    assert answer.status_code == 200, answer.text
    client.placed = {item["article_id"]: item for item in answer.json()["placed"]}
    client.db = db
    return client


def _story_of(web, article_id: str) -> str:
    return web.placed[article_id]["story_id"]


def test_uploaded_sample_articles_are_placed_and_listed(web):
    assert len(web.placed) == 6 and all(item["story_id"] for item in web.placed.values())
    listing = web.get("/api/stories").json()
    assert sum(story["articles"] for story in listing["stories"]) == 6
    page = web.get("/")
    assert page.status_code == 200
    assert f'data-story="{_story_of(web, "01-meridian-press")}"' in page.text


def test_search_finds_stories_by_words_of_their_texts(web):
    courier = _story_of(web, "03-veldra-courier")
    found = web.get("/api/stories", params={"q": "corrosion"}).json()["stories"]
    assert courier in {story["id"] for story in found}
    assert all("corrosion" in " ".join(match["snippet"] for match in story["matches"]).lower() for story in found)
    page = web.get("/", params={"q": "corrosion"}).text
    assert "<mark>corrosion</mark>" in page.lower()
    assert web.get("/api/stories", params={"q": "zyxwvut"}).json()["stories"] == []


@pytest.mark.parametrize("sort", ["recent", "size", "independent", "relevance", "bogus"])
def test_every_sort_order_lists_every_story(web, sort):
    stories = web.get("/api/stories", params={"sort": sort}).json()
    assert stories["sort"] in ("recent", "size", "independent")  # relevance needs a query
    assert sum(story["articles"] for story in stories["stories"]) == 6


def test_story_page_claims_open_their_exact_spans(web):
    story = _story_of(web, "01-meridian-press")
    page = web.get(f"/stories/{story}")
    assert page.status_code == 200
    for section in ("summary", "facts", "quotes", "conflicts", "timeline", "provenance", "articles"):
        assert f'id="{section}"' in page.text
    claims = json.loads(page.text.split('id="claims-data">')[1].split("</script>")[0])
    assert any(claim_id.startswith("f") for claim_id in claims)
    texts = {article.id: article.text for article in Store(web.db).articles()}
    opened = 0
    for claim in claims.values():
        assert len(claim["open"]) == len(claim["passages"])
        for href, passage in zip(claim["open"], claim["passages"]):
            if "?mark=" not in href:
                continue
            article_id = href.split("/articles/")[1].split("?")[0]
            start, end = map(int, href.split("mark=")[1].split("#")[0].split("-"))
            if end - start <= SPAN_CHARS:  # longer spans are shown shortened in the middle
                assert " ".join(texts[article_id][start:end].split()) == passage["span"].strip()
            opened += 1
    assert opened > 0


def test_briefing_api_meets_the_contract_and_is_cached_in_the_store(web):
    from newsfuse.app import Newsroom, story_key
    from newsfuse.params import FuseParams
    from newsfuse.render import validate_briefing

    story = _story_of(web, "01-meridian-press")
    data = web.get(f"/api/stories/{story}/briefing").json()
    validate_briefing(data)
    with Newsroom(web.db) as room, Store(web.db) as store:
        signature = room.signature(room.story_articles(story))
        assert store.briefing(story_key(story, FuseParams()), signature) is not None


def test_a_second_app_serves_cached_briefings_without_models(web):
    from fastapi.testclient import TestClient

    from newsfuse.web.app import create_app

    class NoModels:
        def __getattr__(self, name):
            raise AssertionError("a cached story must not need the NLP models")

    story = _story_of(web, "01-meridian-press")
    web.get(f"/stories/{story}")
    fresh = TestClient(create_app(web.db, models=NoModels(), wait_seconds=600))
    assert fresh.get(f"/stories/{story}").status_code == 200
    assert fresh.get("/articles/01-meridian-press").status_code == 200


def test_articles_ingested_elsewhere_show_up_without_a_restart(web, tmp_path):
    from newsfuse.ingest import load
    from newsfuse.store.stories import place_new_articles

    extra = tmp_path / "quake.txt"
    extra.write_text("Volcano Weekly\nVolcano erupts on Tarn island\n\nThe Tarn volcano erupted on Monday, "
                     "sending ash over the fishing villages of the island.\n", encoding="utf-8")
    loaded = load([extra]).articles
    with Store(web.db) as store:  # what `newsfuse ingest` does, from another connection
        for item in loaded:
            store.put_article(item)
        place_new_articles(store, loaded)
    assert "Volcano erupts on Tarn island" in web.get("/").text
    assert [story["title"] for story in web.get("/api/stories", params={"q": "volcano"}).json()["stories"]] == [
        "Volcano erupts on Tarn island"]


def test_article_page_marks_annotations_and_the_opened_span(web):
    text = Store(web.db).article("01-meridian-press").text
    start = text.index("Kessel")
    page = web.get("/articles/01-meridian-press", params={"mark": f"{start}-{start + 6}"})
    assert page.status_code == 200
    assert 'id="mark"' in page.text and "m-entity" in page.text and "m-quote" in page.text
    assert "Who copied it" in page.text
    assert 'id="mark"' not in web.get("/articles/01-meridian-press", params={"mark": "5-999999"}).text


def test_hostile_article_text_and_metadata_are_escaped(web):
    hostile = {"id": "hostile-1", "title": HOSTILE_TITLE, "outlet": "<b>Evil</b> Outlet", "text": HOSTILE_TEXT,
               "url": "javascript:alert(9)", "author": "<img src=x onerror=alert(10)>"}
    answer = web.post("/api/articles", json={"articles": [hostile]})
    assert answer.status_code == 200 and answer.json()["placed"][0]["article_id"] == "hostile-1"
    story = answer.json()["placed"][0]["story_id"]
    for path in ("/articles/hostile-1", f"/stories/{story}", "/", "/?q=harbour"):
        assert _active_content(web.get(path).text) == [], path
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in web.get("/articles/hostile-1").text


def _active_content(html: str) -> list[str]:
    """Everything in a page that could run code, other than the app's own script file and JSON data."""
    import lxml.html

    found = []
    for element in lxml.html.fromstring(html).iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "script" and element.get("src") != "/static/evidence.js" and \
                element.get("type") != "application/json":
            found.append(lxml.html.tostring(element, encoding="unicode")[:80])
        for name, value in element.attrib.items():
            if name.lower().startswith("on") or value.strip().lower().startswith("javascript:"):
                found.append(f"<{element.tag} {name}={value[:40]!r}>")
    return found


def test_pages_send_a_strict_content_security_policy(web):
    for path in ("/", "/add", "/articles/01-meridian-press"):
        headers = web.get(path).headers
        assert "script-src 'self';" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_uploads_have_limits_and_type_checks(web):
    too_big = web.post("/api/articles", files=[("files", ("big.txt", b"x" * (MAX_FILE_BYTES * 21)))])
    assert too_big.status_code == 413
    answer = web.post("/api/articles", files=[("files", ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00")),
                                              ("files", ("notes.exe", b"plain words"))])
    assert sorted(problem["code"] for problem in answer.json()["problems"]) == ["W003", "W007"]
    assert web.post("/api/articles", json={"articles": []}).status_code == 422
    form = web.post("/add", data={"text": "   "})
    assert form.status_code == 422 and "nothing to add" in form.text


def test_pasted_text_is_added_from_the_form(web):
    answer = web.post("/add", data={"text": "Tarn Courier\nFerries resume after Tarn eruption\n\n"
                                            "Ferries to Tarn island resumed on Wednesday after the volcano calmed."})
    assert answer.status_code == 200 and "Added 1 article" in answer.text


def test_cross_site_posts_are_refused(web):
    refused = web.post("/add", data={"text": "x"}, headers={"Origin": "http://evil.example"})
    assert refused.status_code == 403
    assert web.post("/api/articles", json={"articles": [{"text": "x"}]},
                    headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403


def test_unknown_ids_are_404_pages(web):
    assert web.get("/stories/999999").status_code == 404
    assert web.get("/articles/nope").status_code == 404
    assert web.get("/api/stories/999999/briefing").json()["detail"].startswith("There is no story")


def test_host_header_is_checked_when_bound_to_loopback(tmp_path, models):
    from fastapi.testclient import TestClient

    from newsfuse.web.app import LOOPBACK_HOSTS, create_app

    app = create_app(tmp_path / "h.db", models=models, allowed_hosts=LOOPBACK_HOSTS)
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/healthz").status_code == 200
    assert TestClient(app, base_url="http://rebound.example").get("/healthz").status_code == 400


def test_api_docs_are_served_offline(web):
    docs = web.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert web.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert "/api/articles" in web.get("/openapi.json").json()["paths"]


def test_serve_binds_loopback_unless_told_otherwise():
    from typer.testing import CliRunner

    from newsfuse.cli.app import app
    from newsfuse.cli.serve import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    help_text = CliRunner().invoke(app, ["serve", "--help"]).output
    assert "127.0.0.1" in help_text and "--db" in help_text


def test_the_briefing_file_css_and_script_are_served_to_the_app(web):
    script = web.get("/static/evidence.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert "claims-data" in script.text
    css = web.get("/static/briefing.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert web.get("/static/nothing.js").status_code == 404


# ------------------------------------------- background analysis, HEAD, the same briefing as the CLI


def test_head_requests_are_answered_like_get_without_a_body(web):
    for path in ("/", "/healthz", "/api/stories", "/add"):
        answer = web.head(path)
        assert answer.status_code == 200, path
        assert answer.content == b""


def test_reads_are_served_while_a_story_is_being_briefed_in_the_background(tmp_path, models):
    import threading

    from fastapi.testclient import TestClient

    from newsfuse.app import Newsroom
    from newsfuse.ingest import Upload
    from newsfuse.web.app import create_app

    room = Newsroom(tmp_path / "slow.db", models=models)
    room.add([Upload("ferry.txt", b"Tarn Courier\nFerries resume after Tarn eruption\n\n"
                                  b"Ferries to Tarn island resumed on Wednesday, the harbour master said.\n")])
    story = room.stories()[0].id
    release = threading.Event()
    brief_now = room.brief_story

    def held_brief(story_id, params, *, progress):
        progress("analyse", 0, 1)
        release.wait(60)
        return brief_now(story_id, params, progress=progress)

    room.brief_story = held_brief
    client = TestClient(create_app(room=room, wait_seconds=0.05))
    waiting = client.get(f"/stories/{story}")
    assert waiting.status_code == 202 and 'http-equiv="refresh"' in waiting.text
    assert client.get("/").status_code == 200  # reads go on meanwhile
    assert client.get("/api/stories").json()["total"] == 1
    queued = client.get(f"/api/stories/{story}/briefing")
    assert queued.status_code == 202
    job = queued.json()["job"]
    assert queued.headers["location"] == f"/api/jobs/{job['id']}"
    assert client.get(f"/api/jobs/{job['id']}").json()["state"] in ("queued", "running")
    assert client.get(f"/jobs/{job['id']}").status_code == 202
    release.set()
    room.background.job(job["id"]).future.result(timeout=300)
    assert client.get(f"/api/jobs/{job['id']}").json()["state"] == "done"
    done = client.get(f"/api/stories/{story}/briefing")
    assert done.status_code == 200 and done.json()["schema"] == "newsfuse.briefing/1"
    room.close()


def test_the_web_and_the_cli_give_the_same_briefing_for_the_same_story_and_options(tmp_path, models):
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from newsfuse.cli import app as cli
    from newsfuse.web.app import create_app

    runner = CliRunner()
    stores = [tmp_path / "cli.db", tmp_path / "web.db"]
    for store in stores:  # two stores filled alike, so neither side reads the other's cache
        assert runner.invoke(cli, ["ingest", str(SAMPLE_STORY), "--db", str(store)]).exit_code == 0
    listed = json.loads(runner.invoke(cli, ["stories", "--db", str(stores[0]), "--json"]).output)
    story = listed[0]["id"]
    made = runner.invoke(cli, ["brief", "--story", story, "--db", str(stores[0]), "--summary-sentences", "4",
                               "--summary-words", "90", "-o", str(tmp_path / "out")])
    assert made.exit_code == 0, made.output
    from_cli = json.loads((tmp_path / "out" / "briefing.json").read_text("utf-8"))
    client = TestClient(create_app(stores[1], models=models, wait_seconds=600))
    from_web = client.get(f"/api/stories/{story}/briefing", params={"summary_sentences": 4,
                                                                     "summary_words": 90}).json()
    for data in (from_cli, from_web):
        data.pop("generated_at")
    assert from_cli == from_web
    assert len(from_cli["summary"]) <= 4
    default = client.get(f"/api/stories/{story}/briefing").json()
    default.pop("generated_at")
    assert default != from_web  # the options reach the web's briefing


def test_serve_stops_on_sigterm_even_while_analysing(tmp_path):
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time

    import httpx

    from newsfuse.app import Newsroom
    from newsfuse.ingest import Upload

    db = tmp_path / "serve.db"
    with Newsroom(db) as room:
        room.add([Upload("ferry.txt", b"Tarn Courier\nFerries resume\n\nFerries to Tarn resumed on Wednesday.\n")])
        story = room.stories()[0].id
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-c", "from newsfuse.cli import app; app()", "serve", "--db", str(db),
                               "--port", str(port)], stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        # 202: the briefing runs in the background (200 only when it took under the 3 s a request waits)
        assert httpx.get(f"{base}/stories/{story}", timeout=30).status_code in (200, 202)
        server.send_signal(signal.SIGTERM)
        _, errors = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            os.kill(server.pid, signal.SIGKILL)
    assert server.returncode in (0, -signal.SIGTERM) and "Traceback" not in errors  # uvicorn re-raises the signal


def test_a_slow_upload_answers_with_its_job_and_the_job_page_shows_the_result(tmp_path, models):
    import threading

    from fastapi.testclient import TestClient

    from newsfuse.app import Newsroom
    from newsfuse.web.app import create_app

    room = Newsroom(tmp_path / "up.db", models=models)
    release = threading.Event()
    add_now = room.add

    def held_add(sources, *, max_bytes, progress):
        release.wait(60)
        return add_now(sources, max_bytes=max_bytes, progress=progress)

    room.add = held_add
    client = TestClient(create_app(room=room, wait_seconds=0.05))
    text = "Tarn Courier\nFerries resume after Tarn eruption\n\nFerries to Tarn island resumed on Wednesday."
    waiting = client.post("/add", data={"text": text})
    assert waiting.status_code == 202
    assert 'data-state="queued"' in waiting.text or 'data-state="running"' in waiting.text
    api = client.post("/api/articles", json={"articles": [{"id": "x", "text": "Divers searched the harbour."}]})
    assert api.status_code == 202
    job_id = api.json()["job"]["id"]
    release.set()
    room.background.job(job_id).future.result(timeout=60)
    assert client.get(f"/api/jobs/{job_id}").json()["result"]["placed"][0]["article_id"] == "x"
    first_job = waiting.text.split('href="/jobs/')[1].split('"')[0]
    assert "Added 1 article" in client.get(f"/jobs/{first_job}").text
    room.close()


def test_a_read_only_store_is_served_and_a_write_to_it_is_a_coded_error(tmp_path, monkeypatch):
    import sqlite3

    from fastapi.testclient import TestClient

    from newsfuse.app import Newsroom
    from newsfuse.ingest import Upload
    from newsfuse.store import db as store_db
    from newsfuse.web.app import create_app

    path = tmp_path / "ro.db"
    with Newsroom(path) as room:
        room.add([Upload("ferry.txt", b"Tarn Courier\nFerries resume\n\nFerries to Tarn resumed on Wednesday.\n")])
    real_connect = sqlite3.connect
    # What a read-only file gives (chmod alone does not stop root, who may run the tests).
    monkeypatch.setattr(store_db.sqlite3, "connect",
                        lambda target, **options: real_connect(f"file:{target}?mode=ro", uri=True, **options))
    client = TestClient(create_app(path, wait_seconds=30))
    assert client.get("/api/stories").json()["total"] == 1
    refused = client.post("/api/articles", json={"articles": [{"id": "y", "text": "Divers searched the harbour."}]})
    assert refused.status_code == 500 and refused.json()["code"] == "E040"
