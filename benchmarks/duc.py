"""DUC 2003 task 2 benchmark: newsfuse's default summary of full AP/NYT articles vs. lead and LexRank.

Usage: .venv/bin/python benchmarks/duc.py [DATA.jsonl] [--predictions OUT.jsonl] [--limit N]

Each cluster's articles go through ingest (as one JSONL file with id, text,
outlet and publication date), the annotation cache ($NEWSFUSE_DB, so a rerun
only fuses) and `fuse_story` with its default summary size; the summary
sentences are joined and written as one {"id", "summary"} per cluster. Peers
in the same run, on the same spaCy sentences: *lead*, the first sentences of
the most recent article (DUC's baseline), and LexRank (sumy 0.13, as in
benchmarks/neus.py) in document order. Every system is cut at the set's
665-byte limit by the data set's own scorer, `score_duc.py` (py-rouge:
ROUGE-1/2 recall, Porter stemming, mean over the 4 references, macro over
clusters), imported here. Writes the markdown section to benchmarks/results/duc.md.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import sys
import tempfile
from pathlib import Path

from machine import machine_line

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from sumy.nlp.stemmers import Stemmer  # noqa: E402
from sumy.summarizers.lex_rank import LexRankSummarizer  # noqa: E402
from sumy.utils import get_stop_words  # noqa: E402

from newsfuse.annotate.nlp import shared_models  # noqa: E402
from newsfuse.ingest import load  # noqa: E402
from newsfuse.models import Story  # noqa: E402
from newsfuse.fuse.story import fuse_story  # noqa: E402
from newsfuse.pipeline import analyse  # noqa: E402
from newsfuse.store import Store  # noqa: E402

BENCHMARKS = Path(__file__).resolve().parent
PROJECT = BENCHMARKS.parent
DATA_DIR = PROJECT.parent / "shared" / "benchmarks" / "duc"
DEFAULT_DATA = DATA_DIR / "duc2003_dev.jsonl"
RESULTS = BENCHMARKS / "results"
LIMIT_BYTES = 665
PUBLISHED = "humans 38.69-44.43; best DUC 2003 system 37.98; MEAD+LexRank 36.66; centroid 36.24; lead 35.75"

sys.path.insert(0, str(BENCHMARKS))
from neus import lexrank_summary  # noqa: E402


def _scorer(data: Path):
    """The data set's score_duc module (found next to DATA, else in the shared folder)."""
    path = next(candidate for candidate in (data.parent / "score_duc.py", DATA_DIR / "score_duc.py")
                if candidate.is_file())
    spec = importlib.util.spec_from_file_location("score_duc", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cluster_articles(record: dict, folder: Path):
    """The cluster's articles loaded through ingest, in file order."""
    path = folder / f"{record['id']}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for article in record["articles"]:
            row = {"id": f"{record['id']}-{article['aid']}", "text": article["text"],
                   "outlet": article.get("source"), "published": article.get("datetime") or article.get("date")}
            handle.write(json.dumps(row) + "\n")
    return load([str(path)]).articles


def _lead(story: Story, limit_words: int) -> str:
    """The most recent article's first sentences (DUC's lead baseline), about `limit_words` words."""
    newest = max(story.articles, key=lambda article: (article.published or "", article.id))
    chosen, words = [], 0
    for sentence in story.annotations[newest.id].sentences:
        if words >= limit_words:
            break
        chosen.append(sentence.text)
        words += len(sentence.text.split())
    return " ".join(" ".join(chosen).split())


def _score(scorer, data: Path, rows: list[dict], folder: Path, name: str) -> dict[str, float]:
    """ROUGE-1/2 recall of one system's rows, parsed from the scorer's printed line."""
    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        scorer.main(str(data), str(path))
    line = printed.getvalue().splitlines()[-1]
    r1, r2 = (float(part.split("R=")[1].split()[0]) for part in line.split("|"))
    return {"R-1": r1, "R-2": r2}


def run(data: Path, predictions: Path, limit: int | None, db: Path) -> dict:
    records = [json.loads(line) for line in data.open(encoding="utf-8") if line.strip()][:limit]
    models = shared_models()
    lexrank = LexRankSummarizer(Stemmer("english"))
    lexrank.stop_words = get_stop_words("english")
    outputs: dict[str, list[dict]] = {"newsfuse": [], "lead": [], "LexRank": []}
    with tempfile.TemporaryDirectory() as temporary, Store(db) as store:
        folder = Path(temporary)
        for record in records:
            articles = _cluster_articles(record, folder)
            annotations = analyse(articles, store=store, models=models)
            briefing = fuse_story(articles, annotations)
            story = Story(articles, annotations)
            outputs["newsfuse"].append(
                {"id": record["id"], "summary": " ".join(line.text for line in briefing.summary)})
            outputs["lead"].append({"id": record["id"], "summary": _lead(story, 120)})
            outputs["LexRank"].append({"id": record["id"], "summary": lexrank_summary(story, 120, lexrank)})
        scored = folder / "clusters.jsonl"  # the clusters run (all unless --limit)
        scored.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
        scorer = _scorer(data)
        scores = {name: _score(scorer, scored, rows, folder, name) for name, rows in outputs.items()}
    predictions.parent.mkdir(parents=True, exist_ok=True)
    predictions.write_text("".join(json.dumps(row) + "\n" for row in outputs["newsfuse"]), encoding="utf-8")
    return {"clusters": len(records), "scores": scores,
            "bytes": sum(len(row["summary"].encode()) for row in outputs["newsfuse"]) / max(len(records), 1)}


def markdown(result: dict, data: Path) -> str:
    scores = result["scores"]
    lines = [
        "## DUC 2003: summaries of full-length wire articles",
        "",
        f"Data: `{data.name}` ({result['clusters']} clusters of ~10 AP/NYT articles, 4 human summaries each), "
        f"scored by its `score_duc.py` (py-rouge, ROUGE-1.5.5 settings: every summary cut at {LIMIT_BYTES} bytes, "
        "Porter stemming, recall x100, mean over references, macro over clusters). newsfuse: the default "
        f"summary of `brief` (mean {result['bytes']:.0f} bytes before the cut). Peers on the same sentences, "
        "this run: lead (first sentences of the most recent article) and LexRank (sumy, document order).",
        "",
        "| system | ROUGE-1 R | ROUGE-2 R |",
        "|---|---|---|",
        *(f"| {name} | {value['R-1']:.2f} | {value['R-2']:.2f} |" for name, value in scores.items()),
        f"| ratio newsfuse / LexRank | {scores['newsfuse']['R-1'] / scores['LexRank']['R-1']:.3f} | "
        f"{scores['newsfuse']['R-2'] / scores['LexRank']['R-2']:.3f} |",
        "",
        f"Published ROUGE-1 recall on the whole DUC 2003 set (Erkan & Radev 2004): {PUBLISHED}.",
        "",
        machine_line(),
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--predictions", type=Path, default=PROJECT / "benchmarks" / "work" / "duc_predictions.jsonl")
    parser.add_argument("--limit", type=int, default=None, help="first N clusters only")
    parser.add_argument("--db", type=Path, default=Path(os.environ.get("NEWSFUSE_DB")
                                                            or PROJECT / "benchmarks" / "work" / "duc.db"),
                        help="annotation cache (default $NEWSFUSE_DB)")
    parser.add_argument("--output", type=Path, default=RESULTS / "duc.md")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"DUC data not found at {args.data}: pass the path to duc2003_dev.jsonl", file=sys.stderr)
        return 2
    args.db.parent.mkdir(parents=True, exist_ok=True)
    result = run(args.data, args.predictions, args.limit, args.db)
    section = markdown(result, args.data)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(section, encoding="utf-8")
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
