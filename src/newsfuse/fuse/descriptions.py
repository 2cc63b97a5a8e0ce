"""Definite descriptions in a summary line: introduced, resolved to a name, or dangling.

A line opening "The team said ..." or "The former president visited ..."
points back to something its article named before; lifted into a summary it
reads only when the summary's earlier lines introduced it. `Descriptions.shown`
decides, for a line and the lines shown before it:

- no definite description opens the line (or it names something: "The
  United Nations", "The store's owner, Jim Smith, ...", "The man who ...",
  "The price of oil ..."): the line as it is;
- its head noun needs no antecedent ("the police", "the government"; see
  _UNIQUE), or an earlier line says one of its words (any form: "attacked"
  before "The attack", "ferry" before "The ferry operator"), or names the one person or body the articles describe so
  ("Pinochet" before "The former dictator"; see descriptors): the line as it is;
- the head noun is an event noun (see _EVENT) and an earlier line told what
  happened ("The blast killed two" after the opening), or a kind of place or
  body of which an earlier line names one ("The state" after "Texas"; see
  _KINDS), or a describing word before it says what it is ("The
  unemployment rate", "The partial government shutdown"): the line as it is;
- the articles describe exactly one person or body with that noun, in an
  apposition or a title before the name ("Jim Smith, the store's owner,";
  "store owner Jim Smith"): the description replaced by the name;
- else None: the line dangles and is left out.

Within the line, a description of a person or body that is a subject or an
object ("Police questioned the team", "said the former president"; see
parsed.definite_descriptions) is read the same way against the earlier lines
and the line's own words before it, whatever opens the line.

A line opening with a person's surname alone ("DiLeo has spent 19 seasons
...", where the articles also write "Tony DiLeo") that no earlier line
names dangles too; references.in_full puts the full name in first when the
tagger knew it for a person's.
"""

from __future__ import annotations

import re

from newsfuse.annotate.descriptions import STORY_PERSON_NOUNS
from newsfuse.fuse.parsed import definite_descriptions
from newsfuse.models import Story
from newsfuse.text import TITLES

# A verb (or adverb) right after the subject noun phrase: where the phrase ends.
_VERB = (r"(?:[a-z]+ed|said|says|has|have|had|is|was|were|are|will|would|could|can|may|might|must|should|"
         r"did|does|do|won|lost|told|made|took|gave|came|comes|went|found|left|began|became|held|led|met|"
         r"put|saw|got|hit|struck|fell|rose|sent|spent|kept|brought|bought|sold|paid|built|ran|broke|shot|"
         r"wrote|also|now|then|still|remains?|plans?|wants?|says|faces?|needs?|seems?|appears?|began)")
# "The <up to three words> <head>" and what follows it: a possessive, a comma, a word.
_OPENING = re.compile(
    rf"^(?P<np>[Tt]he\s+(?:[a-z0-9][\w-]*\s+){{0,3}}?(?P<head>[a-z][a-z-]*[a-z]))"
    rf"(?=(?P<after>['’]s\b|\s*,\s*\S+|\s+(?:who|whose|which|that|of|in|at|on|for|from|with|to|by|and|or)\b"
    rf"(?:\s+\S+){{0,2}}|\s+{_VERB}\b))")
_SURNAME = re.compile(r"^([A-Z][\w'’-]+)(?:['’]s)?\s+(?![A-Z])")  # one capitalised word opening the line
# Capitalised words before a name that are no first name or title: a sentence's first word.
_NOT_FIRST_NAMES = frozenset({"The", "A", "An", "And", "But", "When", "After", "Before", "If", "As", "In", "On",
                              "At", "For", "With", "From", "By", "Then", "While", "Since", "Yesterday", "Today"})
_ARTICLE_WORDS = {"the", "a", "an", "this", "that", "these", "those"}
# Heads that refer without an antecedent in news: the institutions of the place the story is in.
_UNIQUE = frozenset({"police", "authorities", "government", "military", "army", "navy", "public", "media",
                     "press", "world", "economy", "internet", "weather", "opposition"})
# Heads naming the event a story reports: after an opening that told what happened, they refer to it.
_EVENT = frozenset({"attack", "attacks", "blast", "blasts", "explosion", "explosions", "bombing", "bombings",
                    "quake", "earthquake", "tremor", "crash", "fire", "blaze", "shooting", "storm", "toll",
                    "death", "deaths", "violence", "fighting", "incident", "accident", "disaster", "collapse",
                    "outbreak", "flooding", "floods", "hurricane", "tornado", "raid", "ambush", "clashes",
                    "victims", "dead", "injured", "wounded", "killings", "massacre"})
