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

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = PROJECT.parent / "shared" / "benchmarks" / "gap" / "dev.jsonl"
RESULTS = PROJECT / "benchmarks" / "results" / "gap.md"
WORK = PROJECT / "benchmarks" / "work"

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from resolver_bench import run  # noqa: E402

from newsfuse.annotate.speakers import SpeakerResolver  # noqa: E402
from newsfuse.text import could_be_same_person as same_person  # noqa: E402


def predict(doc, record) -> str:
    """"A", "B" or "NEITHER" for one GAP record whose text parsed to `doc`."""
    span = doc.char_span(record["pronoun_offset"], record["pronoun_offset"] + len(record["pronoun"]),
                         alignment_mode="expand")
    if span is None:
        return "NEITHER"
    candidates = [(record[f"{name}_offset"], record[f"{name}_offset"] + len(record[name])) for name in ("a", "b")]
    name = SpeakerResolver(doc, known_people=candidates).resolve(span[0]).name
    a, b = same_person(name, record["a"]), same_person(name, record["b"])
    if a != b:
        return "A" if a else "B"
    return "NEITHER"


def markdown(data: Path, result: dict, n_records: int, seconds: float) -> str:
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
    run(description=__doc__.split("\n")[0], default_data=DEFAULT_DATA, results=RESULTS,
        predictions=WORK / "gap_newsfuse.json",
        key="id", scorer="score_gap.py", predict=predict, markdown=markdown)


if __name__ == "__main__":
    main()
