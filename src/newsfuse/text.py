"""Text helpers and word lists shared by the stages (annotate, fuse, render).

Stages import these from here, never from each other's modules, so a stage
can change its internals without breaking another. Everything is pure: plain
strings in, plain values out.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from spacy.lang.en.stop_words import STOP_WORDS

# ------------------------------------------------------------------ outlets

# Canonical outlet name -> aliases as they appear in text (case-sensitive;
# a leading "the" is handled by the patterns).
OUTLET_ALIASES: dict[str, tuple[str, ...]] = {
    "Associated Press": ("Associated Press", "AP"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "French news agency AFP"),
    "New York Times": ("New York Times", "NYT", "NY Times", "N.Y. Times", "nytimes.com"),
    "Washington Post": ("Washington Post", "WaPo", "washingtonpost.com"),
    "Wall Street Journal": ("Wall Street Journal", "WSJ"),
    "Los Angeles Times": ("Los Angeles Times", "LA Times", "L.A. Times"),
    "BBC": ("BBC", "BBC News", "British Broadcasting Corporation"),
    "CNN": ("CNN", "Cable News Network"),
    "NBC News": ("NBC News", "NBC"),
    "CBS News": ("CBS News", "CBS"),
    "ABC News": ("ABC News", "ABC"),
    "Fox News": ("Fox News",),
    "NPR": ("NPR", "National Public Radio"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "Guardian": ("Guardian", "Observer"),
    "Daily Telegraph": ("Daily Telegraph", "Telegraph"),
    "Times of London": ("Times of London",),
    "Financial Times": ("Financial Times", "FT"),
    "The Economist": ("Economist",),
    "Independent": ("Independent",),
    "Daily Mail": ("Daily Mail", "Mail Online", "MailOnline"),
    "Al Jazeera": ("Al Jazeera", "Al-Jazeera"),
    "Xinhua": ("Xinhua", "Xinhua News Agency"),
    "TASS": ("TASS", "Itar-Tass", "ITAR-TASS"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Interfax": ("Interfax",),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap", "Yonhap News Agency"),
    "Press Trust of India": ("Press Trust of India", "PTI"),
    "ANI": ("ANI", "Asian News International"),
    "IANS": ("IANS",),
    "United Press International": ("United Press International", "UPI"),
    "Politico": ("Politico", "POLITICO"),
    "Axios": ("Axios",),
    "Newsweek": ("Newsweek",),
    "Time": ("Time magazine", "TIME"),
    "USA Today": ("USA Today",),
    "People": ("People magazine",),
    "TMZ": ("TMZ",),
    "Variety": ("Variety",),
    "Der Spiegel": ("Der Spiegel", "Spiegel"),
    "Le Monde": ("Le Monde",),
    "El País": ("El País", "El Pais"),
    "Haaretz": ("Haaretz",),
    "Times of India": ("Times of India", "TOI"),
    "Hindustan Times": ("Hindustan Times", "HT"),
    "South China Morning Post": ("South China Morning Post", "SCMP"),
    "Sky News": ("Sky News",),
    "Voice of America": ("Voice of America", "VOA"),
    "Radio Free Europe/Radio Liberty": ("Radio Free Europe", "RFE/RL"),
    "Deutsche Welle": ("Deutsche Welle", "DW"),
}

# Alias as it appears in text -> canonical outlet name.
OUTLET_BY_ALIAS = {alias: name for name, aliases in OUTLET_ALIASES.items() for alias in aliases}
_CANONICAL_FOLDED = {alias.casefold(): name for alias, name in OUTLET_BY_ALIAS.items()}


def normalise_outlet(name: str) -> str:
    """Canonical outlet name ("NYT" -> "New York Times", "FOX News" -> "Fox News").

    Known aliases (also with a trailing "magazine"/"newspaper") map to the
    table's name; other names only lose a leading "The" and a possessive.
    """
    name = re.sub(r"\s+", " ", name.strip().strip(".,;:"))
    name = re.sub(r"^[Tt]he ", "", name)
    name = re.sub(r"'s$", "", name)
    bare = re.sub(r" (?:[Mm]agazine|[Nn]ewspaper)$", "", name)
    for candidate in (name, bare):
        if candidate.casefold() in _CANONICAL_FOLDED:
            return _CANONICAL_FOLDED[candidate.casefold()]
    return name


def outlet_initials(name: str) -> str:
    """Initials of the capitalised words of a name: "Press Trust of India" -> "PTI",
    "Agence France-Presse" -> "AFP"."""
    return "".join(word[0] for word in re.findall(r"[^\W\d_][\w']*", name) if word[0].isupper())


# -------------------------------------------------------------------- words

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,]\d+)*", re.UNICODE)
_QUOTE_CHARS = "\"“”«»„"
_FIRST_PERSON = re.compile(r"\b(?:I(?:['’](?:m|ve|d|ll))?|[Ww]e(?:['’](?:re|ve|d|ll))?|[Oo]ur|[Mm]y|us)\b")
# A headline phrased as a question ("Why the Taliban may struggle to ...").
_WH_OPENING = re.compile(r"\s*(?:why|how|what|who|where|when|which)\b", re.IGNORECASE)
ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|according to|stated|added|wrote|tweeted|argued|claimed|"
    r"announced|insisted|warned|noted|notes|writes)\b",
    re.IGNORECASE,
)
_PREFIX = 6  # characters kept from a word: a cheap stem ("killed" ~ "killing")
# A statement has at least this many lower-case words; datelines and bylines do not.
MIN_LOWERCASE_WORDS = 3
_LOWERCASE_WORD = re.compile(r"\b[a-z][a-z'’]*\b")
_PRONOUN = r"(?:he|she|they|it|his|her|their|its|him|them)"
# A sentence opening with a pronoun, or a quote attributed to one ('..., he said.').
_OPENING_PRONOUN = re.compile(
    rf"^\W*(?:(?:but|and|yet|so|still|also|however|now)\W+)?{_PRONOUN}\b", re.IGNORECASE)
_PRONOUN_SPEAKER = re.compile(
    rf"[,\"”]\s*{_PRONOUN}\s+(?:said|says|added|told|wrote|argued|warned|noted|insisted|explained)\b",
    re.IGNORECASE,
)


def content_words(text: str) -> set[str]:
    """Lower-cased content words of `text`, stop words dropped, cut to a short prefix."""
    words = (word.lower() for word in _WORD.findall(text))
    return {word[:_PREFIX] for word in words if word not in STOP_WORDS and len(word) > 1}


def overlap(left: set[str], right: set[str]) -> float:
    """Dice coefficient of two word sets, 0..1."""
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


def is_statement(text: str) -> bool:
    """Whether `text` says something: enough lower-case words (a dateline has none)."""
    return len(_LOWERCASE_WORD.findall(text)) >= MIN_LOWERCASE_WORDS


def unresolved_pronoun(text: str, names_person: bool) -> bool:
    """Whether lifted out of its article the sentence leaves "who" unknown.

    True when it opens with a pronoun ("He said ..."), or quotes someone
    named only by a pronoun ('"...," he said.') and `names_person` is False
    (no PERSON entity in the sentence).
    """
    if _OPENING_PRONOUN.match(text):
        return True
    return not names_person and bool(_PRONOUN_SPEAKER.search(text))


def clarity(text: str) -> float:
    """How plainly a sentence states something, 0..1 (higher is clearer).

    Penalises what makes a variant a poor neutral statement: questions (and
    headlines opening with a wh-word) and exclamations, first person, quoted speech (more when no speaker is named),
    mis-encoded characters, and sentences far shorter or longer than a usual
    news sentence (8-35 words).
    """
    words = len(text.split())
    score = 1.0
    if text.rstrip().endswith(("?", "!")) or _WH_OPENING.match(text):
        score -= 0.4
    if _FIRST_PERSON.search(text):
        score -= 0.25
    if any(char in text for char in _QUOTE_CHARS):
        score -= 0.15 if ATTRIBUTION.search(text) else 0.55
    if "\ufffd" in text or re.search(r"[ÂÃâ€]{2,}", text):
        score -= 0.3
    if words < 8:
        score -= 0.3 * (8 - words) / 8
    elif words > 35:
        score -= min(0.3, 0.01 * (words - 35))
    return max(score, 0.0)


# -------------------------------------------------------------------- names

# Honorifics and ranks written before a person's name; never part of the name span.
TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sheikh
    shaikh mullah imam maulana president vice-president minister senator sen rep representative
    gov governor mayor judge justice gen general col colonel lt lieutenant capt captain maj major
    sgt sergeant adm admiral cmdr commander king queen prince princess pope""".split()
)
# Lower-case collective nouns that complete a group's name ("the Haqqani network").
GROUP_NOUNS = frozenset("network group movement militia faction organization organisation".split())
# Lower-case words allowed inside a multi-word name ("Centre for Strategic and ...").
NAME_CONNECTORS = frozenset("of in the and for on at de du des la le el al da di von van &".split())


