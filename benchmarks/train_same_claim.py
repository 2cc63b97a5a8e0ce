"""Learn the same-claim decision on MRPC train and write its coefficients.

Usage:
    .venv/bin/python benchmarks/train_same_claim.py [DATA.jsonl]

Reads ../shared/benchmarks/mrpc/dev.jsonl (MRPC train) by default, encodes
each distinct sentence once with the project's MiniLM (cached in
benchmarks/work/), builds `newsfuse.fuse.same_claim.features` per pair, fits a
standardised logistic regression and writes
src/newsfuse/fuse/same_claim_model.json (mean, scale, coefficients; never the
data). The high-precision operating point (lowest threshold whose 10-fold
cross-validated precision reaches TARGET_PRECISION) is printed: it is
SAME_CLAIM_THRESHOLD in same_claim.py.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "src"))

from newsfuse.fuse import same_claim  # noqa: E402

DEFAULT_DATA = PROJECT.parent / "shared" / "benchmarks" / "mrpc" / "dev.jsonl"
WORK = PROJECT / "benchmarks" / "work"
TARGET_PRECISION = 0.93
FOLDS = 10
REGULARISATION = 0.1  # inverse strength C of the L2 penalty; 0.01-1 give the same 10-fold accuracy on MRPC train
SEED = 15


def read_pairs(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def sentence_vectors(pairs: list[dict]) -> dict[str, np.ndarray]:
    """Text -> MiniLM vector for every sentence of `pairs`, cached by content and encoder in benchmarks/work/."""
    from newsfuse.annotate.encoder import choice

    texts = sorted({pair[key] for pair in pairs for key in ("sentence1", "sentence2")})
    digest = hashlib.sha1("\n".join([choice(), *texts]).encode()).hexdigest()[:12]
    cache = WORK / f"mrpc_vectors_{digest}.npy"
    if cache.exists():
        vectors = np.load(cache)
    else:
        from newsfuse.annotate.nlp import shared_models

        vectors = shared_models().embed(texts)
        WORK.mkdir(parents=True, exist_ok=True)
        np.save(cache, vectors)
    return dict(zip(texts, vectors.astype(np.float64)))


def feature_matrix(pairs: list[dict]) -> np.ndarray:
    """(n_pairs, n_features) same-claim features of every pair."""
    vectors = sentence_vectors(pairs)
    return np.stack([
        same_claim.features(same_claim.Statement(pair["sentence1"]), same_claim.Statement(pair["sentence2"]),
                            vectors[pair["sentence1"]], vectors[pair["sentence2"]])
        for pair in pairs])


def _fit(rows: np.ndarray, labels: np.ndarray):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    rows = same_claim.expanded(rows)
    scaler = StandardScaler().fit(rows)
    model = LogisticRegression(C=REGULARISATION, max_iter=5000).fit(scaler.transform(rows), labels)
    return scaler, model


def cross_validated(rows: np.ndarray, labels: np.ndarray, folds: int = FOLDS) -> np.ndarray:
    """Out-of-fold probabilities of every pair (stratified k-fold, fixed seed)."""
    from sklearn.model_selection import StratifiedKFold

    scores = np.zeros(len(labels))
    for train, held in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(rows, labels):
        scaler, model = _fit(rows[train], labels[train])
        scores[held] = model.predict_proba(scaler.transform(same_claim.expanded(rows[held])))[:, 1]
    return scores


def precision_threshold(scores: np.ndarray, labels: np.ndarray, target: float = TARGET_PRECISION) -> float:
    """Lowest threshold whose precision on (scores, labels) still reaches `target` (1.0 when none does)."""
    order = np.argsort(-scores, kind="stable")
    precision = np.cumsum(labels[order]) / np.arange(1, len(order) + 1)
    reaching = np.flatnonzero(precision >= target)
    return float(scores[order][reaching[-1]]) if len(reaching) else 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    pairs = read_pairs(args.data)
    rows = feature_matrix(pairs)
    labels = np.array([pair["label"] for pair in pairs])
    scores = cross_validated(rows, labels)
    threshold = precision_threshold(scores, labels)
    scaler, model = _fit(rows, labels)
    same_claim.MODEL_FILE.write_text(json.dumps({
        "about": "same-claim logistic regression learned on MRPC train by benchmarks/train_same_claim.py",
        "pairs": len(pairs), "regularisation": REGULARISATION, "cv_threshold_precision": TARGET_PRECISION,
        "threshold": round(threshold, 4),
        "mean": [round(float(value), 6) for value in scaler.mean_],
        "scale": [round(float(value), 6) for value in scaler.scale_],
        "coef": [round(float(value), 6) for value in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
    }) + "\n", encoding="utf-8")
    predicted = scores >= 0.5
    accuracy = float((predicted == labels).mean())
    print(f"{len(pairs)} pairs; {FOLDS}-fold accuracy at 0.5: {100 * accuracy:.2f}; "
          f"threshold for precision >= {TARGET_PRECISION}: {threshold:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
