"""Run every benchmark, one after another, and assemble BENCHMARKS.md.

Each script writes its own section to benchmarks/results/<name>.md; this
runner only sequences them (so they never compete for the 2 cores) and
joins the sections. `python benchmarks/run_all.py brief neus` runs a subset;
`--assemble-only` joins the sections already written.
"""

from __future__ import annotations

import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
PROJECT = BENCHMARKS.parent
RESULTS = BENCHMARKS / "results"

# name -> script; the order is the order of sections in BENCHMARKS.md.
SCRIPTS = {
    "brief": "brief_speed.py",
    "annotate_speed": "annotate_speed.py",
    "ingest": "ingest.py",
    "ingest_archive": "ingest_archive.py",
    "ingest_annotate": "ingest_annotate.py",
    "ray_annotate": "ray_annotate.py",
    "store_backends": "store_backends.py",
    "polnear": "polnear.py",
    "gap": "gap.py",
    "person_coref": "person_coref.py",
    "provenance": "provenance.py",
    "neus": "neus.py",
    "duc": "duc.py",
    "ecbplus": "ecbplus.py",
    "stream": "stream.py",
    "mrpc": "mrpc.py",
    "timex": "timex.py",
    "cluster_scale": "cluster_scale.py",
    "web_load": "web_load.py",
    "big_article": "big_article.py",
}
# Sections written by hand from the measured ones (no script): appended after them.
BY_HAND = ("scale_on_paper",)


def run(name: str) -> bool:
    script = BENCHMARKS / SCRIPTS[name]
    if not script.exists():
        print(f"[run_all] {name}: {script.name} missing, skipped", flush=True)
        return False
    print(f"[run_all] {name}: running {script.name}", flush=True)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(script)], cwd=PROJECT).returncode == 0
    print(f"[run_all] {name}: {'ok' if done else 'FAILED'} in {time.perf_counter() - started:.0f} s", flush=True)
    return done


def assemble() -> None:
    header = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`benchmarks/run_all.py`); each section by its own script under",
        "`benchmarks/`. Absolute times on these shared machines are noisy: every section reports a",
        "baseline measured in the same run and the ratio to it.",
        "",
        f"Assembled {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"Python {platform.python_version()}.",
        "",
    ]
    sections = [(RESULTS / f"{name}.md") for name in [*SCRIPTS, *BY_HAND]]
    body = [path.read_text(encoding="utf-8").strip() + "\n" for path in sections if path.exists()]
    (PROJECT / "BENCHMARKS.md").write_text("\n".join(header) + "\n" + "\n".join(body), encoding="utf-8")


def main(names: list[str]) -> int:
    if names == ["--assemble-only"]:  # rebuild BENCHMARKS.md from the sections already written
        assemble()
        return 0
    unknown = [name for name in names if name not in SCRIPTS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(SCRIPTS)}")
        return 2
    RESULTS.mkdir(parents=True, exist_ok=True)
    failed = [name for name in (names or list(SCRIPTS)) if not run(name)]
    assemble()
    print(f"[run_all] BENCHMARKS.md written; failed or missing: {', '.join(failed) or 'none'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
