"""Text repair: whitespace, mojibake (via ftfy) and mojibake whose bytes were lost.

`repair_text(text)` returns the repaired text and the flags describing what
was changed; every flag's evidence spans are offsets into the *repaired*
text (the `article` field of each span is left empty for the caller to fill).

Lost-byte mojibake is what ftfy cannot undo: a UTF-8 curly quote
(``E2 80 9C``) read as Windows-1252 is ``â€œ``; when a later step dropped the
continuation characters only ``â`` (or ``â€``) is left, e.g.
``âThey haven’t ... possible, âsaid``. Which character was meant is decided
from context: between letters before an English contraction ending it was an
apostrophe, between spaces a dash, otherwise a double quote whose direction
follows the quotes already open in the paragraph.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field

import ftfy

from newsfuse.ingest.language import guess_language
from newsfuse.models import Evidence, Flag

ENCODING_REPAIRED = "encoding-repaired"
MAX_EVIDENCE = 50  # spans kept per flag; the detail still gives the full count

_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, normalization=None)

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\x0b\x0c]")
# C0 controls (but tab and newline), DEL, BOM and zero-width space carry no text.
# C1 controls (U+0080-U+009F) are kept: they are the clues ftfy needs to undo mojibake.
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufeff\u200b]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_SPACE_AROUND_NEWLINE = re.compile(r" ?\n ?")
_BLANK_LINES = re.compile(r"\n{3,}")

# `â€` (two of three bytes) is always damage; a lone `â` only in English text.
_REMNANT = re.compile(r"â€|â")
_QUOTE_CHARS = re.compile(r"[\"“”]")
_CONTRACTION_END = re.compile(r"(?:s|t|d|m|ll|re|ve)\b")

APOSTROPHE, DASH, OPEN_QUOTE, CLOSE_QUOTE = "’", "—", "“", "”"


def normalise_whitespace(text: str) -> str:
    """Unify line breaks, drop invisible controls, collapse spaces, keep paragraphs.

    NFC-composes characters; every kind of space becomes one ASCII space, lines
    are stripped, and more than one blank line becomes one. Idempotent.
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text).replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _SPACE_AROUND_NEWLINE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


