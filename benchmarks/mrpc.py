"""Same claim on MRPC: newsfuse's same-claim decision against MiniLM cosine alone.

Usage:
    .venv/bin/python benchmarks/mrpc.py [DATA.jsonl] [--predictions OUT.json]

Writes 0/1 per pair at the high-precision operating point (probability >=
SAME_CLAIM_THRESHOLD and no disagreeing figures, ranks or days) to OUT.json and scores it with the data set's
`score_mrpc.py`. Also printed: accuracy/F1 at probability 0.5, the
precision/recall curve, and the same-run baseline (cosine of the two MiniLM
vectors alone, its threshold the best-accuracy one on MRPC train).

The default DATA is MRPC train, which the model was learned on: its scores
are then out-of-fold probabilities of a 10-fold cross-validation (the model
refitted on nine tenths, scored on the held tenth), never the shipped model's.
Run with no arguments, the section goes to benchmarks/results/mrpc.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from machine import machine_line

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_same_claim as training  # noqa: E402

from newsfuse.fuse import same_claim  # noqa: E402
from newsfuse.fuse.facts import CLOSE_PAIR, SAME_CLAIM_IN_GROUP  # noqa: E402

PROJECT = training.PROJECT
RESULTS = PROJECT / "benchmarks" / "results" / "mrpc.md"
SCORER = training.DEFAULT_DATA.parent / "score_mrpc.py"
CURVE = [0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]


def metrics(predicted: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    """Accuracy, precision, recall and F1 (percent) of 0/1 predictions."""
    tp = int((predicted & (labels == 1)).sum())
    fp = int((predicted & (labels == 0)).sum())
    fn = int((~predicted & (labels == 1)).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"accuracy": 100 * float((predicted == (labels == 1)).mean()), "P": 100 * precision,
            "R": 100 * recall, "F1": 100 * f1}


def best_accuracy_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    candidates = np.unique(np.round(scores, 3))
    return float(max(candidates, key=lambda threshold: metrics(scores >= threshold, labels)["accuracy"]))


def row(name: str, values: dict[str, float]) -> str:
    return f"| {name} | {values['accuracy']:.1f} | {values['F1']:.1f} | {values['P']:.1f} | {values['R']:.1f} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", type=Path, default=training.DEFAULT_DATA)
    parser.add_argument("--predictions", type=Path, default=PROJECT / "benchmarks" / "results" / "mrpc_predictions.json")
    args = parser.parse_args(argv)
    pairs = training.read_pairs(args.data)
    labels = np.array([pair["label"] for pair in pairs])
    rows = training.feature_matrix(pairs)
    trained_on = args.data.resolve() == training.DEFAULT_DATA.resolve()
    scores = training.cross_validated(rows, labels) if trained_on else same_claim.probabilities(rows)
    cosine = rows[:, same_claim.N_TEXT_FEATURES]
    train_pairs = pairs if trained_on else training.read_pairs(training.DEFAULT_DATA)
    cosine_threshold = best_accuracy_threshold(
        training.feature_matrix(train_pairs)[:, same_claim.N_TEXT_FEATURES] if not trained_on else cosine,
        np.array([pair["label"] for pair in train_pairs]))
    disagree = np.array([same_claim.values_disagree(pair["sentence1"], pair["sentence2"]) for pair in pairs])
    grouping = (scores >= same_claim.SAME_CLAIM_THRESHOLD) & ~disagree
    args.predictions.parent.mkdir(parents=True, exist_ok=True)
    args.predictions.write_text(json.dumps({pair["id"]: int(same) for pair, same in zip(pairs, grouping)}))
    scored = subprocess.run([sys.executable, str(SCORER), str(args.data), str(args.predictions)],
                            capture_output=True, text=True, check=True).stdout.strip()
    numbers_differ = np.array([bool(pair.get("numbers_differ")) for pair in pairs])
    how = f"{training.FOLDS}-fold cross-validated on the training file" if trained_on else "the shipped model"
    lines = [
        "## Same claim: MRPC",
        "",
        f"Data: `{args.data.name}` ({len(pairs)} pairs, {int(labels.sum())} equivalent); newsfuse scores: {how}. "
        f"Baseline in the same run: MiniLM cosine alone at its best-accuracy threshold on MRPC train "
        f"({cosine_threshold:.3f}). High-precision decision (the predictions file): probability >= "
        f"SAME_CLAIM_THRESHOLD {same_claim.SAME_CLAIM_THRESHOLD} and no disagreeing figures, ranks or days. "
        "Fact grouping "
        f"asks the same of sentences the story's topic-removed clustering already put together, or p >= "
        f"SAME_CLAIM_IN_GROUP {SAME_CLAIM_IN_GROUP} plus the veto when their story similarity reaches CLOSE_PAIR "
        f"{CLOSE_PAIR} (that story evidence cannot exist for isolated MRPC pairs).",
        "",
        "| decision | accuracy | F1 | P | R |",
        "|---|---|---|---|---|",
        row("MiniLM cosine alone", metrics(cosine >= cosine_threshold, labels)),
        row("same claim, p >= 0.5", metrics(scores >= 0.5, labels)),
        row(f"same claim, p >= {same_claim.SAME_CLAIM_THRESHOLD} (operating point)",
            metrics(scores >= same_claim.SAME_CLAIM_THRESHOLD, labels)),
        row("high-precision decision (operating point + figure/rank/day veto)", metrics(grouping, labels)),
        row("high-precision decision, pairs whose numbers agree",
            metrics(grouping[~numbers_differ], labels[~numbers_differ])),
        row(f"in-group decision (p >= {SAME_CLAIM_IN_GROUP} + veto), without the clustering prefilter",
            metrics((scores >= SAME_CLAIM_IN_GROUP) & ~disagree, labels)),
        "",
        f"score_mrpc.py on the high-precision predictions: `{scored}`",
        "",
        "Precision/recall curve of the same-claim probability (and cosine alone accepting the same number of pairs):",
        "",
        "| threshold | P | R | F1 | cosine alone: P when accepting as many pairs |",
        "|---|---|---|---|---|",
    ]
    for threshold in CURVE:
        values = metrics(scores >= threshold, labels)
        predicted = int((scores >= threshold).sum())
        cosine_cut = np.sort(cosine)[::-1][max(predicted - 1, 0)]
        lines.append(f"| {threshold} | {values['P']:.1f} | {values['R']:.1f} | {values['F1']:.1f} | "
                     f"{metrics(cosine >= cosine_cut, labels)['P']:.1f} |")
    lines += ["", machine_line()]
    text = "\n".join(lines) + "\n"
    print(text)
    if argv is None and len(sys.argv) == 1:
        RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
