"""Render stage: the briefing contract (schema + offsets) and the Markdown/HTML renderings."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
import shutil
import subprocess

import lxml.html
import pytest
from markdown_it import MarkdownIt

from newsfuse.errors import NewsfuseError
from newsfuse.models import (ArticleOut, Briefing, Conflict, ConflictValue, Entity, Evidence, Fact, Flag,
                             NumberOut, ProvenanceEdge, Quote, QuoteVariant, Relation, SummarySentence,
                             TimelineEntry)
from newsfuse.render import render_html, render_markdown, validate_briefing, write_outputs
from newsfuse.render.graph import provenance_layout, relations_layout
from newsfuse.render.view import quotes_by_speaker, speaker_role

WIRE = ("A fire broke out on the ferry Marlin off Port Ellery on Tuesday, killing 12 passengers. "
        "\"We saw smoke from the engine room and then everything went dark,\" said Ana Ruiz, a deckhand. "
        "Coast guard chief Tom Bell said the crew had followed every drill.")
REWRITE = ("Twelve people died - 14 by some counts - when the ferry Marlin caught fire near Port Ellery on Tuesday, "
           "according to the Daily Courier. \"We saw smoke from the engine room, then it all went dark,\" "
           "deckhand Ana Ruiz said. The coast guard blamed the ferry operator.")
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def evidence(article_id: str, text: str, part: str) -> Evidence:
    start, end = span(text, part)
    return Evidence(article=article_id, start=start, end=end, text=part)


def make_briefing(wire_title="Fire on ferry Marlin kills 12", wire_text=WIRE,
                  wire_url="https://courier.example/marlin") -> Briefing:
    """Two articles (a wire report and a rewrite of it) with every kind of record filled in."""
    texts = {"a1": wire_text, "a2": REWRITE}
    articles = [
        ArticleOut(id="a1", path="in/a1.txt", title=wire_title, outlet="Daily Courier", author="Jo Park",
                   published="2024-03-05", url=wire_url, language="en", text=wire_text,
                   words=len(wire_text.split()), cites=[], flags=[], origin="o1"),
        ArticleOut(id="a2", path="in/a2.txt", title="Ferry blaze: twelve dead", outlet="Coast News",
                   author=None, published=None, url=None, language="en", text=REWRITE,
                   words=len(REWRITE.split()), cites=["Daily Courier"],
                   flags=[Flag(name="condensed-copy", detail="Shorter rewrite of another article.")],
                   origin="o1"),
    ]
    quote_a1, quote_a2 = ("We saw smoke from the engine room and then everything went dark",
                          "We saw smoke from the engine room, then it all went dark")
    return Briefing(
        newsfuse_version="0.1.0", generated_at="2024-03-06T10:00:00+00:00", title=None, articles=articles,
        entities=[Entity(id="e1", name="Ana Ruiz", type="PERSON", aliases=["Ruiz"], articles=["a1", "a2"],
                         mentions=2)],
        quotes=[Quote(id="q1", speaker="Ana Ruiz", role="deckhand", kind="direct", text=quote_a1,
                      articles=["a1", "a2"], drift=0.3, independent_sources=1,
                      variants=[QuoteVariant(article="a1", text=quote_a1, start=span(WIRE, quote_a1)[0],
                                             end=span(WIRE, quote_a1)[1]),
                                QuoteVariant(article="a2", text=quote_a2, start=span(REWRITE, quote_a2)[0],
                                             end=span(REWRITE, quote_a2)[1])])],
        numbers=[NumberOut(value=12, what="passengers killed", text="12 passengers", article="a1",
                           start=span(WIRE, "12 passengers")[0], end=span(WIRE, "12 passengers")[1])],
        conflicts=[Conflict(what="people killed", values=[
            ConflictValue(value="12", articles=["a1", "a2"], evidence=[evidence("a1", WIRE, "killing 12")]),
            ConflictValue(value="14", articles=["a2"], evidence=[evidence("a2", REWRITE, "14 by some counts")])])],
        timeline=[TimelineEntry(date="2024-03-05", text="Fire on the ferry Marlin.", articles=["a1", "a2"],
                                evidence=[evidence("a1", WIRE, "on Tuesday")])],
        facts=[Fact(id="f1", text="A fire on the ferry Marlin off Port Ellery killed 12 people.",
                    articles=["a1", "a2"], independent_sources=1,
                    evidence=[evidence("a1", WIRE, "A fire broke out on the ferry Marlin off Port Ellery"),
                              evidence("a2", REWRITE, "the ferry Marlin caught fire near Port Ellery")])],
        relations=[Relation(subject="coast guard", predicate="blamed", object="ferry operator",
                            evidence=[evidence("a2", REWRITE, "The coast guard blamed the ferry operator")])],
        provenance=[ProvenanceEdge(source="a1", target="a2", relation="paraphrases", score=0.82,
                                   evidence=[evidence("a2", REWRITE, "according to the Daily Courier")]),
                    ProvenanceEdge(source="Daily Courier", target="a2", relation="cites", score=1.0)],
        summary=[SummarySentence(text="A fire on the ferry Marlin off Port Ellery killed 12 passengers on Tuesday.",
                                 citations=["a1", "a2"], independent_sources=1)],
    )


@pytest.fixture
def briefing() -> Briefing:
    return make_briefing()


def error_of(data: dict) -> str:
    with pytest.raises(NewsfuseError) as caught:
        validate_briefing(data)
    return str(caught.value)


# ------------------------------------------------------------------ contract


def test_handmade_briefing_meets_the_contract(briefing):
    data = briefing.to_json_dict()
    validate_briefing(data)
    assert data["schema"] == "newsfuse.briefing/1"
    validate_briefing(json.loads(json.dumps(data)))  # and after a JSON round trip


@pytest.mark.parametrize(("breakage", "path"), [
    (lambda d: d.pop("generated_at"), "$"),
    (lambda d: d["articles"][0].pop("text"), "$.articles[0]"),
    (lambda d: d["quotes"][0].update(kind="verbatim"), "$.quotes[0].kind"),
    (lambda d: d["provenance"][0].update(relation="steals"), "$.provenance[0].relation"),
    (lambda d: d["articles"][0].update(published="2024-02-30"), "$.articles[0].published"),
    (lambda d: d["articles"][0].update(published="5 March 2024"), "$.articles[0].published"),
    (lambda d: d["timeline"][0].update(date="2024-13"), "$.timeline[0].date"),
    (lambda d: d.update(generated_at="yesterday"), "$.generated_at"),
    (lambda d: d["facts"][0].update(independent_sources="one"), "$.facts[0].independent_sources"),
    (lambda d: d.update(schema="newsfuse.briefing/2"), "$.schema"),
])
def test_schema_rejects_a_broken_briefing_and_names_the_path(briefing, breakage, path):
    data = briefing.to_json_dict()
    breakage(data)
    message = error_of(data)
    assert "E020" in message and f"at {path}" in message


def test_schema_accepts_partial_timeline_dates_and_unknown_extra_fields(briefing):
    data = briefing.to_json_dict()
    data["timeline"][0]["date"] = "2024-03"
    data["facts"][0]["confidence"] = 0.9  # a later minor version may add fields
    validate_briefing(data)


@pytest.mark.parametrize(("breakage", "path"), [
    (lambda d: d["facts"][0]["evidence"][0].update(end=10_000), "$.facts[0].evidence[0]"),
    (lambda d: d["quotes"][0]["variants"][1].update(start=5000, end=5001), "$.quotes[0].variants[1]"),
    (lambda d: d["numbers"][0].update(start=30, end=20), "$.numbers[0]"),
    (lambda d: d["facts"][0]["evidence"][0].update(text="something else"), "$.facts[0].evidence[0].text"),
    (lambda d: d["summary"][0]["citations"].append("a9"), "$.summary[0].citations[2]"),
    (lambda d: d["relations"][0]["evidence"][0].update(article="a9"), "$.relations[0].evidence[0].article"),
    (lambda d: d["provenance"][0].update(target="Daily Courier"), "$.provenance[0].target"),
    (lambda d: d["provenance"][0].update(source="Daily Courier"), "$.provenance[0].source"),  # not a cites edge
    (lambda d: d["summary"][0].update(evidence=[{"article": "a2", "start": 0, "end": 999}]), "$.summary[0].evidence[0]"),
])
def test_reference_check_catches_spans_outside_their_article_and_unknown_ids(briefing, breakage, path):
    data = briefing.to_json_dict()
    breakage(data)
    message = error_of(data)
    assert "E021" in message and f"at {path}" in message


def test_write_outputs_validates_then_writes_three_files(briefing, tmp_path):
    paths = write_outputs(briefing, tmp_path / "out" / "nested")
    assert sorted(paths) == ["html", "json", "md"]
    written = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert written == briefing.to_json_dict()
    assert paths["md"].read_text(encoding="utf-8").startswith("# ")
    broken = briefing.model_copy(deep=True)
    broken.facts[0].evidence[0].end = 10_000
    with pytest.raises(NewsfuseError):
        write_outputs(broken, tmp_path / "broken")
    assert not (tmp_path / "broken").exists()


# ------------------------------------------------------------------ markdown


def test_markdown_has_every_section_and_source_counts(briefing):
    markdown = render_markdown(briefing)
    headings = re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE)
    assert headings == ["Summary", "Facts", "Quotes", "Conflicts", "Figures", "Timeline", "Entities",
                        "Relations", "Provenance", "Articles", "Input problems"]
    assert markdown.startswith("# Fire on ferry Marlin kills 12\n")
    assert "killed 12 passengers on Tuesday. [1][2]" in markdown
    assert "2 articles, 1 independent source" in markdown
    assert "### Ana Ruiz, deckhand" in markdown and "wording drift 30%" in markdown
    assert "| people killed | **12** [1][2] | **14** [2] |" in markdown
    assert "[2] Coast News paraphrases [1] Daily Courier" in markdown
    assert "[2] Coast News credits **Daily Courier**" in markdown
    assert "`condensed-copy`: Shorter rewrite of another article\\." not in markdown  # '.' is not escaped
    assert "`condensed-copy`: Shorter rewrite of another article." in markdown


def test_markdown_escapes_article_text_so_it_renders_as_written():
    title = "# *Breaking* [click](javascript:alert(1)) <b>x</b> | a_b_c"
    briefing = make_briefing(wire_title=title, wire_url="javascript:alert(1)")
    briefing.facts[0].text = HOSTILE + " 1. **bold** `code`"
    html = MarkdownIt("commonmark").enable("table").render(render_markdown(briefing))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert 'href="javascript' not in html and "<strong>bold" not in html and "<code>code" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<h1># *Breaking* [click](javascript:alert(1)) &lt;b&gt;x&lt;/b&gt; | a_b_c</h1>" in html


# ---------------------------------------------------------------------- html


def _hostile_html() -> str:
    briefing = make_briefing(wire_title=HOSTILE, wire_url="javascript:alert(3)",
                             wire_text=WIRE + " </script><script>alert(4)</script> <!-- ")
    briefing.articles[1].outlet = '"><svg onload=alert(5)>'
    briefing.articles[1].url = "https://coast.example/a?b=1&c=<x>"
    briefing.quotes[0].speaker = HOSTILE
    briefing.facts[0].evidence.append(evidence("a1", briefing.articles[0].text, "</script><script>alert(4)</script>"))
    return render_html(briefing)


def test_html_is_self_contained_and_only_links_http_article_urls(briefing):
    html = render_html(briefing)
    urls = re.findall(r"""(?:https?:)?//[^\s"'<>)]+""", html)
    assert urls == ["https://courier.example/marlin"] * 2  # the article's own link and its text
    assert '<a class="url" href="https://courier.example/marlin" rel="noopener noreferrer nofollow"' in html
    assert not re.search(r"<(link|img|iframe|object|embed)\b", html)
    assert not re.search(r"<script\b[^>]*\bsrc=", html)
    assert "Content-Security-Policy" in html


