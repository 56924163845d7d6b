"""The flow's text is in its own words: no eight words in a row shared with a reference document.

The reference documents are found beside the clone like the acceptance examples
(tests/acceptance_examples.py); without them the test fails rather than passing unseen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.acceptance_examples import reference_folder
from tests.own_words import CHECKED_FILES, References, copies_in_file, words

ROOT = Path(__file__).resolve().parents[2]

REFERENCE_SENTENCE = (
    "Avoid aggressive systemic or intrathecal chemotherapy in patients with a poor outlook, "
    "and give 30-36 Gy in 10-12 daily fractions to symptomatic sites."
)


@pytest.fixture(scope="module")
def references() -> References:
    return References.from_folder(reference_folder())


def checked_files() -> list[Path]:
    files = sorted({p for pattern in CHECKED_FILES for p in ROOT.glob(pattern)})
    assert files, f"no files match {CHECKED_FILES}"
    return files


@pytest.mark.parametrize("file", checked_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_text_is_copied_from_the_references(references: References, file: Path) -> None:
    copies = copies_in_file(references, file, file.relative_to(ROOT).as_posix())
    assert not copies, "\n".join(str(c) for c in copies)


def test_words_are_case_folded_without_punctuation_or_numbers() -> None:
    assert words("Give 30-36 Gy, in 10–12 DAILY fractions (1.5 T).") == [
        "give",
        "gy",
        "in",
        "daily",
        "fractions",
        "t",
    ]


def test_a_planted_copy_of_eight_words_is_found() -> None:
    references = References({"ref.txt": REFERENCE_SENTENCE})
    planted = "On this branch AVOID aggressive systemic, or intrathecal chemotherapy in patients!"
    (copy,) = references.copies("flow.toml: recommendations.x.text", planted)
    assert copy.run == "avoid aggressive systemic or intrathecal chemotherapy in patients"
    assert copy.reference == "ref.txt"
    assert "flow.toml: recommendations.x.text" in str(copy)


def test_seven_words_in_a_row_are_not_a_copy() -> None:
    references = References({"ref.txt": REFERENCE_SENTENCE})
    assert (
        references.copies("x", "Avoid aggressive systemic or intrathecal chemotherapy in the") == []
    )


def test_numbers_do_not_break_or_make_a_copy() -> None:
    references = References({"ref.txt": REFERENCE_SENTENCE})
    # Different figures, same words: still a copy, since numbers are ignored on both sides.
    (copy,) = references.copies(
        "x", "symptomatic sites: give 20 Gy in 5 daily fractions to symptomatic sites"
    )
    assert copy.run == "give gy in daily fractions to symptomatic sites"


def test_a_long_copy_is_reported_once_as_one_stretch() -> None:
    references = References({"ref.txt": REFERENCE_SENTENCE})
    copies = references.copies("x", REFERENCE_SENTENCE)
    assert len(copies) == 1
    assert copies[0].run == " ".join(words(REFERENCE_SENTENCE))


def test_a_planted_copy_in_a_flow_file_is_found_and_citations_are_not_prose(
    tmp_path: Path,
) -> None:
    references = References({"ref.txt": REFERENCE_SENTENCE})
    flow = tmp_path / "planted.toml"
    flow.write_text(
        "[sources.x]\n"
        f'citation = "{REFERENCE_SENTENCE}"\n'
        "[recommendations.bsc]\n"
        'title = "Best supportive care"\n'
        'text = "First comfort. Avoid aggressive systemic or intrathecal chemotherapy in patients"'
        "\n",
        encoding="utf-8",
    )
    (copy,) = copies_in_file(references, flow, "planted.toml")
    assert copy.place == "planted.toml: recommendations.bsc.text"


def test_a_missing_reference_folder_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no reference documents"):
        References.from_folder(tmp_path / "nowhere")


def test_every_teaching_case_is_checked() -> None:
    """The cases' vignettes and explanations are text a trainee reads: they are checked too."""
    cases = sorted((ROOT / "flows" / "cases").glob("*.toml"))
    assert cases
    assert set(cases) <= set(checked_files())


def test_a_planted_copy_in_a_case_file_is_found_with_its_place(tmp_path: Path) -> None:
    references = References({"ref.txt": REFERENCE_SENTENCE})
    case = tmp_path / "planted-case.toml"
    case.write_text(
        '[case]\nvignette = "A patient."\n'
        "[explain.planned]\n"
        'why = "At this stage, avoid aggressive systemic or intrathecal chemotherapy in '
        'patients."\n',
        encoding="utf-8",
    )
    (copy,) = copies_in_file(references, case, "planted-case.toml")
    assert copy.place == "planted-case.toml: explain.planned.why"
