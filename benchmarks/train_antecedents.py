"""Learn which earlier person a "he"/"she" refers to, on GAP development, and
write the coefficients the speaker resolver reads.

Usage:
    .venv/bin/python benchmarks/train_antecedents.py [DATA.jsonl]

Reads ../shared/benchmarks/gap/dev.jsonl by default and keeps only its GAP
*development* records (ids "development-N"): the *validation* records are
the half benchmarks/gap.py reports, never fitted. Each text is parsed with
spaCy (parses cached in benchmarks/work/), the speaker resolver is told the
two candidate names are people (as benchmarks/gap.py does) and lists the
pronoun's candidates with their features
(`newsfuse.annotate.antecedents.candidate_features`); a candidate is positive
when its name is the one GAP gives the pronoun, negative when it is the other
candidate or, for a pronoun GAP ties to A or B, any third person. A logistic
regression over those rows' features and their pairwise products
(`antecedents.expanded`), its penalty chosen by cross-validation on them, is written to
src/newsfuse/annotate/antecedent_model.json (coefficients, intercept; never the
data). The features are in [0, 1], so no scaling.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "src"))

from newsfuse.annotate import antecedents  # noqa: E402
from newsfuse.annotate.speakers import SpeakerResolver  # noqa: E402

DEFAULT_DATA = PROJECT.parent / "shared" / "benchmarks" / "gap" / "dev.jsonl"
WORK = PROJECT / "benchmarks" / "work"
TRAINING_PREFIX = "development-"
# Inverse strengths C of the L2 penalty tried, the one chosen by 5-fold
# cross-validation on the development candidates.
REGULARISATION = (0.1, 0.3, 1.0, 3.0)


def parsed(records: list[dict]) -> list:
    """spaCy docs of the records' texts, cached by content in benchmarks/work/."""
    from spacy.tokens import DocBin

    from newsfuse.annotate.nlp import shared_models

    nlp = shared_models().nlp
    digest = hashlib.sha1("\n".join(record["text"] for record in records).encode()).hexdigest()[:12]
    cache = WORK / f"gap_parses_{digest}.spacy"
    if cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe(record["text"] for record in records))
    WORK.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs).to_disk(cache)
    return docs


def rows_of(doc, record: dict) -> list[tuple[list[float], int]]:
    """(features, label) of every candidate the resolver lists for the record's pronoun."""
    span = doc.char_span(record["pronoun_offset"], record["pronoun_offset"] + len(record["pronoun"]),
                         alignment_mode="expand")
    if span is None:
        return []
    people = [(record[f"{name}_offset"], record[f"{name}_offset"] + len(record[name])) for name in ("a", "b")]
    rows = []
    for mention, features in SpeakerResolver(doc, known_people=people).pronoun_candidates(span[0]):
        a, b = antecedents.may_name(mention.name, record["a"]), antecedents.may_name(mention.name, record["b"])
        if a == b and record["label"] == "NEITHER":
            continue  # a third person may be the one GAP's NEITHER means
        rows.append((features, int(a and record["a_coref"] or b and record["b_coref"])))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    from sklearn.linear_model import LogisticRegressionCV

    with args.data.open(encoding="utf-8") as handle:
        records = [record for line in handle if line.strip()
                   if (record := json.loads(line))["id"].startswith(TRAINING_PREFIX)]
    rows = [row for doc, record in zip(parsed(records), records) for row in rows_of(doc, record)]
    model = LogisticRegressionCV(Cs=list(REGULARISATION), cv=5, max_iter=5000).fit(
        [antecedents.expanded(f) for f, _ in rows], [y for _, y in rows])
    antecedents.MODEL_FILE.write_text(json.dumps({
        "about": "pronoun antecedent logistic regression learned on GAP development by benchmarks/train_antecedents.py",
        "records": len(records), "candidates": len(rows), "regularisation": float(model.C_[0]),
        "features": list(antecedents.FEATURES),
        "coefficients": [round(float(value), 4) for value in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 4),
    }, indent=1) + "\n", encoding="utf-8")
    print(f"{len(records)} records, {len(rows)} candidates ({sum(y for _, y in rows)} positive)")
    print(f"  C = {model.C_[0]} by cross-validation; single-feature terms:")
    for name, value in zip(antecedents.FEATURES, model.coef_[0]):
        print(f"  {name:32s} {value:+.3f}")
    print(f"  {'intercept':32s} {model.intercept_[0]:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
