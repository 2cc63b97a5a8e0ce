"""The same-claim decision's wording features (fuse/same_claim.py)."""

from collections import Counter

import numpy as np
import pytest

from newsfuse.fuse.same_claim import (
    MAX_NGRAM,
    N_TEXT_FEATURES,
    Statement,
    _clipped_precision,
    _common_subsequence,
    _wording_features,
    pair_features,
    values_disagree,
)


def test_clipped_precision_counts_a_repeated_gram_at_most_as_often_as_the_reference_has_it():
    repeated = Counter({("the",): 3, ("storm",): 1})
    reference = Counter({("the",): 1, ("storm",): 1})
    assert _clipped_precision(repeated, reference) == 2 / 4
    assert _clipped_precision(Counter(), reference) == 0.0


def test_common_subsequence_keeps_word_order():
    assert _common_subsequence(["police", "arrest", "suspec"], ["police", "arrest", "suspec"]) == 3
    assert _common_subsequence(["intel", "sued", "amd"], ["amd", "sued", "intel"]) == 1
    assert _common_subsequence([], ["word"]) == 0


def test_reordered_actors_keep_their_words_but_lose_their_wording():
    # same words, who did what swapped: word overlap cannot tell, the n-grams and the subsequence can
    left = Statement("Intel sued AMD over the chip patents on Monday.")
    swapped = Statement("AMD sued Intel over the chip patents on Monday.")
    restated = Statement("On Monday Intel sued AMD over the chip patents.")
    unigrams_swapped, unigrams_restated = _wording_features(left, swapped)[:2], _wording_features(left, restated)[:2]
    assert unigrams_swapped == unigrams_restated == [1.0, 1.0]
    trigram_low = 2 * 2  # (lower, higher) pairs per n: n = 3 is the third pair
    assert _wording_features(left, swapped)[trigram_low] < _wording_features(left, restated)[trigram_low]


def test_wording_features_are_symmetric_and_sized():
    left = Statement("The ferry was carrying 120 passengers when it sank off Valmora.")
    right = Statement("A ferry carrying 120 passengers sank off the coast of Valmora, police said.")
    features = pair_features(left, right)
    assert features.shape == (N_TEXT_FEATURES,)
    assert np.array_equal(features, pair_features(right, left))
    assert len(_wording_features(left, right)) == 2 * MAX_NGRAM + 2 + 2 + 1


def test_a_name_on_one_side_only_is_counted():
    left = Statement("Blackmore said the church had grown.")
    same_names = _wording_features(left, Statement("The church had grown, Blackmore said."))
    other_name = _wording_features(left, Statement("Oler said the church had grown."))
    names_at = 2 * MAX_NGRAM + 2
    assert same_names[names_at + 1] == 0.0 < other_name[names_at + 1]


@pytest.mark.parametrize("left, right", [
    ("The club fired its fifth coach of the season on Monday.", "The club fired its third coach of the season on Monday."),
    ("It was the 2nd attack on the base this year.", "It was the fourth attack on the base this year."),
    ("Dozens of people were hurt in the blast.", "Hundreds of people were hurt in the blast."),
    ("Prices doubled after the storm.", "Prices tripled after the storm."),
])
def test_ordinals_and_counting_words_are_figures_that_must_agree(left, right):
    assert values_disagree(left, right)


def test_the_same_rank_written_two_ways_agrees():
    assert not values_disagree("He won the race for the 3rd time.", "He won the race for the third time, officials said.")
    # a rank on one side only restates: nothing to disagree with
    assert not values_disagree("The club fired its fifth coach.", "The club fired its coach.")


def test_an_age_after_a_name_is_no_figure_of_the_claim():
    told = "Police allege Eric Allen Kirkpatrick, 61, opened fire at a Vancouver office party Friday, killing one man."
    retold = "Police allege Eric Allen Kirkpatrick, 61, opened fire at the office party, killing Benjamin Banky, 40."
    assert not values_disagree(told, retold)
    assert values_disagree("Gunmen killed 12 people, 40 miles from Kabul.", "Gunmen killed 14 people near Kabul.")