@dataclass
class _Tally:
    """What one repair pass changed, collected line by line."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    ftfy_steps: list[str] = field(default_factory=list)
    remnants: dict[str, int] = field(default_factory=dict)

    def add_steps(self, explanation) -> None:
        for action, detail in explanation or ():
            step = f"{action} {detail}"
            if step not in self.ftfy_steps:
                self.ftfy_steps.append(step)

    def add_remnant(self, kind: str) -> None:
        self.remnants[kind] = self.remnants.get(kind, 0) + 1


def repair_text(text: str) -> tuple[str, list[Flag]]:
    """Repair `text`; return it with an `encoding-repaired` flag when anything was fixed.

    Input: any decoded text. Output: (repaired text, flags); flag evidence
    offsets are character offsets into the repaired text, end exclusive.
    """
    text = normalise_whitespace(text)
    fix_lone_a = guess_language(text) == "en"
    tally = _Tally()
    out_lines, offset = [], 0
    for line in text.split("\n"):
        fixed = _repair_line(line, fix_lone_a, tally)
        if fixed != line:
            tally.spans.extend((offset + start, offset + end) for start, end in _changed_spans(line, fixed))
        out_lines.append(fixed)
        offset += len(fixed) + 1
    repaired = "\n".join(out_lines)
    if not tally.spans:
        return repaired, []
    return repaired, [_repair_flag(repaired, tally)]


def _repair_line(line: str, fix_lone_a: bool, tally: _Tally) -> str:
    fixed = line
    if not line.isascii():
        result = ftfy.fix_and_explain(line, _FTFY_CONFIG)
        fixed = result.text
        tally.add_steps(result.explanation)
    if "â" in fixed:
        fixed = _restore_remnants(fixed, fix_lone_a, tally)
    return fixed


def _restore_remnants(line: str, fix_lone_a: bool, tally: _Tally) -> str:
    """Replace `â`/`â€` left by lost UTF-8 bytes with the punctuation meant."""
    out: list[str] = []
    quote_open = False
    position = 0
    for match in re.finditer(f"{_QUOTE_CHARS.pattern}|{_REMNANT.pattern}", line):
        out.append(line[position:match.start()])
        position = match.end()
        token = match.group()
        if _QUOTE_CHARS.fullmatch(token):
            quote_open = token == "“" or (token == '"' and not quote_open)
            out.append(token)
            continue
        before = line[match.start() - 1] if match.start() else " "
        after = line[match.end()] if match.end() < len(line) else " "
        kind = _remnant_kind(token, before, after, line[match.end():], fix_lone_a)
        if kind is None:
            out.append(token)
            continue
        tally.add_remnant(kind)
        if kind == "apostrophe":
            out.append(APOSTROPHE)
        elif kind == "dash":
            out.append(DASH)
        else:
            _place_quote(out, closing=quote_open, next_char=after)
            quote_open = not quote_open
    out.append(line[position:])
    return "".join(out)


def _remnant_kind(token: str, before: str, after: str, rest: str, fix_lone_a: bool) -> str | None:
    """'apostrophe', 'dash', 'quote', or None when the `â` is a real letter."""
    if token == "â" and not fix_lone_a:
        return None
    if before.isalpha() and after.isalpha():
        is_contraction = _CONTRACTION_END.match(rest) is not None
        return "apostrophe" if is_contraction or token == "â€" else None
    if before.isspace() and after.isspace():
        return "dash"
    return "quote"


def _place_quote(out: list[str], *, closing: bool, next_char: str) -> None:
    """Append the quote mark, moving a misplaced space to the outer side.

    ``possible, âsaid`` becomes ``possible,” said``: a closing quote stuck to
    the next word with the space before it had the space swapped.
    """
    if closing:
        if out and out[-1].endswith(" ") and next_char.isalnum():
            out[-1] = out[-1][:-1]
            out.append(CLOSE_QUOTE + " ")
        else:
            out.append(CLOSE_QUOTE)
    else:
        out.append(OPEN_QUOTE)


def _changed_spans(before: str, after: str) -> list[tuple[int, int]]:
    """Spans of `after` that differ from `before`, found word by word in linear time.

    Repairs rarely add or remove spaces, so words pair up one to one and each
    changed pair is trimmed to what differs; otherwise the changed middle of
    the line is cited. Spans one character apart are merged.
    """
    old_words, new_words = before.split(" "), after.split(" ")
    if len(old_words) != len(new_words):
        return [_differing_span(before, after, 0)]
    spans: list[tuple[int, int]] = []
    offset = 0
    for old, new in zip(old_words, new_words):
        if old != new:
            start, end = _differing_span(old, new, offset)
            if end > start and spans and start <= spans[-1][1] + 1:
                spans[-1] = (spans[-1][0], end)
            elif end > start:
                spans.append((start, end))
        offset += len(new) + 1
    return spans


def _differing_span(old: str, new: str, offset: int) -> tuple[int, int]:
    """Offsets (plus `offset`) of the part of `new` left after the prefix and suffix it shares with `old`."""
    prefix = len(os.path.commonprefix([old, new]))
    room = min(len(old), len(new)) - prefix
    suffix = len(os.path.commonprefix([old[::-1], new[::-1]]))
    return offset + prefix, offset + len(new) - min(suffix, room)


def _repair_flag(text: str, tally: _Tally) -> Flag:
    parts = []
    if tally.ftfy_steps:
        parts.append("mis-decoded characters fixed with ftfy (" + ", ".join(tally.ftfy_steps) + ")")
    if tally.remnants:
        kinds = ", ".join(f"{count} {kind}{'s' if count > 1 else ''}" for kind, count in sorted(tally.remnants.items()))
        parts.append(f"characters left by lost UTF-8 bytes ('â') restored from context as {kinds}")
    shown = tally.spans[:MAX_EVIDENCE]
    detail = f"Repaired {len(tally.spans)} place(s): " + "; ".join(parts) + "."
    if len(tally.spans) > len(shown):
        detail += f" The first {len(shown)} are cited."
    evidence = [Evidence(article="", start=start, end=end, text=text[start:end]) for start, end in shown]
    return Flag(name=ENCODING_REPAIRED, detail=detail, evidence=evidence)
