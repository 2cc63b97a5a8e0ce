"""Finding input files and reading them safely: size limit, binary check, decoding.

Nothing here raises for bad input: each bad item becomes one
:class:`Problem`. Files are only ever opened read-only.
"""

from __future__ import annotations

import codecs
import glob
import os
import stat
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-1252" codec)

from newsfuse.errors import Warnings
from newsfuse.models import Flag, Problem

# File suffix -> format. Files without a suffix are sniffed from their content.
FORMATS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
}
SUPPORTED_HINT = "use .txt, .md, .html, .json or .jsonl"
ENCODING_GUESSED = "encoding-guessed"
_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.10  # more control bytes than this: binary, not text
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_GLOB_CHARS = frozenset("*?[")


def expand_paths(paths) -> tuple[list[Path], list[Problem]]:
    """Files named by `paths` (files, folders searched recursively, glob patterns).

    Order is deterministic: arguments in the order given, folder contents and
    glob matches sorted. A file reached twice is listed once; hidden files and
    folders inside a searched folder are skipped.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        found, found_problems = _expand_one(str(raw))
        files.extend(found)
        problems.extend(found_problems)
    return _unique_files(files), problems


def _expand_one(raw: str) -> tuple[list[Path], list[Problem]]:
    path = Path(raw).expanduser()
    if path.is_dir():
        found, unreadable = _walk(path)
        if found or unreadable:
            return found, unreadable
        return [], [Warnings.W008.problem(raw, "folder holds no files to ingest; " + SUPPORTED_HINT)]
    if path.exists() or path.is_symlink():
        return [path], []
    if _GLOB_CHARS & set(raw):
        matches = sorted(glob.glob(str(path), recursive=True))
        if not matches:
            return [], [Warnings.W001.problem(raw, "no file matches this pattern; check the pattern and quote it "
                                                   "for the shell")]
        expanded = [_expand_one(match) for match in matches]
        return [file for files, _ in expanded for file in files], [p for _, ps in expanded for p in ps]
    return [], [Warnings.W001.problem(raw, "path does not exist; check the spelling or the current folder")]


def _walk(folder: Path) -> tuple[list[Path], list[Problem]]:
    """Files under `folder`, and a W006 problem for each folder that could not be listed."""
    found, unreadable = [], []

    def _unreadable(error: OSError) -> None:
        unreadable.append(Warnings.W006.problem(error.filename, f"folder could not be read ({error.strerror or error}); "
                                                          "check its permissions"))

    for root, dirs, names in os.walk(folder, onerror=_unreadable):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        found.extend(Path(root) / name for name in sorted(names) if not name.startswith("."))
    return found, unreadable


def _unique_files(files: list[Path]) -> list[Path]:
    seen, unique = set(), []
    for file in files:
        key = os.path.realpath(file)
        if key not in seen:
            seen.add(key)
            unique.append(file)
    return unique


def file_format(path: Path) -> str | None:
    """'text', 'markdown', 'html', 'json', 'jsonl'; '' for no suffix (sniff); None if unsupported."""
    if not path.suffix:
        return ""
    return FORMATS.get(path.suffix.lower())


def sniff_format(text: str) -> str:
    """Format of suffix-less content: JSON, HTML or plain text, by its first character."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("{", "[")):
        return "json"
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head:
        return "html"
    return "text"


def read_text(path: Path, max_bytes: int) -> tuple[str, list[Flag]] | Problem:
    """Decoded contents of one file, or the Problem that stops it being read.

    Checks the size before reading (at most `max_bytes` + 1 bytes are ever read),
    refuses binary content, and decodes UTF-8 (any BOM honoured) or else
    Windows-1252 with an `encoding-guessed` flag.
    """
    try:
        info = path.stat()
    except OSError as error:
        return Warnings.W006.problem(path, f"could not be read ({error.strerror or error}); "
                                           "check the path and permissions")
    if not stat.S_ISREG(info.st_mode):
        return Warnings.W006.problem(path, "not a regular file (a device, pipe or socket); give a file or a folder")
    if info.st_size > max_bytes:
        return _too_large(path, info.st_size, max_bytes)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        return Warnings.W006.problem(path, f"could not be read ({error.strerror or error}); check its permissions")
    if len(data) > max_bytes:
        return _too_large(path, len(data), max_bytes)
    decoded = decode_bytes(data)
    if decoded is None:
        return Warnings.W003.problem(path, "looks binary, not text; convert it to text first (" + SUPPORTED_HINT + ")")
    if not decoded[0].strip():
        return Warnings.W002.problem(path, "file is empty; remove it or add the article text")
    return decoded


def _too_large(path: Path, size: int, max_bytes: int) -> Problem:
    return Warnings.W004.problem(path, f"{over_limit(size, max_bytes)}; split it or raise the size limit")


def over_limit(size: int, limit: int) -> str:
    """"is 25.3 MB, over the 20.0 MB limit", in bytes when one decimal of MB would show equal sizes."""
    if f"{size / 1e6:.1f}" != f"{limit / 1e6:.1f}":
        return f"is {size / 1e6:.1f} MB, over the {limit / 1e6:.1f} MB limit"
    return f"is {size:,} bytes, over the {limit:,}-byte limit"


def decode_bytes(data: bytes) -> tuple[str, list[Flag]] | None:
    """Text of `data` and any decoding flag, or None when it looks binary."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), []
    if _looks_binary(data[:_SNIFF_BYTES]):
        return None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        flag = Flag(name=ENCODING_GUESSED,
                    detail=f"Not valid UTF-8 (first bad byte at {error.start}); decoded as Windows-1252.")
        return data.decode("sloppy-windows-1252"), [flag]


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    return bool(head) and controls / len(head) > _MAX_CONTROL_SHARE
