"""`lm-tui schema` in Taplo (the engine of the Even Better TOML editor extension), run as a
command: the mistakes a flow author makes are named, and the README's `.taplo.toml` checks the
flows and not the teaching cases. Taplo comes from npm (`@taplo/cli`, test-only; `.ci/run`
installs it into `.venv/node`); the tests skip, saying why, where it or node is missing."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lm_tui.cli import main
from lm_tui.resources import bundled_flow_path

ROOT = Path(__file__).resolve().parents[2]
LOCAL_TAPLO = ROOT / ".venv" / "node" / "node_modules" / ".bin" / "taplo"


def _taplo() -> str:
    found = shutil.which("taplo") or (str(LOCAL_TAPLO) if LOCAL_TAPLO.exists() else None)
    if found:
        return found
    if shutil.which("node") is None:
        pytest.skip("node is not installed, so taplo (npm @taplo/cli) cannot run")
    pytest.skip("taplo is not installed: npm install --prefix .venv/node @taplo/cli@0.7.0")


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A folder with the schema as the README saves it."""
    assert main(["schema"]) == 0
    (tmp_path / "flow.schema.json").write_text(capsys.readouterr().out, "utf-8")
    return tmp_path


def _check(project: Path, *files: str) -> subprocess.CompletedProcess[str]:
    schema = (project / "flow.schema.json").as_uri()
    arguments = ["check", "--schema", schema, *files] if files else ["check"]
    return subprocess.run(
        [_taplo(), *arguments], cwd=project, capture_output=True, text=True, timeout=120
    )


def _kps_node(text: str, change: str) -> str:
    """The bundled flow with one line inserted or replaced in its `[nodes.kps]` table."""
    start = text.index("[nodes.kps]\n")
    if change.startswith("kind"):
        end = text.index('kind = "number"', start)
        return text[:end] + change + text[end + len('kind = "number"') :]
    cut = start + len("[nodes.kps]\n")
    return text[:cut] + change + "\n" + text[cut:]


def test_taplo_accepts_the_bundled_flow(project: Path) -> None:
    shutil.copy(bundled_flow_path(), project / "flow.toml")
    result = _check(project, "flow.toml")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ('promt = "typo"', "Additional properties are not allowed ('promt' was unexpected)"),
        ('kind = "slider"', '"slider" is not one of ["choice","info","multi","number","outcome"]'),
    ],
    ids=["misspelt key", "unknown kind"],
)
def test_taplo_names_the_mistake(project: Path, change: str, named: str) -> None:
    text = bundled_flow_path().read_text("utf-8")
    (project / "flow.toml").write_text(_kps_node(text, change), "utf-8")
    result = _check(project, "flow.toml")
    assert result.returncode != 0
    assert named in result.stderr
    assert "is not valid under any of the schemas" not in result.stderr


def test_the_readme_taplo_config_checks_the_flows_and_not_the_cases(project: Path) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    config = re.search(r"```toml\n(\[\[rule\]\]\n.*?)```", readme, re.DOTALL)
    assert config, "the README shows a .taplo.toml"
    (project / ".taplo.toml").write_text(config.group(1), "utf-8")
    shutil.copytree(ROOT / "flows", project / "flows")
    result = _check(project)
    assert result.returncode == 0, result.stderr
    (project / "flows" / "cases" / "broken.toml").write_text('[case]\nid = "x"\n', "utf-8")
    (project / "flows" / "broken.toml").write_text('[flow]\nid = "Not An Id"\n', "utf-8")
    result = _check(project)
    assert result.returncode != 0
    assert "flows/broken.toml" in result.stderr and "cases/broken.toml" not in result.stderr
