"""Text helpers and word lists shared by the stages (annotate, fuse, render).

Stages import these from here, never from each other's modules, so a stage
can change its internals without breaking another. Everything is pure: plain
strings in, plain values out.
"""

from __future__ import annotations

import re

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
