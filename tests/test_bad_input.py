"""Readers on hostile input: deep JSON, texts without words, unreadable folders, sizes, undated stories."""

from __future__ import annotations

import os

from newsfuse.ingest.files import over_limit
from newsfuse.models import Article
from newsfuse.store import Store
from newsfuse.store.stories import list_stories, place_new_articles
from newsfuse.ingest import Upload, load, load_uploads

ARTICLE = "The harbour bridge fell on Tuesday, the fire service said, and the port was closed."


def codes(result) -> list[str]:
    return [problem.code for problem in result.problems]


def test_deeply_nested_json_is_one_coded_line_not_a_recursion_error(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "deep.jsonl").write_text(f'{{"text": "{ARTICLE}"}}\n' + '{"a": ' * 100_000 + "1" + "}" * 100_000)
    result = load([tmp_path])
    assert codes(result) == ["W012", "W012"]
    assert [article.text for article in result.articles] == [ARTICLE]  # the good line still loads
    uploaded = load_uploads([Upload("deep.json", b"{" * 50_000)])
    assert uploaded.articles == [] and codes(uploaded) == ["W012"]


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path):
    (tmp_path / "brackets.json").write_text('{"text": "' + "[{" * 500 + ARTICLE + '\\" ]}"}')
    result = load([tmp_path])
    assert codes(result) == [] and len(result.articles) == 1


def test_lone_surrogates_in_a_record_are_stored_not_a_crash(tmp_path):
    line = '{"id": "a1", "title": "T \\udc00", "extra": {"note\\ud800": ["bad \\ud800 here"]}, "text": "%s"}' % ARTICLE
    (tmp_path / "feed.jsonl").write_text(line + "\n")
    result = load([tmp_path])
    article = result.articles[0]
    assert article.metadata["extra"] == {"note\ufffd": ["bad \ufffd here"]} and article.title == "T \ufffd"
    with Store(tmp_path / "news.db") as store:
        store.put_article(article)
        assert store.article(article.id).metadata == article.metadata


def test_an_article_without_words_is_refused(tmp_path):
    (tmp_path / "dots.txt").write_text("... !!! ??? --- 123 456 *** ###\n\n.....")
    (tmp_path / "good.txt").write_text(ARTICLE)
    result = load([tmp_path])
    assert codes(result) == ["W011"] and len(result.articles) == 1


def test_an_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text(ARTICLE)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(ARTICLE + " More.")
    real_scandir = os.scandir

    def scandir(path="."):  # root ignores chmod, so the refusal is simulated
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = load([tmp_path])
    assert codes(result) == ["W006"] and "locked" in result.problems[0].path
    assert [article.text for article in result.articles] == [ARTICLE]


def test_size_messages_show_sizes_that_differ():
    assert over_limit(25_300_000, 20_000_000) == "is 25.3 MB, over the 20.0 MB limit"
    assert over_limit(2_000_001, 2_000_000) == "is 2,000,001 bytes, over the 2,000,000-byte limit"


def test_an_undated_story_has_no_first_seen_day(tmp_path):
    with Store(tmp_path / "s.db") as store:
        article = Article(id="a", text=ARTICLE, content_hash="h", title="Bridge falls")
        place_new_articles(store, [store.put_article(article)])
        (story,) = list_stories(store)
        assert (story.first_seen, story.last_seen) == (None, None)
