"""NeuS multi-document summary benchmark: newsfuse summarize vs. LexRank (sumy).

Usage: .venv/bin/python benchmarks/neus.py [DATA.jsonl] [--predictions OUT.txt] [--words 74]

For every story (3 articles, each its own origin, no provenance) it annotates
the articles, runs `find_facts` + `summarize(..., max_words=WORDS)` and writes
one summary per line, in file order. In the same run LexRank (sumy 0.13, on the
same spaCy sentences, Snowball stemmer and sumy's English stop words) ranks the
sentences and its top ones are cut to exactly WORDS words, as the published
NeuS baselines are. Both are scored with ROUGE-1/2/L F1 (rouge_score, Porter
stemming) against `reference_flat`, exactly as the data set's `score_rouge.py`.
Writes the markdown section to benchmarks/results/neus.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from rouge_score import rouge_scorer  # noqa: E402
from sumy.models.dom import ObjectDocumentModel, Paragraph  # noqa: E402
from sumy.models.dom import Sentence as SumySentence  # noqa: E402
from sumy.nlp.stemmers import Stemmer  # noqa: E402
from sumy.summarizers.lex_rank import LexRankSummarizer  # noqa: E402
from sumy.utils import get_stop_words  # noqa: E402

from newsfuse.annotate import annotate_many  # noqa: E402
from newsfuse.annotate.nlp import shared_models  # noqa: E402
from newsfuse.fuse.facts import find_facts  # noqa: E402
from newsfuse.fuse.summary import summarize  # noqa: E402
from newsfuse.models import Article, Story  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = PROJECT.parent / "shared" / "benchmarks" / "neus" / "val.jsonl"
RESULTS = PROJECT / "benchmarks" / "results"
ROUGE_KEYS = ("rouge1", "rouge2", "rougeL")
PUBLISHED_VAL_PEERS = (  # 74-word summaries on val, from the task brief
    ("LexRank", "40.25 / 16.96 / 26.47"),
    ("TextRank", "40.45 / 17.37 / 27.00"),
    ("MiniLM centroid + MMR", "42.51 / 19.25 / 27.83"),
)


class RegexWordTokenizer:
    """sumy word tokenizer without NLTK data files (offline): letters/digits runs."""

    language = "english"
    _WORD = re.compile(r"\w+(?:['’]\w+)?")

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(self._WORD.findall(sentence))


def load_stories(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def build_story(row: dict, models) -> Story:
    """The row's articles as a Story, each article its own origin (no provenance run)."""
    articles = [Article(id=f"{row['id']}-{item['aid']}", title=item.get("title"), text=item["text"])
                for item in row["articles"]]
    return Story(articles, dict(zip((article.id for article in articles), annotate_many(articles, models))))


def newsfuse_summaries(story: Story, words: int) -> tuple[str, str]:
    """Our summary as shipped (one-source markers in the text), and the same without markers."""
    facts = find_facts(story)
    return tuple(
        " ".join(sentence.text for sentence in summarize(story, facts, max_words=words, mark_single_source=marks))
        for marks in (True, False)
    )


def lexrank_summary(story: Story, words: int, summarizer: LexRankSummarizer) -> str:
    """LexRank's best sentences (in document order) cut to exactly `words` words."""
    tokenizer = RegexWordTokenizer()
    paragraphs = [
        Paragraph([SumySentence(sentence.text, tokenizer)
                   for sentence in story.annotations[article.id].sentences])
        for article in story.articles
    ]
    document = ObjectDocumentModel(paragraphs)

    def enough(ranked):
        chosen, total = [], 0
        for info in ranked:
            if total >= words:
                break
            chosen.append(info)
            total += len(str(info.sentence).split())
        return chosen

    picked = summarizer(document, enough)
    return " ".join(" ".join(str(sentence) for sentence in picked).split()[:words])


def score(references: list[str], predictions: list[str]) -> dict[str, float]:
    scorer = rouge_scorer.RougeScorer(list(ROUGE_KEYS), use_stemmer=True)
    totals = dict.fromkeys(ROUGE_KEYS, 0.0)
    for reference, prediction in zip(references, predictions):
        result = scorer.score(reference, prediction)
        for key in ROUGE_KEYS:
            totals[key] += result[key].fmeasure
    return {key: 100 * value / len(references) for key, value in totals.items()}


