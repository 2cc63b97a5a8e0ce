"""GAP: which of two named people a pronoun refers to, by newsfuse's speaker resolver.

Usage:
    .venv/bin/python benchmarks/gap.py [DATA.jsonl] [--predictions OUT.json]

Each text is parsed with spaCy and its pronoun resolved by
:class:`newsfuse.annotate.speakers.SpeakerResolver`, the component that names
the speakers of every briefing, told that the two candidate names are people
(as the task gives them; briefings tell it the story's person entities). The person it names is A or B when the name
matches one of them (same words, or one ends with the other: "Jones" / "Seth
Jones"); an abstention or another person is NEITHER. The file is scored by the
data set's `score_gap.py` (F1 over the two pair decisions, by gender; bias =
F1 female / F1 male); a run with no DATA writes benchmarks/results/gap.md with
the published baselines beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = PROJECT.parent / "shared" / "benchmarks" / "gap" / "dev.jsonl"
RESULTS = PROJECT / "benchmarks" / "results" / "gap.md"
WORK = PROJECT / "benchmarks" / "work"

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from newsfuse.annotate.speakers import SpeakerResolver, same_person  # noqa: E402


def predict(doc, record) -> str:
    """"A", "B" or "NEITHER" for one GAP record whose text parsed to `doc`."""
    span = doc.char_span(record["pronoun_offset"], record["pronoun_offset"] + len(record["pronoun"]),
                         alignment_mode="expand")
    if span is None:
        return "NEITHER"
    candidates = [(record[offset], record[offset] + len(record[name])) for name, offset in (("a", "a_offset"), ("b", "b_offset"))]
    name = SpeakerResolver(doc, known_people=candidates).resolve(span[0]).name
    a, b = same_person(name, record["a"]), same_person(name, record["b"])
    if a != b:
        return "A" if a else "B"
    return "NEITHER"


def score(data: Path, predictions: Path) -> dict:
    scorer = data.parent / "score_gap.py"
    output = subprocess.run([sys.executable, str(scorer), str(data), str(predictions), "--json"],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def markdown(data: Path, result: dict, seconds: float) -> str:
    overall, male, female = result["Overall"], result["M"], result["F"]
    return "\n".join([
        "## Pronoun resolution: GAP",
        "",
        f"Data: `{data.name}` ({result['examples']} examples) scored by its `score_gap.py`; the resolver is "
        "`SpeakerResolver`, the one that names the speakers of every briefing (it abstains when unsure, "
        "which counts as NEITHER).",
        "",
        "| system | P | R | F1 | F1 male | F1 female | bias F/M |",
        "|---|---|---|---|---|---|---|",
        f"| newsfuse | {overall['P']:.1f} | {overall['R']:.1f} | {overall['F1']:.1f} | {male['F1']:.1f} "
        f"| {female['F1']:.1f} | {result['bias_F_over_M']:.2f} |",
        "| parallelism baseline (published, test) | | | 66.9 | | | 0.93 |",
        "| BERT-based, Attree 2019 (published, test) | | | 92.5 | | | |",
        "| humans (published, test) | | | 96.6 | | | |",
        "",
        f"Resolution took {seconds:.1f} s for {result['examples']} texts (spaCy parsing excluded).",
        "",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--predictions", type=Path, default=WORK / "gap_newsfuse.json")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"GAP data not found at {args.data}: pass the path to dev.jsonl")

    from newsfuse.annotate.nlp import shared_models

    records = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    docs = list(shared_models().nlp.pipe(record["text"] for record in records))
    started = time.perf_counter()
    predictions = {record["id"]: predict(doc, record) for doc, record in zip(docs, records)}
    seconds = time.perf_counter() - started
    args.predictions.parent.mkdir(parents=True, exist_ok=True)
    args.predictions.write_text(json.dumps(predictions), encoding="utf-8")
    report = markdown(args.data, score(args.data, args.predictions), seconds)
    if args.data == DEFAULT_DATA:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
