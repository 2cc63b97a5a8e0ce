"""Annotation in worker processes gives what annotation in this process gives."""

import os
import pickle

import numpy as np

from newsfuse.annotate import annotate_many
from newsfuse.annotate.parallel import MIN_ARTICLES_PER_WORKER, annotate_in_workers, worker_count
from newsfuse.errors import NewsfuseError
from newsfuse.models import Article

TEXTS = [
    "Divers searched the harbour on Wednesday. \"We will not stop,\" said fire chief Lina Osei.",
    "At least 12 people died when the Kessel Bridge fell, city officials said on Tuesday.",
    "The mayor, Ana Brandt, promised an inquiry. Engineers had warned of corrosion in 2023.",
]


def test_workers_give_the_same_annotations_in_the_same_order(models):
    articles = [Article(id=f"a{i}", text=text) for i, text in enumerate(TEXTS)]
    here = list(annotate_many(articles, models))
    spread = list(annotate_in_workers(articles, workers=2))  # tasks of two articles and one
    assert [item.article for item in spread] == ["a0", "a1", "a2"]
    for mine, theirs in zip(here, spread):
        assert theirs.model_dump() == mine.model_dump()
        # batches differ (two workers): bf16 vectors keep their bytes, fp32 ones may move in the last bits (test_nlp)
        assert np.allclose(theirs.vectors, mine.vectors, atol=1e-3)
        assert (theirs.vectors * mine.vectors).sum(axis=1).min() > 0.9999


def test_workers_are_bounded_by_articles_and_cores(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    assert worker_count(MIN_ARTICLES_PER_WORKER - 1, requested=4) == 1
    assert worker_count(2 * MIN_ARTICLES_PER_WORKER, requested=4) == 2
    assert worker_count(10 * MIN_ARTICLES_PER_WORKER, requested=64) == 3
    assert worker_count(10 * MIN_ARTICLES_PER_WORKER, requested=0) == 3
    assert worker_count(10 * MIN_ARTICLES_PER_WORKER, requested=1) == 1


def test_an_error_raised_in_a_worker_arrives_whole():
    error = pickle.loads(pickle.dumps(NewsfuseError("E001", "spaCy model missing")))
    assert (error.code, error.message) == ("E001", "spaCy model missing")
