"""Ingest time against the archive's size: 10,000 articles into a store holding 100,000 vs an empty one.

    .venv/bin/python benchmarks/ingest_archive.py [--archive 100000] [--new 10000] [--seed 7]
        [--baseline-src ../main/src]

The articles are synthetic, built from real texts by `benchmarks/cluster_scale.py`'s generator
(ECB+, NeuS, PolNeAR under ../shared/benchmarks: real stories as templates, names swapped,
numbers shifted, sentences dropped), one date-sorted stream: the archive is its first
`--archive` articles, the new batch the `--new` after them. The archive store is filled
directly (articles stored, then placed), untimed. Timed, each in a new process (nothing in
memory): ``Newsroom.add`` of the new batch as one JSONL file (reading, storing, placing),
into a copy of the archive store and into an empty store; wall clock and process CPU time
(the CPU time is the fairer figure on a shared machine). `--baseline-src` times the same
ingest into the archive with another checkout's code (e.g. main, which replays the archive).
Results: benchmarks/results/ingest_archive.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from machine import load_average, machine_line

PROJECT = Path(__file__).resolve().parents[1]
WORK = PROJECT / "benchmarks" / "work" / "ingest_archive"
RESULT = PROJECT / "benchmarks" / "results" / "ingest_archive.md"

sys.path.insert(0, str(PROJECT / "benchmarks"))

_TIMED = """
import json, sys, time
from newsfuse.app import Newsroom
started, cpu = time.perf_counter(), time.process_time()
with Newsroom(sys.argv[1]) as room:
    added = room.add([sys.argv[2]])
run = added.placements
print(json.dumps({"seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - cpu,
                  "placed": len(run.placements), "replayed": run.replayed,
                  "resumed_from": getattr(run, "resumed_from", "replay")}))
"""


def build(archive: int, new: int, seed: int) -> tuple[Path, Path]:
    """The archive store (filled, untimed) and the new batch as a JSONL file."""
    from cluster_scale import build_stream

    from newsfuse.store import Store
    from newsfuse.store.stories import place_new_articles

    articles, _ = build_stream(archive + new, seed)
    WORK.mkdir(parents=True, exist_ok=True)
    batch = WORK / "new.jsonl"
    with batch.open("w", encoding="utf-8") as handle:
        for article in articles[archive:]:
            handle.write(json.dumps({"id": article.id, "title": article.title, "text": article.text,
                                     "published": article.published, "outlet": article.outlet}) + "\n")
    store_path = WORK / "archive.db"
    with Store(store_path) as store:
        stored = [store.put_article(article) for article in articles[:archive]]
        place_new_articles(store, stored)
    return store_path, batch


def timed_ingest(store: Path, batch: Path, source: Path) -> dict:
    """`Newsroom.add(batch)` into `store` in a new process running the code under `source`."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run([sys.executable, "-c", _TIMED, str(store), str(batch)], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def fresh_copy(archive: Path, name: str) -> Path:
    target = WORK / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    if archive.exists():
        shutil.copyfile(archive, target)
    return target


def report(rows: list[tuple[str, dict]], args) -> list[str]:
    empty = rows[0][1]
    lines = [
        "## Ingest against the archive's size",
        "",
        f"`Newsroom.add` of {args.new:,} new articles (one JSONL file: read, stored, placed in events and "
        f"stories) into a store already holding {args.archive:,} placed articles, against the same into an "
        "empty store, each in a new process (no state in memory). Synthetic articles from real texts "
        f"(`benchmarks/cluster_scale.py`'s generator, seed {args.seed}): the archive is the first "
        f"{args.archive:,} of one date-sorted stream, the batch the {args.new:,} after them. Ratio = time "
        "into the archive / time into the empty store (goal <= 1.2).",
        "",
        "| run | code | wall (s) | CPU (s) | wall ratio | CPU ratio | placed | replayed | state from |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, row in rows:
        lines.append(
            f"| {name} | {row['code']} | {row['seconds']:.1f} | {row['cpu_seconds']:.1f} | "
            f"{row['seconds'] / empty['seconds']:.2f} | {row['cpu_seconds'] / empty['cpu_seconds']:.2f} | "
            f"{row['placed']:,} | {row['replayed']:,} | {row['resumed_from']} |")
    return lines


def write_section(path: Path, lines: list[str], load: str) -> None:
    """Write a result section, closed by the machine line (load average at the start and now), and print it."""
    lines = [*lines, "", machine_line(note=f"; the cores are shared with other jobs; load average at the start {load}, "
                                           f"at the end {load_average()}"), ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    print(path.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--archive", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline-src", type=Path, default=None, help="another checkout's src/ to time too")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the archive store and batch of the last run (same sizes and seed)")
    args = parser.parse_args()
    load = load_average()
    archive, batch = WORK / "archive.db", WORK / "new.jsonl"
    if not (args.reuse and archive.exists() and batch.exists()):
        shutil.rmtree(WORK, ignore_errors=True)
        started = time.perf_counter()
        archive, batch = build(args.archive, args.new, args.seed)
        print(f"archive built in {time.perf_counter() - started:.0f} s", flush=True)
    source = PROJECT / "src"
    rows = [("empty store", {**timed_ingest(fresh_copy(WORK / "none.db", "empty.db"), batch, source), "code": "this"}),
            ("store with archive", {**timed_ingest(fresh_copy(archive, "full.db"), batch, source), "code": "this"})]
    if args.baseline_src:
        rows.append(("store with archive", {**timed_ingest(fresh_copy(archive, "base.db"), batch, args.baseline_src),
                                            "code": str(args.baseline_src)}))
    write_section(RESULT, report(rows, args), load)


if __name__ == "__main__":
    main()
