"""Finding and reading teaching case files; every problem names the file and the place in it.

Reading only checks the file against its schema. Whether the case fits its flow (values in their
domains, the expected path reaching an outcome) is `validate.check_case`, because that needs the
flow and `lm-tui check` reports both together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from lm_tui.flow.errors import CaseError, Problem
from lm_tui.flow.toml_files import UnreadableFile, read_toml
from lm_tui.session import user_paths
from lm_tui.teaching.case_file import CaseAnswer, CaseFile, Explanation, OutcomeValue


class CaseFileError(CaseError):
    """A case file that cannot be used; lists every problem found, one line each."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(self.summary())

    def lines(self) -> list[str]:
        return [f"{self.path}: {problem}" for problem in self.problems]

    def summary(self) -> str:
        return "\n".join(self.lines())


@dataclass(frozen=True)
class Case:
    path: Path
    sha256: str
    file: CaseFile

    @property
    def id(self) -> str:
        return self.file.case.id

    @property
    def title(self) -> str:
        return self.file.case.title

    @property
    def flow_id(self) -> str:
        return self.file.case.flow

    @property
    def vignette(self) -> str:
        return self.file.case.vignette

    @property
    def objectives(self) -> list[str]:
        return self.file.case.objectives

    @property
    def given(self) -> Mapping[str, CaseAnswer]:
        return self.file.given

    @property
    def expected(self) -> Mapping[str, CaseAnswer]:
        return self.file.expected

    @property
    def explain(self) -> Mapping[str, Explanation]:
        return self.file.explain

    @property
    def expected_outcome(self) -> Mapping[str, OutcomeValue]:
        return self.file.expected_outcome


def load_case(path: Path) -> Case:
    """Read one case file; CaseFileError lists every schema problem with its place."""
    try:
        data, content = read_toml(path)
    except UnreadableFile as error:
        raise CaseFileError(path, [Problem("", str(error))]) from None
    try:
        file = CaseFile.model_validate(content)
    except ValidationError as error:
        raise CaseFileError(path, _schema_problems(error)) from None
    return Case(path, hashlib.sha256(data).hexdigest(), file)


def case_files(folder: Path) -> list[Path]:
    """The `*.toml` files of a cases folder, sorted so listings are stable."""
    if not user_paths.is_dir(folder):
        raise CaseError(f"{folder}: no such folder of teaching cases; check the path")
    return user_paths.files_in(folder, "*.toml")


@dataclass
class CaseFolder:
    """The cases of a folder that could be read, and the problems of the others."""

    cases: list[Case]
    errors: list[CaseFileError]

    def find(self, case_id: str) -> Case:
        for case in self.cases:
            if case.id == case_id:
                return case
        known = ", ".join(case.id for case in self.cases) or "none"
        raise CaseError(
            f"no teaching case '{case_id}'; known cases: {known} (see lm-tui teach --list)"
        )


def load_cases(paths: Iterable[Path]) -> CaseFolder:
    """Read every case file or folder of case files; a broken file does not hide the others."""
    files: list[Path] = []
    for path in paths:
        files.extend(case_files(path) if user_paths.is_dir(path) else [path])
    cases: list[Case] = []
    errors: list[CaseFileError] = []
    first_file: dict[str, Path] = {}
    for file in files:
        try:
            case = load_case(file)
        except CaseFileError as error:
            errors.append(error)
            continue
        if case.id in first_file:
            errors.append(
                CaseFileError(
                    file,
                    [
                        Problem(
                            "case.id",
                            f"'{case.id}' is already used by {first_file[case.id]}; "
                            "give each case its own id",
                        )
                    ],
                )
            )
            continue
        first_file[case.id] = file
        cases.append(case)
    return CaseFolder(cases, errors)


_UNION_TAGS = frozenset({"str", "int", "float", "bool", "list[str]", "dict[str,str]"})
"""Names pydantic gives the members of a union it tried; they are not places in the file."""

_SHAPES = {
    "expected_outcome": "true/false, a number, text, a list of ids, or a table of text",
}
_ANSWER_SHAPE = "text (a choice), a number, or a list of text (a multi-select)"


def _schema_problems(error: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for item in error.errors():
        loc = list(item["loc"])
        where = _place(loc)
        message = item["msg"]
        tags = [index for index, part in enumerate(loc) if part in _UNION_TAGS]
        if tags:
            # One line per value, not one per union member pydantic tried.
            where = _place(loc[: tags[0]])
            message = f"must be {_SHAPES.get(str(loc[0]), _ANSWER_SHAPE)}"
        elif item["type"] == "extra_forbidden":
            message = "unknown key; check its spelling against the case format in the README"
        elif item["type"] == "missing":
            message = "required key is missing"
        elif item["type"] == "string_too_short":
            message = "must not be empty"
        elif item["type"] == "too_short":
            message = "needs at least one entry"
        elif item["type"] == "string_pattern_mismatch":
            message = "use lower-case letters, digits and _ (a case id may also use -)"
        if where in seen:
            continue
        seen.add(where)
        problems.append(Problem(where, message))
    return problems


def _place(loc: Iterable[int | str]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text
