"""Make a sentence lifted out of its article name who "he" or "she" is, and say which day "Thursday" was.

`lifted` is a sentence as the summary may show it, or None when it cannot
stand alone (see compress.stands_alone) and no rewrite below saves it.

`name_pronoun` rewrites the first "he"/"she"/"his"/"him" of a sentence to the
person's name, but only when the article makes that certain: the pronoun
comes before any person the sentence names, the sentence uses one gender
only, and the sentence right before it in the article names exactly one
person (so "he" has one candidate). Any
doubt returns None and the caller leaves the sentence out. "Her" (object or
possessive?), "they" and "it" are never rewritten.

A person the sentence names by one word only ("DiLeo has spent 19 seasons
with the 76ers.") is written in full (`in_full`, at the line that first names the person in the
summary) when the story names exactly one person so ("Tony DiLeo"; see
full_names). When it names two ("Nelson Mandela", "Winnie Mandela") the
mention stays as written: the articles' own wording, no guess.

A sentence that adds to what came before ("Lesser-known officials could face
charges too.") says nothing alone and is left out (see _ADDS_TO_BEFORE).

`dated_in_words` adds the resolved date to a weekday or "yesterday" that the
annotations resolved to a day: "on Thursday" -> "on Thursday (October 15, 1998)".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from newsfuse.annotate.gender import GENDERED_NOUNS, first_name_gender
from newsfuse.fuse.compress import stands_alone, tidy
from newsfuse.fuse.sentence_units import Unit
from newsfuse.models import Annotations, Article, Sentence, Story
from newsfuse.text import unresolved_pronoun

_MALE = re.compile(r"\b(?:[Hh]e|[Hh]is|[Hh]im|[Hh]imself)\b")
_FEMALE = re.compile(r"\b(?:[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b")
_PRONOUN = re.compile(f"{_MALE.pattern}|{_FEMALE.pattern}")
# Nouns for people a sentence may speak of without naming them ("a woman", "his wife"); role
# nouns ("spokesman") are left out, as they usually stand beside the name.
_UNNAMED_PEOPLE = frozenset("""man woman boy girl lady gentleman mother father wife husband son daughter
    brother sister widow widower mom dad mum grandmother grandfather""".split())
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
# Closing additive adverbs: "too", "as well", "either" at the end of the sentence, outside quotations.
_ADDS_TO_BEFORE = re.compile(r"(?:,\s*|\s)(?:too|as well|either)\s*[.!]?[\"”’')]*\s*$", re.IGNORECASE)
_NAME_WORD = re.compile(r"\b([A-Z][\w-]*)(?:['’]s)?\b")
# A name's particles ("Osama bin Laden", "F.W. de Klerk"): lower-case words inside a name.
_PARTICLE = r"(?:bin|ibn|al|el|de|da|di|du|del|della|der|den|van|von|la|le|dos|das)"
# A capitalised word or a particle right before or after: the word is part of a longer name.
_AFTER_NAME = re.compile(rf"(?:\b[A-Z][\w.'’-]*|\b{_PARTICLE})\s+$")
_BEFORE_NAME = re.compile(rf"^\s+(?:[A-Z]|{_PARTICLE}\b)")
_RELATIVE_DAY = re.compile(
    r"^(?:(?:on|last|this|next)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"yesterday|today|tonight|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?$", re.IGNORECASE)


def lifted(story: Story, unit: Unit) -> str | None:
    """The sentence as it reads lifted out of its article, or None when it cannot stand alone.

    Tidied (see tidy); a "he" or "she" nobody in the sentence answers to is
    replaced by the person's name when the article makes that certain (see
    name_pronoun), else the sentence is left out, as are fragments and
    sentences pointing back (see stands_alone) or adding to the one before (see _ADDS_TO_BEFORE),
    and the article's headline written again as its first line.
    """
    text = tidy(unit.sentence.text)
    if _repeats_title(text, story.by_id[unit.article]):
        return None
    annotations = story.annotations[unit.article]
    if unresolved_pronoun(text, unit.names_person) or dangling_pronoun(text, unit.index, annotations):
        named = name_pronoun(text, unit.index, annotations)
        if named is None or unresolved_pronoun(named, True):
            return None
        text = named
    return text if stands_alone(text) and not _ADDS_TO_BEFORE.search(_unquoted(text)) else None


def _repeats_title(text: str, article: Article) -> bool:
    """Whether `text` is the article's own headline written again as its first line (a supplied title;
    one taken from the text's first sentence is that sentence, and stays a candidate)."""
    return article.title_written and _plain(text) == _plain(article.title)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", text).lower().split())


