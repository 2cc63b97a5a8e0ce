"""Every error and problem code in one registry, each with how to fix it (spaCy's `Errors` style).

    raise Errors.E012.error(story="7")      # NewsfuseError("[E012] no story '7' in the store; ...")
    Warnings.W002.problem("a.txt", "is empty; add the article text")

Input problems (a bad file, a malformed line) are not exceptions: they become
:class:`newsfuse.models.Problem` records (W codes), reported one line each while
the rest of the input is processed. E codes are for problems that stop a whole
command; each has the CLI exit code it ends with. README lists every code
(tests/test_docs.py checks that each is unique, used and documented).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

# Exit codes of the CLI (documented in README).
EXIT_OK = 0
EXIT_USAGE = 2  # bad command-line usage (Typer's own, and E010)
EXIT_PARTIAL = 3  # some input items were bad; the rest was processed
EXIT_NO_INPUT = 4  # no usable article at all, or any other command-level error (store, output, port)


class NewsfuseError(Exception):
    """An error a user can act on. `code` is stable, e.g. ``E003``; `exit_code` is the CLI's."""

    def __init__(self, code: str, message: str, exit_code: int = EXIT_NO_INPUT):
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message
        self.exit_code = exit_code

    def __reduce__(self):  # so the error crosses from a worker process intact
        return type(self), (self.code, self.message, self.exit_code)


@dataclass
class Code:
    """One registered code: what it means (one line, as in README) and, for errors, a message
    template that says what happened and how to fix it (``{name}`` fields filled at the raise)."""

    meaning: str
    fix: str = ""
    exit_code: int = EXIT_NO_INPUT
    code: str = field(default="", init=False)

    def __set_name__(self, owner, name: str) -> None:
        self.code = name

    def message(self, **fields: object) -> str:
        """The fix template with `fields` filled in."""
        return self.fix.format(**fields)

    def error(self, **fields: object) -> NewsfuseError:
        """The exception to raise for this code."""
        return NewsfuseError(self.code, self.message(**fields), self.exit_code)

    def problem(self, path: object, message: str):
        """A per-item :class:`newsfuse.models.Problem` with this code about `path` (a path or a label)."""
        from newsfuse.models import Problem

        return Problem(path=str(path), code=self.code, message=message)


class _Registry:
    @classmethod
    def codes(cls) -> Iterator[Code]:
        """Every code of this registry, in code order."""
        found = [value for value in vars(cls).values() if isinstance(value, Code)]
        return iter(sorted(found, key=lambda code: code.code))


class Errors(_Registry):
    """Command-level errors (NewsfuseError.code)."""

    E001 = Code("the spaCy model is not installed",
                "spaCy model '{model}' is not installed. Run `make demo` or `pip install {package}`.")
    E002 = Code("the sentence embedding model is not installed",
                "the sentence embedding model is not installed. Run `make demo` or `pip install {package}`.")
    E010 = Code("no input given", "give article paths, --story ID or --event ID (see `newsfuse {command} --help`)",
                exit_code=EXIT_USAGE)
    E011 = Code("no usable article in the input", "no usable article in the input; nothing to {action}")
    E012 = Code("no such story or event in the store",
                "no {kind} '{given}' in the store; list them with `newsfuse stories`")
    E013 = Code("a worker process stopped before finishing its articles",
                "a worker process stopped (out of memory, or a model failed to load); "
                "run again with --workers 1 to see why")
    E014 = Code("the export file cannot be written",
                "cannot write {path} ({detail}); choose another --out")
    E020 = Code("a briefing does not match the newsfuse.briefing/1 schema",
                "briefing does not match schema newsfuse.briefing/1 at {where}: {detail}. "
                "Fix the stage that produced this field.")
    E021 = Code("a briefing points at text that is not there (offsets, article ids)",
                "{detail}. Fix the stage that produced this span or id.")
    E030 = Code("a web request is larger than the upload limit",
                "the request is larger than {megabytes:.1f} MB; send fewer or smaller files")
    E031 = Code("the analysis was stopped before it finished (the app is shutting down)",
                "the analysis was stopped because the app is shutting down; start it again and retry")
    E040 = Code("the store cannot be written (a read-only file or folder)",
                "the store {path} cannot be written ({detail}); make the file and its folder writable, "
                "or give another --db")
    E041 = Code("the store file is not a newsfuse database, or it is damaged",
                "the store {path} is not a usable database ({detail}); give another --db, or move the file "
                "away to start a new store")
    E042 = Code("the store path is a folder",
                "the store path {path} is a folder; give a file path to --db (e.g. {path}/newsfuse.db)")
    E043 = Code("there is no store at the path given",
                "there is no store at {path}; check --db (or $NEWSFUSE_DB), or fill one with `newsfuse ingest`")
    E044 = Code("the store stayed locked by another writer",
                "the store {path} stayed locked by another process for {seconds} s; wait for it to finish "
                "and run again")
    E045 = Code("the disk is full",
                "the disk holding {path} is full; free some space and run again (nothing was half-written)")
    E046 = Code("the output folder cannot be used (a file, or not writable)",
                "cannot write the outputs to {path} ({detail}); give -o a folder you can write to")
    E047 = Code("the Postgres store cannot be reached",
                "cannot connect to the Postgres store {url} ({detail}); start the server or fix the URL's host, "
                "port, user and database in --db (or $NEWSFUSE_DB)")
    E048 = Code("a postgresql:// store was given but psycopg is not installed",
                "the store {url} is a Postgres database but psycopg is not installed; run "
                "`pip install 'newsfuse[postgres]'`, or give an SQLite file to --db")
    E060 = Code("a settings file (newsfuse.toml) cannot be read or holds a bad key or value",
                "{detail} (see `newsfuse config` for every setting and its default)")
    E070 = Code("Ray is not installed, or the Ray cluster cannot be reached",
                "{detail}; start Ray (`ray start --head`) or run without --ray")
    E050 = Code("the web app cannot listen on the address",
                "cannot listen on {host}:{port} ({detail}); give another --port, or stop the program "
                "using it")


class Warnings(_Registry):
    """Per-item input problems (Problem.code): the item is skipped, the rest processed."""

    W001 = Code("path does not exist")
    W002 = Code("file is empty or has no article text")
    W003 = Code("file looks binary, not text")
    W004 = Code("file is larger than the size limit")
    W005 = Code("malformed JSON or JSON line")
    W006 = Code("file could not be read")
    W007 = Code("unsupported file type")
    W008 = Code("folder holds no articles")
    W009 = Code("identical content already ingested under another id")
    W010 = Code("id already names another text; the article got an id derived from its text")
    W011 = Code("text has no words (only punctuation, digits or symbols)")
    W012 = Code("JSON nested too deeply to be an article")
    W013 = Code("article longer than the analysis limit (100,000 characters)")
    W020 = Code("the articles tell more than one event, so the summary mixes them (a warning; see --split)")
