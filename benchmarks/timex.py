"""Dates on TempEval-3: newsfuse's date annotator, TE3 task A (find and normalise TIMEX3).

Usage:
    PYTHONPATH=src .venv/bin/python benchmarks/timex.py [DATA.jsonl] [--predictions OUT.json]

Each document is parsed with the project's spaCy pipeline; the predictions are
the TIMEX3 expressions `newsfuse.annotate.timex.find_timexes` finds and
normalises against the document's creation time (`dct`, as a publication
date): DATE, TIME, DURATION and SET with their values. Scored with the data set's
`score_timex.py` (value F1 = relaxed span F1 x value accuracy). Run with no
arguments, the section goes to benchmarks/results/timex.md. The code measured
is whatever `newsfuse` PYTHONPATH imports: point it at another checkout for
a before/after in the same run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from machine import machine_line

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = PROJECT.parent / "shared" / "benchmarks" / "timex" / "dev.jsonl"
SCORER = DEFAULT_DATA.parent / "score_timex.py"
RESULTS = PROJECT / "benchmarks" / "results" / "timex.md"


def predictions(doc, record) -> list[dict]:
    """TE3 rows of one document: every TIMEX3 `find_timexes` finds, with its type and value."""
    from newsfuse.annotate.timex import find_timexes
    from newsfuse.models import Article

    article = Article(id=record["doc_id"], text=record["text"], published=record.get("dct"))
    return [{"start": timex.start, "end": timex.end, "value": timex.value, "type": timex.type}
            for timex in find_timexes(doc, article)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--predictions", type=Path, default=PROJECT / "benchmarks" / "results" / "timex_predictions.json")
    args = parser.parse_args()
    from newsfuse.annotate.nlp import shared_models

    records = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    nlp = shared_models().nlp
    output = {record["doc_id"]: predictions(doc, record)
              for doc, record in zip(nlp.pipe(record["text"] for record in records), records)}
    args.predictions.parent.mkdir(parents=True, exist_ok=True)
    args.predictions.write_text(json.dumps(output), encoding="utf-8")
    scored = subprocess.run([sys.executable, str(SCORER), str(args.data), str(args.predictions)],
                            capture_output=True, text=True, check=True).stdout.strip()
    text = "\n".join([
        "## Dates: TempEval-3",
        "",
        f"Data: `{args.data.name}` ({len(records)} documents). newsfuse's date annotator with the document "
        "creation time as publication date; scored by `score_timex.py`:",
        "",
        "```", scored, "```",
        "",
        machine_line(),
    ]) + "\n"
    print(text)
    if len(sys.argv) == 1:
        RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
