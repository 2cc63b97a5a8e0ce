"""Speed and memory of `newsfuse brief`, cold and warm, against spaCy alone.

Stories: the bundled sample, the Kabul story from ../shared, a 200-article
story made by repeating and perturbing real texts (Kabul, the sample and
ECB+ articles: sentences dropped and reordered, numbers nudged, new ids and
outlets), written to benchmarks/work/story200/, and 200 different ECB+
articles (benchmarks/work/distinct200/), where hardly a sentence repeats.

Every figure is measured in a fresh child process (so peak RSS is that run's
own): `cold` starts from an empty store, `warm` reruns on the same store, and
`spacy` runs `nlp.pipe` alone over the same texts, the baseline of the ratio.
Model loading is timed apart from the analysis.

    python benchmarks/brief_speed.py [--size 200]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
WORK = PROJECT / "benchmarks" / "work"
RESULT = PROJECT / "benchmarks" / "results" / "brief.md"
KABUL = SHARED / "stories" / "kabul-airport-2021-08-27"
SAMPLE = PROJECT / "samples" / "harbour-bridge-collapse"
ECBPLUS = SHARED / "benchmarks" / "ecbplus" / "ecbplus_traindev.jsonl"


def perturb(text: str, rng: random.Random) -> str:
    """A plausible rewrite: drop and swap a few sentences, nudge some numbers."""
    sentences = [part for part in text.replace("\n", " \n ").split(". ") if part.strip()]
    kept = [sentence for sentence in sentences if rng.random() > 0.15] or sentences
    for _ in range(max(1, len(kept) // 6)):
        i, j = rng.randrange(len(kept)), rng.randrange(len(kept))
        kept[i], kept[j] = kept[j], kept[i]
    words = ". ".join(kept).split(" ")
    for index, word in enumerate(words):
        if word.isdigit() and rng.random() < 0.3:
            words[index] = str(int(word) + rng.randint(1, 5))
    return " ".join(words).replace(" \n ", "\n")


def content_hash(record: dict) -> str:
    """The hash newsfuse de-duplicates on, of the article this JSONL record becomes."""
    from newsfuse.ingest.build import build_article
    from newsfuse.ingest.records import read_jsonl

    drafts, _ = read_jsonl(json.dumps(record), stem="story", path="story.jsonl", flags=[])
    return build_article(drafts[0], record["id"]).content_hash


def make_story(size: int, folder: Path) -> Path:
    """Write a `size`-article JSONL story built from real texts into `folder`."""
    from newsfuse.ingest import load

    seeds = [article.text for article in load([str(KABUL), str(SAMPLE)]).articles]
    with ECBPLUS.open(encoding="utf-8") as handle:
        ecb = [json.loads(line) for line in handle]
    seeds += [record["text"] for record in ecb if record["topic"] in {"1", 1}][:40]
    rng = random.Random(7)
    written: set[str] = set()
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "story.jsonl").open("w", encoding="utf-8") as out:
        for index in range(size):
            record = {"id": f"a{index:04d}", "outlet": f"Outlet {index % 37}",
                      "published": f"2021-08-{20 + index % 9:02d}", "text": seeds[index % len(seeds)]}
            digest = content_hash(record)
            for attempt in range(1, 1000):  # brief would drop a repeated text as a duplicate
                if digest not in written:
                    break
                record["text"] = perturb(seeds[(index + attempt // 20) % len(seeds)], rng)  # short seeds run dry
                digest = content_hash(record)
            written.add(digest)
            out.write(json.dumps(record) + "\n")
    return folder


def make_distinct_story(size: int, folder: Path) -> Path:
    """Write the first `size` ECB+ articles (all different texts, few shared sentences) into `folder`."""
    with ECBPLUS.open(encoding="utf-8") as handle:
        records = [json.loads(line) for _, line in zip(range(size), handle)]
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "story.jsonl").open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps({"id": record["id"], "text": record["text"]}) + "\n")
    return folder


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(mode: str, story: Path, db: Path) -> dict:
    """Runs in the child: one measurement, printed as JSON."""
    from newsfuse.annotate.nlp import shared_models
    from newsfuse.ingest import load

    started = time.perf_counter()
    models = shared_models()
    models.nlp  # noqa: B018  (force the lazy loads)
    if mode != "spacy":
        models.embed(["warm up"])
    load_seconds = time.perf_counter() - started
    articles = load([str(story)]).articles
    started = time.perf_counter()
    if mode == "spacy":
        for _ in models.nlp.pipe(article.text for article in articles):
            pass
    else:
        from newsfuse.pipeline import brief_articles
        from newsfuse.render import write_outputs

        result = brief_articles(articles, db=db, models=models)
        write_outputs(result.briefing, WORK / "out" / story.name)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "load_seconds": load_seconds, "peak_rss_mb": peak_rss_mb(),
            "articles": len(articles), "words": sum(article.words for article in articles),
            **(sentence_counts(articles, db) if mode == "cold" else {})}


def sentence_counts(articles: list, db: Path) -> dict:
    """Sentences of the story and how many are distinct (the encoder runs once per distinct text),
    read back from the store after the timed run."""
    from newsfuse.pipeline import analyse
    from newsfuse.store import Store

    store = Store(db)
    try:
        texts = [sentence.text for item in analyse(articles, store=store).values() for sentence in item.sentences]
    finally:
        store.close()
    return {"sentences": len(texts), "distinct_sentences": len(set(texts))}


def child(mode: str, story: Path, db: Path) -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    output = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--story", str(story), "--db", str(db)],
        check=True, capture_output=True, text=True, env=env,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def bench_story(name: str, story: Path) -> dict:
    db = WORK / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    runs = {mode: child(mode, story, db) for mode in ("spacy", "cold", "warm")}
    print(f"{name}: " + ", ".join(f"{mode} {run['seconds']:.2f}s" for mode, run in runs.items()), flush=True)
    return runs


def report(results: dict[str, dict], size: int) -> str:
    lines = [
        "## `newsfuse brief`: speed and memory",
        "",
        "Each cell is one fresh process. *cold*: empty store, everything analysed; *warm*: rerun on",
        "the same store (annotations from the cache). *spaCy alone*: `nlp.pipe` over the same texts",
        "with the same model, the same-run baseline. Times exclude model loading (shown apart).",
        "",
        "| story | articles | words | spaCy alone | cold | cold / spaCy | warm | peak RSS cold | model load |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, runs in results.items():
        spacy, cold, warm = runs["spacy"], runs["cold"], runs["warm"]
        lines.append(
            f"| {name} | {cold['articles']} | {cold['words']:,} | {spacy['seconds']:.2f} s | "
            f"{cold['seconds']:.2f} s | {cold['seconds'] / max(spacy['seconds'], 1e-9):.2f}x | "
            f"{warm['seconds']:.2f} s | {cold['peak_rss_mb']:.0f} MB | {cold['load_seconds']:.1f} s |"
        )
    big = results.get(f"{size} articles")
    if big:
        ratio = big["cold"]["seconds"] / max(big["spacy"]["seconds"], 1e-9)
        lines += [
            "",
            f"Goals for the {size}-article story: cold under 60 s "
            f"({'met' if big['cold']['seconds'] < 60 else 'NOT met'}: {big['cold']['seconds']:.1f} s), "
            f"under 3x spaCy alone ({'met' if ratio < 3 else 'NOT met'}: {ratio:.2f}x, embeddings "
            f"included), warm under 10 s ({'met' if big['warm']['seconds'] < 10 else 'NOT met'}: "
            f"{big['warm']['seconds']:.1f} s).",
        ]
        lines += [
            "",
            f"Copies repeat whole sentences, as wire copies do, and each distinct sentence is encoded once: "
            f"the {size}-article story has {big['cold']['sentences']:,} sentences, "
            f"{big['cold']['distinct_sentences']:,} distinct.",
        ]
    lines += ["", f"The {size}-article story: {__doc__.split('Stories: ')[1].split('Every')[0].strip()}", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=200, help="articles in the synthetic story")
    parser.add_argument("--child", choices=["spacy", "cold", "warm"], help=argparse.SUPPRESS)
    parser.add_argument("--story", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.story, args.db)))
        return
    WORK.mkdir(parents=True, exist_ok=True)
    big = WORK / f"story{args.size}"
    shutil.rmtree(big, ignore_errors=True)
    distinct = WORK / f"distinct{args.size}"
    shutil.rmtree(distinct, ignore_errors=True)
    stories = {"sample (6 articles)": SAMPLE, "Kabul (4 articles)": KABUL,
               f"{args.size} articles": make_story(args.size, big),
               f"{args.size} distinct ECB+ articles": make_distinct_story(args.size, distinct)}
    results = {name: bench_story(name, path) for name, path in stories.items()}
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(report(results, args.size), encoding="utf-8")
    print(f"written {RESULT}")


if __name__ == "__main__":
    main()
