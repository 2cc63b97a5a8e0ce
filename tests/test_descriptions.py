"""Descriptions (annotate/descriptions.py) resolved by the speaker resolver:
apposition, title and predicate nominal, the article's own roles and ages,
the most named person, and abstaining for new or other people."""

from __future__ import annotations

import pytest

from newsfuse.annotate.speakers import SpeakerResolver


def resolve(nlp, text: str, word: str, occurrence: int = 1):
    """The Speaker the resolver gives the `occurrence`-th token `word` of `text`."""
    doc = nlp(text)
    tokens = [token for token in doc if token.text == word]
    return SpeakerResolver(doc).resolve(tokens[occurrence - 1])


@pytest.mark.parametrize("text, word, expected", [
    ("Lena Voss, the swimming champion turned actress, died on Monday in Dublin.", "actress", "Lena Voss"),
    ("Omar Tull was the head of a crime family for thirty years.", "head", "Omar Tull"),
    ("The Hollywood actress and swimmer, Lena Voss, died on Monday.", "swimmer", "Lena Voss"),
])
def test_a_description_in_the_names_own_phrase_or_clause_is_that_person(nlp, text, word, expected):
    assert resolve(nlp, text, word).name == expected


def test_an_age_stated_beside_a_name_resolves_the_age_description(nlp):
    text = ("Kira Lund, 33, entered a clinic in Leeds on Monday. Tom Hale and Kira Lund met there. "
            "Tom Hale left early. The 33-year-old said she was tired.")
    assert resolve(nlp, text, "old").name == "Kira Lund"


def test_a_noun_of_the_same_role_resolves_to_the_person_the_article_gives_it(nlp):
    text = ("Dana Marr hired attorney Mark Heller on Monday. Dana Marr left the clinic. "
            "Dana Marr spoke to reporters. The lawyer said the judge was wrong.")
    assert resolve(nlp, text, "lawyer").name == "Mark Heller"


def test_a_capitalised_headline_noun_is_a_description_of_the_most_named_person(nlp):
    text = ("Riots after Teen Killed By Police\nKimani Gray was shot on Saturday in Flatbush. "
            "Gray was sixteen. Friends of Gray gathered on Monday.")
    speaker = resolve(nlp, text, "Teen")
    assert speaker.name == "Kimani Gray" and speaker.label == "PERSON"


def test_an_indefinite_description_in_the_lead_introduces_the_person_named_later(nlp):
    text = ("Inmate escapes\nA Texas inmate escaped from a prison van on Monday. "
            "Guards said Joseph Comeaux had a gun. Comeaux is serving three life sentences. "
            "Police are searching for Comeaux.")
    assert resolve(nlp, text, "inmate").name == "Joseph Comeaux"


def test_an_indefinite_description_after_the_lead_is_someone_new(nlp):
    text = ("Tom Hale opened the bridge on Monday. Tom Hale spoke for an hour. The crowd was large. "
            "The weather was cold. A man said the bridge was unsafe.")
    assert resolve(nlp, text, "man").label != "PERSON"


def test_a_body_is_its_owner(nlp):
    text = "Fred LaRue died on Saturday in a motel. His body was found on Tuesday by a maid."
    assert resolve(nlp, text, "body").name == "Fred LaRue"


@pytest.mark.parametrize("text, word", [
    ("Tom Hale spoke on Monday. The official said the case was weak.", "official"),
    ("Erica Garner spoke on Monday. The actress said the case was weak. Lina Osei and Erica Garner and Lina Osei met.",
     "actress"),
    ("Tom Hale won the race. Tom Hale's trainer said it was easy.", "trainer"),
    ("Betty Ford Center opened in Ohio. The actress said it was fine.", "actress"),
])
def test_descriptions_of_voices_owners_and_close_rivals_stay_unresolved(nlp, text, word):
    assert resolve(nlp, text, word).label != "PERSON"


def test_a_worker_in_the_lead_is_the_person_the_story_is_about(nlp):
    text = ("Shooting at plant\nA factory worker shot two colleagues on Friday. Police said Yvonne Hiller was "
            "arrested. Hiller is 43. Hiller was charged on Saturday.")
    assert resolve(nlp, text, "worker").name == "Yvonne Hiller"


def test_an_indefinite_speaker_is_someone_new_even_in_the_lead(nlp):
    text = ("The coast guard says it has rescued nine fishermen off Tilos. A coast guard spokesman said the boat "
            "had sent a mayday call at dawn. Later, Minister Karl Orvik said patrols would double. Karl Orvik "
            "praised the crews. Karl Orvik thanked the islanders.")
    speaker = resolve(nlp, text, "spokesman")
    assert speaker.label != "PERSON" and "Orvik" not in (speaker.name or "")


