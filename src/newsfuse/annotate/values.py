"""The value a written figure stands for: "15,000", "6.1", "2.5 million", "two-thirds", "dozens", "10 to 12".

Pure text in, `(value, value_max)` out; :mod:`newsfuse.annotate.numbers`
finds the figures in an article and what they count.
"""

from __future__ import annotations

import re

from text_to_num import text2num

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "two-thirds": 2 / 3,
             "three-quarters": 0.75, "two thirds": 2 / 3, "three quarters": 0.75}
# Vague plurals read as lower bounds: "dozens of people" is at least 24.
VAGUE_PLURALS = {"dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2000.0,
                 "millions": 2e6, "billions": 2e9}
_DIGITS = re.compile(r"(?<![\w.])(\d{1,3}(?:, ?\d{3})+|\d+)(\. ?\d+)?")
_RANGE_SPLIT = re.compile(r"\s*(?:\bto\b|\band\b|[-–—])\s*")


def parse_value(text: str) -> tuple[float, float | None] | None:
    """(value, value_max) of a figure's text; value_max only for ranges.

    Handles digits with separators and decimals, scale words ("1.2 million"),
    number words ("thirteen", "a dozen"), fractions ("half"), vague plurals
    ("hundreds") and ranges ("1,500 to 2,000", "between 5 and 10", "10-12").
    """
    cleaned = re.sub(r"^(?:between|from)\s+", "", text.strip().lower())
    parts = [part for part in _RANGE_SPLIT.split(cleaned) if part]
    if len(parts) == 2 and not is_word_number_with_and(cleaned):
        low, high = parse_single(parts[0]), parse_single(parts[1])
        if low is not None and high is not None:
            scale = trailing_scale(parts[1])
            if scale and not trailing_scale(parts[0]) and low * scale <= high:
                low *= scale
            return (low, high) if low < high else None
    single = parse_single(cleaned)
    return None if single is None else (single, None)


def is_word_number_with_and(text: str) -> bool:
    """ "one hundred and sixty" is one number, not a range."""
    return bool(re.search(r"\b(hundred|thousand|million|billion)\s+and\b", text))


def trailing_scale(text: str) -> float:
    words = text.split()
    return SCALES.get(words[-1], 0.0) if words else 0.0


def parse_single(text: str) -> float | None:
    """One number from its text, units and currency symbols ignored."""
    text = text.strip()
    if text in FRACTIONS:
        return FRACTIONS[text]
    if text in VAGUE_PLURALS:
        return VAGUE_PLURALS[text]
    match = _DIGITS.search(text)
    if match:
        value = float(re.sub(r"[, ]", "", match.group(1)) + (match.group(2) or "").replace(" ", ""))
        rest = text[match.end():].strip().split()
        if rest and rest[0] in SCALES:
            value *= SCALES[rest[0]]
        return value
    return parse_number_words(text)


def parse_number_words(text: str) -> float | None:
    """ "thirteen" -> 13, "a dozen" -> 12, "two million" -> 2e6; None if not a number."""
    words = [word for word in re.split(r"[\s]+", text) if word]
    multiplier = 1.0
    if words and words[-1] in {"dozen", "dozens"}:
        multiplier, words = 12.0, words[:-1]
    if words and words[0] in {"a", "an"}:
        words = ["one"] + words[1:]
    if not words:
        return multiplier if multiplier != 1.0 else None
    try:
        return float(text2num(" ".join(words), "en")) * multiplier
    except ValueError:
        return None
