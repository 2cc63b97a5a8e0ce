"""Ingest: formats, header conventions, text repair, and bad input as normal input."""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from newsfuse.ingest import files as ingest_files
from newsfuse.ingest import load
from newsfuse.ingest.dates import to_iso_date
from newsfuse.ingest.language import guess_language
from newsfuse.ingest.header_lines import date_line, is_heading_shaped, parse_byline
from newsfuse.ingest.plaintext import fallback_title, parse_plain
from newsfuse.ingest.repair import repair_text

ENGLISH_BODY = (
    "Three people were killed when part of the old bridge fell into the harbour on Tuesday, "
    "the fire service said. Rescue teams worked through the night and the port was closed."
)


def write(folder, name, content):
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def codes(result):
    return [problem.code for problem in result.problems]


def assert_evidence_matches(article):
    for flag in article.flags:
        for evidence in flag.evidence:
            assert evidence.article == article.id
            assert article.text[evidence.start:evidence.end] == evidence.text


# ------------------------------------------------------------------ Kabul story


@pytest.fixture(scope="module")
def kabul(kabul_dir):
    result = load([kabul_dir])
    return result, {article.id[:3]: article for article in result.articles}


def test_kabul_loads_four_articles_without_problems(kabul):
    result, by_prefix = kabul
    assert sorted(by_prefix) == ["000", "001", "002", "003"]
    assert result.problems == []
    assert len({article.id for article in result.articles}) == 4


def test_kabul_date_prefix_moves_to_published(kabul):
    _, by_prefix = kabul
    for prefix in ("000", "003"):
        article = by_prefix[prefix]
        assert article.published == "2021-08-27"
        assert not article.text.lower().lstrip().startswith("date")
        assert "2021-08-27" not in article.text


def test_kabul_first_sentence_title_stays_in_text(kabul):
    _, by_prefix = kabul
    article = by_prefix["003"]
    assert article.title.startswith("Why the Taliban")
    assert article.text.startswith("Why the Taliban")


def test_kabul_outlet_byline_and_boilerplate(kabul):
    _, by_prefix = kabul
    article = by_prefix["002"]
    assert article.outlet == "National Post"
    assert article.author == "Raffaello Pantucci"
    assert "vulnerability" in article.title
    for line in ("National Post", "Newspapers in English", "Newspapers from Canada", "Raffaello Pantucci"):
        assert line not in article.text
    assert article.text.startswith("The combination of Western forces")
    assert article.metadata["byline_outlet"] == "The Daily Telegraph"


def test_kabul_headline_line_becomes_title(kabul):
    _, by_prefix = kabul
    article = by_prefix["001"]
    assert article.title == "ISIS-K in Afghanistan poses terrorist threat to Kabul evacuation"
    assert article.title_written
    assert not article.text.startswith("ISIS-K in Afghanistan")


def test_kabul_lost_byte_quotes_repaired(kabul):
    _, by_prefix = kabul
    article = by_prefix["001"]
    assert article.has_flag("encoding-repaired")
    assert "â" not in article.text
    assert "“They haven’t been" in article.text
    assert "It is possible,” said Seth" in article.text
    assert_evidence_matches(article)


def test_kabul_credit_line_and_clean_articles_untouched(kabul):
    _, by_prefix = kabul
    assert by_prefix["000"].text.endswith("(With inputs from AFP and New York Times)")
    assert not by_prefix["000"].flags
    assert all(article.language == "en" for article in by_prefix.values())


def test_kabul_hash_and_determinism(kabul, kabul_dir):
    result, _ = kabul
    again = load([str(kabul_dir)])
    assert [a.model_dump() for a in again.articles] == [a.model_dump() for a in result.articles]
    for article in result.articles:
        assert article.content_hash == hashlib.sha256(article.text.encode()).hexdigest()


# ----------------------------------------------------------------- plain text