def test_the_same_noun_after_an_unnamed_indefinite_one_is_that_unnamed_person(nlp):
    text = ("Minister Karl Orvik said patrols would double. Karl Orvik praised the crews. A military spokesman "
            "said a frigate had chased the smugglers away. The smugglers turned back as the helicopter flew "
            "overhead, said the spokesman, who declined to give his name.")
    speaker = resolve(nlp, text, "spokesman", occurrence=2)
    assert speaker.label != "PERSON" and "Orvik" not in (speaker.name or "")


def test_a_title_before_a_name_is_the_role_a_later_description_of_that_role_restates(nlp):
    text = ("Attorney Mark Jay Heller told a judge that Dana Marr was in rehab. Dana Marr left. Dana Marr spoke. "
            "The lawyer said the judge was wrong.")
    assert resolve(nlp, text, "lawyer").name == "Mark Jay Heller"


def test_a_title_word_before_a_headline_run_of_capitals_tagged_as_a_body_states_no_role(nlp):
    text = ("Prime Minister Calls Bank Workers' Deaths 'Murder'\nThe prime minister denounced the deaths. "
            "Police said Tom Hale was arrested. Tom Hale is 27.")
    assert resolve(nlp, text, "minister").label != "PERSON"


def test_a_kinship_noun_of_the_same_role_resolves_to_the_person_the_article_gives_it(nlp):
    text = ("John Marr, 23, is charged with killing his mum Alice Marr on Saturday. The mother was 58, "
            "police said. John Marr appeared in court on Monday.")
    assert resolve(nlp, text, "mother").name == "Alice Marr"


def test_a_gendered_description_tells_the_gender_of_the_person_it_resolves_to(nlp):
    doc = nlp("Zurana Oko died on Friday. Zurana Oko was 30. The actress shielded children from bullets.")
    resolver = SpeakerResolver(doc)
    assert resolver.gender_of("Zurana Oko") is None
    resolver.resolve(next(token for token in doc if token.text == "actress"))
    assert resolver.gender_of("Zurana Oko") == "female"


def test_a_story_noun_is_not_a_person_the_article_describes_as_a_voice(nlp):
    text = ("The woman who shot two co-workers will face trial. At a hearing, assistant district attorney "
            "Gail Fairman described Yvonne Hiller as a methodical killer. Fairman said the plan was cruel. "
            "Hiller had been suspended.")
    assert resolve(nlp, text, "woman").name == "Yvonne Hiller"


def test_a_description_resolved_in_the_headline_names_no_one_before_the_lead(nlp):
    doc = nlp("Anger over Teen's Killing\nPublished: March 13, 2013\nFirst came the shooting: an armed teenager "
              "killed by police on a dark street. Police said Kimani Gray had a gun. Kimani Gray was 16. "
              "Friends of Kimani Gray gathered on Monday.")
    resolver = SpeakerResolver(doc)
    assert resolver.resolve(next(token for token in doc if token.text == "Teen")).name == "Kimani Gray"
    assert resolver.resolve(next(token for token in doc if token.text == "teenager")).name == "Kimani Gray"


def test_an_indefinite_voice_noun_before_any_name_introduces_the_person_named_later(nlp):
    text = ("An alleged mafia boss hanged himself in a prison cell hours after his arrest. "
            "Police said Gaetano Lo Presti was found dead on Tuesday. Lo Presti was 52.")
    assert resolve(nlp, text, "boss").name == "Gaetano Lo Presti"


def test_a_name_the_article_also_gives_a_place_is_that_place_not_a_person(nlp):
    from newsfuse.annotate.descriptions import place_names

    doc = nlp("Dana Marr checked into the Betty Ford Center in May. She left Betty Ford on Thursday, "
              "and she is now in Malibu.")
    assert ("betty", "ford") in place_names(doc)
    resolver = SpeakerResolver(doc)
    assert all(mention.name != "Betty Ford" for mention in resolver.mentions)
    assert resolver.resolve([token for token in doc if token.text == "she"][-1]).name == "Dana Marr"


def test_an_indefinite_speaker_is_someone_new_even_when_a_named_person_has_that_role(nlp):
    text = ("Karl Orvik, a ministry official, met the envoys on Monday. Karl Orvik praised the talks. "
            "\"Bringing him to justice is something we are pursuing,\" said a ministry official.")
    speaker = resolve(nlp, text, "official", occurrence=2)
    assert "Orvik" not in (speaker.name or "")