def full_names(story: Story) -> dict[str, str | None]:
    """Surname -> the full name the story's articles write for it ("DiLeo" -> "Tony DiLeo").

    Keys are the last words of every person named in two or more words
    (possessive "'s" dropped); the most frequent form wins, the longer among
    equals. None when the surname belongs to two different people (two forms
    neither of which holds the other's words, case and initials' stops
    aside: "Nelson Mandela", "Winnie Mandela"; "Coach Maurice Cheeks" and
    "Maurice Cheeks", "P.W. Botha" and "P. W. Botha" are one), as then a
    one-word mention is ambiguous.
    """
    forms: dict[str, dict[str, int]] = {}
    for annotations in story.annotations.values():
        for entity in annotations.entities:
            words = re.sub(r"['’]s$", "", entity.text).split()
            if entity.label == "PERSON" and len(words) >= 2 and words[-1][:1].isupper():
                counts = forms.setdefault(words[-1], {})
                counts[" ".join(words)] = counts.get(" ".join(words), 0) + 1
    people: dict[str, str | None] = {}
    for surname, counts in forms.items():
        word_sets = [set(re.findall(r"\w+", full.lower())) for full in counts]
        one_person = all(left <= right or right <= left for left in word_sets for right in word_sets)
        people[surname] = max(sorted(counts), key=lambda full: (counts[full], len(full))) if one_person else None
    return people


def in_full(text: str, people: dict[str, str | None], introduced: set[str]) -> str:
    """`text` with the first mention of each surname it writes alone given in full (see full_names),
    unless that full name is in `introduced` (said by an earlier line of the summary)."""
    for start, end, surname in reversed(list(_alone(text, people))):
        full = people[surname]
        if full is not None and full not in introduced:
            text = f"{text[:start]}{full}{text[end:]}"
    return text


def _alone(text: str, people: dict[str, str | None]) -> Iterator[tuple[int, int, str]]:
    """(start, end, surname) of the first mention of each surname of `people` that `text` writes alone.

    A surname next to another capitalised word or a particle ("Tony DiLeo",
    "Gen. Pinochet", "bin Laden", "Mohamed Rashed") is no mention alone; one
    inside a quotation is the speaker's; a word the story never writes in a
    longer name is no key of `people` (taggers call places people, so the
    tagger's label of the mention is not needed).
    """
    unquoted = _unquoted(text)
    seen: set[str] = set()
    for match in _NAME_WORD.finditer(unquoted):
        surname = match.group(1)
        if surname in people and surname not in seen:
            seen.add(surname)
            if not (_AFTER_NAME.search(unquoted[:match.start()]) or _BEFORE_NAME.match(unquoted[match.end():])):
                yield match.start(1), match.end(1), surname


def name_pronoun(text: str, sentence_index: int, annotations: Annotations) -> str | None:
    """`text` (sentence `sentence_index` of the annotated article) with its first pronoun named, or None.

    None when the sentence has no he/she pronoun outside quotations before
    the first person it names, mixes genders, or the previous sentence does
    not name exactly one person.
    """
    unquoted = _unquoted(text)
    male, female = bool(_MALE.search(unquoted)), bool(_FEMALE.search(unquoted))
    first = _PRONOUN.search(unquoted)
    if first is None or male == female or first.start() > _first_person(text, sentence_index, annotations):
        return None
    word = first.group().lower()
    if word in ("her", "hers", "herself", "himself") or (female and word == "his"):
        return None
    people = _persons(annotations, sentence_index - 1)
    if len(people) != 1:
        return None
    name = people.pop()
    if not _only_candidate(name, "female" if female else "male", annotations, sentence_index - 1):
        return None
    replacement = f"{name}'s" if word == "his" else name
    return f"{text[:first.start()]}{replacement}{text[first.end():]}"


