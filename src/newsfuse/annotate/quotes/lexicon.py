"""Cue words of reported speech and belief, and the tests that use them on spaCy tokens."""

from __future__ import annotations

# Verbs whose clausal complement (ccomp) is what the subject said, wrote,
# found, believes or expects.
REPORTING_VERBS = frozenset("""
say tell add note claim argue warn believe write report announce state explain insist suggest
acknowledge admit deny confirm contend maintain predict estimate find show reveal conclude allege
assert declare emphasize emphasise stress recall complain caution concede agree ask question hope
fear promise pledge vow threaten propose demand worry indicate tweet testify observe remark reply
respond counter continue mention doubt reckon speculate reiterate assure inform boast lament joke
quip charge accuse recommend advise forecast calculate rule hold signal imply posit repeat retort
concur know feel consider learn understand echo disclose recognize point think expect assume
suspect discover wonder realize decide hear guess imagine anticipate
""".split())


# Verbs whose infinitive complement (xcomp) is a stated intention, demand or
# directive ("wants to ...", "told his aides to ..."). ("plan", "aim", "expect",
# "seek", "decide" are left out: in news they mostly narrate schedules and
# actions rather than attribute a stance.)
INTENTION_VERBS = frozenset("""
want hope promise pledge vow threaten refuse decline intend agree urge ask call vote propose
demand offer encourage tell warn advise instruct order implore remind
""".split())


# Verbs of stance or citation whose object is what the subject said or holds
# ("cited the report", "criticized the plan as ..."), with the prepositions
# that introduce that object after some of them ("called for", "pointed to").
OBJECT_VERBS = frozenset("""
cite mention criticize criticise condemn praise describe announce propose endorse reject deny
blame question defend oppose demand recommend note acknowledge accuse attack discuss express
highlight back view promote echo mock slam tout dispute challenge welcome support reference
detail outline unveil denounce decry blast applaud hail laud dismiss deride lambaste chastise fault
rebuke assail ridicule disparage recount urge
""".split())


OBJECT_PREPS = {
    "call": ("for",), "point": ("to",), "argue": ("for", "against"), "talk": ("about",),
    "speak": ("about", "of", "against"), "ask": ("about",), "complain": ("about", "of"),
    "warn": ("against", "about", "of"), "rail": ("against",), "refer": ("to",), "comment": ("on",),
    "apologize": ("for",), "boast": ("about", "of"), "joke": ("about",), "testify": ("about",),
    "insist": ("on",),
}


# Prepositions after the object that carry the judgement or its reason
# ("criticized the plan as ...", "blamed him for ...", "accused her of ...").
STANCE_PREPS = frozenset("as for of over with".split())


# Verbs that state a judgement only with an object and its predicate ("called
# climate change a hoax", not "called a meeting").
NAMING_VERBS = frozenset("call label brand dub deem".split())


# Verbs that state a judgement only with an object and a preposition naming
# what it is taken for ("painted him as a fraud", "likened the plan to
# theft"; not "painted the fence", "tied the boat").
CHARACTERIZING_VERBS = {
    **dict.fromkeys("paint portray cast depict characterize characterise see regard frame".split(), ("as",)),
    **dict.fromkeys("liken compare equate link tie connect".split(), ("to", "with")),
}


# Nouns of saying or stance whose "that" clause or infinitive is what the
# holder said or wants ("Trump's claim that ...", "the mayor's promise to ...").
CUE_NOUNS = frozenset("""
statement claim report assertion argument suggestion announcement warning denial admission belief
view fear hope promise pledge vow threat demand call proposal plan decision remark comment
accusation allegation charge insistence acknowledgment acknowledgement recognition prediction
estimate finding conclusion testimony contention concern
""".split())


# Adjectives of belief, feeling or stance that say what their subject holds
# in a "that" clause, an infinitive or a phrase after one of the prepositions
# ("is convinced that ...", "was determined to ...", "is critical of ...").
STANCE_ADJECTIVES = frozenset("""
sure certain convinced confident afraid worried concerned fearful hopeful optimistic pessimistic
skeptical sceptical critical aware determined adamant frustrated angry upset furious proud
supportive opposed insistent doubtful suspicious persuaded wary
""".split())


STANCE_ADJECTIVE_PREPS = frozenset("of about over with".split())


# Verbs of attempt, whose infinitive states no fact ("tried to blame ...").
ATTEMPT_VERBS = frozenset("try attempt seek".split())