def test_html_renders_hostile_article_text_and_metadata_inert():
    html = _hostile_html()
    tree = lxml.html.document_fromstring(html)
    assert [script.get("type") for script in tree.iter("script")] == ["application/json", None]
    assert not tree.xpath("//img | //iframe | //object | //embed | //body//svg[@onload]")
    handlers = [(element.tag, name) for element in tree.iter() if isinstance(element.tag, str)
                for name in element.attrib if name.lower().startswith("on")]
    assert handlers == []
    hrefs = [link.get("href") for link in tree.iter("a")]
    assert not [href for href in hrefs if not href.startswith(("#", "https://courier.example"))]
    assert "javascript:alert(3)" in tree.text_content()  # shown as text, not linked
    assert tree.find(".//h1").text_content() == HOSTILE
    assert "https://coast.example/a?b=1&c=<x>" in tree.text_content()  # not a clean URL: text only


def test_embedded_evidence_json_cannot_close_its_script_element():
    html = _hostile_html()
    blob = re.search(r'<script type="application/json" id="claims-data">(.*?)</script>', html, re.DOTALL)
    assert "<" not in blob.group(1) and "&" not in blob.group(1)
    claims = json.loads(blob.group(1))
    passages = [p["span"] for claim in claims.values() for p in claim["passages"]]
    assert "</script><script>alert(4)</script>" in passages