def _only_candidate(name: str, gender: str, annotations: Annotations, sentence_index: int) -> bool:
    """Whether `name`, the one person sentence `sentence_index` names, is the
    only one there a pronoun of `gender` can mean: the first name does not
    say otherwise, and the sentence speaks of no unnamed person of that
    gender ("A woman ran screaming ..., said Faud Ali": "she" is the woman)."""
    if first_name_gender(name) not in (None, gender):
        return False
    words = re.findall(r"[a-z]+", _unquoted(annotations.sentences[sentence_index].text).lower())
    return not any(word in _UNNAMED_PEOPLE and GENDERED_NOUNS[word] == gender for word in words)


def _unquoted(text: str) -> str:
    """`text` with its quotations blanked out (same length, so offsets hold)."""
    return _QUOTED.sub(lambda match: " " * len(match.group()), text)


def _first_person(text: str, sentence_index: int, annotations: Annotations) -> int:
    """Offset in `text` of the first person that sentence `sentence_index` names (len(text) when none):
    a person entity of the sentence, or a name or surname the article tags as a person elsewhere
    (the tagger misses some mentions: "Trump’s" in one sentence, "Donald Trump" in the next)."""
    found = [text.find(entity.text) for entity in annotations.entities
             if entity.label == "PERSON" and entity.sentence == sentence_index]
    names = {word for entity in annotations.entities if entity.label == "PERSON"
             for word in (entity.text, entity.text.split()[-1]) if word[:1].isupper() and len(word) > 2}
    found += [match.start() for name in names
              for match in [re.search(rf"\b{re.escape(name)}\b", text)] if match]
    return min((offset for offset in found if offset >= 0), default=len(text))


def dangling_pronoun(text: str, sentence_index: int, annotations: Annotations) -> bool:
    """Whether `text` (sentence `sentence_index`) says "he"/"she"/"his"/"him"/"her" outside quotations
    before naming any person.

    "Investigators suspect he was a central figure in the plot." and "In
    1990, she founded a clinic." are True: lifted out of the article, nobody
    knows who is meant. "Haddad said he was innocent." is False.
    """
    first = _PRONOUN.search(_unquoted(text))
    return first is not None and first.start() < _first_person(text, sentence_index, annotations)


def _persons(annotations: Annotations, sentence_index: int) -> set[str]:
    """The persons named in one sentence, as it writes them, one form per surname (empty when out of range)."""
    forms: dict[str, str] = {}
    for entity in annotations.entities:
        if entity.label == "PERSON" and entity.sentence == sentence_index and entity.text.split():
            surname = entity.text.split()[-1]
            forms[surname] = max(forms.get(surname, ""), entity.text, key=len)
    return set(forms.values())


def dated_in_words(text: str, sentence: Sentence, annotations: Annotations) -> str:
    """`text` with the first day-precise relative date of `sentence` followed by its date in words.

    "on Thursday" -> "on Thursday (October 15, 1998)". `text` is the sentence
    as shown (possibly tidied); the expression must appear in it once.
    Unchanged when the sentence already gives the date or holds no such expression.
    """
    for mention in annotations.dates:
        if not (sentence.start <= mention.start < sentence.end) or mention.precision != "day":
            continue
        if not _RELATIVE_DAY.match(mention.text.strip()):
            return text  # the sentence gives a date ("October 15") already
        found = [match for match in re.finditer(rf"\b{re.escape(mention.text.strip())}\b", text)]
        try:
            day = date.fromisoformat(mention.date)
        except ValueError:
            return text
        if len(found) != 1 or re.match(r"['’]s\b", text[found[0].end():]):
            return text  # "Tuesday's collapse" would read "Tuesday (March 11, 2025)'s"
        end = found[0].end()
        return f"{text[:end]} ({day:%B} {day.day}, {day.year}){text[end:]}"
    return text
