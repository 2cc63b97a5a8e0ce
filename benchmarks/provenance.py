"""Benchmark provenance: derivation edges and origin groups on derived ECB+ articles.

Builds the labelled set with benchmarks/derive.py (into benchmarks/work/),
splits sentences with spaCy and embeds them once (timed apart), then runs
`trace_provenance` story by story (each ECB+ story: its independent originals,
the hard negatives, plus their derivations) and scores:

* derivation edges (relations copies|paraphrases, undirected) against the
  gold parent -> child pairs; other pairs inside one gold origin group (two
  children of one parent; ECB+'s own undocumented copies, see derive.py)
  share text with an unknown derivation, so they count neither way;
* direction accuracy of the correctly found edges;
* origin grouping, pairwise P/R over articles of a story;
* per-method recall, with `condense` held out of all tuning;
* the peer, datasketch MinHash-LSH alone on the same 5-word shingles
  (edges = LSH pairs, origins = connected components), in the same run;
* timings of one story of 250/500/1,000 articles on this machine.

    .venv/bin/python benchmarks/provenance.py [--ecbplus PATH] [--work DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "benchmarks"))

import derive  # noqa: E402  (the sibling script builds the data set)
from machine import load_average, machine_line  # noqa: E402
from datasketch import MinHash, MinHashLSH  # noqa: E402

from newsfuse.fuse.provenance import trace_provenance  # noqa: E402
from newsfuse.fuse.reuse import shingle_set  # noqa: E402
from newsfuse.models import Annotations, Article, Story  # noqa: E402

DERIVATIONS = ("copies", "paraphrases")
SCALE_SIZES = (250, 500, 1000)
PEER_THRESHOLDS = (0.5, 0.2)


# ------------------------------------------------------------------- data


def load_split(work: Path, split: str) -> list[dict]:
    return [json.loads(line) for line in (work / f"derived_{split}.jsonl").read_text(encoding="utf-8").splitlines()]


def annotate_records(records: list[dict], cache: Path) -> tuple[dict[str, Annotations], float, int]:
    """Full annotations (the product's annotate stage: sentences, quotes, numbers, ..., vectors) of
    every record, cached as `cache` (.json) plus its vectors (.npy) so later runs skip the models.

    Returns the annotations, the seconds spent annotating (0 when cached) and the number of sentences.
    """
    vectors_file = cache.with_suffix(".npy")
    stored = json.loads(cache.read_text(encoding="utf-8")) if cache.exists() and vectors_file.exists() else None
    if stored is not None and [item["article"] for item in stored] == [r["id"] for r in records]:
        vectors = np.load(vectors_file)
        seconds = 0.0
    else:
        from newsfuse.annotate import annotate_many
        from newsfuse.annotate.nlp import shared_models

        began = time.perf_counter()
        articles = [Article(id=r["id"], text=r["text"]) for r in records]
        annotated = list(annotate_many(articles, shared_models()))
        seconds = time.perf_counter() - began
        stored = [item.model_dump(mode="json") for item in annotated]
        vectors = np.concatenate([item.vectors for item in annotated])
        np.save(vectors_file, vectors)
        cache.write_text(json.dumps(stored), encoding="utf-8")
    annotations, offset = {}, 0
    for record, data in zip(records, stored):
        item = Annotations.model_validate(data)
        item.vectors = vectors[offset:offset + len(item.sentences)]
        offset += len(item.sentences)
        annotations[record["id"]] = item
    return annotations, seconds, offset


def make_story(records: list[dict], annotations: dict[str, Annotations]) -> Story:
    articles = [Article(id=r["id"], text=r["text"], published=r["published"]) for r in records]
    return Story(articles, {r["id"]: annotations[r["id"]] for r in records})


# ----------------------------------------------------------------- scoring


def gold_edges(records: list[dict]) -> set[frozenset]:
    return {frozenset((parent, r["id"])) for r in records for parent in r["parents"]}


def same_origin_pairs(records: list[dict], holders: bool = True) -> set[frozenset]:
    """Pairs that hold text of one gold origin group (two children of one parent, ECB+'s own copies
    and their children, a mixture and the copies of its second parent, an `insert` copy and the
    article its inserted paragraphs come from): they share text, but which one derives from which
    is not known, so such pairs count neither way.

    With `holders`, an article counts in the origin group of each article
    whose text it holds; without, only in its own `origin` (its first
    parent's group: the strict scoring of the first round).
    """
    origin = {record["id"]: record["origin"] for record in records}
    groups = defaultdict(set)
    for record in records:
        holds = [*record["parents"], *record.get("donors", [])] if holders else []
        for group in {record["origin"], *(origin[other] for other in holds if other in origin)}:
            groups[group].add(record["id"])
    return {frozenset(pair) for members in groups.values() for pair in combinations(sorted(members), 2)}


def score_edges(predicted: set[frozenset], gold: set[frozenset], ignored: set[frozenset]) -> dict:
    counted = predicted - (ignored - gold)
    tp = len(counted & gold)
    return {"tp": tp, "fp": len(counted - gold), "fn": len(gold - counted),
            "precision": tp / len(counted) if counted else 1.0, "recall": tp / len(gold) if gold else 1.0}


def score_origins(predicted: dict[str, str], records: list[dict]) -> dict:
    """Pairwise P/R of origin groups within each ECB+ story."""
    tp = pp = gp = 0
    by_story = defaultdict(list)
    for record in records:
        by_story[record["story"]].append(record)
    for members in by_story.values():
        for x, y in combinations(members, 2):
            same_pred = predicted[x["id"]] == predicted[y["id"]]
            same_gold = x["origin"] == y["origin"]
            tp += same_pred and same_gold
            pp += same_pred
            gp += same_gold
    return {"precision": tp / pp if pp else 1.0, "recall": tp / gp if gp else 1.0}


def peer_lsh(records: list[dict], threshold: float) -> tuple[set[frozenset], dict[str, str]]:
    """datasketch MinHash-LSH alone: candidate pairs as edges, components as origins."""
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    signatures = {}
    for record in records:
        signature = MinHash(num_perm=128, seed=1)
        signature.update_batch([s.encode() for s in shingle_set(record["text"])])
        signatures[record["id"]] = signature
        lsh.insert(record["id"], signature)
    edges = {frozenset((rid, other)) for rid, sig in signatures.items() for other in lsh.query(sig) if other != rid}
    return edges, components([r["id"] for r in records], edges)


def components(ids: list[str], edges: set[frozenset]) -> dict[str, str]:
    parent = {i: i for i in ids}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for edge in edges:
        x, y = tuple(edge)
        parent[find(x)] = find(y)
    return {i: find(i) for i in ids}


def run_ours(records: list[dict], annotations) -> tuple[set[frozenset], dict[str, str], list, float]:
    """Provenance story by story; returns edges, origins, directed derivation edges, seconds."""
    by_story = defaultdict(list)
    for record in records:
        by_story[record["story"]].append(record)
    edges, origins, directed, seconds = set(), {}, [], 0.0
    for members in by_story.values():
        began = time.perf_counter()
        result = trace_provenance(make_story(members, annotations))
        seconds += time.perf_counter() - began
        for edge in result.edges:
            if edge.relation in DERIVATIONS:
                edges.add(frozenset((edge.source, edge.target)))
                directed.append((edge.source, edge.target))
        origins.update(result.origins)
    return edges, origins, directed, seconds


def evaluate(records: list[dict], annotations) -> dict:
    gold, unknown = gold_edges(records), same_origin_pairs(records)
    edges, origins, directed, seconds = run_ours(records, annotations)
    parents = {(parent, r["id"]) for r in records for parent in r["parents"]}
    found = [(s, t) for s, t in directed if frozenset((s, t)) in gold]
    method = {r["id"]: r["method"] for r in records}
    per_method = {}
    for name in derive.METHODS:
        wanted = {e for e in gold if any(method[i] == name for i in e)}
        per_method[name] = len(wanted & edges) / len(wanted) if wanted else float("nan")
    result = {
        "ours": {"edges": score_edges(edges, gold, unknown), "origins": score_origins(origins, records),
                 "edges_strict": score_edges(edges, gold, same_origin_pairs(records, holders=False)),
                 "direction": sum(edge in parents for edge in found) / len(found) if found else float("nan"),
                 "per_method": per_method, "seconds": seconds,
                 "false_positive_original_pairs": sum(1 for e in edges - gold - unknown
                                                      if all(method[i] == "original" for i in e))},
        "gold_edges": len(gold), "articles": len(records),
    }
    for threshold in PEER_THRESHOLDS:
        peer_edges, peer_origins = peer_lsh(records, threshold)
        result[f"peer@{threshold}"] = {"edges": score_edges(peer_edges, gold, unknown),
                                       "origins": score_origins(peer_origins, records)}
    return result


def scale(records: list[dict], annotations) -> list[tuple[int, float, dict]]:
    """Seconds of one trace_provenance call on stories of SCALE_SIZES articles (all ECB+ topics mixed)."""
    shuffled = list(records)
    random.Random(7).shuffle(shuffled)
    rows = []
    for size in SCALE_SIZES:
        chosen = shuffled[:size]
        ids = {r["id"] for r in chosen}
        chosen = [dict(r, parents=[p for p in r["parents"] if p in ids]) for r in chosen]
        story = make_story(chosen, annotations)
        began = time.perf_counter()
        result = trace_provenance(story)
        seconds = time.perf_counter() - began
        edges = {frozenset((e.source, e.target)) for e in result.edges if e.relation in DERIVATIONS}
        rows.append((size, seconds, score_edges(edges, gold_edges(chosen), same_origin_pairs(chosen))))
    return rows


# ----------------------------------------------------------------- report


def fmt(value: float) -> str:
    return f"{value:.3f}"


def report(results: dict[str, dict], scaling, embed_info) -> str:
    lines = ["## Provenance (who copied whom)", "",
             machine_line(note=f"; load average at the end of the run {load_average()}"), "",
             "Data: derived articles built by `benchmarks/derive.py` from ECB+ (train split used for tuning, "
             f"`{derive.HELD_OUT_METHOD}` method held out of all tuning; dev split never tuned on). "
             "Negatives: the independent ECB+ articles of the same story (same event, same names). "
             "Edges are undirected copies|paraphrases edges against gold parent-child pairs; pairs that hold text "
             "of one gold origin group (two children of one parent, ECB+ originals that derive.py finds to be versions "
             "of one text, a mixture and the copies of its second parent, an `insert` copy and the article its "
             "inserted paragraphs come from) are not counted either way.", "",
             "| split | system | edge P | edge R | origin P | origin R | direction acc. |",
             "|---|---|---|---|---|---|---|"]
    for split, result in results.items():
        ours = result["ours"]
        lines.append(f"| {split} | newsfuse | {fmt(ours['edges']['precision'])} | {fmt(ours['edges']['recall'])} | "
                     f"{fmt(ours['origins']['precision'])} | {fmt(ours['origins']['recall'])} | {fmt(ours['direction'])} |")
        for threshold in PEER_THRESHOLDS:
            peer = result[f"peer@{threshold}"]
            lines.append(f"| {split} | MinHash-LSH alone (t={threshold}) | {fmt(peer['edges']['precision'])} | "
                         f"{fmt(peer['edges']['recall'])} | {fmt(peer['origins']['precision'])} | "
                         f"{fmt(peer['origins']['recall'])} | - |")
    lines += ["", "Strict scoring (first-round rule: only pairs inside one article's own origin group are "
              "uncounted, so a mixture's link to a copy of its second parent counts as false): " + "; ".join(
                  f"{split} edge P {fmt(r['ours']['edges_strict']['precision'])} / R "
                  f"{fmt(r['ours']['edges_strict']['recall'])}" for split, r in results.items())]
    lines += ["", "Ratio newsfuse / peer (t=0.5), edge recall: " + ", ".join(
        f"{split} {result['ours']['edges']['recall'] / max(result['peer@0.5']['edges']['recall'], 1e-9):.2f}x"
        for split, result in results.items()), ""]
    lines += ["Edge recall per derivation method:", "", "| split | " + " | ".join(derive.METHODS) + " |",
              "|---|" + "---|" * len(derive.METHODS)]
    for split, result in results.items():
        lines.append(f"| {split} | " + " | ".join(fmt(result["ours"]["per_method"][m]) for m in derive.METHODS) + " |")
    lines += ["", "Counts: " + "; ".join(
        f"{split}: {r['articles']} articles, {r['gold_edges']} gold edges, TP {r['ours']['edges']['tp']}, "
        f"FP {r['ours']['edges']['fp']} (between two originals: {r['ours']['false_positive_original_pairs']}), "
        f"FN {r['ours']['edges']['fn']}, provenance time {r['ours']['seconds']:.1f} s"
        for split, r in results.items()), ""]
    lines += ["Scale: one story of N articles (all topics mixed), `trace_provenance` only; annotations "
              f"(the annotate stage with its sentence vectors) computed once up front: {embed_info}.", "",
              "| articles | seconds | edge P | edge R |", "|---|---|---|---|"]
    lines += [f"| {size} | {seconds:.1f} | {fmt(s['precision'])} | {fmt(s['recall'])} |" for size, seconds, s in scaling]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecbplus", type=Path, default=derive.DEFAULT_ECBPLUS)
    parser.add_argument("--work", type=Path, default=PROJECT / "benchmarks" / "work")
    parser.add_argument("--out", type=Path, default=PROJECT / "benchmarks" / "results" / "provenance.md")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "derive.py"), "--ecbplus", str(args.ecbplus),
                    "--out", str(args.work)], check=True)
    results, all_records, all_annotations, embed_seconds, sentences = {}, [], {}, 0.0, 0
    for split in ("train", "dev"):
        records = load_split(args.work, split)
        annotations, seconds, count = annotate_records(records, args.work / f"annotations_{split}.json")
        embed_seconds, sentences = embed_seconds + seconds, sentences + count
        results[split] = evaluate(records, annotations)
        all_records += records
        all_annotations.update(annotations)
        print(split, json.dumps(results[split], indent=1, default=str))
    embed_info = (f"{sentences} sentences, annotated in {embed_seconds:.0f} s" if embed_seconds
                  else f"{sentences} sentences (annotations cached from an earlier run)")
    scaling = scale(all_records, all_annotations)
    print(scaling)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report(results, scaling, embed_info), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
