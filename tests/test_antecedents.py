"""The pronoun antecedent model (annotate/antecedents.py) as the speaker
resolver uses it: cataphora, names of one person, ties, confidence."""

from __future__ import annotations

from newsfuse.annotate.antecedents import FEATURES, longest_forms, rank
from newsfuse.annotate.speakers import SpeakerResolver


def candidates(nlp, text: str, word: str):
    doc = nlp(text)
    token = next(token for token in doc if token.text == word)
    return doc, SpeakerResolver(doc).pronoun_candidates(token)


def test_a_first_name_joins_the_one_full_name_it_starts():
    forms = longest_forms([("polly",), ("polly", "simmons"), ("george",), ("george", "deke"), ("george", "maynard")])
    assert forms[("polly",)] == ("polly", "simmons")
    assert forms[("george",)] == ("george",)  # two full names would fit


def test_a_longer_name_is_never_extended_by_a_headline_word():
    forms = longest_forms([("lindsay", "lohan"), ("lindsay", "lohan", "checks")])
    assert forms[("lindsay", "lohan")] == ("lindsay", "lohan")


def test_every_candidate_has_all_features_in_unit_range(nlp):
    _, found = candidates(nlp, "Karen Moss met Jon Bell in Leeds. He said the dam was safe.", "He")
    assert found
    for _, features in found:
        assert len(features) == len(FEATURES)
        assert all(0.0 <= value <= 1.0 for value in features)


def test_the_subject_a_fronted_phrase_leads_up_to_is_a_candidate(nlp):
    text = "Peter Lund left early. In his statement on Friday, Tom Reed said the bridge was safe."
    _, found = candidates(nlp, text, "his")
    assert "Tom Reed" in {mention.name for mention, _ in found}


def test_an_object_pronoun_is_not_its_own_clause_subject(nlp):
    text = "Jon Bell thanked Tom Reed on Monday. Later Tom Reed praised him."
    doc, found = candidates(nlp, text, "him")
    best, _ = rank(found, doc)
    assert best is not None and best.name == "Jon Bell"


def test_a_pronoun_without_any_candidate_has_no_confidence(nlp):
    doc, found = candidates(nlp, "She said the bridge was unsafe.", "She")
    assert rank(found, doc) == (None, 0.0)


def test_a_pronoun_is_never_the_person_named_in_the_words_it_reports(nlp):
    text = ("An officer stopped Jackson after spotting him weaving, said Highway Patrol Officer Brad Baehr. "
            "Jackson was on probation for a previous arrest, he said.")
    doc, found = candidates(nlp, text, "he")
    best, confidence = rank(found, doc)
    assert best is not None and best.name.endswith("Brad Baehr") and confidence > 0


def test_words_of_one_name_are_no_coordination_tie(nlp):
    text = "Highway Patrol Officer Brad Baehr stopped the truck on Monday. He said the driver was calm."
    doc, found = candidates(nlp, text, "He")
    _, confidence = rank(found, doc)
    assert confidence > 0


def test_a_lone_first_name_may_name_the_full_name_the_resolver_extends_it_to():
    from newsfuse.annotate.antecedents import may_name

    assert may_name("Eleanor Beaufort", "Eleanor")
    assert may_name("Seth G. Jones", "Jones")
    assert not may_name("Eleanor Beaufort", "Beaufort Eleanor")
    assert not may_name("Eleanor", "Eleanor Beaufort")  # a first name alone does not say which Eleanor
    assert not may_name(None, "Eleanor")


def test_a_co_argument_of_the_pronouns_verb_is_marked_and_not_chosen(nlp):
    doc, found = candidates(nlp, "Peter Marsh arrived at the hall on Monday. Tom Hale praised him.", "him")
    features = {mention.name: values for mention, values in found}
    assert features["Tom Hale"][FEATURES.index("co_argument")] == 1.0
    assert features["Peter Marsh"][FEATURES.index("co_argument")] == 0.0
    assert rank(found, doc)[0].name == "Peter Marsh"


def test_the_model_weighs_every_feature_and_every_pair_of_them():
    from newsfuse.annotate.antecedents import _model, expanded

    assert expanded([2.0, 3.0, 5.0]) == [2.0, 3.0, 5.0, 6.0, 10.0, 15.0]
    assert len(_model()[0]) == len(expanded([0.0] * len(FEATURES)))


def test_words_a_headline_runs_on_past_a_name_named_elsewhere_are_cut(nlp):
    from newsfuse.annotate.antecedents import without_run_on_words

    doc = nlp("Lena Voss Dead at 91. Lena Voss died on Thursday.")
    trimmed = without_run_on_words([doc[0:3], doc[6:8]])
    assert [span.text for span in trimmed] == ["Lena Voss", "Lena Voss"]