def test_plain_text_header_conventions(tmp_path):
    text = (
        "The Harbour Gazette\n\nBridge collapse kills three in port city\n\n"
        "By Maria Lopez, Reuters\nPublished: 12 March 2023\n\n" + ENGLISH_BODY +
        "\n\n(Reporting by Maria Lopez)\n\nAll rights reserved\n"
    )
    article = load([write(tmp_path, "bridge.txt", text)]).articles[0]
    assert (article.outlet, article.author, article.published) == ("The Harbour Gazette", "Maria Lopez", "2023-03-12")
    assert article.title == "Bridge collapse kills three in port city"
    assert article.metadata["byline_outlet"] == "Reuters"
    assert article.text.startswith("Three people were killed")
    assert article.text.endswith("(Reporting by Maria Lopez)")


def test_plain_text_without_header_keeps_first_sentence(tmp_path):
    article = load([write(tmp_path, "plain.txt", ENGLISH_BODY)]).articles[0]
    assert article.text == ENGLISH_BODY
    assert article.title == ENGLISH_BODY.split(" Rescue")[0]
    assert not article.title_written  # the first sentence stands in for a headline
    assert article.outlet is None and article.author is None and article.published is None


def test_short_text_alone_is_body_not_header(tmp_path):
    article = load([write(tmp_path, "short.txt", "Explosion reported near the port")]).articles[0]
    assert article.text == "Explosion reported near the port"


def test_markdown_front_matter_and_heading(tmp_path):
    text = "---\ntitle: Bridge falls\nauthor: Sam Reed\ndate: 2023-03-12\nsection: World\n---\n# Bridge falls\n\n" + ENGLISH_BODY
    article = load([write(tmp_path, "story.md", text)]).articles[0]
    assert (article.title, article.author, article.published) == ("Bridge falls", "Sam Reed", "2023-03-12")
    assert article.metadata["section"] == "World"
    assert article.text == ENGLISH_BODY


def test_paragraphs_kept_and_whitespace_normalised(tmp_path):
    raw = "First  paragraph\u00a0here,  with   spaces.\r\n\r\n\r\n\r\nSecond paragraph here, as said.\r\n"
    article = load([write(tmp_path, "ws.txt", raw)]).articles[0]
    assert article.text == "First paragraph here, with spaces.\n\nSecond paragraph here, as said."


@pytest.mark.parametrize("line, author, outlet", [
    ("- Raffaello Pantucci The Daily Telegraph Raffaello Pantucci is a fellow.", "Raffaello Pantucci",
     "The Daily Telegraph"),
    ("By Jane Doe and John Roe, Associated Press", "Jane Doe and John Roe", "Associated Press"),
    ("BY ANA DE LA CRUZ", "ANA DE LA CRUZ", None),
])
def test_parse_byline(line, author, outlet):
    name, extras = parse_byline(line)
    assert name == author
    assert extras.get("byline_outlet") == outlet


def test_byline_needs_a_name():
    assert parse_byline("- the results were mixed") is None


@pytest.mark.parametrize("line, expected", [
    ("Quake hits city as rescuers search rubble", True),
    ("Who are the Taliban?", True),
    ("The attack killed 13 people, officials said.", False),
    ("“We will hunt you down,” he said", False),
    ("Breaking", False),
])
def test_heading_shape(line, expected):
    assert is_heading_shaped(line) is expected


def test_parse_plain_with_known_title_removes_only_its_repeat():
    parsed = parse_plain("Dam bursts\nShort line without stop\n" + ENGLISH_BODY, known_title="Dam Bursts")
    assert parsed.body.startswith("Short line without stop")


# ----------------------------------------------------------------------- HTML


HOSTILE_PAGE = """<html><head><title>Quake hits city | Example News</title>
<meta name="author" content="Jane Doe"><meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-05-04T10:00:00Z">
<link rel="canonical" href="https://example.com/quake">
<script>alert('head')</script><style>p { color: red }</style></head>
<body onload="alert('load')"><nav>Home | World | Sport</nav><article><h1>Quake hits city</h1>
<p>A strong earthquake struck the city on Thursday, officials said. <img src=x onerror="alert('img')"></p>
<p>At least 12 people were killed, the mayor told reporters.<script>document.write('evil')</script></p>
<p onclick="steal()">Rescue teams searched the rubble through the night.</p>
<iframe src="javascript:alert('frame')"></iframe>
</article><footer>Copyright Example</footer></body></html>"""