def run(data: Path, words: int, limit: int | None) -> dict:
    rows = load_stories(data)[:limit]
    models = shared_models()
    models.nlp, models.embedder  # load both before timing
    lexrank = LexRankSummarizer(Stemmer("english"))
    lexrank.stop_words = get_stop_words("english")
    ours, unmarked, peer = [], [], []
    annotate_seconds = summary_seconds = lexrank_seconds = 0.0
    for row in rows:
        began = time.perf_counter()
        story = build_story(row, models)
        annotated = time.perf_counter()
        marked, plain = newsfuse_summaries(story, words)
        ours.append(marked)
        unmarked.append(plain)
        summarized = time.perf_counter()
        peer.append(lexrank_summary(story, words, lexrank))
        lexrank_seconds += time.perf_counter() - summarized
        annotate_seconds += annotated - began
        summary_seconds += summarized - annotated
    references = [row["reference_flat"] for row in rows]
    return {
        "stories": len(rows), "words": words, "predictions": ours,
        "ours": score(references, ours), "unmarked": score(references, unmarked),
        "lexrank": score(references, peer),
        "ours_words": statistics.mean(len(text.split()) for text in ours),
        "unmarked_words": statistics.mean(len(text.split()) for text in unmarked),
        "lexrank_words": statistics.mean(len(text.split()) for text in peer),
        "annotate_ms": 1000 * annotate_seconds / len(rows),
        "summary_ms": 1000 * summary_seconds / len(rows),
        "lexrank_ms": 1000 * lexrank_seconds / len(rows),
    }


def markdown(result: dict, data: Path) -> str:
    ours, unmarked, peer = result["ours"], result["unmarked"], result["lexrank"]
    triple = lambda scores: " / ".join(f"{scores[key]:.2f}" for key in ROUGE_KEYS)  # noqa: E731
    ratio = lambda scores: " / ".join(f"{scores[key] / peer[key]:.3f}" for key in ROUGE_KEYS)  # noqa: E731
    ours_ms = result["annotate_ms"] + result["summary_ms"]
    lines = [
        "## NeuS: multi-document summary (facts + cited summary)",
        "",
        f"Data: `{data.name}` ({result['stories']} stories x 3 articles), budget {result['words']} words, "
        "ROUGE F1 x100 (rouge_score, Porter stemming) against `reference_flat`.",
        "",
        "| system | R-1 / R-2 / R-L | mean words | ms per story |",
        "|---|---|---|---|",
        f"| newsfuse find_facts + summarize (as shipped, one-source markers) | {triple(ours)} | "
        f"{result['ours_words']:.1f} | {ours_ms:.1f} (annotate {result['annotate_ms']:.1f} + "
        f"fuse, both variants, {result['summary_ms']:.1f}) |",
        f"| newsfuse, same, `mark_single_source=False` | {triple(unmarked)} | "
        f"{result['unmarked_words']:.1f} | same run |",
        f"| LexRank (sumy, same sentences, cut to {result['words']} words), this run | {triple(peer)} | "
        f"{result['lexrank_words']:.1f} | {result['lexrank_ms']:.1f} (on annotated sentences) |",
        f"| ratio newsfuse (shipped) / LexRank | {ratio(ours)} | | |",
        f"| ratio newsfuse (no markers) / LexRank | {ratio(unmarked)} | | |",
        "",
        "Published peers on val (74 words), for reference: "
        + "; ".join(f"{name} {scores}" for name, scores in PUBLISHED_VAL_PEERS) + ".",
        "Our summaries keep whole sentences (never cut mid-sentence). NeuS articles carry no outlet",
        "name, so as shipped an unattributed one-source statement ends \"(one source)\" (2 words,",
        "counted in the budget) whenever the summary also holds a statement several articles make;",
        "with no such statement no marker is added. The second row shows summaries built without",
        "any marker (the budget then holds more content).",
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs. Date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M UTC}.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--predictions", type=Path, default=PROJECT / "benchmarks" / "work" / "neus_predictions.txt")
    parser.add_argument("--words", type=int, default=74)
    parser.add_argument("--limit", type=int, default=None, help="first N stories only")
    parser.add_argument("--output", type=Path, default=RESULTS / "neus.md")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"NeuS data not found at {args.data}: pass the path to val.jsonl", file=sys.stderr)
        return 2
    result = run(args.data, args.words, args.limit)
    args.predictions.parent.mkdir(parents=True, exist_ok=True)
    args.predictions.write_text("\n".join(result["predictions"]) + "\n", encoding="utf-8")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    section = markdown(result, args.data)
    args.output.write_text(section, encoding="utf-8")
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
