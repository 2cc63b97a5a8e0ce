"""Annotation throughput on Ray: an actor pool of 1 and of 2 annotators, same articles, same run.

    .venv/bin/python benchmarks/ray_annotate.py [--limit 128]

Articles: `--limit` of the 1,771 distinct ECB+, NeuS and PolNeAR dev texts that
`benchmarks/annotate_speed.py` uses, spread evenly over the files, read through
`newsfuse.ingest.load`. One local Ray with 2 CPUs; for each pool size the actors
load their models first (untimed), then `RayEngine.annotate` runs over all the
articles (batches of `annotate.BATCH_ARTICLES`, 64, spread over the pool) and the wall time is
taken: throughput = articles / s.
In the same run, the same articles annotated in the driver process (one process,
no Ray) are the baseline, and every pool's annotations are checked identical to
it. The machine is shared: its load average is reported with the figures.
Results: benchmarks/results/ray_annotate.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
WORK = PROJECT / "benchmarks" / "work" / "ray_annotate"
RESULT = PROJECT / "benchmarks" / "results" / "ray_annotate.md"

sys.path.insert(0, str(PROJECT / "benchmarks"))


from ingest_archive import write_section  # noqa: E402
from machine import load_average  # noqa: E402

from newsfuse.annotate import BATCH_ARTICLES  # noqa: E402


def load_articles(limit: int):
    from annotate_speed import DEFAULT_DATA, write_articles

    from newsfuse.ingest import load

    return load([write_articles(DEFAULT_DATA, limit, WORK / "articles.jsonl")]).articles


def single_process(articles) -> tuple[float, float, list]:
    from newsfuse.annotate import annotate_many
    from newsfuse.annotate.nlp import shared_models

    models = shared_models()
    models.nlp, models.embed(["warm up"])  # noqa: B018  (loaded before the clock starts)
    started, cpu = time.perf_counter(), time.process_time()
    annotated = list(annotate_many(articles, models))
    return time.perf_counter() - started, time.process_time() - cpu, annotated


def on_ray(articles, actors: int) -> tuple[float, float, list]:
    """Wall seconds, the actors' CPU seconds, and the annotations of `articles` on a pool of `actors`."""
    import ray

    from newsfuse.distributed import connect

    engine = connect(None, WORK / "unused.db", annotators=actors, num_cpus=2)
    try:
        engine.ready()
        cpu = sum(ray.get([actor.cpu_seconds.remote() for actor in engine.annotators]))
        started = time.perf_counter()
        annotated = list(engine.annotate(articles))
        wall = time.perf_counter() - started
        cpu = sum(ray.get([actor.cpu_seconds.remote() for actor in engine.annotators])) - cpu
        return wall, cpu, annotated
    finally:
        engine.shutdown(keep_clusterer=False)


def same(first: list, second: list) -> bool:
    return all(a.model_dump_json(exclude={"vectors"}) == b.model_dump_json(exclude={"vectors"})
               and a.vectors.tobytes() == b.vectors.tobytes() for a, b in zip(first, second, strict=True))


def main() -> None:
    import ray

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=128)
    args = parser.parse_args()
    load = load_average()
    articles = load_articles(args.limit)
    words = sum(len(article.text.split()) for article in articles) / len(articles)
    baseline, baseline_cpu, reference = single_process(articles)
    ray.init(num_cpus=2, include_dashboard=False, namespace="newsfuse", log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(PROJECT / "src")}})
    rows = []
    try:
        for actors in (1, 2):
            seconds, cpu, annotated = on_ray(articles, actors)
            rows.append((f"Ray, {actors} actor{'s' if actors > 1 else ''}", actors, seconds, cpu,
                         "yes" if same(annotated, reference) else "NO"))
    finally:
        ray.shutdown()
    one_wall, one_cpu = rows[0][2], rows[0][3] / len(articles)
    lines = [
        "## Annotation on Ray: 1 and 2 annotator actors",
        "",
        f"{len(articles)} distinct real articles ({words:.0f} words on average) of the ECB+, NeuS and PolNeAR dev "
        "texts (`benchmarks/annotate_speed.py`'s set, spread evenly), annotated on a local Ray with 2 CPUs by a "
        f"pool of 1 and of 2 actors (models loaded before timing, batches of {BATCH_ARTICLES}), and in one process without Ray "
        "(same run). Wall throughput is against 1 actor; the machine's scheduler shares the CPU between sessions "
        "(autogroup), so on a busy machine a second actor gets no more CPU for the whole job and the wall ratio "
        "says little. The actors' CPU time per article says what a second core gives: projected throughput = "
        "actors x (CPU per article with 1 actor / CPU per article with N), when each actor has a core "
        "(goal >= 1.8 with 2 actors).",
        "",
        "| engine | wall (s) | articles / s | wall throughput vs 1 actor | CPU ms / article | projected throughput "
        "vs 1 actor, a core each | annotations identical to one process |",
        "|---|---|---|---|---|---|---|",
        f"| one process, no Ray | {baseline:.1f} | {len(articles) / baseline:.2f} | {one_wall / baseline:.2f} | "
        f"{1000 * baseline_cpu / len(articles):.0f} | - | (reference) |",
    ]
    for name, actors, seconds, cpu, identical in rows:
        per_article = cpu / len(articles)
        lines.append(f"| {name} | {seconds:.1f} | {len(articles) / seconds:.2f} | {one_wall / seconds:.2f} | "
                     f"{1000 * per_article:.0f} | {actors * one_cpu / per_article:.2f} | {identical} |")
    write_section(RESULT, lines, load)


if __name__ == "__main__":
    main()
