"""What an editor can publish from the quote list: words said (not promises,
proposals or the cue's object), by someone who can speak (no ship, no bare
"Others"), with names and roles as the text writes them beside the name."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from newsfuse.annotate.roles import pre_name_role, role_fits
from newsfuse.fuse.quotes import merge_quotes
from newsfuse.models import QuoteMention
from quote_helpers import containing, quotes_of, story_of


@pytest.mark.parametrize("text, words, speech", [
    ("He also vowed to form a joint federal task force to crack down on hackers.", "to form a joint", False),
    ("Tom Hale pledged to rebuild the bridge within a year.", "to rebuild the bridge", False),
    ("The committee noted Tom Hale's comments on its website.", "Tom Hale's comments", False),
    ("He proposes doing away with the mandate that requires everyone to buy insurance.", "doing away", False),
    ("Tom Hale promised that he would rebuild the bridge within a year.", "he would rebuild", True),
    ("Tom Hale urged residents to stay indoors until the storm passed.", "to stay indoors", True),
])
def test_promises_proposals_and_objects_are_not_words_said(nlp, text, words, speech):
    assert containing(quotes_of(nlp, text), words).speech is speech


def test_a_title_quoted_beside_the_speaker_is_not_what_he_said(nlp):
    text = ('The host must change the opening, said Steve Pond, author of the 2005 book '
            '"The Big Show: High Times and Dirty Dealings."')
    assert not containing(quotes_of(nlp, text), "The Big Show").speech


@pytest.mark.parametrize("text", [
    "A day earlier, the German cruise liner MS Columbus said it would fly its passengers over the gulf.",
    "The tanker reported that two boats were firing at it.",
])
def test_a_ship_says_nothing(nlp, text):
    assert not any(quote.speech for quote in quotes_of(nlp, text))


def test_a_pronoun_is_never_given_to_a_ship(nlp):
    text = ("INS Mysore intervened and warded off the attack around noon. "
            "The pirates had fired at the merchant vessel, he said.")
    quote = containing(quotes_of(nlp, text), "The pirates had fired")
    assert quote.speaker is None


def test_a_courtesy_title_is_no_ship(nlp):
    quote = containing(quotes_of(nlp, "Ms Hale said the bridge was unsafe."), "the bridge was unsafe")
    assert quote.speech and quote.speaker == "Hale"


def test_a_word_that_counts_people_names_no_speaker(nlp):
    quote = containing(quotes_of(nlp, "Others said they heard two explosions."), "two explosions")
    assert quote.speaker is None and quote.speaker_mention == "Others"


@pytest.mark.parametrize("text, words, speaker, role, affiliation", [
    # a section header the parser made a second subject is no role
    ("Kevin McKinley is a financial adviser.\n\nTHE BORROWING Back when he wrote his book, Mr. McKinley said "
     "that he considered debt a last resort.",
     "debt a last resort", "Kevin McKinley", None, None),
    # a plural noun before the name describes others, not the speaker
    ("The pirates are from Somalia and Yemen, two countries surrounding the Gulf of Aden, Sinha said.",
     "Somalia and Yemen", "Sinha", None, None),
    # the piece of a hyphenated word is no role
    ("The passengers rejoined the ship in Oman, Hamburg-based cruise operator Hapag-Lloyd said Saturday.",
     "rejoined the ship", "Hapag-Lloyd", "cruise operator", None),
    # a kin's owner is no employer
    ('"I didn\'t raise him to lose him like that," said Zughayar\'s 54-year-old father, Mohammed.',
     "raise him", "Mohammed", "Zughayar's 54-year-old father", None),
    # a police rank before a name is a title, not part of the name
    ("Police Const. Tim Fanning said the gunman entered the party around 4 p.m.",
     "the gunman entered", "Tim Fanning", "Const.", None),
    # "with" names an employer only with a name in it
    ('"It\'s not enough," said Beatrice Yongo, a widow with four young children.', "not enough",
     "Beatrice Yongo", "widow", None),
    # the employer's possessive mark is no word of the role
    ("Abdul Hakeem Mujahid, the Taliban's ambassador designate to the United Nations, confirmed that the talks "
     "had been disappointing.", "the talks had been", "Abdul Hakeem Mujahid", "ambassador designate", None),
    # an affiliation names a body, never the speaker's own thing or a common noun
    ('"That case is over," said Hassen Ibn Abdellah, his lawyer at his World Trade Center trial.', "case is over",
     "Hassen Ibn Abdellah", "lawyer", None),
    ("It was deeply saddened, said TallGrass, a wholesaler of natural health products.", "deeply saddened",
     "TallGrass", "wholesaler", None),
    ('"We will help," said Dana Marr, spokeswoman for the Red Cross.', "We will help", "Dana Marr", "spokeswoman",
     "the Red Cross"),
    # a name the text doubles by mistake
    ('"We must work together," said a grim-faced Arafat Arafat.', "work together", "Arafat", None, None),
])
def test_names_and_roles_as_the_text_writes_them(nlp, text, words, speaker, role, affiliation):
    quote = containing(quotes_of(nlp, text), words)
    assert (quote.speaker, quote.role, quote.affiliation) == (speaker, role, affiliation)


def test_a_first_name_is_no_role(nlp):
    """"Tim" of "Constable Tim Fanning", where the tagger took only "Fanning"
    for the name, is a word of the name the article writes elsewhere."""
    doc = nlp("Tim Fanning spoke on Saturday. Constable Tim Fanning said the gunman entered.")
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 8, 9, label="PERSON")]
    assert doc[8].text == "Fanning" and pre_name_role(doc[8]) is None


def test_a_title_before_the_name_does_not_end_the_paragraph_s_sentence(nlp):
    """A quote filling the next paragraph goes on from the quote before it,
    also when its attribution names "Dr. Jorge Alsip" (the stop after "Dr"
    ends no sentence)."""
    text = ('"That can\'t help but affect you," said Dr. Jorge Alsip.\n'
            '"If Regina\'s in a fight, don\'t ever bet against her."')
    assert containing(quotes_of(nlp, text), "bet against her").speaker == "Jorge Alsip"


def test_an_indirect_question_names_only_what_was_spoken_about(nlp):
    quotes = quotes_of(nlp, "In her remarks, Dr. Regina Benjamin explained how she sees her role. "
                            "Tom Hale said what the council wanted was a new bridge.")
    assert not containing(quotes, "how she sees her role").speech
    assert containing(quotes, "what the council wanted").speech
    words_said = quotes_of(nlp, '"If he thinks that makes him smart," the narrator says, "what does he think of you?"')
    assert containing(words_said, "If he thinks").speech


def test_a_business_named_beside_an_employee_is_not_the_speaker(nlp):
    text = "An employee of another nearby business, Relaxus Massage Products, said staff were escorted to their cars."
    assert containing(quotes_of(nlp, text), "staff were escorted").speaker != "Relaxus Massage Products"


@pytest.mark.parametrize("description, role, fits", [
    ("The Democratic presidential nominee spoke.", "Democratic vice presidential nominee", False),
    ("The deputy mayor spoke.", "Mayor", False),
    ("The mayor spoke.", "deputy mayor", False),
    ("The Republican nominee spoke.", "Republican presidential nominee", True),
])
def test_a_vice_or_deputy_office_is_another_role(nlp, description, role, fits):
    doc = nlp(description)
    head = next(token for token in doc if token.dep_ == "nsubj")
    assert role_fits(head, role) is fits


def test_a_report_of_a_report_is_listed_once_in_the_inner_speaker_s_mouth(nlp):
    text = ("According to a 1997 article in Ebony, Regina Benjamin said she applied to Yale University "
            "School of Law before she attended college.")
    listed = [quote for quote in quotes_of(nlp, text) if quote.speech]
    assert [quote.speaker for quote in listed] == ["Regina Benjamin"]


def test_a_quote_s_role_is_its_speaker_s(nlp):
    words = "the bridge had been unsafe for years before the storm"
    paper = QuoteMention(kind="indirect", text=words, start=0, end=50, speaker="Ebony magazine article",
                         speech=True)
    doctor = QuoteMention(kind="indirect", text=words, start=60, end=110, speaker="Regina Benjamin",
                          role="family physician", speech=True)
    [quote] = merge_quotes(story_of({"a": [paper, doctor]}), [])
    assert quote.speaker == "Ebony magazine article" and quote.role is None


@pytest.mark.parametrize("text, words", [
    ("The State Department said Madeleine Albright had telephoned Netanyahu to express her condolences "
     "and to urge him to move quickly.", "Albright had telephoned"),
    ("President Hosni Mubarak said if Netanyahu wants to change that perception he must face the setback.",
     "if Netanyahu wants"),
])
def test_a_report_or_a_condition_inside_the_words_leaves_them_speech(nlp, text, words):
    assert containing(quotes_of(nlp, text), words).speech


def test_a_denial_is_shown_with_its_verb_never_as_the_claim_denied(nlp):
    text = ("In court his lawyer, Bruce McIntyre, denied that his client had any connection to terrorist activities. "
            "The charge was baseless, Tom Hale denied.")
    led = containing(quotes_of(nlp, text), "his client had any connection")
    assert led.speech and led.text.startswith("denied that his client")
    assert not containing(quotes_of(nlp, text), "The charge was baseless").speech


def test_a_cue_before_the_relative_clause_holding_a_quote_does_not_attribute_it(nlp):
    text = ("Asked to leave, he studied for two years with Fundi Mohammed Ali, an older teacher, who remembers "
            "him as \"brilliant, respectful to others, deeply religious and very calm.\"")
    quote = containing(quotes_of(nlp, text), "brilliant, respectful")
    assert quote.cue != "Asked"
