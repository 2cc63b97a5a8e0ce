"""Which outlets an article credits, and which rewrite signals it carries.

Input: one :class:`Article` (its `text` is untrusted). Output: :class:`Credit`
records (normalised outlet name, the cue that introduced it, char offsets of
the outlet name) and :class:`Flag` records with evidence spans.

Outlet names are recognised two ways: a table of well-known outlets and their
short forms ("NYT" -> "New York Times"), and a generic shape (a capitalised
name ending in a news word: "The Daily Telegraph", "Xinhua News Agency",
"People magazine"). A name only counts as credited when a cue stands next to
it ("according to", "told", "inputs from", "the X report said", "(Reuters)").
"""

from __future__ import annotations

import re

from newsfuse.models import Article, Credit, Evidence, Flag

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

_CANONICAL = {alias: name for name, aliases in OUTLET_ALIASES.items() for alias in aliases}
_KNOWN = "|".join(sorted(map(re.escape, _CANONICAL), key=len, reverse=True))
# A capitalised name ending in a word that news outlets are named with.
_NEWS_WORDS = (
    r"Times|Post|News|Press|News Agency|Press Agency|News Service|Wire Service|Press Service|"
    r"Journal|Herald|Telegraph|Tribune|Gazette|Chronicle|Guardian|Standard|Observer|Express|Mirror|Mail|"
    r"Star|Sun|Globe|Daily|Weekly|Magazine|magazine|Radio|Television|TV|Wire|Dispatch|Bulletin|Courier|"
    r"Examiner|Inquirer|Reporter|Today"
)
# One to four capitalised words (or initials, not an article) on one line, then the news word.
_GENERIC = rf"(?:(?!(?:The|A|An|This|That|Our|Its|His|Her)\b)(?:[A-Z]\.|[A-Z][\w&'-]*)[ \t]+){{1,4}}(?:{_NEWS_WORDS})\b"
_OUTLET = rf"(?P<outlet>(?:{_KNOWN})\b|{_GENERIC})"
_THE = r"(?:[Tt]he\s+)?"

# Each cue names where the outlet stands relative to it.
_CUE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (cue, re.compile(pattern))
    for cue, pattern in (
        ("according to", rf"\b[Aa]ccording to\s+{_THE}(?:news agency\s+)?{_OUTLET}"),
        ("told", rf"\b(?:told|said to|speaking to|spoke to|interview with)\s+{_THE}(?:news agency\s+|newspaper\s+)?{_OUTLET}"),
        ("inputs from", rf"\b(?:[Ii]nputs?|[Rr]eporting|[Ww]ith files|[Mm]aterial)\s+(?:from|by)\s+{_THE}{_OUTLET}"),
        ("reported by", rf"\b(?:reported|quoted|cited|first reported|published|broken) by\s+{_THE}{_OUTLET}"),
        ("report said", rf"\b{_THE}{_OUTLET}\s+(?:report|analysis|story|article|investigation|review|piece|interview)\b"),
        ("reported", rf"\b{_THE}{_OUTLET}\s+(?:reported|reports|has reported|said|says|quoted|cited|learned|confirmed|revealed)\b"),
        ("word comes from", rf"\b(?:[Ww]ord comes|[Nn]ews comes|[Ss]ource:|[Vv]ia)\s+(?:from\s+)?{_THE}{_OUTLET}"),
        ("originally published", rf"\b(?:originally|first)\s+(?:appeared|published|ran)\s+(?:in|on|by)\s+{_THE}{_OUTLET}"),
        # "PORT VELDRA (MPA) -": a wire's dateline credit, often an acronym only the story can resolve.
        ("dateline", rf"\(\s*(?P<outlet>(?:{_KNOWN})\b|{_GENERIC}|[A-Z][A-Z&]{{1,5}})\s*\)\s*[-\u2013\u2014]"),
    )
)
# "(With inputs from AFP and New York Times)": more outlets after the first.
_MORE_OUTLETS = re.compile(rf"(?:\s*,\s*|\s+and\s+|\s*&\s*){_THE}{_OUTLET}")

_CANONICAL_FOLDED = {alias.casefold(): name for alias, name in _CANONICAL.items()}


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


def find_credits(article: Article) -> list[Credit]:
    """Outlets the article credits, in text order, one record per mention.

    `start`/`end` are the offsets of the outlet name in `article.text`;
    `cue` is the kind of attribution ("according to", "told", ...).
    """
    text = article.text
    credits: dict[tuple[int, int], Credit] = {}
    for cue, pattern in _CUE_PATTERNS:
        for match in pattern.finditer(text):
            _add_credit(credits, cue, match)
            position = match.end()
            while more := _MORE_OUTLETS.match(text, position):
                _add_credit(credits, cue, more)
                position = more.end()
    return [credits[span] for span in sorted(credits)]


def _add_credit(credits: dict[tuple[int, int], Credit], cue: str, match: re.Match) -> None:
    name = normalise_outlet(match.group("outlet"))
    span = match.span("outlet")
    credits.setdefault(span, Credit(outlet=name, cue=cue, start=span[0], end=span[1]))


