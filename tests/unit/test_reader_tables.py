"""One runner for the reader tables in tests/unit/tables/*.mwtest, one file per language.

The shape is that of mwparserfromhell's `.mwtest` files, so that a native speaker adds a case without
writing Python: `name:`, `label:`, `input:` and `expected:` lines, cases separated by a line `---`. A value
may go on over the following lines (a line without a known key continues the one before; `\\n` is a line
break). `expected` is one of:

    license: CC-BY-SA-4.0          the license reader grants this SPDX id
    license: license_wikipedia_only  ... or finds this problem (a LicenseProblem value)
    credit: Rui Santos             the statement credits this name to someone other than the signer
    credit: none                   ... or credits nobody else
    credit: A + B                  ... or credits these names, in this order
    self-made: yes                 the statement says the signer made the work themselves (or: no)
    websites: https://a.example, https://b.example  the holder's websites, best first (nothing: none)
    organisation: yes              the input, a signer's name, names an organisation, not a person (or: no)
    represents: Marea Alta         the statement says the signer writes for this organisation (nothing: none)

The readers run with the offline language detector, as `permbot verify` does.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.config.verifier import language_detector
from verification.languages import LanguageDetector
from verification.licenses import LicenseVocabulary, read_license
from verification.model import Address, ParsedMessage, Segment, SegmentKind
from verification.statement import StatementVocabulary, read_statement
from verification.statement.signature import is_organisation

ROOT = Path(__file__).resolve().parents[2]
TABLES = sorted((Path(__file__).parent / "tables").glob("*.mwtest"))
_KEYS = ("name", "label", "input", "expected")
SIGNER = "I, Jane Roe, agree.\n\n"


@dataclass(frozen=True)
class TableCase:
    language: str
    name: str
    label: str
    input: str
    expected: str


def parse_table(path: Path) -> list[TableCase]:
    """The cases of one table; a case without all four keys is an error naming the file and case."""
    cases: list[TableCase] = []
    for number, block in enumerate(path.read_text(encoding="utf-8").split("\n---\n"), start=1):
        fields: dict[str, str] = {}
        current = ""
        for line in block.strip().splitlines():
            key, colon, value = line.partition(":")
            if colon and key.strip() in _KEYS:
                current = key.strip()
                fields[current] = value.strip()
            elif current:
                fields[current] += " " + line.strip()
        if not fields:
            continue
        missing = [key for key in _KEYS if key not in fields]
        if missing:
            raise ValueError(f"{path.name}, case {number}: missing {', '.join(missing)}")
        text = fields["input"].replace("\\n", "\n")
        cases.append(TableCase(path.stem, fields["name"], fields["label"], text, fields["expected"]))
    return cases


ALL = [case for table in TABLES for case in parse_table(table)]


def config(name: str) -> dict[str, Any]:
    return tomllib.loads((ROOT / "config" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def licenses() -> LicenseVocabulary:
    return LicenseVocabulary.from_mapping(config("licenses.toml"))


@pytest.fixture(scope="module")
def detector(licenses: LicenseVocabulary) -> LanguageDetector:
    return language_detector(licenses.language_confidence)


@pytest.fixture(scope="module")
def statements() -> StatementVocabulary:
    return StatementVocabulary.from_mapping(config("statement.toml"))


def own_message(text: str) -> ParsedMessage:
    return ParsedMessage(
        ticket="2024051410012345",
        sender=Address("jane@example.org", "Jane Roe"),
        reply_to=(),
        date=None,
        subject="",
        message_id=None,
        segments=(Segment(SegmentKind.OWN, text, None),),
        links=(),
        auth_results=(),
    )


def test_every_language_has_a_table() -> None:
    # every language of the Release Generator (toollabs/relgen: en, es, gl, ko, ru, uk, zh) and more
    languages = {"en", "de", "nl", "es", "gl", "ko", "ru", "uk", "ja", "zh", "ar"}
    assert languages <= {table.stem for table in TABLES}


def test_names_are_unique() -> None:
    names = [f"{case.language}/{case.name}" for case in ALL]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", ALL, ids=[f"{case.language}-{case.name}" for case in ALL])
def test_reader_table(
    case: TableCase, licenses: LicenseVocabulary, statements: StatementVocabulary, detector: LanguageDetector
) -> None:
    kind, _, value = case.expected.partition(":")
    value = value.strip()
    if kind == "license":
        finding = read_license(case.input, licenses, detector)
        got = finding.spdx or (finding.problem.value if finding.problem else None)
        assert got == value, case.label
    elif kind == "credit":
        statement = read_statement(own_message(SIGNER + case.input), (), statements, licenses, detector)
        others = [credit.name or "unnamed" for credit in statement.credits if not credit.by_signer]
        assert others == ([] if value == "none" else value.split(" + ")), case.label
    elif kind == "self-made":
        statement = read_statement(own_message(SIGNER + case.input), (), statements, licenses, detector)
        assert statement.self_made == _yes_or_no(value), case.label
    elif kind == "websites":
        statement = read_statement(own_message(case.input), (), statements, licenses, detector)
        assert (", ".join(statement.websites) or "none") == value, case.label
    elif kind == "organisation":
        assert is_organisation(case.input, statements) == _yes_or_no(value), case.label
    elif kind == "represents":
        statement = read_statement(own_message(case.input), (), statements, licenses, detector)
        assert (statement.represents or "none") == value, case.label
    else:
        pytest.fail(f"unknown expectation {case.expected!r}")


def _yes_or_no(value: str) -> bool:
    if value not in {"yes", "no"}:
        pytest.fail(f"expected yes or no, not {value!r}")
    return value == "yes"