def initials_match(acronym: str, words: list[str]) -> bool:
    """Whether `acronym`'s letters are the first letters of `words`, in order, first to first.

    Hyphenated words count once per part ("France-Presse" -> F, P); lower-case
    connectors may be skipped. "IS-K" matches "Islamic State in Khorasan Province",
    "NYT" matches "New York Times".
    """
    letters = [ch for ch in acronym.upper() if ch.isalpha()]
    parts = [part for word in words for part in re.split(r"[-\s]+", word) if part]
    initials = [part[0].upper() for part in parts]
    if not letters or not initials or letters[0] != initials[0]:
        return False
    position = 0
    for letter in letters:
        while position < len(initials) and initials[position] != letter:
            if parts[position][0].isupper():
                return False  # a capitalised word left out: not this name's acronym
            position += 1
        if position == len(initials):
            return False
        position += 1
    return all(not part[0].isupper() for part in parts[position:]) or len(letters) >= 3


@functools.lru_cache(maxsize=8192)
def name_key(name: str) -> tuple[str, ...]:
    """Lower-cased words of a name without dots or accents:
    "Seth G. Jones" -> ("seth", "g", "jones"); "Tomás" -> ("tomas",)."""
    folded = "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))
    return tuple(word.strip(".").lower() for word in folded.split() if word.strip("."))


