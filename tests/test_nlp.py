"""The shared models: sentence vectors are encoded once per distinct text and remembered (bounded)."""

import numpy as np
import pytest

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


@pytest.fixture(scope="module")
def real_sentences(models, kabul_dir) -> list[str]:
    """120 Kabul sentences, and a stripped, an empty and a truncated (over 256 tokens) text."""
    from newsfuse.ingest import load

    texts = [article.text for article in load([str(kabul_dir)]).articles]
    sentences = [sentence.text for doc in models.nlp.pipe(texts) for sentence in doc.sents][:120]
    return sentences + ["  spaces around  ", "", "word " * 400]


@pytest.fixture(scope="module")
def torch_vectors(real_sentences) -> np.ndarray:
    from newsfuse.annotate.encoder import TorchEncoder, model_dir

    return TorchEncoder(model_dir()).encode(real_sentences)


@pytest.fixture(scope="module")
def onnx_encoder():
    from newsfuse.annotate import encoder

    weights = encoder.model_dir()
    return encoder.OnnxEncoder(encoder.onnx_model(weights, encoder.cache_dir()), weights / "tokenizer.json")


@pytest.fixture(scope="module")
def bf16_encoder():
    from newsfuse.annotate.encoder import Bf16Encoder, model_dir

    return Bf16Encoder(model_dir())


def test_onnx_and_torch_encoders_agree_on_real_sentences(onnx_encoder, real_sentences, torch_vectors):
    onnx = onnx_encoder.encode(real_sentences)
    cosines = (onnx * torch_vectors).sum(axis=1)
    assert onnx.dtype == np.float32 and onnx.shape == (len(real_sentences), EMBEDDING_DIM)
    assert cosines.min() > 0.99999


def test_bf16_vectors_and_their_cosines_stay_close_to_fp32(bf16_encoder, real_sentences, torch_vectors):
    bf16 = bf16_encoder.encode(real_sentences)
    assert bf16.dtype == np.float32 and bf16.shape == (len(real_sentences), EMBEDDING_DIM)
    assert np.allclose(np.linalg.norm(bf16, axis=1), 1.0, atol=1e-5)
    assert (bf16 * torch_vectors).sum(axis=1).min() > 0.9999
    moved = np.abs(bf16 @ bf16.T - torch_vectors @ torch_vectors.T)  # what paraphrase and provenance compare
    assert moved.max() < 0.01


def test_an_onnx_vector_does_not_depend_on_its_batch(onnx_encoder):
    alone = onnx_encoder.encode(["The bridge fell on Tuesday."])
    padded = onnx_encoder.encode(["A much longer sentence about the inquiry the mayor promised on Wednesday.",
                                  "The bridge fell on Tuesday.", "Short."], batch_size=2)
    assert np.allclose(alone[0], padded[1], atol=1e-5)


def test_a_bf16_vector_is_the_same_bytes_whatever_is_encoded_with_it(bf16_encoder, real_sentences):
    import random

    from newsfuse.annotate import encoder

    probes = real_sentences[::10] + real_sentences[-3:]  # short to truncated, the empty text too
    lengths = {next(length for length in encoder.PASS_LENGTHS if length >= len(bf16_encoder._tokenizer.encode(
        text.strip()).ids)) for text in probes}
    assert len(lengths) >= 4  # passes of several shapes
    alone = np.stack([bf16_encoder.encode([text])[0] for text in probes])
    shuffled = random.Random(7).sample(real_sentences, len(real_sentences))
    mixes = [real_sentences, shuffled, shuffled[:50] + probes, probes[::-1] + probes, [*reversed(real_sentences)]]
    for mix in mixes:
        vectors = dict(zip(mix, bf16_encoder.encode(mix)))
        for text, vector in zip(probes, alone):
            assert vector.tobytes() == vectors[text].tobytes(), text