# Words of a description that do not say what it describes ("the former president", "the same day").
_MODIFIERS = frozenset({"former", "new", "old", "same", "other", "first", "last", "next", "previous", "latest",
                        "late", "two", "three", "four", "five", "many", "several", "both", "all", "such", "only"})
# Kinds of place and body: "the state" after a line naming Texas is Texas.
_KINDS = {
    "GPE": frozenset({"state", "country", "nation", "city", "town", "capital", "province", "region", "island",
                      "village", "county", "republic", "kingdom"}),
    "ORG": frozenset({"company", "firm", "group", "agency", "organisation", "organization", "party", "team",
                      "club", "bank", "airline", "network", "union", "ministry", "department", "council",
                      "committee", "board", "university", "hospital", "store", "retailer", "newspaper",
                      "league", "carrier", "manufacturer", "automaker", "studio", "channel", "broadcaster"}),
}
# A description with more describing words than this before its head says what it is on its own
# ("The unemployment rate", "The partial government shutdown"; not "The store", "The former president").
_SPECIFIC_WORDS = 1
_STEM = 6  # characters a word and its other forms share ("attack", "attacked")
_WORD = re.compile(r"[a-z][a-z-]+")
_TITLE = r"(?:[A-Z][a-z]{0,4}\.\s+|[A-Z][\w-]*\s+){0,3}"  # "Gen. ", "Chilean ", "Vice " before a name
_DESCRIBED_BEFORE = re.compile(r"\b(?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?([a-z][a-z-]+)\s*,\s*$")
_DESCRIBED_AFTER = re.compile(r"^\s*,\s+(?:the|a|an|its|his|her|their)\s+((?:[\w'’-]+\s+){0,3}?[a-z][a-z-]+)"
                              r"(?=\s*(?:,|\.|;|\s(?:of|at|for|in|who|which|and)\b))")


class Descriptions:
    """The story's descriptions of its people and bodies, and the check of a line's opening (see module)."""

    def __init__(self, story: Story):
        self._named: dict[str, set[str]] = {}  # descriptor noun -> the names it describes (as written)
        self._surnames = _surnames(story)
        self._labelled: dict[str, set[str]] = {}  # entity label -> the story's names of that label
        for article in story.articles:
            for entity in story.annotations[article.id].entities:
                self._labelled.setdefault(entity.label, set()).add(entity.text)
                if entity.label in ("PERSON", "ORG") and len(entity.text) > 2:
                    for noun in _descriptors(article.text, entity.start, entity.end):
                        self._named.setdefault(noun, set()).add(entity.text)

    def shown(self, text: str, earlier: list[str]) -> str | None:
        """`text` as it may follow the lines `earlier` (in order): as it is, a description replaced by a
        name, or None when one dangles (see module): the opening's, then any within the line."""
        opened = self._opening_shown(text, earlier)
        if opened is None:
            return None
        opening = _OPENING.match(opened)
        return self._within_shown(opened, earlier, opening.end("np") if opening else 0)

    def _opening_shown(self, text: str, earlier: list[str]) -> str | None:
        surname = _SURNAME.match(text)
        if surname and surname.group(1) in self._surnames:
            return text if any(_names(line, surname.group(1)) for line in earlier) else None
        match = _OPENING.match(text)
        if match is None or _self_defined(match.group("after")):
            return text
        head = match.group("head")
        words = [word for word in _WORD.findall(match.group("np")[4:]) if word not in _MODIFIERS]
        if self._introduced(head, words, earlier) or head in _EVENT and earlier:
            return text
        named = self._one_name(head)
        if named and any(_names(line, named) for line in earlier):
            return text
        if named:
            return f"{named}{text[match.end('np'):]}"
        return None

    def _within_shown(self, text: str, earlier: list[str], start: int) -> str | None:
        """`text` with each description of a person or body after offset `start` (see parsed.definite_descriptions,
        _refers_to_someone) introduced by the lines before or the line's own words before it (as at the
        opening, or by any person or body named there), replaced by the one name the articles give it, or
        None when one dangles ("During the rally, the former president said ..." with nobody named yet)."""
        for description in reversed(definite_descriptions(text)):
            if (description.start < start or description.head != description.lemma
                    or not self._refers_to_someone(description.head)):
                continue  # a plural ("the justices") is mostly a group the story's kind of event implies
            words = [word for word in (*description.words, description.head) if word not in _MODIFIERS]
            before = [*earlier, text[:description.start]]
            if (self._introduced(description.head, words, before) or description.head in _EVENT
                    or self._someone_named(before)):
                continue  # "the senator" after "Bernie Sanders"
            named = self._one_name(description.head)
            if named is None:
                return None
            if not any(_names(line, named) for line in before):
                text = f"{text[:description.start]}{named}{text[description.end:]}"
        return text

    def _someone_named(self, earlier: list[str]) -> bool:
        """Whether `earlier` names a person or body of the story: a description of someone after it reads as
        pointing back to it, as a reader takes "the senator" after "Bernie Sanders"."""
        return any(_names(line, name) for label in ("PERSON", "ORG") for name in self._labelled.get(label, ())
                   for line in earlier)

    def _introduced(self, head: str, words: list[str], earlier: list[str]) -> bool:
        """Whether a description of `head` with `words` (the head among them) reads after `earlier`: a head needing no
        antecedent, one of its words said before, enough words to say what it is, or a kind named."""
        said = {word[:_STEM] for line in earlier for word in _WORD.findall(line.lower())}
        return (head in _UNIQUE or bool({word[:_STEM] for word in words} & said)
                or len(words) > _SPECIFIC_WORDS or self._kind_named(head, earlier))

    def _refers_to_someone(self, head: str) -> bool:
        """Whether `head` is a noun for a person or body: one the articles put beside a name, a title, a kind
        of body, or a noun for the person a story is about ("the actress", "the suspect")."""
        return (head in self._named or head in TITLES or head in STORY_PERSON_NOUNS
                or head in _KINDS["ORG"])

    def _kind_named(self, head: str, earlier: list[str]) -> bool:
        """Whether `head` names a kind ("the state", "the company"; see _KINDS) of which an earlier
        line names one ("Texas", "Boeing")."""
        return any(head in nouns and any(_names(line, name) for name in self._labelled.get(label, ())
                                         for line in earlier)
                   for label, nouns in _KINDS.items())

    def _one_name(self, head: str) -> str | None:
        """The one person or body the articles describe with `head` (its longest form), else None."""
        names = self._named.get(head, set())
        keys = {name.split()[-1] for name in names}
        return max(names, key=len) if len(keys) == 1 else None


