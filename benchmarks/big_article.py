"""One big article: analysed or refused within 60 s and 2 GB, up to the 20 MB file limit.

Builds single-article files of growing size from real news text (DUC 2003 dev
articles, joined into one long article; read from ../shared/benchmarks, never
copied into the project) in each input format (.txt, .html, .json, .jsonl),
and runs `newsfuse brief FILE` on each as its own process over a fresh store,
recording wall time, peak memory (the child's max RSS) and the outcome
(briefed, or refused with its W-code). Same-run baseline: the same command on
one ordinary article (the median DUC article's length). Writes
benchmarks/results/big_article.md.

    python benchmarks/big_article.py [DUC_JSONL] [--sizes 4000,100000,1200000,19000000] [--formats txt,html,json,jsonl]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import load_average, machine_line

PROJECT = Path(__file__).resolve().parents[1]
RESULT = PROJECT / "benchmarks" / "results" / "big_article.md"
DEFAULT_DATA = PROJECT.parent / "shared" / "benchmarks" / "duc" / "duc2003_dev.jsonl"
DEFAULT_SIZES = (4_000, 100_000, 1_200_000, 19_000_000)  # characters of article text (files under 20 MB)
GOAL_SECONDS, GOAL_MB = 60.0, 2048.0


def news_paragraphs(data: Path) -> list[str]:
    """The paragraphs of every article in a DUC-format JSONL file, in file order."""
    paragraphs = []
    for line in data.read_text(encoding="utf-8").splitlines():
        for article in json.loads(line)["articles"] if line.strip() else []:
            paragraphs.extend(part.strip() for part in article["text"].split("\n") if part.strip())
    return paragraphs


def long_text(paragraphs: list[str], chars: int) -> str:
    """Paragraphs joined (repeating from the start when needed) up to `chars` characters."""
    parts, total, index = [], 0, 0
    while total < chars:
        part = paragraphs[index % len(paragraphs)]
        parts.append(part)
        total += len(part) + 2
        index += 1
    return "\n\n".join(parts)[:chars]


def write_article(folder: Path, text: str, kind: str) -> Path:
    """`text` as one article file of format `kind` (title "A long report")."""
    path = folder / f"article.{kind}"
    if kind == "txt":
        content = f"A long report\n\n{text}"
    elif kind == "html":
        body = "".join(f"<p>{html.escape(part)}</p>\n" for part in text.split("\n\n"))
        content = f"<!doctype html><html><head><title>A long report</title></head><body><article>{body}</article></body></html>"
    else:
        content = json.dumps({"id": "article", "title": "A long report", "text": text}) + "\n"
    path.write_text(content, encoding="utf-8")
    return path


def run_brief(path: Path, work: Path) -> dict:
    """Wall seconds, peak MB and outcome of `newsfuse brief PATH` in its own process."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "src"), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    command = [sys.executable, "-c", "from newsfuse.cli import app; app()", "brief", str(path), "-o", str(work / "out"),
               "--db", str(work / "store.db"), "--quiet", "--json-logs"]
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    stderr = child.stderr.read()
    child.stderr.close()
    codes = sorted({json.loads(line).get("code") for line in stderr.splitlines()
                    if line.startswith("{") and '"code"' in line} - {None})
    exit_code = os.waitstatus_to_exitcode(status)
    outcome = "briefed" if exit_code in (0, 3) and (work / "out" / "briefing.json").exists() else "refused"
    return {"seconds": seconds, "mb": usage.ru_maxrss / 1024, "exit": exit_code, "outcome": outcome,
            "codes": ", ".join(codes) or "-"}


def measure(paragraphs: list[str], chars: int, kind: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="nf-big-") as folder:
        work = Path(folder)
        path = write_article(work, long_text(paragraphs, chars), kind)
        result = run_brief(path, work)
        result.update(chars=chars, kind=kind, file_mb=path.stat().st_size / 1e6)
        return result


def report(baseline: dict, rows: list[dict]) -> str:
    lines = [
        "## One big article (bounded work)",
        "",
        machine_line(note=f"; load average at the end {load_average()}"),
        "",
        "`newsfuse brief FILE` on one article built from real news text (DUC 2003 dev), each run its own "
        "process over a fresh store; wall time includes starting Python and loading the models. Goal: "
        f"analysed or refused within {GOAL_SECONDS:.0f} s and {GOAL_MB:.0f} MB.",
        "",
        f"Baseline (same run): one ordinary article of {baseline['chars']:,} characters: "
        f"{baseline['seconds']:.1f} s, {baseline['mb']:.0f} MB peak.",
        "",
        "| format | characters | file MB | outcome | codes | seconds | x baseline | peak MB | within goal |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        within = row["seconds"] <= GOAL_SECONDS and row["mb"] <= GOAL_MB and row["exit"] in (0, 3, 4)
        lines.append(f"| {row['kind']} | {row['chars']:,} | {row['file_mb']:.1f} | {row['outcome']} (exit "
                     f"{row['exit']}) | {row['codes']} | {row['seconds']:.1f} | "
                     f"{row['seconds'] / baseline['seconds']:.1f} | {row['mb']:.0f} | {'yes' if within else 'NO'} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="DUC-format JSONL of articles")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="characters, comma-separated")
    parser.add_argument("--formats", default="txt,html,json,jsonl")
    parser.add_argument("--out", type=Path, default=RESULT)
    args = parser.parse_args()
    paragraphs = news_paragraphs(args.data)
    baseline = measure(paragraphs, DEFAULT_SIZES[0], "txt")
    rows = []
    for chars in map(int, args.sizes.split(",")):
        for kind in args.formats.split(","):
            rows.append(measure(paragraphs, chars, kind))
            print(rows[-1], flush=True)
    text = report(baseline, rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