def test_bf16_vectors_stay_the_same_bytes_when_torch_is_given_more_threads(bf16_encoder):
    import torch

    texts = ["The bridge fell on Tuesday.", "Divers searched the harbour for the missing."]
    before = bf16_encoder.encode(texts)
    torch.set_num_threads(2)  # two threads round otherwise; the encoder runs on one
    try:
        after = bf16_encoder.encode(texts)
    finally:
        torch.set_num_threads(1)
    assert before.tobytes() == after.tobytes()


def test_the_encoder_is_bf16_on_amx_and_onnx_elsewhere(monkeypatch, tmp_path):
    import importlib.util

    from newsfuse.annotate import encoder

    cpuinfo = tmp_path / "cpuinfo"
    monkeypatch.setattr(encoder, "CPU_FLAGS", cpuinfo)
    monkeypatch.delenv("NEWSFUSE_ENCODER", raising=False)
    assert not encoder.has_amx_bf16() and encoder.choice() == "onnx"  # no file: unknown
    cpuinfo.write_text("model name\t: amx_bf16 in a name\nflags\t\t: fpu avx512f amx_tile\n")
    assert encoder.choice() == "onnx"
    monkeypatch.setenv("NEWSFUSE_ENCODER", "bf16")
    assert encoder.choice() == "onnx"  # asked, but no AMX: emulated bfloat16 is slower
    cpuinfo.write_text("flags\t\t: fpu avx512f amx_bf16 amx_tile\n")
    assert encoder.has_amx_bf16() and encoder.choice() == "bf16"
    monkeypatch.delenv("NEWSFUSE_ENCODER")
    assert encoder.choice() == "bf16"  # the default with AMX
    monkeypatch.setenv("NEWSFUSE_ENCODER", "onnx")
    assert encoder.choice() == "onnx"
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *rest: None if name == "onnxruntime"
                        else find_spec(name, *rest))
    assert encoder.choice() == "torch"
    monkeypatch.setenv("NEWSFUSE_ENCODER", "torch")
    assert encoder.choice() == "torch"


def test_torch_is_the_fallback_without_onnxruntime(monkeypatch):
    import importlib.util

    from newsfuse.annotate.encoder import TorchEncoder

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *rest: None if name == "onnxruntime"
                        else find_spec(name, *rest))
    monkeypatch.setenv("NEWSFUSE_ENCODER", "onnx")  # asked for, missing
    models = Models()
    assert isinstance(models.embedder, TorchEncoder)
    vectors = models.embed(["Divers searched the harbour.", "Divers searched the harbour."])
    assert vectors.shape == (2, EMBEDDING_DIM) and np.isclose(np.linalg.norm(vectors[0]), 1.0, atol=1e-5)


def test_the_onnx_graph_is_exported_once_and_reused(monkeypatch, tmp_path):
    from newsfuse.annotate import encoder

    exported: list = []

    def fake_export(weights, path):
        exported.append(path)
        path.write_bytes(b"graph")

    weights = tmp_path / "weights"
    weights.mkdir()
    (weights / "model.safetensors").write_bytes(b"weights")
    monkeypatch.setattr(encoder, "_export", fake_export)
    first = encoder.onnx_model(weights, tmp_path / "cache")
    second = encoder.onnx_model(weights, tmp_path / "cache")
    assert first == second and first.read_bytes() == b"graph" and len(exported) == 1
    assert [path.name for path in (tmp_path / "cache").iterdir()] == [first.name]  # no scratch left behind
    (weights / "model.safetensors").write_bytes(b"other weights")
    assert encoder.onnx_model(weights, tmp_path / "cache") != first and len(exported) == 2


def test_torch_is_the_fallback_when_the_graph_cannot_be_cached(monkeypatch, tmp_path):
    from newsfuse.annotate.encoder import TorchEncoder

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSFUSE_MODEL_CACHE", str(blocker / "models"))
    monkeypatch.setenv("NEWSFUSE_ENCODER", "onnx")
    assert isinstance(Models().embedder, TorchEncoder)
