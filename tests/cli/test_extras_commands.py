"""The command-line side of issue 7: fhir-questionnaire, --plain routing, and what plain mode
imports before its first screen."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire

from lm_tui.cli import main
from lm_tui.flow.definition import Flow

ROOT = Path(__file__).resolve().parents[2]


def test_fhir_questionnaire_prints_a_valid_resource_and_names_the_sdc_conditions(
    capsys: pytest.CaptureFixture[str], bundled_flow: Flow
) -> None:
    assert main(["fhir-questionnaire"]) == 0
    captured = capsys.readouterr()
    resource = json.loads(captured.out)
    Questionnaire.model_validate(resource)
    assert resource["version"] == bundled_flow.version
    assert captured.err.startswith("note: ")
    named = captured.err.strip().split(": ")[-1].split(", ")
    assert named and set(named) <= {item["linkId"] for item in resource["item"]}
    for item in resource["item"]:
        if item["linkId"] in named:
            assert "enableWhen" not in item
            urls = [e["url"] for e in item["extension"]]
            assert any(url.endswith("sdc-questionnaire-enableWhenExpression") for url in urls)


def test_fhir_questionnaire_of_a_bad_flow_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[flow\n")
    assert main(["fhir-questionnaire", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "is not valid TOML" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--plain", "--flow", "{flow}"],
        ["--flow", "{flow}", "--plain"],
        ["plain", "--flow", "{flow}"],
    ],
)
def test_plain_flag_anywhere_before_a_command_runs_plain_mode(
    argv: list[str],
    houseplant_flow: Flow,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("LM_TUI_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "stdin", io.StringIO("2\n\n3\n\n\n"))
    args = [a.replace("{flow}", str(houseplant_flow.path)) for a in argv]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("Which houseplant suits the room? (flow houseplant, version 0.3)")
    assert "Outcome: Suggested plants" in out


def test_plain_mode_shows_its_first_screen_before_loading_pydantic_and_never_loads_textual() -> (
    None
):
    probe = (
        "import sys\n"
        "import lm_tui.cli, lm_tui.cli.plain, lm_tui.plain.startup\n"
        "heavy_names = {'pydantic', 'textual'}\n"
        "loaded = lambda: sorted({m.split('.')[0] for m in sys.modules} & heavy_names)\n"
        "heavy = loaded()\n"
        "lm_tui.cli.build_parser(('plain',))\n"
        "print(heavy, loaded())\n"
        "sys.stdin = open('/dev/null')\n"
        "code = lm_tui.cli.main(['--plain'])\n"
        "print(code, 'textual' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "LM_TUI_NO_CACHE": "1", "HOME": str(ROOT)},
    )
    assert result.stdout.splitlines()[0] == "[] []"
    assert result.stderr.strip().splitlines()[-1] == "3 False"