def could_be_same_person(a: str | None, b: str | None) -> bool:
    """True when two names can be the same person ("Seth G Jones" / "Seth G.
    Jones" / "Jones": one ends with the other's words); an unknown name never matches."""
    if not a or not b:
        return False
    shorter, longer = sorted((name_key(a), name_key(b)), key=len)
    return bool(shorter) and longer[-len(shorter):] == shorter


# ------------------------------------------------------------------ figures

# Verbs (any inflection) saying what happened to the people or things counted;
# also used by the fuse step to tell which figures describe the same outcome.
OUTCOME_WORDS = {
    "killed": {"kill", "killed", "kills", "killing", "dead", "died", "die", "dies", "death", "deaths",
               "fatalities", "perished", "slain", "toll", "lives"},
    "injured": {"injure", "injured", "injures", "injuring", "injuries", "wounded", "wound", "wounds",
                "hurt", "hospitalised", "hospitalized"},
    "arrested": {"arrest", "arrested", "arrests", "detained", "detain", "detains", "held", "jailed",
                 "custody"},
    "missing": {"missing", "disappeared", "unaccounted"},
    "evacuated": {"evacuated", "evacuate", "evacuates", "evacuation", "airlifted", "flown"},
    "displaced": {"displaced", "fled", "flee", "homeless", "uprooted"},
    "rescued": {"rescued", "rescue", "saved", "freed", "released"},
}
OUTCOME_FORMS = {form: label for label, forms in OUTCOME_WORDS.items() for form in forms}

CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
              "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
              "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
              "¥": "JPY", "yen": "JPY", "yuan": "CNY", "rupees": "INR", "rupee": "INR"}
MEASURES = {"km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
            "miles": "mile", "mile": "mile", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
            "feet": "ft", "ft": "ft", "kg": "kg", "kilograms": "kg", "tonnes": "t", "tons": "t",
            "tonne": "t", "ton": "t", "litres": "l", "liters": "l", "hectares": "ha", "acres": "acre",
            "mph": "mph", "km/h": "km/h", "degrees": "degree", "magnitude": "magnitude",
            "inches": "in", "inch": "in", "centimeters": "cm", "centimetres": "cm", "cm": "cm",
            "millimeters": "mm", "millimetres": "mm", "mm": "mm", "yards": "yd", "gallons": "gal",
            "barrels": "bbl", "cents": "cent", "cent": "cent"}


def number_unit(text: str) -> str:
    """What a figure's own text measures: "percent", "money:USD", a measure ("km"), or "count"."""
    lower = text.lower()
    if "%" in lower or re.search(r"\bper ?cent\b", lower):
        return "percent"
    for symbol in ("us$", "$", "€", "£", "¥"):
        if symbol in lower:
            return "money:" + CURRENCIES[symbol]
    for word in re.findall(r"[a-z/.]+", lower):
        if word in CURRENCIES:
            return "money:" + CURRENCIES[word]
        if word in MEASURES:
            return MEASURES[word]
    return "count"
