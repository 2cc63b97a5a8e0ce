"""The README documents every error code, command and option (sqlite-utils' test_docs.py idea)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from newsfuse.cli import app
from newsfuse.errors import Code, Errors, Warnings

PROJECT = Path(__file__).resolve().parents[1]
README = (PROJECT / "README.md").read_text(encoding="utf-8")
SOURCES = {path: path.read_text(encoding="utf-8") for path in (PROJECT / "src" / "newsfuse").rglob("*.py")}
CODES = [*Errors.codes(), *Warnings.codes()]
COMMANDS = typer.main.get_command(app).commands


def test_every_code_is_unique_and_named_like_its_registry():
    names = [code.code for code in CODES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"E\d{3}", code.code) for code in Errors.codes())
    assert all(re.fullmatch(r"W\d{3}", code.code) for code in Warnings.codes())
    assert all(code.fix for code in Errors.codes())  # every error says how to fix it
    assert len({code.meaning for code in CODES}) == len(CODES)  # no two codes for one meaning


@pytest.mark.parametrize("code", CODES, ids=lambda code: code.code)
def test_every_code_is_used_through_the_registry(code: Code):
    registry = "Errors" if code.code.startswith("E") else "Warnings"
    used = [path for path, text in SOURCES.items() if re.search(rf"\b{registry}\.{code.code}\b", text)]
    assert used, f"{code.code} is registered but never raised or reported"


def test_no_code_is_typed_at_a_call_site():
    typed = {path.name: found for path, text in SOURCES.items() if path.name != "errors.py"
             for found in re.findall(r"[\"'][EW]\d{3}[\"']", text)}
    assert typed == {}


@pytest.mark.parametrize("code", CODES, ids=lambda code: code.code)
def test_every_code_is_listed_in_the_readme(code: Code):
    assert re.search(rf"^\| `{code.code}` \|", README, re.MULTILINE), f"README lists no `{code.code}`"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_and_option_is_documented_in_the_readme(name: str):
    assert f"newsfuse {name}" in README
    for parameter in COMMANDS[name].params:
        for option in parameter.opts:
            if option.startswith("--"):
                assert re.search(rf"[`/]{re.escape(option)}\b", README), f"`newsfuse {name}` option {option}"
