"""The export format registry, the Markdown clinical summary and `replay --format`."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from lm_tui.cli import main
from lm_tui.cli.replay import replay_session
from lm_tui.exports.formats import FORMATS, export_format, path_in_folder
from lm_tui.exports.markdown import render_markdown
from lm_tui.flow.definition import Flow
from lm_tui.session.engine import Session
from lm_tui.session.outcome import outcome_table
from tests.conftest import example_files


def test_registry_names_extensions_and_unknown_name() -> None:
    assert {name: fmt.extension for name, fmt in FORMATS.items()} == {
        "toml": ".toml",
        "md": ".md",
        "fhir": ".json",
    }
    assert path_in_folder(Path("out"), "case-1", FORMATS["md"]) == Path("out/case-1.md")
    with pytest.raises(KeyError, match="toml, md, fhir"):
        export_format("pdf")


@pytest.mark.parametrize("example", example_files(), ids=lambda p: p.stem)
def test_every_format_renders_the_same_session(example: Path, bundled_flow: Flow) -> None:
    session, _ = replay_session(bundled_flow, example)
    document = tomllib.loads(FORMATS["toml"].render(session).decode("utf-8"))
    assert document["outcome"] == outcome_table(session.evaluator)
    resource = json.loads(FORMATS["fhir"].render(session))
    assert resource["resourceType"] == "QuestionnaireResponse"
    assert [item["linkId"] for item in resource["item"]] == [
        step.node for step in session.path if step.variable
    ]
    assert FORMATS["md"].render(session).decode("utf-8").startswith("# ")


@pytest.mark.parametrize("example", example_files(), ids=lambda p: p.stem)
def test_markdown_contains_every_recommendation_and_nothing_else(
    example: Path, bundled_flow: Flow
) -> None:
    session, _ = replay_session(bundled_flow, example)
    markdown = render_markdown(session)
    given = set(session.evaluator.recommendations())
    assert given, "each example recommends something"
    for rec_id, rec in bundled_flow.recommendations.items():
        marker = f"(`{rec_id}`)"
        if rec_id in given:
            assert marker in markdown and rec.title in markdown, rec_id
            for source in rec.sources:
                assert f"[{source}]" in markdown
            # the full text with its placeholders filled, on one line
            assert " ".join(session.evaluator.fill(rec.text).split()) in markdown
        else:
            assert marker not in markdown, f"{rec_id} was not recommended but is listed"


def test_markdown_records_version_hash_panels_pitfalls_and_disclaimer(bundled_flow: Flow) -> None:
    example = next(p for p in example_files() if "csi-mtx" in p.stem)
    session, _ = replay_session(bundled_flow, example)
    raised = session.raised_pitfalls()
    assert raised
    session.acknowledge(raised[0])
    markdown = render_markdown(session)
    assert bundled_flow.sha256 in markdown
    assert f"version {bundled_flow.version}" in markdown
    assert markdown.count(" ".join(bundled_flow.file.flow.disclaimer.split())) == 2
    for panel in bundled_flow.file.flow.panels:
        assert f"## {panel.title}" in markdown
    assert re.search(rf"\(acknowledged [0-9T:-]+Z\)\. .*\(`{raised[0]}`\)", markdown)
    for pit_id in raised[1:]:
        assert re.search(rf"\(NOT acknowledged\)\. .*\(`{pit_id}`\)", markdown)
    for variable in session.answers:
        assert f"| {bundled_flow.variables[variable].label} |" in markdown


def test_markdown_of_an_unfinished_session_gives_no_recommendations(bundled_flow: Flow) -> None:
    session = Session(bundled_flow)
    session.answer("lung")
    markdown = render_markdown(session)
    assert "NOT complete" in markdown
    assert "no recommendations are given" in markdown
    assert "| Primary tumour | Lung cancer |" in markdown


def test_markdown_table_cells_escape_pipes(houseplant_flow: Flow) -> None:
    session = Session(houseplant_flow)
    session.answer("bright")
    session.note("cat | dog")
    markdown = render_markdown(session)
    assert "cat | dog" in markdown  # notes are not in a table
    assert "| Light in the room | Bright, direct sun |" in markdown


@pytest.mark.parametrize(
    ("fmt", "extension"), [("toml", ".toml"), ("md", ".md"), ("fhir", ".json")]
)
def test_replay_export_dir_extension_follows_the_format(
    fmt: str, extension: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    examples = example_files()
    code = main(["replay", *map(str, examples), "--export-dir", str(tmp_path), "--format", fmt])
    assert code == 0, capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{p.stem}{extension}" for p in examples
    )


def test_replay_export_file_in_markdown(tmp_path: Path, bundled_flow: Flow) -> None:
    example = example_files()[0]
    target = tmp_path / "case.md"
    assert main(["replay", str(example), "--export", str(target), "--format", "md"]) == 0
    session, _ = replay_session(bundled_flow, example)
    text = target.read_text("utf-8")
    for rec_id in session.evaluator.recommendations():
        assert bundled_flow.recommendations[rec_id].title in text


def test_replay_rejects_an_unknown_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["replay", str(example_files()[0]), "--export-dir", str(tmp_path), "--format", "pdf"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'pdf'" in err and "Traceback" not in err


# --- Markdown in free text is shown as written ----------------------------------------------------


@pytest.mark.parametrize(
    "note",
    [
        "*good* response",
        "__strong__ and _em_",
        "see [the trial](https://evil.example) ![x](y.png)",
        "`code` and ~~gone~~",
        "<b>bold</b> &amp; &copy;",
        "# not a heading",
        "1. not a list",
        "> not a quote",
        "back\\slash \\*",
    ],
)
def test_markdown_in_a_note_is_shown_literally(houseplant_flow: Flow, note: str) -> None:
    """Rendered by a CommonMark renderer (markdown-it-py, installed with Textual), the note
    reads exactly as typed: no emphasis, link, image, code, HTML or entity."""
    from markdown_it import MarkdownIt

    from lm_tui.exports.markdown import render_markdown

    session = Session(houseplant_flow)
    session.answer("bright")
    session.note(note, "light")
    markdown = render_markdown(session)
    tokens = MarkdownIt("commonmark").enable("strikethrough").parse(markdown)
    notes_at = next(i for i, t in enumerate(tokens) if t.type == "inline" and t.content == "Notes")
    inline = next(t for t in tokens[notes_at + 1 :] if t.type == "inline")
    kinds = {child.type for child in inline.children or []}
    assert kinds <= {"text", "softbreak"}, (note, kinds)
    text = "".join(child.content for child in inline.children or [])
    assert text.endswith(f": {note}"), (text, note)