def test_html_shows_each_claim_with_its_evidence(briefing):
    html = render_html(briefing)
    claims = _claims(html)
    claim_ids = re.findall(r'data-claim="([^"]+)"', html)
    assert set(claim_ids) <= set(claims) and {"s0", "f0", "q0", "c0-0", "c0-1", "n0", "t0", "r0", "p0"} <= set(claim_ids)
    fact = claims["f0"]["passages"]
    assert [(p["number"], p["span"]) for p in fact] == [
        (1, "A fire broke out on the ferry Marlin off Port Ellery"),
        (2, "the ferry Marlin caught fire near Port Ellery")]
    assert fact[0]["after"] == " on Tuesday, killing 12 passengers."  # the rest of the sentence, not the next
    summary = claims["s0"]["passages"]
    assert summary[0]["span"].startswith("A fire broke out on the ferry Marlin") and "similar" in summary[0]["note"]
    assert "2 articles, 1 independent source" in html


def test_graph_layouts_group_by_origin_and_colour_edges(briefing):
    layout = provenance_layout(briefing)
    articles = {node.id: node for node in layout.nodes if node.kind == "article"}
    assert set(articles) == {"a1", "a2"} and articles["a1"].x == articles["a2"].x  # one origin, one column
    assert [node.id for node in layout.nodes if node.kind == "outlet"] == ["Daily Courier"]
    assert {edge.kind for edge in layout.edges} == {"paraphrases", "cites"}
    assert len(layout.boxes) == 1 and layout.width > 0 and layout.height > 0
    separate = briefing.model_copy(deep=True)
    separate.articles[1].origin = "o2"
    split = {node.id: node for node in provenance_layout(separate).nodes if node.kind == "article"}
    assert split["a1"].x != split["a2"].x
    actors = relations_layout(briefing)
    assert [edge.label for edge in actors.edges] == ["blamed"] and len(actors.nodes) == 2