# Verbs whose passive subject is what the "by" agent said or holds ("was
# endorsed by"); verbs whose object is the addressee ("was told by") are not.
PASSIVE_CUES = OBJECT_VERBS | NAMING_VERBS | frozenset("report write confirm reveal disclose".split())


# Verbs whose object, with its predicate where they need one, is the content.
STANCE_OBJECT_VERBS = OBJECT_VERBS | NAMING_VERBS | frozenset(CHARACTERIZING_VERBS)


INDIRECT_CUES = REPORTING_VERBS | INTENTION_VERBS | STANCE_OBJECT_VERBS | frozenset(OBJECT_PREPS)


# Verbs that introduce a direct quote written next to them ("... ," she said).
_QUOTE_VERBS = REPORTING_VERBS | frozenset("""
ask reply respond write tweet post shout yell scream whisper exclaim explain continue add
recall tell say comment chant sing read
""".split())


# Verbs by which someone said or wrote something: what the briefing's quote
# list shows. Beliefs ("think"), intentions ("want"), refusals ("decline"),
# findings ("show") and judgements ("call", "criticize") stay out of it.
SPEECH_VERBS = frozenset("""
say tell add write state tweet post announce declare explain note remark report reply respond retort ask answer
testify comment claim insist argue warn caution stress emphasize emphasise confirm deny admit acknowledge concede
reiterate repeat recall mention allege assert contend maintain predict promise pledge vow threaten urge boast
complain joke quip charge accuse recommend advise suggest propose disclose reveal counter continue shout yell
scream whisper exclaim chant sing read put inform assure lament concur observe
""".split())
# Verbs of saying whose object is itself what was made known ("announced his
# intent to nominate ...", "confirmed the death"); another speech verb's
# object is only what was spoken of ("noted the comments", "denied the charges").
ANNOUNCING_VERBS = frozenset("announce declare confirm reveal disclose report state".split())
# Verbs that state what evidence shows as readily as what someone says ("the
# suitcases found suggest ...", "the poll shows ..."): speech only from
# someone who can speak, and never as a participle drawing a conclusion from
# a clause of narration ("Two bombs were found, suggesting ...").
FINDING_VERBS = frozenset("suggest show indicate reveal demonstrate prove confirm imply signal mean".split())
# Verbs whose content clause says the opposite of the speaker's words ("denied that he knew").
CONTRADICTING_VERBS = frozenset("deny dispute reject refute rebut dismiss contest disavow".split())
# Auxiliaries that make a cue hypothetical ("would say", "might argue").
HYPOTHETICAL_AUXES = frozenset("would could might may should must".split())
_ALL_CUES = _QUOTE_VERBS | INDIRECT_CUES | PASSIVE_CUES | CUE_NOUNS


# Conjunctions of an adverbial clause that gives the reason of a reported
# statement, and so belongs to it ("said A because B").
REASON_MARKS = frozenset("because since".split())


SENTENCE_END = {".", "!", "?"}


DASHES = {"—", "―", "–", "-", "--"}


FIRST_SECOND_PERSON = {"i", "you", "we", "me", "us"}


# Outside quotation marks "I"/"we" is the writer, whose own claims count
# ("I know ...", "We asked whether ..."); "you" addresses the reader.
READER = {"you"}


REFLEXIVES = {"himself", "herself", "itself", "themselves", "myself", "ourselves", "yourself"}


def cue_lemma(token) -> str:
    """Lower-case lemma of `token`, repaired where the lemmatizer drops a
    final "e" of a cue word ("hoped", "hoping" -> "hop" -> "hope")."""
    lemma = token.lemma_.lower()
    if lemma not in _ALL_CUES and lemma + "e" in _ALL_CUES:
        return lemma + "e"
    return lemma


def is_reporting_verb(token, lexicon) -> bool:
    return token.pos_ in {"VERB", "AUX"} and cue_lemma(token) in lexicon


def is_quote_verb(token) -> bool:
    """True for a verb that introduces a direct quote: one of _QUOTE_VERBS or
    the idiom "put it" ("as one analyst put it, ...")."""
    if is_reporting_verb(token, _QUOTE_VERBS):
        return True
    return token.lemma_ == "put" and any(child.dep_ == "dobj" and child.lower_ == "it" for child in token.children)


def according_source(token):
    """The pobj of "according to X" when `token` is "according", else None."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None
