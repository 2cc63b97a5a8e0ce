"""The shared models: sentence vectors are encoded once per distinct text and remembered (bounded)."""

import numpy as np

from newsfuse.annotate import nlp
from newsfuse.annotate.nlp import Models
from newsfuse.models import EMBEDDING_DIM


class CountingEncoder:
    """Stands in for SentenceTransformer: a vector from the text's length, and a record of what it encoded."""

    def __init__(self):
        self.encoded: list[str] = []

    def encode(self, texts, **_options):
        self.encoded.extend(texts)
        return np.array([[len(text)] + [0.0] * (EMBEDDING_DIM - 1) for text in texts], dtype=np.float64)


def models_with_counter() -> tuple[Models, CountingEncoder]:
    models, encoder = Models(), CountingEncoder()
    models.__dict__["embedder"] = encoder  # fills the cached_property without loading the real model
    return models, encoder


def test_each_distinct_text_is_encoded_once_across_calls():
    models, encoder = models_with_counter()
    first = models.embed(["a wire sentence.", "own reporting.", "a wire sentence."])
    second = models.embed(["a wire sentence.", "new words here."])
    assert encoder.encoded == ["a wire sentence.", "own reporting.", "new words here."]
    assert first.shape == (3, EMBEDDING_DIM) and first.dtype == np.float32
    assert np.array_equal(first[0], first[2]) and np.array_equal(first[0], second[0])
    assert second[1][0] == len("new words here.")


def test_remembered_vectors_are_bounded_least_recently_used_first(monkeypatch):
    monkeypatch.setattr(nlp, "REMEMBERED_VECTORS", 2)
    models, encoder = models_with_counter()
    models.embed(["one", "two"])
    models.embed(["one"])  # "two" is now the least recently used
    models.embed(["three"])
    models.embed(["one", "two"])
    assert encoder.encoded == ["one", "two", "three", "two"]


def test_no_texts_gives_an_empty_matrix():
    models, encoder = models_with_counter()
    assert models.embed([]).shape == (0, EMBEDDING_DIM)
    assert encoder.encoded == []
