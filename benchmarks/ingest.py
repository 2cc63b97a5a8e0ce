"""Ingest: header recovery from plain-text layouts, and ingest speed.

Real articles with known title/author/date/outlet (PolNeAR dev: 84, NeuS val:
921) are written as plain-text files in the layouts feeds and clipping services
use, then loaded with `newsfuse.ingest.load`. Scored per layout: exact title,
author, date and outlet, and whether the body came out exactly (nothing of the
body lost, nothing of the header left in). Peer baseline in the same run: the
usual naive reader, "first line is the title, the rest is the body".
Speed: ECB+ train+dev (772 articles) as one JSONL file and as 772 .txt files,
against a bare reader (read + ftfy.fix_text) on the same files.

    python benchmarks/ingest.py [--shared ../shared/benchmarks]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import time
from pathlib import Path

from machine import machine_line

import ftfy

from newsfuse.ingest import load
from newsfuse.ingest.repair import normalise_whitespace, repair_text

PROJECT = Path(__file__).resolve().parents[1]
WORK = PROJECT / "benchmarks" / "work" / "ingest"
RESULT = PROJECT / "benchmarks" / "results" / "ingest.md"
_BY = re.compile(r"^by\s*", re.IGNORECASE)  # some PolNeAR authors keep their "By"
FIELDS = ("title", "author", "published", "outlet")
LAYOUTS = ("outlet+title+byline+date", "title+body", "title+body, no blank line", "date prefix + body", "body only")
TITLE_ONLY_LAYOUTS = ("title+body", "title+body, no blank line", "body only")  # NeuS has no author or date


def layouts(record: dict) -> dict[str, str]:
    """The same article written in each plain-text layout (name -> file text)."""
    title, body = record["title"], record["body"]
    full = f"{record['outlet']}\n\n{title}\n\nBy {record['author']}\n\n{record['published']}\n\n{body}"
    return dict(zip(LAYOUTS, (full, f"{title}\n\n{body}", f"{title}\n{body}", f" date {record['published']} {body}", body)))


def expected(record: dict, layout: str) -> dict:
    """Gold fields a reader should recover from `layout` (None where the layout has none)."""
    has = {
        "title": "title" in layout, "author": "byline" in layout, "outlet": "outlet" in layout,
        "published": "date" in layout,
    }
    gold = {name: record[name] if has[name] else None for name in FIELDS}
    gold["text"] = repair_text(record["body"])[0]
    return gold


def polnear(path: Path) -> list[dict]:
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        first, _, body = item["text"].partition("\n\n")  # PolNeAR texts open with "Title."
        if not (item["title"] and item["author"] and body.strip()) or not first.startswith(item["title"][:20]):
            continue
        records.append({"id": f"polnear-{item['doc_id']}", "title": item["title"], "body": body.strip(),
                        "author": _BY.sub("", item["author"]), "published": item["publication_date"],
                        "outlet": item["publisher"].title()})
    return records


def neus(path: Path) -> list[dict]:
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        for article in story["articles"]:
            if article["title"] and article["text"].strip():
                records.append({"id": f"neus-{story['id']}-{article['aid']}", "title": article["title"],
                                "body": article["text"].strip(), "author": None, "published": None,
                                "outlet": None})
    return records


def naive_read(text: str) -> dict:
    """The peer: first non-blank line is the title, the rest is the body."""
    first, _, rest = normalise_whitespace(text).partition("\n")
    return {"title": first, "author": None, "published": None, "outlet": None,
            "text": repair_text(rest.strip())[0]}


def score(pairs: list[tuple[dict, dict]]) -> dict[str, float]:
    """Percent exact per field over articles whose layout holds it; `text` body exact, `kept` body all there."""
    result = {}
    for name in (*FIELDS, "text"):
        relevant = [(got, gold) for got, gold in pairs if gold[name] is not None]
        if relevant:
            hits = sum(_same(got.get(name), gold[name], name) for got, gold in relevant)
            result[name] = 100 * hits / len(relevant)
    result["kept"] = 100 * sum(gold["text"] in (got.get("text") or "") for got, gold in pairs) / len(pairs)
    return result


def _same(got, gold, name: str) -> bool:
    if name == "published":
        return got == gold
    squash = lambda value: " ".join(str(value or "").split()).rstrip(".").lower()  # noqa: E731
    return squash(got) == squash(gold)


def run_fields(records: list[dict], work: Path, dataset: str, names) -> list[tuple[str, str, dict, int]]:
    """Scores of newsfuse and the baseline per layout in `names`, files written under `work`."""
    rows = []
    for layout in names:
        folder = work / layout.replace(" ", "_").replace(",", "").replace("+", "-")
        folder.mkdir(parents=True)
        texts = {record["id"]: layouts(record)[layout] for record in records}
        for record_id, text in texts.items():
            (folder / f"{record_id}.txt").write_text(text, encoding="utf-8")
        # keyed by file stem: ids are made safe for URLs, stems are the record ids
        loaded = {Path(article.path).stem: article.model_dump() for article in load([folder]).articles}
        golds = {record["id"]: expected(record, layout) for record in records}
        ours = [(loaded.get(record_id, {}), golds[record_id]) for record_id in texts]
        naive = [(naive_read(texts[record_id]), golds[record_id]) for record_id in texts]
        rows.append((f"{dataset}: {layout}", "newsfuse", score(ours), len(records)))
        rows.append((f"{dataset}: {layout}", "first-line baseline", score(naive), len(records)))
    return rows


def run_speed(ecbplus: Path) -> list[tuple[str, float, float, int]]:
    folder = WORK / "ecbplus_txt"
    folder.mkdir(parents=True)
    records = [json.loads(line) for line in ecbplus.read_text(encoding="utf-8").splitlines()]
    for record in records:
        (folder / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
    jsonl = WORK / "ecbplus.jsonl"
    shutil.copyfile(ecbplus, jsonl)
    load([jsonl])  # warm imports (dateparser, ftfy tables) so both sides start equal
    rows = []
    for name, target in (("772 .txt files", folder), ("one .jsonl file", jsonl)):
        started = time.perf_counter()
        count = len(load([target]).articles)
        ours = time.perf_counter() - started
        started = time.perf_counter()
        _bare_read(target)
        bare = time.perf_counter() - started
        rows.append((name, ours, bare, count))
    return rows


def _bare_read(target: Path) -> None:
    if target.is_dir():
        for path in sorted(target.iterdir()):
            ftfy.fix_text(path.read_text(encoding="utf-8"))
    else:
        for line in target.read_text(encoding="utf-8").splitlines():
            ftfy.fix_text(json.loads(line)["text"])


def report(field_rows, speed_rows, sizes) -> str:
    lines = [
        "## Ingest: header recovery and speed",
        "",
        f"Data: PolNeAR dev ({sizes['polnear']} articles with title, author, date, outlet) and NeuS val "
        f"({sizes['neus']} articles with title), each written in plain-text layouts and loaded with "
        "`newsfuse.ingest.load`. Exact-match percent per field over articles whose layout holds it; "
        "body exact = body recovered exactly (after the same text repair on both sides); body kept = no "
        "body text lost (a line kept in the body when unsure whether it is a title costs 'exact', not "
        "'kept'). Peer: the naive reader \"first line = title, rest = body\", scored on the same files.",
        "",
        "| layout | reader | title | author | date | outlet | body exact | body kept | articles |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for layout, reader, scores, count in field_rows:
        cells = [f"{scores[name]:.1f}" if name in scores else "–" for name in (*FIELDS, "text", "kept")]
        lines.append(f"| {layout} | {reader} | " + " | ".join(cells) + f" | {count} |")
    lines += ["", "| input | newsfuse load (s) | articles / s | bare read + ftfy (s) | ratio |", "|---|---|---|---|---|"]
    for name, ours, bare, count in speed_rows:
        lines.append(f"| ECB+ {name} | {ours:.2f} | {count / ours:.0f} | {bare:.2f} | {ours / bare:.1f}× slower |")
    lines += ["", machine_line(), ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=PROJECT.parent / "shared" / "benchmarks")
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    polnear_records = polnear(args.shared / "polnear" / "dev.jsonl")
    neus_records = neus(args.shared / "neus" / "val.jsonl")
    field_rows = run_fields(polnear_records, WORK / "polnear", "PolNeAR", LAYOUTS)
    field_rows += run_fields(neus_records, WORK / "neus", "NeuS", TITLE_ONLY_LAYOUTS)
    speed_rows = run_speed(args.shared / "ecbplus" / "ecbplus_traindev.jsonl")
    sizes = {"polnear": len(polnear_records), "neus": len(neus_records)}
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(report(field_rows, speed_rows, sizes), encoding="utf-8")
    print(RESULT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