def test_html_text_and_metadata(tmp_path):
    article = load([write(tmp_path, "quake.html", HOSTILE_PAGE)]).articles[0]
    assert article.title == "Quake hits city"
    assert (article.outlet, article.author, article.published) == ("Example News", "Jane Doe", "2023-05-04")
    assert article.url == "https://example.com/quake"
    assert article.text.startswith("A strong earthquake struck the city")
    assert "\n\nAt least 12 people" in article.text


def test_hostile_html_does_not_leak(tmp_path):
    text = load([write(tmp_path, "quake.htm", HOSTILE_PAGE)]).articles[0].text
    for leak in ("alert", "evil", "steal", "<", "color: red", "Home | World"):
        assert leak not in text


def test_html_without_article_text_is_a_problem(tmp_path):
    result = load([write(tmp_path, "empty.html", "<html><body><script>x()</script></body></html>")])
    assert result.articles == [] and codes(result) == ["W002"]


# ----------------------------------------------------------------------- JSON


def test_json_object_fields_and_metadata(tmp_path):
    record = {"id": "dam-1", "title": "Dam bursts", "text": ENGLISH_BODY, "url": "https://x.test/dam",
              "outlet": "Valley News", "author": "A. Writer", "published": "Aug. 27, 2021", "topic": "floods"}
    article = load([write(tmp_path, "one.json", json.dumps(record))]).articles[0]
    assert (article.id, article.title, article.outlet, article.author) == ("dam-1", "Dam bursts", "Valley News", "A. Writer")
    assert (article.url, article.published, article.metadata) == ("https://x.test/dam", "2021-08-27", {"topic": "floods"})


def test_json_list_and_articles_wrapper(tmp_path):
    items = [{"text": ENGLISH_BODY}, {"text": ENGLISH_BODY.replace("Three", "Four")}]
    listed = load([write(tmp_path, "many.json", json.dumps(items))])
    wrapped = load([write(tmp_path, "wrapped.json", json.dumps({"story": "s1", "articles": items}))])
    assert [a.id for a in listed.articles] == ["many-1", "many-2"]
    assert [a.id for a in wrapped.articles] == ["wrapped-1", "wrapped-2"]


def test_jsonl_malformed_line_is_one_problem(tmp_path):
    lines = [json.dumps({"text": ENGLISH_BODY, "date": 1630022400}), "{not json", "",
             json.dumps({"id": 9, "body": ENGLISH_BODY.replace("Three", "Two"), "date": "2021-08-27T10:00:00Z"}),
             json.dumps(["not", "an", "object"]), json.dumps({"title": "No text here"})]
    result = load([write(tmp_path, "feed.jsonl", "\n".join(lines))])
    assert [(a.id, a.published) for a in result.articles] == [("feed-1", "2021-08-27"), ("9", "2021-08-27")]
    assert codes(result) == ["W005", "W005", "W002"]
    assert "line 2" in result.problems[0].message
    assert "line 5" in result.problems[1].message


def test_json_without_title_takes_headline_line(tmp_path):
    record = {"text": "Bridge collapse kills three\n" + ENGLISH_BODY}
    article = load([write(tmp_path, "headline.json", json.dumps(record))]).articles[0]
    assert article.title == "Bridge collapse kills three"
    assert article.text == ENGLISH_BODY


@pytest.mark.parametrize("value, expected", [
    ("2021-08-27", "2021-08-27"), ("27 August 2021", "2021-08-27"), ("2021/08/27", "2021-08-27"),
    (1630022400, "2021-08-27"), (1630022400000, "2021-08-27"), ("Friday, August 27, 2021 - 14:03", "2021-08-27"),
    ("yesterday", None), ("August 27", None), ("2021-02-30", None), (None, None), ("", None),
])
def test_dates(value, expected):
    assert to_iso_date(value) == expected


def test_unparsed_date_is_flagged(tmp_path):
    record = {"text": ENGLISH_BODY, "published": "last week"}
    article = load([write(tmp_path, "d.json", json.dumps(record))]).articles[0]
    assert article.published is None and article.has_flag("date-unparsed")
    assert article.metadata["published_raw"] == "last week"


# ------------------------------------------------------------------ bad input


def test_missing_path_and_unmatched_glob(tmp_path):
    result = load([tmp_path / "nope.txt", str(tmp_path / "*.nothing")])
    assert codes(result) == ["W001", "W001"] and result.articles == []


