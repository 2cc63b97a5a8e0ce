"""The store on SQLite vs on Postgres: ingest time of the same articles, in the same run.

Input: the bundled sample story, the Kabul story (`../shared/stories`), ECB+ train+dev
(772 articles) and the DUC/TDT stream dev half (375): 1,157 articles. Each round ingests
them all (`Newsroom.add`: read, store, place in stories) into a new empty store, once an
SQLite file and once a new Postgres schema, alternating; then ingests them again (nothing
new: every text is looked up and skipped) and syncs the search index. Reading the files
alone is timed in the same rounds, so the store's own share can be compared too.

    python benchmarks/store_backends.py [--shared ../shared] [--postgres URL] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from machine import machine_line

from newsfuse.app import Newsroom
from newsfuse.ingest import load
from newsfuse.store.search import sync_search_index

PROJECT = Path(__file__).resolve().parents[1]
RESULT = PROJECT / "benchmarks" / "results" / "store_backends.md"
DEFAULT_POSTGRES = os.environ.get("NEWSFUSE_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
STEPS = ("ingest, empty store", "ingest again, nothing new", "search index sync")


def sources(shared: Path) -> list[Path]:
    return [PROJECT / "samples" / "harbour-bridge-collapse", shared / "stories" / "kabul-airport-2021-08-27",
            shared / "benchmarks" / "ecbplus" / "ecbplus_traindev.jsonl",
            shared / "benchmarks" / "stream" / "duc_tdt_dev.jsonl"]


def timed_steps(db: str, inputs: list[Path]) -> tuple[dict[str, float], int]:
    """Seconds of each step of STEPS on the store `db`, and how many articles were stored."""
    seconds = {}
    with Newsroom(db) as room:
        started = time.perf_counter()
        added = room.add(inputs)
        seconds[STEPS[0]] = time.perf_counter() - started
        started = time.perf_counter()
        again = room.add(inputs)
        seconds[STEPS[1]] = time.perf_counter() - started
        assert not again.articles, "a rerun stored articles again"
        started = time.perf_counter()
        sync_search_index(room.store().conn)
        seconds[STEPS[2]] = time.perf_counter() - started
    return seconds, len(added.articles)


def unreachable(server: str) -> str | None:
    """Why `server` cannot be measured (psycopg missing, server down), or None when it can."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed: pip install -e '.[postgres]'"
    try:
        psycopg.connect(server, connect_timeout=5).close()
    except psycopg.Error as error:
        return str(error).strip().splitlines()[0]
    return None


def postgres_schema(server: str) -> tuple[str, str]:
    """A new schema on `server`: (its name, a store URL on it)."""
    import psycopg

    schema = f"newsfuse_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in server else "?"
    return schema, f"{server}{separator}options=-csearch_path%3D{schema}"


def drop_schema(server: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def run(inputs: list[Path], server: str, rounds: int) -> tuple[dict, int]:
    """Per backend, per step: the list of seconds over `rounds` (backends alternate within a round)."""
    times: dict[str, dict[str, list[float]]] = {"SQLite": {}, "Postgres": {}, "read files only": {}}
    stored = 0
    for _ in range(rounds):
        started = time.perf_counter()
        load([str(path) for path in inputs])
        times["read files only"].setdefault(STEPS[0], []).append(time.perf_counter() - started)
        with tempfile.TemporaryDirectory() as folder:
            seconds, stored = timed_steps(str(Path(folder) / "bench.db"), inputs)
        for step, value in seconds.items():
            times["SQLite"].setdefault(step, []).append(value)
        schema, url = postgres_schema(server)
        try:
            seconds, stored_pg = timed_steps(url, inputs)
        finally:
            drop_schema(server, schema)
        assert stored_pg == stored, f"Postgres stored {stored_pg} articles, SQLite {stored}"
        for step, value in seconds.items():
            times["Postgres"].setdefault(step, []).append(value)
    return times, stored


def report(times: dict, stored: int, rounds: int) -> str:
    median = {backend: {step: statistics.median(values) for step, values in steps.items()}
              for backend, steps in times.items()}
    reading = median["read files only"][STEPS[0]]
    lines = [
        "## Store: SQLite vs Postgres",
        "",
        f"Data: {stored} articles (the sample story, Kabul, ECB+ train+dev, the DUC/TDT stream dev half), "
        f"ingested with `Newsroom.add` (read, store, place in stories) into a new store. Median of {rounds} "
        "rounds; SQLite and Postgres alternate within each round, so both see the same machine load. "
        "Postgres: the local server over TCP (127.0.0.1), one schema per round. "
        f"Reading the files alone takes {reading:.2f} s of the first step on either backend.",
        "",
        "| step | SQLite (s) | Postgres (s) | Postgres / SQLite | store's share: Postgres / SQLite |",
        "|---|---|---|---|---|",
    ]
    for step in STEPS:
        lite, pg = median["SQLite"][step], median["Postgres"][step]
        share = f"{(pg - reading) / (lite - reading):.2f}×" if step == STEPS[0] and lite > reading else "–"
        lines.append(f"| {step} | {lite:.2f} | {pg:.2f} | {pg / lite:.2f}× | {share} |")
    lines += ["", machine_line(note="; the cores are shared with other jobs"), ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=PROJECT.parent / "shared")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="server URL (a schema per round is made there)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    missing = unreachable(args.postgres)
    if missing:
        raise SystemExit(f"store_backends: no Postgres to measure ({missing}); results left as they were")
    times, stored = run(sources(args.shared), args.postgres, args.rounds)
    text = report(times, stored, args.rounds)
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
