"""Annotation CPU time per article against spaCy alone, on distinct real articles.

Usage:
    .venv/bin/python benchmarks/annotate_speed.py [DATA.jsonl ...] [--limit N] [--before SRC]

Articles: every text of the given JSONL files (a record's `text`, or the
`text` of each of its `articles`, as in NeuS), by default the ECB+, NeuS and
PolNeAR dev files of ../shared/benchmarks, read through `newsfuse.ingest.load`,
which keeps identical texts once (1,771 distinct articles). `--limit N` keeps N
of them, spread evenly over the files.

Each mode runs in a fresh child process, single process, and is timed in CPU
seconds (`time.process_time`: the machine's cores are shared, so wall time
says little), model loading excluded:
- `spacy`: `nlp.pipe` alone over the texts, the baseline of every ratio;
- `onnx`: `annotate_many` as newsfuse runs it (MiniLM through ONNX Runtime);
- `torch`: the same with NEWSFUSE_ENCODER=torch (MiniLM through torch, one thread);
- `before`, with `--before SRC`: `annotate_many` of another checkout's `src`
  (e.g. /work/main/src), as it ran before this change.
The time spent inside `Models.embed` is reported apart (the encoder), and the
cosine of every sentence vector with the torch one (agreement of the encoders).
Writes benchmarks/results/annotate_speed.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared" / "benchmarks"
DEFAULT_DATA = [SHARED / "ecbplus" / "ecbplus_traindev.jsonl", SHARED / "neus" / "val.jsonl",
                SHARED / "polnear" / "dev.jsonl"]
WORK = PROJECT / "benchmarks" / "work" / "annotate_speed"
RESULT = PROJECT / "benchmarks" / "results" / "annotate_speed.md"
MODES = ("spacy", "onnx", "torch")
INT8_NOTE = (  # measured once, 2026-12-04, on 946 distinct sentences of PolNeAR and ECB+ dev texts
    "The encoder runs fp32: its matrix products take 89% of its time and run near the core's fp32 peak "
    "(about 80 GFLOPS, numpy's own product 94). int8 weights (ONNX Runtime dynamic quantization, per "
    "channel, MatMul only) made it 2.7x faster, but the cosine with the torch vector fell to 0.969 at worst "
    "(mean 0.992) and cosines between sentences moved by up to 0.07, across the 0.72-0.92 thresholds of "
    "paraphrase and provenance; fp32 moves them by less than 1e-6."
)


def write_articles(paths: list[Path], limit: int | None, out: Path) -> Path:
    """One JSONL of `{"id", "text"}` records from the texts in `paths`; `limit` keeps that many, evenly spread."""
    records = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                record = json.loads(line)
                for index, item in enumerate(record.get("articles") or [record]):
                    records.append({"id": f"{path.parent.name}-{number}-{index}", "text": item["text"]})
    if limit:
        step = max(len(records) / limit, 1.0)
        records = [records[int(index * step)] for index in range(min(limit, len(records)))]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return out


def measure(mode: str, articles_path: Path, vectors_path: Path) -> dict:
    """Runs in the child: one mode over the articles, CPU seconds, printed as JSON."""
    from newsfuse.annotate import annotate_many
    from newsfuse.annotate.nlp import shared_models
    from newsfuse.ingest import load

    started = time.process_time()
    articles = load([str(articles_path)]).articles
    ingest_seconds = time.process_time() - started
    models = shared_models()
    models.nlp  # noqa: B018  (load before timing)
    if mode == "spacy":
        started = time.process_time()
        for _ in models.nlp.pipe(article.text for article in articles):
            pass
        return {"cpu": time.process_time() - started, "articles": len(articles), "ingest": ingest_seconds,
                "words": sum(article.words for article in articles)}
    models.embed(["warm up"])
    encoder_seconds = _time_embed(models)
    started = time.process_time()
    annotated = list(annotate_many(articles, models))
    cpu = time.process_time() - started
    np.save(vectors_path, np.concatenate([item.vectors for item in annotated]))
    return {"cpu": cpu, "encoder": encoder_seconds[0], "articles": len(articles), "ingest": ingest_seconds,
            "sentences": sum(len(item.sentences) for item in annotated),
            "distinct_sentences": len({sentence.text for item in annotated for sentence in item.sentences}),
            "encoder_class": type(models.embedder).__name__}


def _time_embed(models) -> list[float]:
    """Wrap `models.embed` so the CPU seconds spent in it add up in the returned one-item list."""
    total = [0.0]
    embed = models.embed

    def timed(texts, batch_size=64):
        started = time.process_time()
        try:
            return embed(texts, batch_size=batch_size)
        finally:
            total[0] += time.process_time() - started

    models.embed = timed
    return total


def child(mode: str, articles: Path, src: Path, work: Path) -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false",
               PYTHONPATH=str(src), NEWSFUSE_ENCODER="torch" if mode == "torch" else "onnx")
    output = subprocess.run(
        [sys.executable, __file__, "--child", "spacy" if mode == "spacy" else "annotate", "--articles", str(articles),
         "--vectors", str(work / f"{mode}.npy")],
        check=True, capture_output=True, text=True, env=env,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    print(f"{mode}: {1000 * result['cpu'] / result['articles']:.1f} ms CPU per article", flush=True)
    return result


def agreement(mode: str, work: Path) -> str:
    """Cosines of `mode`'s sentence vectors with the torch ones: min, 0.1th percentile, mean."""
    if not (work / "torch.npy").exists():
        return "-"
    mine, torch = np.load(work / f"{mode}.npy"), np.load(work / "torch.npy")
    if mine.shape != torch.shape:
        return "different sentences"
    cosines = (mine * torch).sum(axis=1)
    return f"min {cosines.min():.7f}, 0.1% {np.percentile(cosines, 0.1):.7f}, mean {cosines.mean():.7f}"