def test_glob_and_folder_order_is_sorted(tmp_path):
    for name in ("b.txt", "a.txt", "sub/c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        write(tmp_path, name, ENGLISH_BODY.replace("Three", name))
    assert [a.id for a in load([tmp_path]).articles] == ["a", "b", "c"]
    assert [a.id for a in load([str(tmp_path / "*.txt")]).articles] == ["a", "b"]


def test_empty_binary_and_unsupported_files(tmp_path):
    empty = write(tmp_path, "empty.txt", "")
    blank = write(tmp_path, "blank.txt", "  \n\n ")
    binary = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    pdf = write(tmp_path, "report.pdf", b"%PDF-1.4")
    result = load([empty, blank, binary, pdf])
    assert codes(result) == ["W002", "W002", "W003", "W007"]
    assert all("\n" not in problem.message for problem in result.problems)


def test_file_over_size_limit_is_not_read(tmp_path, monkeypatch):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB on paper, nothing on disk
    monkeypatch.setattr(ingest_files, "open", lambda *a, **k: pytest.fail("read a file over the limit"),
                        raising=False)
    result = load([big])
    assert codes(result) == ["W004"] and "50.0 MB" in result.problems[0].message
    monkeypatch.undo()
    small = write(tmp_path, "small.txt", ENGLISH_BODY)
    assert codes(load([small], max_bytes=50)) == ["W004"]


def test_unreadable_file_and_pipe(tmp_path, monkeypatch):
    locked = write(tmp_path, "locked.txt", ENGLISH_BODY)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ingest_files, "open", refuse, raising=False)
    result = load([locked])
    assert codes(result) == ["W006"] and "Permission denied" in result.problems[0].message
    monkeypatch.undo()
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert codes(load([pipe])) == ["W006"]


def test_malformed_json_file(tmp_path):
    result = load([write(tmp_path, "broken.json", '{"text": "x",')])
    assert codes(result) == ["W005"] and "line 1" in result.problems[0].message


def test_empty_folder(tmp_path):
    (tmp_path / "nothing").mkdir()
    write(tmp_path / "nothing", ".hidden.txt", ENGLISH_BODY)
    assert codes(load([tmp_path / "nothing"])) == ["W008"]


def test_identical_content_reported_once_kept_once(tmp_path):
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        write(tmp_path / folder, "story.txt", ENGLISH_BODY)
    result = load([tmp_path])
    assert [a.id for a in result.articles] == ["story"]
    assert codes(result) == ["W009"]
    assert "two" in result.problems[0].path and "'story'" in result.problems[0].message


def test_cp1252_bytes_decoded_with_flag(tmp_path):
    raw = ("The caf\xe9 owner said \u201cwe lost everything\u201d after the flood hit the town, "
           "and the mayor said that it was the worst in years.").encode("cp1252")
    article = load([write(tmp_path, "old.txt", raw)]).articles[0]
    assert "café owner said “we lost everything”" in article.text
    assert article.has_flag("encoding-guessed")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks(tmp_path, encoding):
    article = load([write(tmp_path, "bom.txt", ENGLISH_BODY.encode(encoding))]).articles[0]
    assert article.text == ENGLISH_BODY


def test_inputs_are_not_modified(tmp_path):
    path = write(tmp_path, "keep.txt", "Title Of It\n\n" + ENGLISH_BODY + "\n\nNewspapers in English")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load([path])
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_non_english_is_flagged(tmp_path):
    french = ("Le pont s'est effondré dans le port mardi, selon les pompiers. Les équipes de secours "
              "ont travaillé toute la nuit et le port est resté fermé pour la journée.")
    article = load([write(tmp_path, "fr.txt", french)]).articles[0]
    assert article.language == "fr" and article.has_flag("non-english")


def test_language_guess():
    assert guess_language(ENGLISH_BODY) == "en"
    assert guess_language("Der Damm ist gebrochen und das Wasser hat die Stadt mit sich gerissen, sagte die Polizei.") == "de"
    assert guess_language("ok") == "und"


# ---------------------------------------------------------------------- repair


