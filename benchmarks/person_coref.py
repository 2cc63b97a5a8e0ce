"""ECB+ person coreference: name the person a pronoun or description refers to,
by newsfuse's speaker resolver.

Usage:
    .venv/bin/python benchmarks/person_coref.py [DATA.jsonl] [--predictions OUT.json]

Each article is parsed with spaCy; its anaphors (the input spans only: the
gold chains and names are never read) are resolved in reading order by
:class:`newsfuse.annotate.speakers.SpeakerResolver`, the component that names
the speakers of every briefing. The answer is the person it names, or null
when it abstains (a pronoun without a confident antecedent, a description it
cannot tie to a named person). Scored by the data set's
`score_person_coref.py` (accuracy over all anaphors, precision over answered
ones); a run with no DATA writes benchmarks/results/person_coref.md with the
heuristic baselines beside it.
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
DEFAULT_DATA = PROJECT.parent / "shared" / "benchmarks" / "ecbplus_person_coref" / "dev.jsonl"
RESULTS = PROJECT / "benchmarks" / "results" / "person_coref.md"
WORK = PROJECT / "benchmarks" / "work"

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from newsfuse.annotate.speakers import SpeakerResolver  # noqa: E402


def predict(doc, record) -> dict[str, str | None]:
    """{anaphor m_id: person name or None} for one article parsed to `doc`."""
    resolver = SpeakerResolver(doc)
    answers: dict[str, str | None] = {}
    for anaphor in sorted(record["anaphors"], key=lambda item: item["start"]):
        span = doc.char_span(anaphor["start"], anaphor["end"], alignment_mode="expand")
        if span is None:
            answers[anaphor["m_id"]] = None
            continue
        speaker = resolver.resolve(span.root)
        answers[anaphor["m_id"]] = speaker.name if speaker.label == "PERSON" else None
    return answers


def score(data: Path, predictions: Path) -> dict:
    scorer = data.parent / "score_person_coref.py"
    output = subprocess.run([sys.executable, str(scorer), str(data), str(predictions), "--json"],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def markdown(data: Path, result: dict, n_docs: int, seconds: float) -> str:
    lines = [
        "## Person coreference: ECB+ anaphors",
        "",
        f"Data: `{data.name}` ({n_docs} articles) scored by its `score_person_coref.py`; the resolver is "
        "`SpeakerResolver`, the one that names the speakers of every briefing. An abstention counts as wrong "
        "in accuracy; precision is over answered anaphors.",
        "",
        "| anaphors | n | answered | accuracy | precision |",
        "|---|---|---|---|---|",
        *[f"| {key} | {row['n']} | {row['answered']} | {100 * row['accuracy']:.1f} | {100 * row['precision']:.1f} |"
          for key, row in sorted(result.items(), key=lambda item: (item[0] != "all", item[0]))],
        "",
        "Baselines (read the gold mention list, published in the data folder): most-mentioned person 68.6, "
        "nearest preceding name 46.6 accuracy (test split).",
        "",
        f"Resolution took {seconds:.1f} s (spaCy parsing excluded).",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--predictions", type=Path, default=WORK / "person_coref_newsfuse.json")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"ECB+ person coreference data not found at {args.data}: pass the path to dev.jsonl")

    from newsfuse.annotate.nlp import shared_models

    records = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    docs = list(shared_models().nlp.pipe(record["text"] for record in records))
    started = time.perf_counter()
    predictions = {record["doc_id"]: predict(doc, record) for doc, record in zip(docs, records)}
    seconds = time.perf_counter() - started
    args.predictions.parent.mkdir(parents=True, exist_ok=True)
    args.predictions.write_text(json.dumps(predictions), encoding="utf-8")
    report = markdown(args.data, score(args.data, args.predictions), len(records), seconds)
    if args.data == DEFAULT_DATA:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
