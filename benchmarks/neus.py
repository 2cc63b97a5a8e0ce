"""NeuS multi-document summary benchmark: newsfuse headline + summary vs. LexRank (sumy).

Usage: .venv/bin/python benchmarks/neus.py [DATA.jsonl] [--predictions OUT.txt] [--words 74] [--limit N]

For every story (3 articles, each its own origin, no provenance) it annotates
the articles, picks the story's `headline` (the best-supported article title)
and runs `find_facts` + `summarize(..., max_words=WORDS - headline words)`, and
writes headline and summary as one line per story, in file order: NeuS
references are a title followed by a summary, and the published baselines pick
titles as well as body sentences. The summary alone is scored too. In the same run LexRank (sumy 0.13, on the
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
import re
import statistics
import sys
import time
from pathlib import Path

from machine import machine_line

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
from newsfuse.fuse.headline import headline  # noqa: E402
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


def newsfuse_summaries(story: Story, words: int) -> dict[str, str]:
    """Our outputs within `words` words: headline + summary with one-source markers (as shipped),
    the summary alone, and headline + summary without markers."""
    facts = find_facts(story)
    title = headline(story.articles) or ""

    def text(budget: int, marks: bool) -> str:
        summary = summarize(story, facts, max_words=budget, mark_single_source=marks)
        return " ".join(sentence.text for sentence in summary)

    with_title = words - len(title.split())
    return {
        "ours": f"{title} {text(with_title, True)}".strip(),
        "summary_only": text(words, True),
        "unmarked": f"{title} {text(with_title, False)}".strip(),
    }


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
    variants = ("ours", "summary_only", "unmarked")
    outputs: dict[str, list[str]] = {variant: [] for variant in variants}
    peer = []
    annotate_seconds = summary_seconds = lexrank_seconds = 0.0
    for row in rows:
        began = time.perf_counter()
        story = build_story(row, models)
        annotated = time.perf_counter()
        for variant, text in newsfuse_summaries(story, words).items():
            outputs[variant].append(text)
        summarized = time.perf_counter()
        peer.append(lexrank_summary(story, words, lexrank))
        lexrank_seconds += time.perf_counter() - summarized
        annotate_seconds += annotated - began
        summary_seconds += summarized - annotated
    references = [row["reference_flat"] for row in rows]
    result = {"stories": len(rows), "words": words, "predictions": outputs["ours"],
              "lexrank": score(references, peer),
              "lexrank_words": statistics.mean(len(text.split()) for text in peer),
              "annotate_ms": 1000 * annotate_seconds / len(rows),
              "summary_ms": 1000 * summary_seconds / len(rows),
              "lexrank_ms": 1000 * lexrank_seconds / len(rows)}
    for variant in variants:
        result[variant] = score(references, outputs[variant])
        result[f"{variant}_words"] = statistics.mean(len(text.split()) for text in outputs[variant])
    return result


def markdown(result: dict, data: Path) -> str:
    peer = result["lexrank"]
    triple = lambda scores: " / ".join(f"{scores[key]:.2f}" for key in ROUGE_KEYS)  # noqa: E731
    ratio = lambda scores: " / ".join(f"{scores[key] / peer[key]:.3f}" for key in ROUGE_KEYS)  # noqa: E731
    ours_ms = result["annotate_ms"] + result["summary_ms"]
    row = lambda name, variant, ms: (  # noqa: E731
        f"| {name} | {triple(result[variant])} | {result[variant + '_words']:.1f} | {ms} |")
    lines = [
        "## NeuS: multi-document summary (headline + facts + cited summary)",
        "",
        f"Data: `{data.name}` ({result['stories']} stories x 3 articles), budget {result['words']} words, "
        "ROUGE F1 x100 (rouge_score, Porter stemming) against `reference_flat` (reference title + summary).",
        "",
        "| system | R-1 / R-2 / R-L | mean words | ms per story |",
        "|---|---|---|---|",
        row("newsfuse headline + summary (as shipped, one-source markers)", "ours",
            f"{ours_ms:.1f} (annotate {result['annotate_ms']:.1f} + fuse, all three rows, "
            f"{result['summary_ms']:.1f})"),
        row("newsfuse summary alone (no headline)", "summary_only", "same run"),
        row("newsfuse headline + summary, `mark_single_source=False`", "unmarked", "same run"),
        f"| LexRank (sumy, same sentences, cut to {result['words']} words), this run | {triple(peer)} | "
        f"{result['lexrank_words']:.1f} | {result['lexrank_ms']:.1f} (on annotated sentences) |",
        f"| ratio newsfuse (shipped) / LexRank | {ratio(result['ours'])} | | |",
        "",
        "Published peers on val (74 words), for reference: "
        + "; ".join(f"{name} {scores}" for name, scores in PUBLISHED_VAL_PEERS) + ".",
        "The headline is the article title whose words the other articles share most on average (`fuse/headline.py`);",
        "headline and summary share the word budget. The published peers pick titles among their",
        "sentences too. Our summaries keep whole sentences or end a sentence before a trailing clause",
        "(never mid-clause). NeuS articles carry no outlet name, so as shipped an unattributed",
        "one-source statement ends \"(one source)\" (2 words, counted in the budget) whenever the",
        "summary also holds a statement several articles make; the third row shows the cost.",
        "",
        machine_line(),
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
