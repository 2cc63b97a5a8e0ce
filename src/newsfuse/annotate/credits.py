"""Which outlets an article credits, and which rewrite signals it carries (per article).

Input: one :class:`Article` (its `text` is untrusted). Output: :class:`Credit`
records (normalised outlet name, the cue that introduced it, char offsets of
the outlet name) and :class:`Flag` records with evidence spans. Both depend on
the article alone, so they are computed in the annotate stage and cached with
its :class:`Annotations`; the fuse stage resolves the names against the
story's outlets (:mod:`newsfuse.fuse.credits`).

Outlet names are recognised two ways: a table of well-known outlets and their
short forms ("NYT" -> "New York Times", :data:`newsfuse.text.OUTLET_ALIASES`),
and a generic shape (a capitalised name ending in a news word: "The Daily
Telegraph", "Xinhua News Agency", "People magazine"). A name only counts as
credited when a cue stands next to it ("according to", "told", "inputs from",
"the X report said", "(Reuters)").
"""

from __future__ import annotations

import re

from newsfuse.models import Article, Credit, Evidence, Flag
from newsfuse.text import OUTLET_BY_ALIAS, normalise_outlet

_KNOWN = "|".join(sorted(map(re.escape, OUTLET_BY_ALIAS), key=len, reverse=True))
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