def resolve_credits(credits: list[Credit], own_outlet: str | None, story_outlets: list[str]) -> list[Credit]:
    """`credits` with outlet names resolved against the outlets of the story, own outlet dropped.

    A credited name resolves to a story outlet with the same normalised name,
    or whose initials it is ("MPA" -> "Meridian Press Agency"), when exactly
    one outlet of the story fits. Credits of the article's own outlet (a
    wire's own dateline) are dropped: an article never credits itself.
    """
    own = resolve_outlet(normalise_outlet(own_outlet), story_outlets) if own_outlet else None
    resolved = []
    for credit in credits:
        name = resolve_outlet(credit.outlet, story_outlets)
        if name != own:
            resolved.append(credit.model_copy(update={"outlet": name}))
    return resolved


def resolve_outlet(name: str, story_outlets: list[str]) -> str:
    """The one story outlet `name` stands for (same name, or its initials), else `name` itself."""
    folded = name.casefold()
    fits = {outlet for outlet in story_outlets if normalise_outlet(outlet).casefold() == folded}
    if not fits and name.isupper() and len(name) >= 2:
        fits = {outlet for outlet in story_outlets if outlet_initials(outlet) == name}
    return normalise_outlet(fits.pop()) if len(fits) == 1 else name


def outlet_initials(name: str) -> str:
    """Initials of the capitalised words of a name: "Press Trust of India" -> "PTI",
    "Agence France-Presse" -> "AFP"."""
    return "".join(word[0] for word in re.findall(r"[^\W\d_][\w']*", name) if word[0].isupper())


def credited_outlets(credits: list[Credit]) -> list[str]:
    """Distinct outlet names in order of first mention."""
    return list(dict.fromkeys(credit.outlet for credit in credits))


# ------------------------------------------------------------ rewrite flags

_PLACEHOLDER = re.compile(
    r"\b(?:told|according to|speaking to|said to|spoke to|in an interview with|reached by|contacted by)\s+"
    r"(?:(?:[Tt]his|[Oo]ur)\s+(?:website|web site|site|publication|outlet|news outlet|news site|portal|"
    r"platform|blog|newspaper|paper|channel|media outlet|reporter|correspondent)\b"
    r"|\[[^\]\n]{0,40}\]|\{\{[^}\n]{0,40}\}\}|<(?:outlet|site|publication)[^>\n]{0,20}>)"
)
# International bodies under their French/Spanish/Portuguese/Italian acronyms.
_FOREIGN_ACRONYMS = re.compile(r"\b(?:ONU|OTAN|OMS|EEUU|EE\.UU\.|ONG|FMI|OIEA|OEA|CPI|EIIL|UNO)\b")
# A sentence fragment stranded after a full stop: "the report concluded. of ONU."
_STRANDED_FRAGMENT = re.compile(
    r"(?<=[a-z]\.)\s+(?:of|de|del|des|della|von|du|to|by|from|for)\s+[^\s.!?]{1,25}(?:\s+[^\s.!?]{1,25}){0,2}[.!?]"
)
_CONDENSED = re.compile(
    r"\b(?:[Tt]his|[Tt]he above)\s+(?:is|was|has been)\s+(?:a\s+)?(?:condensed|shortened|abridged|summari[sz]ed|"
    r"an? (?:condensed|shortened|abridged|edited) version|summary)\b[^.\n]{0,80}"
    r"|\b(?:[Tt]his|[Tt]he)\s+(?:article|story|report|piece)\s+(?:is|was|has been)\s+"
    r"(?:condensed|shortened|abridged|summari[sz]ed|adapted|excerpted)\b[^.\n]{0,80}"
)
_REPUBLISHED = re.compile(
    r"\b(?:[Tt]his\s+(?:article|story|piece|report)\s+(?:was\s+|is\s+)?(?:originally|first)\s+"
    r"(?:appeared|published|ran)|[Oo]riginally\s+(?:published|appeared)\s+(?:in|on|by)|[Rr]epublished\s+"
    r"(?:with permission|from|under)|[Rr]eprinted\s+(?:with permission|from))\b[^.\n]{0,80}"
)
_SYNDICATED = re.compile(
    r"\b(?:auto-generated from a syndicated feed|has not been edited by [^.\n]{0,40}staff|"
    r"published from (?:a|an) (?:wire|agency|syndicated) (?:feed|agency|service))[^.\n]{0,40}"
)

_FLAG_RULES: tuple[tuple[str, str, tuple[re.Pattern, ...]], ...] = (
    ("placeholder-attribution",
     "the text credits a placeholder ('told This website') where a copy hid the original outlet's name",
     (_PLACEHOLDER,)),
    ("translation-artifacts",
     "the text shows machine-translation residue: foreign acronyms or stranded sentence fragments",
     (_FOREIGN_ACRONYMS, _STRANDED_FRAGMENT)),
    ("condensed-copy", "the text says it is a condensed or summarised version of other reporting", (_CONDENSED,)),
    ("republished", "the text says it was first published elsewhere", (_REPUBLISHED,)),
    ("syndicated-feed", "the text says it comes unedited from a syndicated feed", (_SYNDICATED,)),
)


def rewrite_flags(article: Article) -> list[Flag]:
    """Signals that the article is a rewrite of other reporting, each with its evidence spans."""
    flags = []
    for name, detail, patterns in _FLAG_RULES:
        evidence = [
            Evidence(article=article.id, start=match.start(), end=match.end(), text=match.group(0))
            for pattern in patterns
            for match in pattern.finditer(article.text)
        ]
        if evidence:
            evidence.sort(key=lambda item: item.start)
            flags.append(Flag(name=name, detail=detail, evidence=evidence))
    return flags