def test_renderings_handle_an_empty_briefing(briefing):
    bare = Briefing(newsfuse_version="0.1.0", generated_at="2024-03-06T10:00:00Z",
                    articles=[copy.deepcopy(briefing.articles[0])])
    validate_briefing(bare.to_json_dict())
    assert "_None found._" in render_markdown(bare)
    assert "None found." in render_html(bare)


def test_summary_line_shows_its_recorded_spans_before_any_located_sentence(briefing):
    briefing.summary[0].evidence = [evidence("a2", REWRITE, "Twelve people died")]
    briefing.summary.append(SummarySentence(text="Unrelated words entirely here.", citations=["a1"]))
    claims = _claims(render_html(briefing))
    assert [(p["number"], p["span"], p["note"]) for p in claims["s0"]["passages"]] == [(2, "Twelve people died", "")]
    assert claims["s1"]["passages"][0]["span"] == "" and "no sentence" in claims["s1"]["passages"][0]["note"]


def test_big_stories_draw_a_bounded_graph_and_say_what_is_left_out(briefing):
    many = [briefing.articles[0].model_copy(update={"id": f"x{i}", "origin": f"x{i}"}) for i in range(75)]
    big = briefing.model_copy(update={"articles": many, "provenance": [], "relations": [
        Relation(subject=f"actor {i}", predicate="met", object=f"actor {i + 1}", evidence=[]) for i in range(30)]})
    layout = provenance_layout(big)
    assert len(layout.nodes) == 60 and "15 more articles" in layout.note
    actors = relations_layout(big)
    assert len(actors.nodes) == 18 and "13 less connected actors" in actors.note
    assert all(edge.source in {n.id for n in actors.nodes} for edge in actors.edges)


