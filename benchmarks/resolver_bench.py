"""The run shared by the resolver benchmarks (gap.py, person_coref.py): parse
each record's text with spaCy, predict with the speaker resolver, write the
predictions, score them with the data set's own scorer, write the results
section when the default (dev) data was used."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def score(scorer: Path, data: Path, predictions: Path) -> dict:
    """The scorer's figures (its --json output)."""
    output = subprocess.run([sys.executable, str(scorer), str(data), str(predictions), "--json"],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def run(*, description: str, default_data: Path, results: Path, predictions: Path, key: str, scorer: str,
        predict: Callable, markdown: Callable, appendix: Callable | None = None) -> None:
    """Command-line entry: `predict(doc, record)` answers one record, keyed by
    `record[key]`; `markdown(data, figures, n_records, seconds)` is the report,
    followed by `appendix(records, scorer_path)` when given (figures on part of
    the data). The scorer is the one shipped beside `default_data`, whatever file is scored."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("data", nargs="?", type=Path, default=default_data)
    parser.add_argument("--predictions", type=Path, default=predictions)
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"data not found at {args.data}: pass the path to dev.jsonl")

    from newsfuse.annotate.nlp import shared_models

    records = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    docs = list(shared_models().nlp.pipe(record["text"] for record in records))
    started = time.perf_counter()
    answers = {record[key]: predict(doc, record) for doc, record in zip(docs, records)}
    seconds = time.perf_counter() - started
    args.predictions.parent.mkdir(parents=True, exist_ok=True)
    args.predictions.write_text(json.dumps(answers), encoding="utf-8")
    report = markdown(args.data, score(default_data.parent / scorer, args.data, args.predictions), len(records), seconds)
    if appendix is not None:
        report += appendix(records, default_data.parent / scorer)
    if args.data == default_data:
        results.parent.mkdir(parents=True, exist_ok=True)
        results.write_text(report, encoding="utf-8")
    print(report)
