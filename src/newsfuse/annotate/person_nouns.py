"""Nouns that describe people, as the speaker resolver reads them: the
nouns of a story's subject, of its voices, of kin, of a body, of places named
after people, and nouns of one role ("lawyer" and "attorney")."""

from __future__ import annotations

# Nouns of kinship or acquaintance: "the mother", "her friend" is someone
# other than the person the article is about, so never its most named person.
RELATION_NOUNS = frozenset("""mother father sister brother son daughter wife husband aunt uncle niece nephew
    cousin grandmother grandfather grandson granddaughter friend boyfriend girlfriend fiance fiancee partner
    widow widower parent child relative neighbour neighbor mom mum mommy dad sis ex-girlfriend ex-wife
    ex-husband ex-boyfriend stepmother stepfather stepson stepdaughter""".split())
# Nouns that name the person their owner is ("his body was found").
CORPSE_NOUNS = frozenset({"body", "remains", "corpse"})
# Nouns that name the person a story is about, by occupation, status or deed:
# "the actress", "the teenager", "the inmate" is the article's most named
# person when nothing closer says who. Nouns of the people who speak about a
# story (official, spokesman, lawyer, analyst, witness, officer, mayor) are
# left out: "the official said" may be anyone not named yet.
STORY_PERSON_NOUNS = frozenset("""actor actress star starlet singer rapper musician artist dancer model comedian
    player athlete swimmer runner boxer champion challenger golfer rusher quarterback striker goalkeeper
    scorer slugger pitcher ace rookie senior junior freshman sophomore
    teen teenager youth boy girl man woman male female lady gentleman child kid
    defendant suspect accused convict inmate prisoner escapee fugitive offender molester killer murderer
    gunman shooter attacker assailant robber thief victim survivor
    billionaire heir heiress icon legend winner worker employee member mafioso""".split())
# Nouns of the people who speak about a story, resolved only through the
# article's own words (rules 1 and 2), never to its most named person.
VOICE_NOUNS = frozenset("""official spokesman spokeswoman spokesperson representative publicist lawyer attorney
    counsel judge prosecutor witness officer deputy cop policeman policewoman trooper sheriff detective agent
    analyst expert economist researcher scientist doctor surgeon nurse teacher professor director producer
    editor reporter journalist coach manager president chairman chairwoman chief executive founder owner boss
    leader head governor senator mayor minister premier lawmaker politician candidate nominee ambassador aide
    adviser advisor secretary resident source coroner""".split())
# Nouns that, written as a title before a name, state the person's role ("Deputy Jerry Ortiz").
TITLE_NOUNS = STORY_PERSON_NOUNS | VOICE_NOUNS
# Last words of names of places named after people, which taggers take for people.
PLACE_WORDS = frozenset("""center centre clinic hospital hotel university college school institute foundation
    hall house park street road avenue bridge airport stadium arena museum library church""".split())
# Nouns of one role: "the lawyer" is the person the article calls an attorney.
ROLE_GROUPS = (
    frozenset("lawyer attorney counsel solicitor".split()),
    frozenset("teen teenager youth adolescent".split()),
    frozenset("boss leader head chief kingpin mafioso".split()),
    frozenset("officer deputy cop policeman policewoman trooper".split()),
    frozenset("inmate prisoner convict escapee fugitive".split()),
    frozenset("gunman shooter killer murderer".split()),
    frozenset("spokesman spokeswoman spokesperson".split()),
    frozenset("actress actor starlet".split()),
    frozenset("mother mum mom mommy mama".split()),
    frozenset("father dad daddy papa".split()),
    frozenset("sister sis".split()),
)


def same_role(noun: str) -> frozenset[str]:
    """`noun` and the nouns of the same role (ROLE_GROUPS)."""
    return next((group for group in ROLE_GROUPS if noun in group), frozenset({noun}))