def test_repair_ftfy_mojibake_with_evidence():
    text, flags = repair_text("The groupâ€™s ranks fell, he said. " + ENGLISH_BODY)
    assert text.startswith("The group’s ranks fell")
    (flag,) = flags
    assert flag.name == "encoding-repaired" and "ftfy" in flag.detail
    assert [(e.start, e.end, e.text) for e in flag.evidence] == [(9, 10, "’")]


def test_repair_lost_bytes_from_context():
    damaged = "âWe havenât given up, âsaid the mayor, who stood by the pier â in the rain. " + ENGLISH_BODY
    text, flags = repair_text(damaged)
    assert text.startswith("“We haven’t given up,” said the mayor, who stood by the pier — in the rain.")
    evidence = [(e.text, text[e.start:e.end]) for e in flags[0].evidence]
    assert all(quoted == cited for quoted, cited in evidence)
    assert {"“", "’", "—"} <= {quoted.strip() for quoted, _ in evidence}


def test_repair_keeps_real_circumflex():
    french = "Le château est âgé de mille ans et il est beau, dit-il. Les gens sont venus pour la fête."
    assert repair_text(french) == (french, [])


def test_repair_clean_text_is_unchanged():
    assert repair_text(ENGLISH_BODY) == (ENGLISH_BODY, [])


@pytest.mark.parametrize("line, expected", [
    ("May 3, 2013 | 8: 20 am", "May 3, 2013"),
    ("Updated Fri., May. 3, 2013 11:45 AM PDT", "May. 3, 2013"),
    ("POSTED: December 08, 2010", "December 08, 2010"),
    ("11 / 30 / 09 05: 40 PM ET", "11/30/09"),
    ("On May 3, 2013 the mayor resigned.", None),
    ("May 3", None),
])
def test_date_lines(line, expected):
    assert date_line(line) == expected


def test_headline_then_date_line_then_body_without_blank_lines():
    parsed = parse_plain("Lawyer: singer checks into rehab facility\nMay 2, 2013, 1:12 PM\n" + ENGLISH_BODY)
    assert (parsed.title, parsed.published, parsed.body) == ("Lawyer: singer checks into rehab facility",
                                                             "May 2, 2013", ENGLISH_BODY)


def test_hard_wrapped_first_line_is_not_a_title():
    wrapped = "Three people were killed when part of the old bridge fell into the\nharbour on Tuesday, the fire service said."
    assert parse_plain(wrapped).title is None


def test_one_word_outlet_before_title_case_headline():
    parsed = parse_plain("Reuters\n\nMayor Orders Inquiry Into Harbour Bridge Collapse\n\n" + ENGLISH_BODY)
    assert (parsed.outlet, parsed.title) == ("Reuters", "Mayor Orders Inquiry Into Harbour Bridge Collapse")


def test_fallback_title_skips_abbreviations():
    assert fallback_title("Rep. Jane Roe Calls For Inquiry. More follows.") == "Rep. Jane Roe Calls For Inquiry."


def test_byline_name_stops_where_the_known_outlet_starts(tmp_path):
    from newsfuse.ingest import load

    path = tmp_path / "wire.txt"
    path.write_text(
        " date 2025-03-12 Meridian Press Agency\n\nTwelve dead as bridge collapses\n\n"
        "- Anna Lindqvist Meridian Press Agency\n\nAt least 12 people were killed on Tuesday, officials said.\n",
        encoding="utf-8",
    )
    article = load([path]).articles[0]
    assert article.author == "Anna Lindqvist"
    assert article.outlet == "Meridian Press Agency"


@pytest.mark.parametrize("value, expected, guessed", [
    ("02.29.12", "2012-02-29", False),  # only February 29th makes a date: never 2029-12-02
    ("08.07.2012", "2012-07-08", True),  # dots: day first, a guess
    ("6/13/13", "2013-06-13", False), ("13/6/13", "2013-06-13", False),
    ("2012/02/29", "2012-02-29", False), ("31.02.2012", None, False), ("99/99/99", None, False),
    ("2129-12-02", None, False),  # after next year: impossible for a publication date
])
def test_numeric_dates_read_by_the_only_order_that_works(value, expected, guessed):
    from newsfuse.ingest.dates import day_month_guessed

    assert to_iso_date(value) == expected
    assert day_month_guessed(value) is guessed
