"""The wheel is complete: built from the sdist, installed in a fresh venv, run from elsewhere.

A file the app needs that exists only in the checkout (a flow, a stylesheet, a module found by
path) passes every other test and fails on a hospital machine. Here the package is built as a
user gets it (sdist, then the wheel from the sdist), installed into a new virtual environment
without this environment's packages (dependencies come from the package index), and run from an
empty folder with no trace of the checkout on the path.

Slow (a minute or two: it installs Textual and pydantic); it needs the package index.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lm_tui import __version__
from tests.conftest import example_files

ROOT = Path(__file__).resolve().parents[2]


def run(*command: str | Path, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def must(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(wheel, venv bin folder, an empty working folder)."""
    base = tmp_path_factory.mktemp("packaging")
    dist = base / "dist"
    must(run(sys.executable, "-m", "build", "--outdir", dist, ROOT, cwd=base))
    [wheel] = dist.glob("lm_tui-*.whl")
    venv = base / "venv"
    must(run(sys.executable, "-m", "venv", venv, cwd=base))
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    must(run(bin_dir / "python", "-m", "pip", "install", wheel, cwd=base))
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    return wheel, bin_dir, elsewhere


def test_the_wheel_carries_every_flow_and_stylesheet(installed: tuple[Path, Path, Path]) -> None:
    wheel, _, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("flows", "screens"):
        shipped = [
            p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts
        ]
        assert shipped, f"{folder}/ is empty in the checkout"
        for path in shipped:
            inside = f"lm_tui/_bundled/{path.relative_to(ROOT).as_posix()}"
            assert inside in names, f"{inside} is missing from {wheel.name}"
    assert "lm_tui/_bundled/flows/leptomeningeal.toml" in names
    assert any(name.startswith("lm_tui/_bundled/screens/") for name in names)


def test_the_installed_command_checks_the_bundled_flow_from_another_folder(
    installed: tuple[Path, Path, Path],
) -> None:
    _, bin_dir, elsewhere = installed
    out = must(run(bin_dir / "lm-tui", "check", cwd=elsewhere))
    assert "OK  flow 'leptomeningeal'" in out
    # The flow came from inside the installation, not from the checkout.
    flow_path = Path(out.split(": OK", 1)[0])
    assert flow_path.is_relative_to(bin_dir.parent), flow_path
    assert flow_path.parts[-3:] == ("_bundled", "flows", "leptomeningeal.toml")


def test_the_installed_version_and_module_entry(installed: tuple[Path, Path, Path]) -> None:
    _, bin_dir, elsewhere = installed
    assert must(run(bin_dir / "lm-tui", "--version", cwd=elsewhere)).strip() == (
        f"lm-tui {__version__}"
    )
    script_help = must(run(bin_dir / "lm-tui", "--help", cwd=elsewhere))
    module_help = must(run(bin_dir / "python", "-m", "lm_tui", "--help", cwd=elsewhere))
    assert module_help == script_help


def test_the_installed_resources_and_a_replay(
    installed: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, bin_dir, elsewhere = installed
    probe = (
        "from lm_tui import resources as r; "
        "print(r.flows_dir()); print(r.screens_dir()); print(r.bundled_flow_path().is_file())"
    )
    flows, screens, exists = must(run(bin_dir / "python", "-c", probe, cwd=elsewhere)).split()
    for folder in (flows, screens):
        assert Path(folder).is_relative_to(bin_dir.parent), folder
        assert Path(folder).is_dir()
    assert exists == "True"

    # Every style file the app reads (at start, and per screen on first show) is installed, and
    # the installed folder holds the same stylesheets as the checkout.
    probe = (
        "from lm_tui.ui.styles import SHARED, BY_MODULE; "
        "print(' '.join(sorted({*SHARED, *(n for ns in BY_MODULE.values() for n in ns)})))"
    )
    loaded = must(run(bin_dir / "python", "-c", probe, cwd=elsewhere)).split()
    assert "base.tcss" in loaded
    for name in loaded:
        path = Path(screens) / name
        assert path.is_file() and path.stat().st_size > 0, f"{name} is not installed"
    installed_styles = sorted(p.name for p in Path(screens).glob("*.tcss"))
    assert installed_styles == sorted(p.name for p in (ROOT / "screens").glob("*.tcss"))

    example = example_files()[0]
    target = tmp_path / "replayed.toml"
    must(run(bin_dir / "lm-tui", "replay", example, "--export", target, cwd=elsewhere))
    assert "[outcome]" in target.read_text(encoding="utf-8")
