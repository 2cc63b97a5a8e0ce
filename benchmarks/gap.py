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
the published baselines beside it, then the same figures on the GAP
validation half alone (the pronoun model, benchmarks/train_antecedents.py, is
fitted on the development half) and their precision/coverage curve over the
resolver's confidence threshold.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = PROJECT.parent / "shared" / "benchmarks" / "gap" / "dev.jsonl"
RESULTS = PROJECT / "benchmarks" / "results" / "gap.md"
WORK = PROJECT / "benchmarks" / "work"

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from resolver_bench import run, score  # noqa: E402

from newsfuse.annotate.antecedents import MIN_PRONOUN_CONFIDENCE, may_name, rank  # noqa: E402
from newsfuse.annotate.speakers import SpeakerResolver  # noqa: E402


HELD_OUT = "validation-"  # ids of the GAP half the pronoun model never saw
CURVE = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
# id -> (the resolver's best answer whatever its confidence, that confidence), for the curve
BEST: dict[str, tuple[str, float]] = {}


def letter(name: str | None, record) -> str:
    """"A" or "B" when `name` is one of the record's two names only
    (:func:`~newsfuse.annotate.antecedents.may_name`), else "NEITHER"."""
    a, b = may_name(name, record["a"]), may_name(name, record["b"])
    if a != b:
        return "A" if a else "B"
    return "NEITHER"


def predict(doc, record) -> str:
    """"A", "B" or "NEITHER" for one GAP record whose text parsed to `doc`."""
    span = doc.char_span(record["pronoun_offset"], record["pronoun_offset"] + len(record["pronoun"]),
                         alignment_mode="expand")
    if span is None:
        return "NEITHER"
    candidates = [(record[f"{name}_offset"], record[f"{name}_offset"] + len(record[name])) for name in ("a", "b")]
    mention, confidence = rank(SpeakerResolver(doc, known_people=candidates).pronoun_candidates(span[0]), doc)
    BEST[record["id"]] = (letter(mention.name if mention else None, record), confidence)
    return letter(SpeakerResolver(doc, known_people=candidates).resolve(span[0]).name, record)


def held_out_curve(records: list[dict], scorer: Path) -> str:
    """Markdown: scores on the held-out half at each confidence threshold of CURVE."""
    held = [record for record in records if record["id"].startswith(HELD_OUT)]
    if not held:
        return ""
    WORK.mkdir(parents=True, exist_ok=True)
    data = WORK / "gap_held_out.jsonl"
    data.write_text("".join(json.dumps(record) + "\n" for record in held), encoding="utf-8")
    rows = []
    for threshold in CURVE:
        answers = {record["id"]: BEST[record["id"]][0] if BEST.get(record["id"], ("", 0.0))[1] >= threshold
                   else "NEITHER" for record in held}
        predictions = WORK / "gap_held_out_predictions.json"
        predictions.write_text(json.dumps(answers), encoding="utf-8")
        result = score(scorer, data, predictions)
        answered = sum(answer != "NEITHER" for answer in answers.values())
        mark = " (briefings)" if abs(threshold - MIN_PRONOUN_CONFIDENCE) < 1e-9 else ""
        rows.append(f"| {threshold:.1f}{mark} | {answered} | {result['Overall']['P']:.1f} | {result['Overall']['R']:.1f} "
                    f"| {result['Overall']['F1']:.1f} | {result['M']['F1']:.1f} | {result['F']['F1']:.1f} "
                    f"| {result['bias_F_over_M']:.2f} |")
    return "\n".join([
        "",
        f"Held out: the {len(held)} GAP validation records (the pronoun model is fitted on the development half "
        "by `benchmarks/train_antecedents.py`), by the resolver's confidence threshold; the briefings use "
        f"{MIN_PRONOUN_CONFIDENCE}.",
        "",
        "| threshold | answered | P | R | F1 | F1 male | F1 female | bias F/M |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
    ])


def markdown(data: Path, result: dict, n_records: int, seconds: float) -> str:
    overall, male, female = result["Overall"], result["M"], result["F"]
    return "\n".join([
        "## Pronoun resolution: GAP",
        "",
        f"Data: `{data.name}` ({result['examples']} examples) scored by its `score_gap.py`; the resolver is "
        "`SpeakerResolver`, the one that names the speakers of every briefing (it abstains when unsure, "
        "which counts as NEITHER). Its pronoun model was fitted on the 2,000 development records of this "
        "file: the held-out figures below are the fair ones.",
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
    run(description=__doc__.split("\n")[0], default_data=DEFAULT_DATA, results=RESULTS,
        predictions=WORK / "gap_newsfuse.json",
        key="id", scorer="score_gap.py", predict=predict, markdown=markdown, appendix=held_out_curve)


if __name__ == "__main__":
    main()
