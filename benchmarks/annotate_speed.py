"""Annotation CPU time per article against spaCy alone, on distinct real articles.

Usage:
    .venv/bin/python benchmarks/annotate_speed.py [DATA.jsonl ...] [--limit N] [--modes ...]
        [--workers N] [--before SRC [--before-encoder NAME]] [--same-as SRC]

Articles: every text of the given JSONL files (a record's `text`, or the
`text` of each of its `articles`, as in NeuS), by default the ECB+, NeuS and
PolNeAR dev files of ../shared/benchmarks, read through `newsfuse.ingest.load`,
which keeps identical texts once (1,771 distinct articles). `--limit N` keeps N
of them, spread evenly over the files.

Each mode runs in a fresh child process, single process, and is timed in CPU
seconds (`time.process_time`: the machine's cores are shared, so wall time
says little), model loading excluded:
- `spacy`: `nlp.pipe` alone over the texts, the baseline of every ratio;
- `bf16`, `onnx`, `torch`: `annotate_many` with NEWSFUSE_ENCODER set to that
  encoder (MiniLM in bfloat16 on torch, fp32 on ONNX Runtime, fp32 on torch);
  newsfuse picks `bf16` on a CPU with AMX, else `onnx` (encoder.py);
- `workers`, with `--workers N`: `annotate_in_workers` over N processes with
  the default encoder, wall time against the single-process wall time of the
  default encoder (worker start-up and model loading included), and the CPU time
  of all processes;
- `before`, with `--before SRC`: `annotate_many` of another checkout's `src`
  (e.g. /work/main/src), as it ran before this change, with its own default
  encoder or `--before-encoder NAME`.
The time spent inside `Models.embed` is reported apart (the encoder), and the
cosine of every sentence vector with the torch one (agreement of the encoders).

`--same-as SRC` checks instead that this checkout annotates as SRC does: the
bundled sample story, the Kabul story and 200 ECB+ articles, annotated by each;
every field but the vectors must be identical, and the vectors are compared by
cosine, each with its counterpart and between the sentences of a set.
Writes benchmarks/results/annotate_speed.md (both sections).
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
MODES = ("spacy", "bf16", "onnx", "torch")
NAMES = {"spacy": "spaCy alone (`nlp.pipe`)", "bf16": "annotate, MiniLM bfloat16 on torch (AMX)",
         "onnx": "annotate, MiniLM fp32 on ONNX Runtime", "torch": "annotate, MiniLM fp32 on torch (fallback)",
         "before": "annotate before this change", "workers": "annotate in {workers} worker processes"}
SAME_SETS = {"sample story": [PROJECT / "samples" / "harbour-bridge-collapse"],
             "Kabul story": [PROJECT.parent / "shared" / "stories" / "kabul-airport-2021-08-27"]}
SAME_ECB_ARTICLES = 200
INT8_NOTE = (  # measured once, 2026-12-04, on 946 distinct sentences of PolNeAR and ECB+ dev texts
    "In fp32 (ONNX Runtime) the encoder's matrix products take 89% of its time and run near the core's fp32 peak "
    "(about 80 GFLOPS, numpy's own product 94). int8 weights (ONNX Runtime dynamic quantization, per "
    "channel, MatMul only) made it 2.7x faster, but the cosine with the torch vector fell to 0.969 at worst "
    "(mean 0.992) and cosines between sentences moved by up to 0.07, across the 0.72-0.92 thresholds of "
    "paraphrase and provenance; fp32 moves them by less than 1e-6. bfloat16 on AMX (bf16 inputs to the "
    "matrix products, fp32 sums, norms and pooling) moves them by under 0.004 (0.0033 at most between the "
    "2,914 sentences of 298 of these articles, 2026-12-05)."
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


def measure(mode: str, articles_path: Path, vectors_path: Path, workers: int) -> dict:
    """Runs in the child: one mode over the articles, CPU seconds, printed as JSON."""
    from newsfuse.annotate import annotate_many
    from newsfuse.annotate.nlp import shared_models
    from newsfuse.ingest import load

    started = time.process_time()
    articles = load([str(articles_path)]).articles
    ingest_seconds = time.process_time() - started
    if mode == "workers":
        from newsfuse.annotate.parallel import annotate_in_workers

        wall, started = time.perf_counter(), _all_cpu()
        for _ in annotate_in_workers(articles, workers):
            pass
        return {"cpu": _all_cpu() - started, "wall": time.perf_counter() - wall, "articles": len(articles)}
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
    wall, started = time.perf_counter(), time.process_time()
    annotated = list(annotate_many(articles, models))
    cpu, wall = time.process_time() - started, time.perf_counter() - wall
    np.save(vectors_path, np.concatenate([item.vectors for item in annotated]))
    return {"cpu": cpu, "wall": wall, "encoder": encoder_seconds[0], "articles": len(articles),
            "sentences": sum(len(item.sentences) for item in annotated),
            "distinct_sentences": len({sentence.text for item in annotated for sentence in item.sentences}),
            "encoder_class": type(models.embedder).__name__}


def _all_cpu() -> float:
    """CPU seconds of this process and of its ended children."""
    import resource

    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))


def dump(paths: list[Path], out: Path) -> dict:
    """Runs in the child: annotations of the articles under `paths`, fields as JSON lines, vectors as .npy."""
    from newsfuse.annotate import annotate_many
    from newsfuse.annotate.nlp import shared_models
    from newsfuse.ingest import load

    annotated = list(annotate_many(load([str(path) for path in paths]).articles, shared_models()))
    out.write_text("".join(json.dumps(item.model_dump(mode="json"), sort_keys=True) + "\n" for item in annotated),
                   encoding="utf-8")
    np.save(out.with_suffix(".npy"), np.concatenate([item.vectors for item in annotated]))
    return {"articles": len(annotated), "encoder_class": type(shared_models().embedder).__name__}


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


def child(mode: str, arguments: list[str], src: Path, encoder: str | None = None) -> dict:
    """Run this script as `--child mode arguments` under `src` with NEWSFUSE_ENCODER=`encoder` (None: unset)."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false",
               PYTHONPATH=str(src))
    env.pop("NEWSFUSE_ENCODER", None)
    if encoder:
        env["NEWSFUSE_ENCODER"] = encoder
    output = subprocess.run([sys.executable, __file__, "--child", mode, *arguments],
                            check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(output.strip().splitlines()[-1])


def timed_run(mode: str, articles: Path, src: Path, work: Path, workers: int, encoder: str | None) -> dict:
    """One timing run in a fresh child, with NEWSFUSE_ENCODER=`encoder` (None: the child's own default)."""
    result = child(mode if mode in ("spacy", "workers") else "annotate",
                   ["--articles", str(articles), "--vectors", str(work / f"{mode}.npy"), "--workers", str(workers)],
                   src, encoder)
    print(f"{mode}: {1000 * result['cpu'] / result['articles']:.1f} ms CPU per article", flush=True)
    return result


def agreement(mode: str, work: Path) -> str:
    """Cosines of `mode`'s sentence vectors with the torch ones: min, 0.1th percentile, mean."""
    if not (work / "torch.npy").exists() or not (work / f"{mode}.npy").exists():
        return "-"
    mine, torch = np.load(work / f"{mode}.npy"), np.load(work / "torch.npy")
    if mine.shape != torch.shape:
        return "different sentences"
    cosines = (mine * torch).sum(axis=1)
    return f"min {cosines.min():.7f}, 0.1% {np.percentile(cosines, 0.1):.7f}, mean {cosines.mean():.7f}"


def report(runs: dict[str, dict], work: Path, default: str, workers: int) -> str:
    spacy = runs["spacy"]
    articles = spacy["articles"]
    lines = [
        "## Annotation: CPU per article against spaCy alone",
        "",
        f"{articles:,} distinct articles ({spacy['words'] / articles:.0f} words on average) from the ECB+, "
        "NeuS and PolNeAR dev files; one process per row, CPU time (`time.process_time`), models loaded",
        "before timing. The encoder column is the time inside `Models.embed` (MiniLM, each distinct",
        f"sentence once); cosine is each sentence vector against the torch one. On this machine newsfuse uses `{default}`.",
        "",
        "| run | CPU ms per article | / spaCy alone | encoder ms per article | cosine with torch |",
        "|---|---|---|---|---|",
    ]
    for mode, run in runs.items():
        per_article = 1000 * run["cpu"] / articles
        encoder = f"{1000 * run['encoder'] / articles:.1f}" if "encoder" in run else "-"
        cosine = agreement(mode, work) if mode in ("bf16", "onnx", "before") else "-"
        name = NAMES[mode].format(workers=workers) + (" (default)" if mode == default else "")
        name += f" ({run['encoder_class']})" if mode == "before" else ""
        lines.append(f"| {name} | {per_article:.1f} | {run['cpu'] / spacy['cpu']:.2f}x | {encoder} | {cosine} |")
    chosen = runs[default]
    ratio = chosen["cpu"] / spacy["cpu"]
    lines += [
        "",
        f"Goal: annotation within 2x spaCy alone, embeddings included: {'met' if ratio <= 2 else 'NOT met'} "
        f"({ratio:.2f}x, `{default}`). Ingest (`load`) costs {1000 * spacy['ingest'] / articles:.1f} ms per article "
        f"on top. {chosen['sentences']:,} sentences, {chosen['distinct_sentences']:,} distinct.",
    ]
    if "workers" in runs:
        spread = runs["workers"]
        lines += ["", f"{workers} worker processes: {spread['wall']:.1f} s wall against {chosen['wall']:.1f} s in one "
                  f"process (`{default}`, same run), {chosen['wall'] / spread['wall']:.2f}x the throughput; the CPU "
                  f"column counts every process, worker start-up and model loading included."]
    return "\n".join([*lines, "", INT8_NOTE, ""])


def same_as(other: Path, work: Path) -> str:
    """Annotate the comparison sets with this checkout and with `other`; a markdown section of the differences."""
    from newsfuse.annotate.encoder import choice

    ecb = write_articles([DEFAULT_DATA[0]], SAME_ECB_ARTICLES, work / "same-ecbplus.jsonl")
    sets = {**SAME_SETS, f"{SAME_ECB_ARTICLES} ECB+ articles": [ecb]}
    lines = ["## Annotation: same outputs as another checkout", "",
             f"Annotations by this checkout against `{other}`, each with its default encoder on this machine. "
             "Fields are every annotation but the vectors (sentences, entities, quotes, numbers, dates, credits, "
             "flags), compared as JSON; vectors by cosine with their counterpart, and the cosines between the "
             "sentences of a set by how far they moved.", "",
             "| set | articles | fields identical | vector cosine min / mean | pairwise cosine moved, max |",
             "|---|---|---|---|---|"]
    for name, paths in sets.items():
        outs = {label: work / f"same-{label}-{name.split()[0]}.jsonl" for label in ("mine", "other")}
        mine = child("dump", ["--out", str(outs["mine"]), *map(str, paths)], PROJECT / "src", choice())
        child("dump", ["--out", str(outs["other"]), *map(str, paths)], other)
        fields = [path.read_text(encoding="utf-8").splitlines() for path in outs.values()]
        same = sum(a == b for a, b in zip(*fields)) if len(fields[0]) == len(fields[1]) else 0
        vectors = [np.load(path.with_suffix(".npy")) for path in outs.values()]
        if vectors[0].shape != vectors[1].shape:
            lines.append(f"| {name} | {mine['articles']} | {same} | different sentences | - |")
            continue
        cosines = (vectors[0] * vectors[1]).sum(axis=1)
        moved = np.abs(vectors[0] @ vectors[0].T - vectors[1] @ vectors[1].T).max()
        lines.append(f"| {name} | {mine['articles']} | {same} of {len(fields[0])} | {cosines.min():.6f} / "
                     f"{cosines.mean():.6f} | {moved:.4f} |")
        print(lines[-1], flush=True)
    return "\n".join([*lines, ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="*", type=Path, help="JSONL files (default: ECB+, NeuS, PolNeAR dev)")
    parser.add_argument("--limit", type=int, help="keep this many articles, spread over the files")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES), help="runs to time (spacy always)")
    parser.add_argument("--workers", type=int, default=0, help="also time annotation in this many worker processes")
    parser.add_argument("--before", type=Path, help="a checkout's src folder to time as it was (e.g. /work/main/src)")
    parser.add_argument("--before-encoder", choices=MODES[1:], help="NEWSFUSE_ENCODER for --before (default: its own)")
    parser.add_argument("--same-as", type=Path, help="a checkout's src folder whose annotations to compare with")
    parser.add_argument("--work", type=Path, default=WORK, help="folder for the articles and vectors")
    parser.add_argument("--out", type=Path, default=RESULT, help="the markdown file to write")
    parser.add_argument("--child", choices=["spacy", "annotate", "workers", "dump"], help=argparse.SUPPRESS)
    parser.add_argument("--articles", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--vectors", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "dump":
        print(json.dumps(dump(args.data, args.out)))
        return
    if args.child:
        print(json.dumps(measure(args.child, args.articles, args.vectors, args.workers)))
        return
    from newsfuse.annotate.encoder import choice

    args.work.mkdir(parents=True, exist_ok=True)
    for stale in args.work.glob("*.npy"):
        stale.unlink()
    default = choice()
    articles = write_articles(args.data or DEFAULT_DATA, args.limit, args.work / "articles.jsonl")
    modes = list(dict.fromkeys(["spacy", default, *args.modes])) + (["workers"] if args.workers > 1 else [])
    runs = {mode: timed_run(mode, articles, PROJECT / "src", args.work, args.workers,
                            mode if mode in MODES[1:] else default) for mode in modes}
    if args.before:
        runs["before"] = timed_run("before", articles, args.before, args.work, args.workers, args.before_encoder)
    sections = [report(runs, args.work, default, args.workers)]
    if args.same_as:
        sections.append(same_as(args.same_as, args.work))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(sections), encoding="utf-8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
