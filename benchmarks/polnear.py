"""Who-said-what on PolNeAR: newsfuse's quote extractor against textacy 0.13.

Usage:
    .venv/bin/python benchmarks/polnear.py [DATA.jsonl] [--predictions OUT.json]

Parses every article once with spaCy, then runs both extractors on the same
parses: `newsfuse.annotate.quotes.extract_quotes` and textacy's
`direct_quotations` (the peer baseline). Both prediction files are scored with
the data set's own `score_quotes.py` at 30% and 80% overlap; the figures, the
ratio to the peer, the speeds (articles per second, extraction only) and the
machine are written to `benchmarks/results/polnear.md`.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

from machine import machine_line

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = PROJECT.parent / "shared" / "benchmarks" / "polnear" / "dev.jsonl"
RESULTS = PROJECT / "benchmarks" / "results" / "polnear.md"
WORK = PROJECT / "benchmarks" / "work"
SCORE_LINE = re.compile(
    r"thr=(?P<thr>[\d.]+): .*?pred=(?P<pred>\d+) matched=(?P<matched>\d+) \| P=(?P<P>[\d.]+) "
    r"R_all=(?P<R_all>[\d.]+) F1_all=(?P<F1_all>[\d.]+) \| R_direct=(?P<R_direct>[\d.]+) "
    r"F1_direct=(?P<F1_direct>[\d.]+) \| speaker_acc=(?P<speaker_acc>[\d.]+)"
)


def newsfuse_predictions(doc, record) -> list[dict]:
    """Scorer rows from newsfuse: content = first to last piece, speaker span in the sentence."""
    from newsfuse.annotate.quotes import extract_quotes
    from newsfuse.models import Article

    article = Article(id=record["doc_id"], text=record["text"])
    rows = []
    for quote in extract_quotes(doc, article):
        speaker = [quote.speaker_start, quote.speaker_end] if quote.speaker_start is not None else None
        rows.append({"content": [quote.start, quote.end], "speaker": speaker})
    return rows


def textacy_predictions(doc, record) -> list[dict]:
    """Scorer rows from textacy's direct_quotations. textacy refuses a document
    with an odd number of quotation marks; such a document is then run
    paragraph by paragraph (skipping only the unbalanced paragraphs), which
    gives the peer its best fair chance."""
    from textacy.extract.triples import direct_quotations

    try:
        return [textacy_row(triple, 0) for triple in direct_quotations(doc)]
    except ValueError:
        pass
    rows = []
    for match in re.finditer(r"[^\n]+", doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or not span.text.strip():
            continue
        try:
            rows += [textacy_row(triple, span.start_char) for triple in direct_quotations(span.as_doc())]
        except ValueError:
            continue
    return rows


def textacy_row(triple, offset: int) -> dict:
    """One scorer row from a textacy (speaker, cue, content) triple."""
    content = [triple.content[0].idx + offset, triple.content[-1].idx + len(triple.content[-1].text) + offset]
    speaker = sorted(triple.speaker, key=lambda token: token.i)
    return {"content": content,
            "speaker": [speaker[0].idx + offset, speaker[-1].idx + len(speaker[-1].text) + offset]}


def run_system(extract, docs, records) -> tuple[dict, float]:
    """Predictions per doc id and the extraction time in seconds."""
    started = time.perf_counter()
    predictions = {record["doc_id"]: extract(doc, record) for doc, record in zip(docs, records)}
    return predictions, time.perf_counter() - started


def score(data: Path, predictions_path: Path) -> dict[float, dict]:
    """Run the data set's scorer and parse its lines: {threshold: figures}."""
    scorer = data.parent / "score_quotes.py"
    output = subprocess.run([sys.executable, str(scorer), str(data), str(predictions_path)],
                            check=True, capture_output=True, text=True).stdout
    figures = {}
    for match in SCORE_LINE.finditer(output):
        values = {key: float(value) for key, value in match.groupdict().items()}
        figures[values.pop("thr")] = values
    return figures


def ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}×" if theirs else "n/a"


def markdown(data: Path, n_docs: int, scores: dict, speeds: dict, parse_seconds: float) -> str:
    lines = [
        "## Who said what: PolNeAR attributions",
        "",
        f"Data: `{data.name}` ({n_docs} articles) scored by its `score_quotes.py` "
        "(a gold attribution matches the best unused prediction covering more than the threshold "
        "of its characters). Peer: textacy 0.13 `direct_quotations` on the same spaCy parses "
        "(documents with unbalanced quotation marks, which textacy refuses, run paragraph by paragraph).",
        "",
        "| overlap | system | P | R_all | R_direct | F1_all | speaker acc. | predictions |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for threshold in sorted(scores["newsfuse"]):
        for system in ("newsfuse", "textacy"):
            row = scores[system][threshold]
            lines.append(f"| {threshold} | {system} | {row['P']:.1f} | {row['R_all']:.1f} | {row['R_direct']:.1f} "
                         f"| {row['F1_all']:.1f} | {row['speaker_acc']:.1f} | {int(row['pred'])} |")
        ours, theirs = scores["newsfuse"][threshold], scores["textacy"][threshold]
        lines.append(f"| {threshold} | ratio | {ratio(ours['P'], theirs['P'])} | {ratio(ours['R_all'], theirs['R_all'])} "
                     f"| {ratio(ours['R_direct'], theirs['R_direct'])} | {ratio(ours['F1_all'], theirs['F1_all'])} "
                     f"| {ratio(ours['speaker_acc'], theirs['speaker_acc'])} | |")
    lines += [
        "",
        "| system | extraction time (s) | articles / s |",
        "|---|---|---|",
    ]
    for system, seconds in speeds.items():
        lines.append(f"| {system} | {seconds:.2f} | {n_docs / seconds:.1f} |")
    lines += [
        "",
        f"spaCy parsing, shared by both, took {parse_seconds:.1f} s. Speed ratio newsfuse/textacy: "
        f"{speeds['textacy'] / speeds['newsfuse']:.2f}× (above 1 = newsfuse faster).",
        "",
        machine_line(),
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--predictions", type=Path, default=WORK / "polnear_newsfuse.json")
    parser.add_argument("--peer-predictions", type=Path, default=WORK / "polnear_textacy.json")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"PolNeAR data not found at {args.data}: pass the path to dev.jsonl")

    from newsfuse.annotate.nlp import shared_models

    records = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    nlp = shared_models().nlp
    started = time.perf_counter()
    docs = list(nlp.pipe(record["text"] for record in records))
    parse_seconds = time.perf_counter() - started

    scores, speeds = {}, {}
    for system, extract, path in (("newsfuse", newsfuse_predictions, args.predictions),
                                  ("textacy", textacy_predictions, args.peer_predictions)):
        predictions, speeds[system] = run_system(extract, docs, records)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(predictions), encoding="utf-8")
        scores[system] = score(args.data, path)

    report = markdown(args.data, len(records), scores, speeds, parse_seconds)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