def _surnames(story: Story) -> set[str]:
    """Names the story writes alone and last after a first name or title ("DiLeo" and "Tony DiLeo";
    not "Hillary" of "Democrat Hillary Clinton"): a person's surname. The tagger's label of the
    one-word mention is not needed (it calls some surnames bodies), but it must be a person or body."""
    alone = {entity.text for annotations in story.annotations.values() for entity in annotations.entities
             if entity.label in ("PERSON", "ORG") and len(entity.text.split()) == 1 and entity.text[:1].isupper()}
    text = "\n".join(article.text for article in story.articles)
    return {name for name in alone if any(first not in _NOT_FIRST_NAMES for first in re.findall(
        rf"\b([A-Z][a-z]+|[A-Z][a-z]{{0,3}}\.)\s+{re.escape(name)}\b(?!\s+[A-Z])", text))}


def _self_defined(after: str) -> bool:
    """Whether what follows the description defines it: an apposition or a name ("The owner, Jim
    Smith,"), a restrictive relative clause ("The man who ..."), or a phrase anchoring it that is
    not itself a description ("The price of oil", "The mayor of Boston", "The head of the
    International Monetary Fund"; not "The owner of the store")."""
    words = after.replace(",", " , ").split()
    if not words:
        return False
    if words[0] == ",":
        return len(words) > 1 and words[1][:1].isupper()
    if words[0] in ("who", "whose", "which", "that"):
        return True
    if words[0] in ("of", "in", "at", "on", "for", "from", "with", "to", "by"):
        named = len(words) > 2 and words[2][:1].isupper()  # "of the International Monetary Fund"
        return len(words) > 1 and (words[1].lower() not in _ARTICLE_WORDS or named)
    return False


def _names(line: str, name: str) -> bool:
    """Whether `line` names `name` (or its last word: "Pinochet" for "Augusto Pinochet")."""
    return any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", line) for form in (name, name.split()[-1]))


def _descriptors(text: str, start: int, end: int) -> set[str]:
    """Head nouns the article puts in apposition to the name at text[start:end] ("Jim Smith, the
    store's owner," and "the store's owner, Jim Smith,") or before it as a title ("store owner Jim
    Smith", "former Chilean dictator Gen. Augusto Pinochet")."""
    nouns = set()
    before = text[max(0, start - 80):start]
    if described := _DESCRIBED_BEFORE.search(before):
        nouns.add(described.group(1))
    if titled := re.search(rf"\b([a-z][a-z-]+)\s+{_TITLE}$", before):
        nouns.add(titled.group(1))
    if after := _DESCRIBED_AFTER.match(text[end:end + 80]):
        nouns.add(after.group(1).split()[-1])
    return {noun for noun in nouns if noun not in _ARTICLE_WORDS and len(noun) > 2}
