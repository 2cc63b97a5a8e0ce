"""Light compression of sentences lifted out of their articles.

Rules work on the text alone, at punctuation that marks a syntactic
boundary, and only remove what adds nothing once the sentence stands in a
summary: a dateline ("WASHINGTON (AP) — "), a leading discourse connective
or newsletter label ("However,", "Why it matters:"), parenthetical asides
("(R-Ky.)", "(pictured)"; an acronym's definition stays), and the appositive of a person or body the summary has
already introduced ("Moore, a former judge, said" once Moore is known).
Closing attributions (", experts said") are never removed: they say whose
view a claim is.

`stands_alone` tells whether a sentence can be read without its article at
all (no fragment, no first or second person narration, nothing pointing
back: "That includes ...", "jailed for that crime").
"""

from __future__ import annotations

import re

from newsfuse.text import ATTRIBUTION, content_words

_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{2,}(?:,\s*[A-Z][\w.'’ -]{1,30})?\s*(?:\([^()]{1,30}\))?\s*[—–_-]{1,2}\s+(?=\S)")
# Openers that are never part of the statement; words that also start one
# ("So far", "Then-President", "Instead of") only count before a comma, or
# for "so", before a preposition or subordinator ("So in 2019 ...").
_OPENER = re.compile(
    r"^(?:(?:but|and|yet|however|meanwhile|moreover|additionally|indeed|now|further(?:more)?|"
    r"nonetheless|nevertheless|similarly|likewise|separately)\b,?"
    r"|(?:so|still|also|then|instead|in addition|at the same time|on the other hand|in fact|of course|"
    r"after all|as a result),"
    r"|so(?=\s+(?:in|on|at|when|if|after|before|while|now)\b)"
    r"|(?:why it matters|the big picture|between the lines|driving the news|the bottom line|"
    r"what's next|what they're saying|context|details|background|catch up quick|go deeper)\s*:)\s*",
    re.IGNORECASE,
)
_LEADING_MARK = re.compile(r"^[-–—•*]+\s*")  # a list dash or bullet
# An aside in brackets; an acronym defined there ("Transport Authority (HTA)") stays, as
# the summary may use it later.
_PARENTHETICAL = re.compile(r"\s*\((?![A-Z][A-Z&-]*[A-Z]s?\))[^()]{1,60}\)(?=[\s,.;:!?”\"’']|$)")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
# Case matters: "US" is the country, "I" in "World War I" is rare in news.
_NARRATOR = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|us|[Oo]urs?|[Yy]ou|[Yy]ours?)\b")
_TIME_NOUN = (r"(?:week(?:end)?s?|years?|months?|mornings?|afternoons?|evenings?|nights?|days?|times?|"
              r"spring|summer|fall|autumn|winter|(?:off)?season|quarter|term|decade|century)\b")
# What points back to the sentences before it (a demonstrative not naming a
# time, "This week"): one opening the sentence ("That includes ...", "These
# results ...", but "Those who ..."), or ending it ("There is no evidence for this.").
_POINTS_BACK = re.compile(
    rf"^\W*(?:this|that|these|those)\b(?!\s+(?:{_TIME_NOUN}|who|whom|whose|which|in|at|of|on|for|from|with)\b)"
    r"|^\W*such\b(?!\s+as\b)"
    r"|^\W*not\s+(?:because|that|since|until|for)\b"  # a reason or a denial without its clause: a fragment
    r"|^\W*(?:others|the others|the latter|the former)\b(?!\s+(?-i:[A-Z]))"
    r"|^\W*(?:then|in response|in return|in the event)\b"  # the step or the reply to what came before
    r"|.*,\s*(?:he|she|they)\s+(?:said|says|added|adds)\W*$"  # someone the line never names said it
    r"|.*\b(?:this|that|these|those)\W*$",
    re.IGNORECASE,
)
# A demonstrative noun phrase within the sentence ("jailed for that crime",
# "the timing of this move"); "that" within a sentence is mostly a
# conjunction ("said that police ..."), so only after a preposition is it a determiner.
_POINTS_BACK_WITHIN = re.compile(
    rf"\b(?:[Tt]his|[Tt]hese)\s+(?!{_TIME_NOUN})[a-z]"
    rf"|\b(?:for|of|in|by|with|after|before|about|from|at|over|despite|since)\s+that\s+(?!{_TIME_NOUN})[a-z]"
)
# "that" as a determiner within the sentence: a noun and then a subject pronoun follow it ("wants to
# change that perception he must ..."); the conjunction "that" is followed by a clause, never so.
_THAT_NOUN = re.compile(rf"\bthat\s+(?!{_TIME_NOUN})[a-z]+\s+(?:he|she|they|we|I|you|it)\b")
# A non-answer: the sentence reports that someone said nothing.
_NO_COMMENT = re.compile(
    r"\b(?:declined|refused|unwilling|unavailable)\s+(?:to\s+)?(?:immediately\s+)?(?:comment|be\s+interviewed)"
    r"|\b(?:could|can)\s*(?:not|n['’]t)\s+be\s+(?:immediately\s+)?reached\b"
    r"|\bdid\s*(?:not|n['’]t)\s+(?:immediately\s+)?(?:respond|return|reply)\b[^.]{0,40}\b(?:requests?|calls?|messages?|e-?mails?)\b"
    r"|\bno\s+immediate\s+comment\b|\bnot\s+immediately\s+available\s+for\s+comment\b", re.IGNORECASE)
# Context the sentence leans on for "when": "hours earlier", "the next day", "later that day"; a
# relative time anchored in the sentence itself ("hours after the blast") stands alone.
_POINTS_BACK_IN_TIME = re.compile(
    r"\b(?:hours|minutes|days|weeks|months|moments|years)\s+(?:earlier|later)\b"
    r"|\bthe\s+(?:day|night|week|morning)\s+(?:before|after)\b(?!\s+(?:the|a|an|his|her|their|its|[A-Z]))"
    r"|\bthe\s+(?:next|following|previous)\s+(?:day|morning|night|week)\b"
    r"|\b(?:earlier|later)\s+(?:that|this)\s+(?:day|morning|afternoon|evening|night|week)\b"
    r"|^\W*(?:earlier|later|afterwards?|at the time|by then|until then|since then),",
    re.IGNORECASE,
)
# "here" in wire copy is the dateline's city ("the attack on the embassy here"), lost in a summary.
_HERE = re.compile(r"\b[a-z]+\s+here\b(?!\s+(?:is|are|was|were|'s)\b)")
# "those bombings": a demonstrative plural pointing back; "those who", "those killed" name a group.
_THOSE = re.compile(
    rf"\b[Tt]hose\s+(?!{_TIME_NOUN}|(?:who|whom|whose|which|that|of|in|at|on|with|from|for|responsible|"
    r"affected|involved|inside|aboard|[a-z]+ed)\b)[a-z]")
# A teaser or newsletter line, not a statement.
_TEASER = re.compile(
    r"\b(?:click here|read more|sign up|subscribe (?:now|today|to)|watch (?:the )?video|here(?:'s| is) what|"
    r"what (?:you|we) (?:need to )?know|find out)\b", re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’')]*$|[\"”’]$")
# A sentence the splitter cut after a title ("..., said Sgt."): the name follows in the next piece.
_ENDS_ON_TITLE = re.compile(
    r"\b(?:Sgt|Sgts|Cpl|Lt|Col|Capt|Maj|Gen|Adm|Cmdr|Insp|Supt|Det|Const|Mr|Mrs|Ms|Dr|Prof|Rev|Gov|Sen|Rep)\.[\"”’')]*$")
# A heading in capitals run into the sentence after it ("THE MANY CAVEATS Plenty of people ...").
_CAPITALS_HEADING = re.compile(r"^(?:[A-Z][A-Z'’&-]+\s+){2,}[A-Z][a-z]")
_TRAILS_OFF = re.compile(r"(?:\.\.\.|…)[\"”’')]*$")  # a teaser cut off: "taking over will be ..."
MIN_WORDS = 6  # a shorter "sentence" is a fragment or a split error
MIN_FRAME_WORDS = 2  # words outside quotations: '"...," he said' has two
MIN_CONTENT_WORDS = 3  # fewer says nothing a reader can place: "No one knew what to do."
_APPOSITIVE_OPENING = re.compile(r"(?!(?:and|or|but|nor)\b)[a-z]")  # a description, not a coordination
# What follows an aside that was in fact an item of a list: the coordinator of
# an Oxford-comma list ("Iran, the US, and Russia") or the next noun phrase
# ("Iran, the US, the EU and Russia"); after a true appositive the predicate follows.
_LIST_CONTINUATION = re.compile(r"(?:and|or|nor|plus|as well as|the|a|an|its|their|his|her|other)\b")
MAX_APPOSITIVE_WORDS = 12


def tidy(text: str) -> str:
    """`text` with whitespace collapsed, and any dateline, leading connective and parenthetical removed.

    The first letter is capitalised again after a removal.
    """
    text = " ".join(text.split())
    shorter = _LEADING_MARK.sub("", _DATELINE.sub("", text, count=1))
    while (trimmed := _OPENER.sub("", shorter, count=1)) != shorter:  # "But now ..."
        shorter = trimmed
    shorter = _PARENTHETICAL.sub("", shorter)
    if shorter == text or len(shorter.split()) < 3:  # little is left: it was the statement
        return text
    return shorter[0].upper() + shorter[1:]


def stands_alone(text: str) -> bool:
    """Whether `text` reads as a complete statement outside its article.

    False for fragments (few words or content words, no closing punctuation or an ellipsis
    instead, a heading in capitals run into the sentence, a lower-case opening or a closing title such as "said Sgt." left
    by a sentence split, unbalanced brackets or quotes), questions and
    teasers ("Click here ..."), narration in the first or second person
    outside a quotation ("You're not alone."), and sentences that point back
    to what came before: a demonstrative opening or ending them ("That
    includes Texas ...") or a demonstrative noun phrase outside quotations
    ("for that crime", "those bombings", "change that perception he ..."), or a
    time told only relative to the story's narration ("hours earlier", "the
    next day"); and non-answers ("declined to comment", "could not be reached"),
    which tell the reader nothing.
    """
    text = text.strip()
    if (len(text.split()) < MIN_WORDS or len(content_words(text)) < MIN_CONTENT_WORDS
            or not _ENDS_SENTENCE.search(text) or _TRAILS_OFF.search(text)
            or _ENDS_ON_TITLE.search(text) or _CAPITALS_HEADING.match(text) or not text[:1].isupper() and not text[:1] in "\"“'‘"):
        return False
    if text.count("(") != text.count(")") or text.count("“") != text.count("”") or text.count('"') % 2:
        return False
    unquoted = _QUOTED.sub("", text)
    if unquoted.rstrip().endswith("?") or text.rstrip(" \"”’')").endswith("?") or _TEASER.search(unquoted):
        return False  # a question or teaser asks the reader; it states nothing
    if len(unquoted.split()) < MIN_FRAME_WORDS:
        return False  # a quotation with no one saying it
    return not (_NARRATOR.search(unquoted) or _POINTS_BACK.match(text) or _POINTS_BACK_WITHIN.search(unquoted)
                or _THAT_NOUN.search(unquoted) or _NO_COMMENT.search(unquoted) or _THOSE.search(unquoted) or _POINTS_BACK_IN_TIME.search(unquoted) or _HERE.search(unquoted))


def drop_appositives(text: str, known: set[str]) -> str:
    """`text` without the appositive or relative clause after a name in `known`.

    "Roy Moore, a former judge, said ..." -> "Roy Moore said ..." when "Roy
    Moore" is known. The aside must sit between commas right after the name,
    open as a description does (lower case: "the", "who", "a former") and be followed by
    more of the sentence; an aside holding an attribution, inside a
    quotation, or followed by more items of a list ("Iran, the US, and
    Russia") stays.
    """
    for name in sorted(known, key=len, reverse=True):
        pattern = re.compile(rf"\b{re.escape(name)}, ([^,;:()\"“”]+), (?=[a-z])")
        match = pattern.search(text)
        if match is None or not _APPOSITIVE_OPENING.match(match.group(1)) or _quoted_at(text, match.start()):
            continue
        aside = match.group(1)
        if (len(aside.split()) > MAX_APPOSITIVE_WORDS or ATTRIBUTION.search(aside)
                or _LIST_CONTINUATION.match(text, match.end())):
            continue
        text = f"{text[:match.start()]}{name} {text[match.end():]}"
    return text


def _quoted_at(text: str, offset: int) -> bool:
    """Whether `offset` falls inside a quotation (an odd number of quotation marks open before it)."""
    before = text[:offset]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


# A trailing clause may start here: a comma (or dash, semicolon) before a
# relative pronoun, a subordinator of time, cause or circumstance, or a
# participle. Conditions, contrasts and coordinations (", unless", ", but
# only if", ", although", ", while", ", and Georgia") change or complete what
# precedes them, so they are never cut.
_CLAUSE_BOUNDARY = re.compile(
    r"(?:,|;|\s[—–])\s+(?=(?:which|who|whom|whose|where|when|as|after|before|amid|because|since|"
    r"with|without|including|[a-z]+ing)\b)"
)
MIN_CUT_WORDS = 8
# A clause that closes before the sentence ends was an aside: the main verb may follow it
# ("The meeting, which had not been described, is the strongest link"), so cutting there leaves no verb.
_EMBEDDED = re.compile(r",|\s[—–]\s")


def clause_cuts(text: str) -> list[str]:
    """Shorter versions of `text` ending before one of its trailing clauses, longest first.

    "X ruled on Monday, signaling a shift." -> ["X ruled on Monday."]. A cut
    never falls inside a quotation, never removes an attribution (the
    closing ", officials said" keeps the whole sentence), and keeps at least
    MIN_CUT_WORDS words. The clause cut must run to the end of the sentence
    (no comma or dash in it), else it may be an aside before the main verb.
    """
    cuts = []
    for match in _CLAUSE_BOUNDARY.finditer(text):
        head, tail = text[:match.start()].rstrip(), text[match.end():]
        if (len(head.split()) < MIN_CUT_WORDS or _quoted_at(text, match.start()) or _EMBEDDED.search(tail)
                or ATTRIBUTION.search(tail) or not head[-1:].isalnum() and head[-1:] not in ")’'"):
            continue
        cuts.append(head + ".")
    return cuts[::-1]
