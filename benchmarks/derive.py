"""Build a labelled set of derived articles (who copied whom) from ECB+ articles.

No public data set labels news derivations, so this script makes one: it
takes real ECB+ articles as originals (independent reports; articles on the
same ECB+ story are the hard negatives: same event, same names, no copying)
and writes derived articles whose parents are known:

    wire-copy    verbatim copy, new headline, trimmed ends
    insert       verbatim copy with paragraphs from an unrelated article inserted
    rewrite      every sentence rewritten: reporting verbs, synonyms, number
                 formats, "X, Y said." clauses turned round
    restructure  rewrite + sentences reordered, some dropped, one added
    mixture      an aggregation: the first part of one parent, then part of another
    condense     (HELD OUT of all tuning) about half the sentences kept, merged
                 in pairs and rewritten, a "condensed version" style summary

Output (under benchmarks/work/, never committed): `derived_<split>.jsonl`, one
article per line: id, story, text, published (ISO date or null, dropped at
random so direction must sometimes be found without dates), parents (ids),
method, origin (the gold origin group: the original a derived article mostly
comes from), donors (ids of other-split articles whose paragraphs an `insert`
copy holds: not parents, but their text is in it). Deterministic for a given --seed.

ECB+ itself holds undocumented copies (two "independent" articles that are
versions of one wire story). Originals of one story that share a run of
KNOWN_REUSE_WORDS identical words, or whose difflib word alignment (blocks of
5+ words) covers KNOWN_REUSE_SHARE of the shorter one, are put in one gold
origin group (field `origin`, the group's first id), so such pairs are
scored as the copies they are rather than as negatives; the count is printed.

    .venv/bin/python benchmarks/derive.py [--ecbplus PATH] [--out DIR] [--seed N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import random
import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_ECBPLUS = PROJECT.parent / "shared" / "benchmarks" / "ecbplus" / "ecbplus_traindev.jsonl"
DEFAULT_OUT = PROJECT / "benchmarks" / "work"

METHODS = ("wire-copy", "insert", "rewrite", "restructure", "mixture", "condense")
HELD_OUT_METHOD = "condense"
MIN_PARENT_SENTENCES = 5
KNOWN_REUSE_WORDS = 20
KNOWN_REUSE_SHARE = 0.4
KNOWN_REUSE_BLOCK = 5

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘A-Z0-9])")

# Word choice: one direction only so the rewrite is reproducible.
SYNONYMS = {
    "police": "authorities", "officers": "officials", "officer": "official", "arrested": "detained",
    "fire": "blaze", "car": "vehicle", "cars": "vehicles", "died": "passed away", "home": "house",
    "children": "kids", "people": "individuals", "big": "large", "help": "assist", "began": "started",
    "begin": "start", "film": "movie", "films": "movies", "earthquake": "quake", "injured": "hurt",
    "attack": "assault", "residents": "locals", "spokesman": "representative", "spokeswoman": "representative",
    "many": "numerous", "major": "significant", "investigators": "detectives", "building": "structure",
    "company": "firm", "team": "squad", "game": "match", "star": "celebrity", "actress": "performer",
    "actor": "performer", "city": "town", "country": "nation", "leader": "chief", "government": "administration",
    "however": "but", "also": "additionally", "after": "following", "because": "since", "killed": "slain",
    "shot": "gunned down", "hospital": "medical centre", "announced": "revealed", "reported": "indicated",
    "confirmed": "verified", "statement": "release", "week": "seven days", "near": "close to",
    "about": "around", "more than": "over", "at least": "no fewer than", "despite": "in spite of",
    "large": "sizeable", "small": "minor", "quickly": "rapidly", "believed": "thought", "won": "clinched",
    "beat": "defeated", "season": "campaign", "agreed": "consented", "deal": "agreement", "buy": "acquire",
    "bought": "acquired", "released": "issued", "new": "fresh", "old": "aged", "former": "ex-",
    "earlier": "previously", "later": "subsequently", "wife": "spouse", "husband": "spouse",
    "friends": "pals", "magazine": "publication", "show": "programme", "shows": "programmes",
}
REPORTING_VERBS = {
    "said": "stated", "says": "states", "told": "informed", "added": "went on to say",
    "explained": "noted", "claimed": "alleged", "according to": "as reported by",
}
NUMBER_WORDS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10",
}
ADDED_SENTENCES = (
    "The news spread quickly on social media.",
    "More details are expected in the coming days.",
    "It was not immediately clear what would happen next.",
    "Reactions poured in from across the region.",
    "The story is developing and will be updated.",
)
HEADLINE_PREFIXES = ("", "UPDATE: ", "BREAKING: ", "Report: ", "WATCH: ")


def split_sentences(text: str) -> list[str]:
    """Regex sentence split per paragraph (the deriver needs no model)."""
    sentences = []
    for paragraph in text.split("\n"):
        sentences.extend(part.strip() for part in _SENTENCE_END.split(paragraph.strip()) if part.strip())
    return sentences


def _replace_words(sentence: str, table: dict[str, str], rng: random.Random, rate: float) -> str:
    def swap(match: re.Match) -> str:
        word = match.group(0)
        if rng.random() > rate:
            return word
        new = table[word.lower()]
        return new[0].upper() + new[1:] if word[0].isupper() else new

    pattern = r"\b(" + "|".join(sorted(map(re.escape, table), key=len, reverse=True)) + r")\b"
    return re.sub(pattern, swap, sentence, flags=re.IGNORECASE)


def _number_formats(sentence: str) -> str:
    sentence = re.sub(r"(?<=\d),(?=\d{3}\b)", "", sentence)
    sentence = re.sub(r"\bpercent\b", "per cent", sentence)
    pattern = r"\b(" + "|".join(NUMBER_WORDS) + r")\b"
    return re.sub(pattern, lambda m: NUMBER_WORDS[m.group(0)], sentence)


def _turn_clause(sentence: str) -> str:
    """'"Quote," Name said.' -> 'Name said: "Quote."'; 'Clause, Name said.' -> 'Name said that clause.'"""
    quoted = re.match(r'^[“"](.+?)[,.]?[”"],?\s+(.{2,40}?)\s+(said|says|stated|states)\.$', sentence)
    if quoted:
        return f'{quoted.group(2)} {quoted.group(3)}: "{quoted.group(1)}."'
    clause = re.match(r"^(.{20,}?),\s+((?:[A-Z][\w.-]*\s?){1,4}|police|officials)\s+(said|says)\.$", sentence)
    if clause:
        body = clause.group(1)
        return f"{clause.group(2).strip()} {clause.group(3)} that {body[0].lower()}{body[1:]}."
    return sentence


def rewrite_sentence(sentence: str, rng: random.Random) -> str:
    """Turn clauses, swap reporting verbs and words, change number formats."""
    sentence = _turn_clause(sentence)
    sentence = _replace_words(sentence, REPORTING_VERBS, rng, rate=0.9)
    sentence = _replace_words(sentence, SYNONYMS, rng, rate=0.8)
    return _number_formats(sentence)


def headline(sentences: list[str], rng: random.Random) -> str:
    words = re.findall(r"[\w'-]+", sentences[0])[: rng.randint(6, 10)]
    return rng.choice(HEADLINE_PREFIXES) + " ".join(w.capitalize() for w in words)


def derive_wire_copy(parent: list[str], rng: random.Random) -> list[str]:
    keep = parent[: len(parent) - rng.randint(0, max(1, len(parent) // 4))]
    return [headline(parent, rng)] + keep


def derive_insert(parent: list[str], filler: list[str], rng: random.Random) -> list[str]:
    body = list(parent)
    for _ in range(rng.randint(1, 2)):
        start = rng.randrange(max(1, len(filler) - 2))
        position = rng.randint(1, len(body))
        body[position:position] = filler[start:start + rng.randint(2, 3)]
    return body


def derive_rewrite(parent: list[str], rng: random.Random) -> list[str]:
    return [headline(parent, rng)] + [rewrite_sentence(s, rng) for s in parent]


def derive_restructure(parent: list[str], rng: random.Random) -> list[str]:
    body = [rewrite_sentence(s, rng) for s in parent]
    for i in range(1, len(body) - 1, 2):
        if rng.random() < 0.5:
            body[i], body[i + 1] = body[i + 1], body[i]
    drop = set(rng.sample(range(1, len(body)), k=len(body) // 5))
    body = [s for i, s in enumerate(body) if i not in drop]
    body.insert(rng.randint(1, len(body)), rng.choice(ADDED_SENTENCES))
    return body


def derive_condense(parent: list[str], rng: random.Random) -> list[str]:
    keep = [s for i, s in enumerate(parent) if i == 0 or rng.random() < 0.5]
    merged = []
    for i in range(0, len(keep), 2):
        pair = [rewrite_sentence(s, rng) for s in keep[i:i + 2]]
        if len(pair) == 2 and len(pair[0]) + len(pair[1]) < 260:
            first = pair[0].rstrip(".")
            merged.append(f"{first}; {pair[1][0].lower()}{pair[1][1:]}")
        else:
            merged.extend(pair)
    return merged + ["This is a condensed version of the original report."]


def derive_mixture(first: list[str], second: list[str], rng: random.Random) -> list[str]:
    share_first = max(2, round(len(first) * rng.uniform(0.55, 0.7)))
    share_second = max(2, round(len(second) * rng.uniform(0.3, 0.45)))
    return [headline(first, rng)] + first[:share_first] + second[:share_second]


def _date(rng: random.Random, base: dt.date, days: int) -> str | None:
    return None if rng.random() < 0.5 else (base + dt.timedelta(days=days)).isoformat()


def derive_split(rows: list[dict], split: str, seed: int) -> list[dict]:
    """Originals of one split plus their derivations, as output records."""
    rng = random.Random(f"{seed}-{split}")
    originals = [row for row in rows if row["split"] == split]
    sentences = {row["id"]: split_sentences(row["text"]) for row in originals}
    others = [row for row in rows if row["split"] != split] or originals
    base = {row["id"]: dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(700)) for row in originals}
    group = known_reuse_groups(originals)
    out = [
        {"id": row["id"], "story": row["story"], "text": row["text"], "published": _date(rng, base[row["id"]], 0),
         "parents": [], "donors": [], "method": "original", "origin": group[row["id"]]}
        for row in originals
    ]
    by_story: dict[str, list[dict]] = {}
    for row in originals:
        if len(sentences[row["id"]]) >= MIN_PARENT_SENTENCES:
            by_story.setdefault(row["story"], []).append(row)
    counter = 0
    for story, parents in sorted(by_story.items()):
        rng.shuffle(parents)
        for parent in parents[: max(1, int(len(parents) * 0.6))]:
            method = METHODS[counter % len(METHODS)]
            counter += 1
            body, parent_ids, donors = _derive(method, parent, parents, sentences, others, rng)
            if body is None:
                continue
            child_id = f"{parent['id']}~{method}~{counter}"
            out.append({
                "id": child_id, "story": story, "text": _join(body, rng),
                "published": _date(rng, base[parent["id"]], rng.randint(0, 3)),
                "parents": parent_ids, "donors": donors, "method": method, "origin": group[parent_ids[0]],
            })
    return out


def is_known_copy(words_a: list[str], words_b: list[str]) -> bool:
    """Two texts that are versions of one text: a long identical run or mostly aligned words."""
    blocks = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).get_matching_blocks()
    longest = max((block.size for block in blocks), default=0)
    aligned = sum(block.size for block in blocks if block.size >= KNOWN_REUSE_BLOCK)
    shorter = min(len(words_a), len(words_b)) or 1
    return longest >= KNOWN_REUSE_WORDS or aligned / shorter >= KNOWN_REUSE_SHARE


def known_reuse_groups(originals: list[dict]) -> dict[str, str]:
    """Original id -> first id of its group of originals of one story that are copies of each other."""
    group = {row["id"]: row["id"] for row in originals}

    def find(x: str) -> str:
        while group[x] != x:
            x = group[x]
        return x

    words = {row["id"]: re.findall(r"\w+", row["text"].lower()) for row in originals}
    for i, row in enumerate(originals):
        for other in originals[:i]:
            if other["story"] == row["story"] and is_known_copy(words[row["id"]], words[other["id"]]):
                group[find(row["id"])] = find(other["id"])
    return {row["id"]: find(row["id"]) for row in originals}


def _derive(method, parent, parents, sentences, others, rng):
    own = sentences[parent["id"]]
    if method == "mixture":
        partners = [p for p in parents if p["id"] != parent["id"]]
        if not partners:
            return None, [], []
        partner = rng.choice(partners)
        return derive_mixture(own, sentences[partner["id"]], rng), [parent["id"], partner["id"]], []
    if method == "insert":
        donor = rng.choice([o for o in others if o["topic"] != parent["topic"]])
        return derive_insert(own, split_sentences(donor["text"]), rng), [parent["id"]], [donor["id"]]
    derive = {"wire-copy": derive_wire_copy, "rewrite": derive_rewrite,
              "restructure": derive_restructure, "condense": derive_condense}[method]
    return derive(own, rng), [parent["id"]], []


def _join(sentences: list[str], rng: random.Random) -> str:
    """Sentences into paragraphs of 1-3 sentences."""
    paragraphs, i = [], 0
    while i < len(sentences):
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[i:i + size]))
        i += size
    return "\n\n".join(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecbplus", type=Path, default=DEFAULT_ECBPLUS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.ecbplus.read_text(encoding="utf-8").splitlines() if line.strip()]
    args.out.mkdir(parents=True, exist_ok=True)
    for split in sorted({row["split"] for row in rows}):
        records = derive_split(rows, split, args.seed)
        path = args.out / f"derived_{split}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        derived = sum(1 for r in records if r["parents"])
        copied = sum(1 for r in records if not r["parents"] and r["origin"] != r["id"])
        print(f"{path}: {len(records)} articles, {derived} derived, {copied} originals found to copy another")


if __name__ == "__main__":
    main()