def report(runs: dict[str, dict], work: Path) -> str:
    spacy = runs["spacy"]
    articles = spacy["articles"]
    names = {"spacy": "spaCy alone (`nlp.pipe`)", "onnx": "annotate, MiniLM on ONNX Runtime (default)",
             "torch": "annotate, MiniLM on torch, 1 thread (fallback)", "before": "annotate before this change"}
    lines = [
        "## Annotation: CPU per article against spaCy alone",
        "",
        f"{articles:,} distinct articles ({spacy['words'] / articles:.0f} words on average) from the ECB+, "
        "NeuS and PolNeAR dev files; one process per row, CPU time (`time.process_time`), models loaded",
        "before timing. The encoder column is the time inside `Models.embed` (MiniLM, each distinct",
        "sentence once); cosine is each sentence vector against the torch one.",
        "",
        "| run | CPU ms per article | / spaCy alone | encoder ms per article | cosine with torch |",
        "|---|---|---|---|---|",
    ]
    for mode, run in runs.items():
        per_article = 1000 * run["cpu"] / articles
        encoder = f"{1000 * run['encoder'] / articles:.1f}" if "encoder" in run else "-"
        cosine = agreement(mode, work) if mode in ("onnx", "before") else "-"
        lines.append(f"| {names[mode]} | {per_article:.1f} | {run['cpu'] / spacy['cpu']:.2f}x | {encoder} | {cosine} |")
    onnx = runs["onnx"]
    ratio = onnx["cpu"] / spacy["cpu"]
    lines += [
        "",
        f"Goal: annotation within 2x spaCy alone, embeddings included: {'met' if ratio <= 2 else 'NOT met'} "
        f"({ratio:.2f}x). Ingest (`load`) costs {1000 * spacy['ingest'] / articles:.1f} ms per article on top. "
        f"{onnx['sentences']:,} sentences, {onnx['distinct_sentences']:,} distinct.",
        "",
        INT8_NOTE,
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="*", type=Path, help="JSONL files (default: ECB+, NeuS, PolNeAR dev)")
    parser.add_argument("--limit", type=int, help="keep this many articles, spread over the files")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES), help="runs to time (spacy always)")
    parser.add_argument("--before", type=Path, help="a checkout's src folder to time as it was (e.g. /work/main/src)")
    parser.add_argument("--work", type=Path, default=WORK, help="folder for the articles and vectors")
    parser.add_argument("--out", type=Path, default=RESULT, help="the markdown section to write")
    parser.add_argument("--child", choices=["spacy", "annotate"], help=argparse.SUPPRESS)
    parser.add_argument("--articles", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--vectors", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.articles, args.vectors)))
        return
    for stale in args.work.glob("*.npy"):
        stale.unlink()
    articles = write_articles(args.data or DEFAULT_DATA, args.limit, args.work / "articles.jsonl")
    runs = {mode: child(mode, articles, PROJECT / "src", args.work) for mode in dict.fromkeys(["spacy", *args.modes])}
    if args.before:
        runs["before"] = child("before", articles, args.before, args.work)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report(runs, args.work), encoding="utf-8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