def test_csp_allows_exactly_the_inline_script(briefing):
    html = render_html(briefing)
    code = re.search(r"<script>(.*?)</script>", html, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in html


@pytest.mark.browser
def test_page_script_runs_in_headless_chromium(briefing, tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("no headless Chromium installed")
    page = write_outputs(briefing, tmp_path)["html"]
    dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          "--disable-background-networking", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    assert re.search(r'<html lang="en" class="js">', dom)  # the CSP hash let our script run


def _claims(html: str) -> dict:
    return json.loads(re.search(r'id="claims-data">(.*?)</script>', html, re.DOTALL).group(1))


def test_timeline_dates_render_readably_even_when_not_calendar_dates(briefing):
    briefing.timeline.append(TimelineEntry(date="2024-02-30", text="A date that does not exist.",
                                           articles=["a1"], evidence=[]))
    briefing.timeline.append(TimelineEntry(date="2023", precision="year", text="The year before.",
                                           articles=["a1"], evidence=[]))
    html = render_html(briefing)
    assert re.findall(r'<time datetime="[^"]+">([^<]+)</time>', html) == ["2023", "2024-02-30", "5 Mar 2024"]
    assert "- **2023**: The year before. [1]" in render_markdown(briefing)


def _quote(speaker, entity=None, role=None, affiliation=None) -> Quote:
    return Quote(id="q", speaker=speaker, speaker_entity=entity, role=role, affiliation=affiliation, kind="indirect",
                 text="words", articles=["a"], variants=[], drift=0.0, independent_sources=1)


def test_one_speaker_spelt_two_ways_is_one_heading_under_the_fullest_spelling():
    quotes = [_quote("Seth G Jones", "e1"), _quote("Seth G. Jones", "e1"), _quote("analysts"), _quote("Analysts"),
              _quote(None)]
    grouped = [(name, len(group)) for name, group in quotes_by_speaker(quotes)]
    assert grouped == [("Seth G. Jones", 2), ("analysts", 2), ("Speaker not identified", 1)]


def test_speaker_role_is_the_first_stated_one():
    quotes = [_quote("Colin P. Clarke"), _quote("Colin P. Clarke", role="analyst", affiliation="Soufan")]
    assert speaker_role(quotes) == "analyst, Soufan"
    assert speaker_role([_quote("analysts")]) == ""
