"""The web app as a person uses it, in real headless Chromium (Debian's `chromium` package).

A uvicorn server is started on a free loopback port over a fresh store; the
bundled sample story is uploaded through the API. Screenshots of the main
pages go to out/screenshots/ (ignored by git), or to $NEWSFUSE_SCREENSHOTS:
`NEWSFUSE_SCREENSHOTS=docs/screenshots` refreshes the README's pictures. Skipped,
with the reason shown, when Chromium or Playwright is missing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from conftest import PROJECT, SAMPLE_STORY

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("NEWSFUSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(os.environ.get("NEWSFUSE_SCREENSHOTS", PROJECT / "out" / "screenshots"))
FOLLOW_UP = """Port Veldra Gazette
Divers search harbour after Kessel Harbour Bridge collapse

Divers from the Port Veldra fire service searched the harbour on Friday for a missing
motorist, three days after the Kessel Harbour Bridge collapsed into the water.

The Harbour Transport Authority said the collapsed span of the Kessel bridge would be
lifted next week. Inspectors are examining the bridge's supports.
"""
MARKER = "__newsfuse_pwned"
HOSTILE = {
    "title": f'Kessel bridge <script>window.{MARKER}=1</script><img src=x onerror="window.{MARKER}=2">',
    "outlet": f'<svg onload="window.{MARKER}=3">Evil Outlet',
    "url": f"javascript:window.{MARKER}=4",
    "text": (f"The Kessel Harbour Bridge in Port Veldra collapsed. <script>window.{MARKER}=5;alert(5)</script> "
             f"<img src=x onerror=\"alert(6)\"> <a href=\"javascript:alert(7)\">more</a> "
             f"\"It fell,\" said <b onmouseover=alert(8)>Ana Ruiz</b>, a harbour pilot. "
             "The Harbour Transport Authority said the bridge had been inspected in 2024."),
}

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Base URL of a running app with the sample story uploaded; the story id as `server.story`."""
    port = _free_port()
    env = {**os.environ, "NEWSFUSE_DB": str(tmp_path_factory.mktemp("web") / "browser.db"),
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "newsfuse.web.app:create_app", "--factory",
                                "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, process)
        files = [("files", (path.name, path.read_bytes())) for path in sorted(SAMPLE_STORY.iterdir())]
        placed = httpx.post(f"{base}/api/articles", files=files, timeout=600).json()["placed"]
        assert len(placed) == 6, placed
        story = next(item["story_id"] for item in placed if item["article_id"] == "01-meridian-press")
        _wait_for_briefing(base, story)
        yield _Server(base, story)
    finally:
        process.terminate()
        process.wait(timeout=30)


class _Server(str):
    def __new__(cls, base: str, story: str):
        made = super().__new__(cls, base)
        made.story = story
        return made


def _wait_for_briefing(base: str, story: str) -> None:
    """Let the app's background worker brief the story, so pages show it at once (not its progress)."""
    deadline = time.monotonic() + 600
    while httpx.get(f"{base}/api/stories/{story}/briefing", timeout=60).status_code == 202:
        assert time.monotonic() < deadline, "the story was not briefed in time"
        time.sleep(0.5)


def _wait_for(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "the app exited"
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.3)
    pytest.fail("the app did not start")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened.dialogs = dialogs
    yield opened
    context.close()


def _shot(page, name: str, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def test_open_the_story_click_a_fact_and_see_the_source_sentence(server, page):
    page.goto(server)
    page.get_by_role("link", name="Kessel").first.wait_for()
    _shot(page, "stories")
    page.locator(f'tr[data-story="{server.story}"] a.story-link').click()
    page.wait_for_url(f"**/stories/{server.story}")
    _shot(page, "story")
    fact = page.locator("#facts .claim").first
    fact.click()
    panel = page.locator("#evidence")
    panel.wait_for(state="visible")
    marked = panel.locator("mark").first.inner_text()
    assert marked.strip(), "the source span is highlighted in the evidence panel"
    _shot(page, "evidence")
    with page.expect_navigation():
        panel.locator("a.passage-open").first.click()
    assert "/articles/" in page.url
    target = page.locator("mark#mark")
    target.wait_for()
    assert " ".join(target.inner_text().split()) == " ".join(marked.split())
    assert target.is_visible()
    _shot(page, "article")
    assert page.dialogs == []


def test_graph_nodes_and_timeline_dots_open_details(server, page):
    page.goto(f"{server}/stories/{server.story}")
    page.locator("#provenance .graph .node").first.click()
    panel = page.locator("#evidence")
    panel.wait_for(state="visible")
    assert page.locator("#evidence-heading").inner_text().startswith("[")
    assert page.locator("#evidence-passages a.passage-open").count() == 1  # "Open the article"
    page.locator("#evidence-close").click()
    panel.wait_for(state="hidden")
    dot = page.locator(".timeline-chart .dot").first
    if dot.count():
        dot.click()
        panel.wait_for(state="visible")


def test_upload_an_article_and_see_it_placed_in_the_story(server, page, tmp_path):
    upload = tmp_path / "gazette-divers.txt"
    upload.write_text(FOLLOW_UP, encoding="utf-8")
    page.goto(f"{server}/add")
    page.locator('input[type="file"]').set_input_files(str(upload))
    with page.expect_navigation():
        page.get_by_role("button", name="Add to the store").click()
    result = page.locator("#add-result")
    result.wait_for()
    _shot(page, "add")
    assert "Added 1 article" in result.inner_text()
    story_link = result.locator("a.story-link").first
    href = story_link.get_attribute("href")
    assert href.startswith("/stories/")
    story_link.click()
    page.wait_for_url(f"**{href}")
    assert "Divers search harbour" in page.locator("#articles").inner_text()


def test_hostile_article_renders_inert(server, page):
    answer = httpx.post(f"{server}/api/articles", json={"articles": [{"id": "hostile", **HOSTILE}]}, timeout=600)
    placed = answer.json()["placed"]
    assert [item["article_id"] for item in placed] == ["hostile"]
    for path in ("/", "/?q=kessel", "/articles/hostile?mark=0-10", placed[0]["story_href"]):
        page.goto(f"{server}{path}")
        page.wait_for_load_state("load")
        assert page.evaluate(f"window.{MARKER}") is None, path
        assert page.locator('a[href^="javascript:"]').count() == 0, path
        assert page.locator("script:not([src]):not([type='application/json'])").count() == 0, path
    page.goto(f"{server}/articles/hostile")
    assert f"<script>window.{MARKER}=1</script>" in page.locator("h1").inner_text()
    page.locator("h1").hover()
    assert page.dialogs == []
    assert page.evaluate(f"window.{MARKER}") is None


def test_api_docs_work_offline(server, page):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{server}/docs")
    page.locator(".swagger-ui").get_by_text("/api/stories").first.wait_for()
    assert all(url.startswith(server) or url.startswith("data:") for url in requested), requested
    _shot(page, "api")


def test_briefing_json_matches_the_contract(server):
    from newsfuse.render import validate_briefing

    data = httpx.get(f"{server}/api/stories/{server.story}/briefing", timeout=600).json()
    validate_briefing(data)
    listed = {story["id"]: story for story in httpx.get(f"{server}/api/stories").json()["stories"]}
    assert data["schema"] == "newsfuse.briefing/1"
    assert len(data["articles"]) == listed[server.story]["articles"]
