"""Annotation spread over worker processes.

Annotating an article is a function of the article and the loaded models only,
so batches of articles can go to worker processes, each loading the models
once. Workers are started with "spawn" (a fork of a process whose torch
threads already ran can hang). The encoder runs on one thread in every process
(see encoder.py), as spaCy does, so N workers use N cores and one process uses
one. Starting a worker costs a few seconds of model loading: below
MIN_ARTICLES_PER_WORKER articles each, fewer workers are used, down to none.
`newsfuse brief` uses none unless asked (`--workers`)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from newsfuse.annotate import BATCH_ARTICLES, annotate_many
from newsfuse.annotate.nlp import Models, shared_models
from newsfuse.errors import Errors
from newsfuse.models import Annotations, Article

MIN_ARTICLES_PER_WORKER = 40


def worker_count(articles: int, requested: int) -> int:
    """Workers to use for `articles` new articles: `requested` (0 = one per core, at most 4), never
    more than the cores, and so that each has MIN_ARTICLES_PER_WORKER articles; 1 means in this process."""
    cores = os.cpu_count() or 1
    wanted = min(requested or 4, cores)
    return max(1, min(wanted, articles // MIN_ARTICLES_PER_WORKER))


def annotate_in_workers(articles: list[Article], workers: int, models: Models | None = None) -> Iterator[Annotations]:
    """Annotations of each article, in order, as :func:`annotate_many` gives them.

    With `workers` <= 1 the work stays in this process (with `models`, or the
    shared ones); otherwise it is spread over that many spawned processes.
    """
    if workers <= 1:
        yield from annotate_many(articles, models or shared_models())
        return
    size = max(1, min(BATCH_ARTICLES, -(-len(articles) // workers)))  # a task is one batch; each worker gets one
    chunks = [articles[i: i + size] for i in range(0, len(articles), size)]
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker)
    try:
        for annotated in pool.map(_annotate_chunk, chunks):
            yield from annotated
    except BrokenProcessPool as error:  # a model that fails to load raises in the initializer
        raise Errors.E013.error() from error
    finally:
        pool.shutdown(cancel_futures=True)  # a consumer that stops early does not wait for the rest


def _start_worker() -> None:
    models = shared_models()
    models.nlp  # noqa: B018  (load both models before the first task)
    models.embedder  # noqa: B018


def _annotate_chunk(articles: list[Article]) -> list[Annotations]:
    return list(annotate_many(articles, shared_models(), batch_size=len(articles)))
