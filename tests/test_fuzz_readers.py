"""Property-based fuzzing of every reader (Hypothesis): no exception escapes, every bad item is coded.

Readers: plain text/Markdown files, HTML files, JSON files, JSON Lines files
(all through `newsfuse.ingest.load`, as the CLI reads them) and uploaded
bytes (through `load_uploads`, as the web app reads them).
Each example carries INPUTS_PER_EXAMPLE inputs, so every reader sees 10,000
generated inputs per run (JSON Lines: over 10,000 lines in 5,000 files);
derandomized, so every run tries the same ones.
"""

from __future__ import annotations

import json
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.errors import Warnings
from newsfuse.ingest import Upload, load, load_uploads

INPUT_PROBLEMS = {code.code for code in Warnings.codes()}

INPUTS_PER_EXAMPLE = 10
EXAMPLES = 1_000  # x INPUTS_PER_EXAMPLE = 10,000 inputs per reader
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
NOTES = {Warnings.W009.code, Warnings.W010.code}  # items kept once or renamed: notes, not refusals

# Pieces real feeds are made of, mixed with arbitrary text.
PIECES = [
    "\n", "\n\n", " ", "\t", "\r\n", " date 2021-08-27 ", "By Jane Roe, Reuters", "- Ann Lee The Times",
    "Newspapers in English", "“", "”", "\"", "'", "â€œ", "â", "Ã©", "\u200b", "\ufeff", "\x00", "\x1b",
    "KABUL (Reuters) -", "Aug. 27, 2021", "The mayor said that 12 people died.", "...", "!!!", "<", ">", "&amp;",
    "# Heading", "* item", "2021-13-45", "يوم", "中文", "🙂", "\ud7ff", "http://example.com/a?b=c",
]
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=12).map("".join)

TAGS = ["<html>", "</html>", "<head>", "<title>", "</title>", "<body>", "</body>", "<article>", "</article>",
        "<p>", "</p>", "<script>alert(1)</script>", "<style>p{}</style>", "<meta name=\"author\" content=\"X\">",
        "<meta property=\"og:site_name\" content=\"Y\">", "<div>", "</div>", "<nav>menu</nav>", "<!--", "-->",
        "<![CDATA[", "]]>", "<br>", "<img src=x onerror=alert(1)>", "<!doctype html>", "&#0;", "&#x110000;"]
PAGES = st.lists(st.one_of(st.sampled_from(TAGS), TEXTS), max_size=16).map("".join)

KEYS = ["id", "title", "text", "body", "content", "url", "outlet", "source", "author", "authors", "published",
        "date", "articles", "name", "x"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXTS)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner,
                                                 max_size=6)), max_leaves=20)
# Valid JSON of any shape, sometimes cut short or with a garbage prefix.
DOCUMENTS = st.tuples(VALUES, st.integers(min_value=0, max_value=3), st.integers(min_value=0, max_value=400)).map(
    lambda item: _damaged(json.dumps(item[0]), item[1], item[2]))
LINE_FILES = st.lists(DOCUMENTS, min_size=1, max_size=5).map("\n".join)
SUFFIXES = ["", ".txt", ".md", ".html", ".json", ".jsonl", ".exe", ".TXT", ".htm"]
UPLOADS = st.tuples(st.sampled_from(SUFFIXES), st.one_of(st.binary(max_size=300), TEXTS.map(str.encode),
                                                          PAGES.map(str.encode), DOCUMENTS.map(str.encode)))


def _damaged(text: str, how: int, where: int) -> str:
    if how == 1:
        return text[: where % (len(text) + 1)]
    if how == 2:
        return "\x00{" + text
    return text


def _check(articles, problems, inputs: int) -> None:
    """Every problem is coded; an input that gave no article gave at least one refusal."""
    assert all(problem.code in INPUT_PROBLEMS and problem.message for problem in problems)
    refusals = [problem for problem in problems if problem.code not in NOTES]
    assert len(articles) + len(refusals) + sum(p.code == "W009" for p in problems) >= inputs
    assert all(any(character.isalpha() for character in article.text) for article in articles)
    assert len({article.id for article in articles}) == len(articles)


def _load_files(contents: list[str], suffix: str) -> None:
    with tempfile.TemporaryDirectory(prefix="nf-fuzz-") as folder:
        for number, content in enumerate(contents):
            (Path(folder) / f"{number % 3}-{number}{suffix}").write_text(content, encoding="utf-8",
                                                                         errors="surrogatepass")
        result = load([folder])
    per_file = {}
    for problem in result.problems:
        per_file.setdefault(problem.path, []).append(problem)
    refused_files = {Path(path).name for path, found in per_file.items()
                     if any(problem.code not in NOTES for problem in found)}
    loaded_files = {Path(article.path).name for article in result.articles}
    kept_once = {Path(problem.path).name for problem in result.problems if problem.code == "W009"}
    assert len(loaded_files | refused_files | kept_once) == len(contents)
    _check(result.articles, result.problems, 0)


@FUZZ
@given(st.lists(TEXTS, min_size=INPUTS_PER_EXAMPLE, max_size=INPUTS_PER_EXAMPLE), st.sampled_from([".txt", ".md"]))
def test_plain_text_files(contents, suffix):
    _load_files(contents, suffix)


@FUZZ
@given(st.lists(PAGES, min_size=INPUTS_PER_EXAMPLE, max_size=INPUTS_PER_EXAMPLE))
def test_html_files(contents):
    _load_files(contents, ".html")


@FUZZ
@given(st.lists(DOCUMENTS, min_size=INPUTS_PER_EXAMPLE, max_size=INPUTS_PER_EXAMPLE))
def test_json_files(contents):
    _load_files(contents, ".json")


@settings(FUZZ, max_examples=EXAMPLES // 2)  # files of 1-5 lines: over 10,000 lines in 5,000 files
@given(st.lists(LINE_FILES, min_size=INPUTS_PER_EXAMPLE, max_size=INPUTS_PER_EXAMPLE))
def test_json_lines_files(contents):
    _load_files(contents, ".jsonl")


@FUZZ
@given(st.lists(UPLOADS, min_size=INPUTS_PER_EXAMPLE, max_size=INPUTS_PER_EXAMPLE),
       st.text(alphabet=string.printable, max_size=20))
def test_uploaded_bytes(uploads, stem):
    for suffix, data in uploads:
        result = load_uploads([Upload(f"{stem}{suffix}", data)])
        assert result.articles or result.problems
        _check(result.articles, result.problems, 0)
