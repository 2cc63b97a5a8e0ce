"""`newsfuse ingest --annotate`: what it costs at ingest, what it saves at the first briefing.

    .venv/bin/python benchmarks/ingest_annotate.py

The bundled sample story and the Kabul story (../shared/stories) are ingested into two
new stores, one without and one with `--annotate` (``Newsroom.add(analyse_texts=...)``);
then the first briefing of each stored story (``Newsroom.brief_story``, nothing cached in
memory) is timed in each store. Every step runs in a new process with the models loaded
before the clock starts, so the figures are the work alone; wall clock and process CPU
time (the fairer figure on a shared machine). Results: benchmarks/results/ingest_annotate.md.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from ingest_archive import write_section
from machine import load_average

PROJECT = Path(__file__).resolve().parents[1]
WORK = PROJECT / "benchmarks" / "work" / "ingest_annotate"
RESULT = PROJECT / "benchmarks" / "results" / "ingest_annotate.md"
STORIES = [PROJECT / "samples" / "harbour-bridge-collapse", PROJECT.parent / "shared" / "stories" / "kabul-airport-2021-08-27"]

_STEP = """
import json, sys, time
from newsfuse.annotate.nlp import shared_models
from newsfuse.app import Newsroom
models = shared_models()
models.nlp, models.embed(["warm up"])  # loaded before the clock starts
with Newsroom(sys.argv[1], models=models) as room:
    started, cpu = time.perf_counter(), time.process_time()
    if sys.argv[2] == "brief":
        for story in room.stories():
            room.brief_story(story.id)
    else:
        room.add(sys.argv[3:], analyse_texts=sys.argv[2] == "annotate")
    print(json.dumps({"seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - cpu,
                      "stories": len(room.stories())}))
"""


def step(store: Path, action: str, *sources: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _STEP, str(store), action, *map(str, sources)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    load = load_average()
    rows = {}
    for mode in ("ingest", "annotate"):
        store = WORK / f"{mode}.db"
        rows[mode] = (step(store, mode, *STORIES), step(store, "brief"))
    plain, annotated = rows["ingest"], rows["annotate"]
    lines = [
        "## Ingest with --annotate: the first briefing of a stored story",
        "",
        "The sample story and the Kabul story ingested into a new store without and with `--annotate`, "
        f"then every stored story ({plain[0]['stories']}) briefed once, each step in a new process with "
        "the models loaded before timing.",
        "",
        "| step | without --annotate: wall (s) | CPU (s) | with --annotate: wall (s) | CPU (s) | CPU ratio |",
        "|---|---|---|---|---|---|",
    ]
    for index, name in enumerate(("ingest", "first briefing of every story")):
        first, second = plain[index], annotated[index]
        lines.append(f"| {name} | {first['seconds']:.1f} | {first['cpu_seconds']:.1f} | {second['seconds']:.1f} | "
                     f"{second['cpu_seconds']:.1f} | {second['cpu_seconds'] / first['cpu_seconds']:.2f} |")
    write_section(RESULT, lines, load)


if __name__ == "__main__":
    main()
