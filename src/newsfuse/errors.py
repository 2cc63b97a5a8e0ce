"""Errors with a code and a sentence that says how to fix them (spaCy style).

Input problems (a bad file, a malformed line) are not exceptions: they become
:class:`newsfuse.models.Problem` records, reported one line each while the
rest of the input is processed. Exceptions here are for problems that stop a
whole command.
"""

from __future__ import annotations


class NewsfuseError(Exception):
    """An error a user can act on. `code` is stable, e.g. ``E003``."""

    def __init__(self, code: str, message: str):
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message

    def __reduce__(self):  # so the error crosses from a worker process intact
        return type(self), (self.code, self.message)


# Codes of command-level errors (NewsfuseError.code), each raised with how to fix it.
ERRORS = {
    "E001": "the spaCy model is not installed",
    "E002": "the sentence embedding model is not installed",
    "E010": "no input given",
    "E011": "no usable article in the input",
    "E012": "no such story in the store",
    "E013": "a worker process stopped before finishing its articles",
    "E020": "a briefing does not match the newsfuse.briefing/1 schema",
    "E021": "a briefing points at text that is not there (offsets, article ids)",
}

# Codes of per-item input problems (Problem.code). Documented in README.
INPUT_PROBLEMS = {
    "W001": "path does not exist",
    "W002": "file is empty or has no article text",
    "W003": "file looks binary, not text",
    "W004": "file is larger than the size limit",
    "W005": "malformed JSON or JSON line",
    "W006": "file could not be read",
    "W007": "unsupported file type",
    "W008": "folder holds no articles",
    "W009": "identical content already ingested under another id",
    "W010": "id already names another text; the article got an id derived from its text",
    "W011": "text has no words (only punctuation, digits or symbols)",
    "W012": "JSON nested too deeply to be an article",
    "W013": "article longer than the analysis limit (100,000 characters)",
}

# Exit codes of the CLI (documented in README).
EXIT_OK = 0
EXIT_PARTIAL = 3  # some input items were bad; the rest was processed
EXIT_NO_INPUT = 4  # no usable article at all
EXIT_USAGE = 2  # bad command-line usage (Typer's own)
