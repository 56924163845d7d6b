"""The offline bundle installs with no package index and runs with no network.

Builds the bundle with scripts/build-offline-bundle (this step uses the package index, as it
would on the connected machine) for every platform and Python it supports by default, checks
SHA256SUMS and that each platform's INSTALL file gives that system's steps, dry-runs the install
from the bundle alone for each platform and Python version, then in a fresh virtual
environment installs lm-tui from the bundle alone (`--no-index`, pip's own configuration
ignored so no other wheel folder can help) with sockets blocked, and runs `lm-tui check`, a
replay and `show` there, still with sockets
blocked and away from the checkout.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, example_files

PROJECT = Path(__file__).resolve().parents[2]
SCRIPT = PROJECT / "scripts" / "build-offline-bundle"
GUARD = Path(__file__).resolve().parent / "network_guard"
PLATFORMS = ["win_amd64", "macosx_11_0_arm64", "macosx_10_12_x86_64", "manylinux2014_x86_64"]
PYTHONS = ["3.11", "3.12", "3.13"]


def isolated_env(log: Path, data: Path) -> dict[str, str]:
    """No pip configuration, no extra wheel folders, no checkout on the path, no network.

    PIP_CONFIG_FILE=os.devnull makes pip skip every configuration file, including a machine's
    global one that may name a local wheel folder or index.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(
        PIP_CONFIG_FILE=os.devnull,
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PYTHONPATH=str(GUARD),
        LM_TUI_NETWORK_LOG=str(log),
        LM_TUI_DATA_DIR=str(data),
    )
    return env


def run(
    command: list[str | Path], env: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.mark.slow
def test_bundle_installs_and_runs_offline(tmp_path: Path) -> None:
    assert os.access(SCRIPT, os.X_OK), "scripts/build-offline-bundle must be executable"
    bundle = tmp_path / "bundle"
    built = subprocess.run(
        [str(SCRIPT), str(bundle)], capture_output=True, text=True, timeout=900, check=False
    )
    assert built.returncode == 0, built.stdout + built.stderr
    wheels = sorted(path.name for path in bundle.glob("*.whl"))
    assert [name for name in wheels if name.startswith("lm_tui-")], wheels
    for dependency in ("textual-", "pydantic-", "pydantic_core-", "tomli_w-"):
        assert any(name.startswith(dependency) for name in wheels), (dependency, wheels)
    index = (bundle / "INSTALL.txt").read_text(encoding="utf-8")
    assert "scripts/build-single-file" in index  # the way for a machine without Python
    windows_steps = "%USERPROFILE%\\lm-tui-venv\\Scripts\\python -m pip install"
    for tag in PLATFORMS:
        assert f"INSTALL-{tag}.txt" in index
        text = (bundle / f"INSTALL-{tag}.txt").read_text(encoding="utf-8")
        assert "--no-index --find-links BUNDLE lm-tui" in text
        # Each file gives its own system's steps only: no Windows steps for a Mac.
        assert (windows_steps in text) == tag.startswith("win"), tag
        assert ("python3 -m venv ~/lm-tui-venv" in text) == (not tag.startswith("win")), tag
    sums = dict(
        reversed(line.split("  ", 1))
        for line in (bundle / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    )
    assert sorted(sums) == wheels
    for name, digest in sums.items():
        assert hashlib.sha256((bundle / name).read_bytes()).hexdigest() == digest, name

    # pip resolves the whole install from the bundle alone for every platform and Python.
    for tag in PLATFORMS:
        for version in PYTHONS:
            dry_run = [
                sys.executable, "-m", "pip", "install", "--dry-run", "--no-index",
                "--find-links", bundle, "--only-binary=:all:", "--implementation", "cp",
                "--platform", tag, "--python-version", version,
                "--target", tmp_path / f"dry-{tag}-{version}", "lm-tui",
            ]  # fmt: skip
            resolved = run(dry_run, isolated_env(tmp_path / "dry.log", tmp_path / "d"), tmp_path)
            assert "Would install" in resolved.stdout and "lm-tui" in resolved.stdout
    # ...and not for a platform it was not built for (the dry run can fail).
    other = subprocess.run(
        [
            sys.executable, "-m", "pip", "install", "--dry-run", "--no-index",
            "--find-links", bundle, "--only-binary=:all:", "--platform", "win32",
            "--python-version", "3.12", "--target", tmp_path / "dry-other", "lm-tui",
        ],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert other.returncode != 0

    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(target)
    python = target / "bin" / "python"
    lm_tui = target / "bin" / "lm-tui"
    log = tmp_path / "network.log"
    env = isolated_env(log, tmp_path / "data")
    away = tmp_path / "elsewhere"  # not the checkout, so only the installed package is found
    away.mkdir()

    pip_log = tmp_path / "pip-network.log"
    pip_env = {**env, "LM_TUI_NETWORK_LOG": str(pip_log)}
    install = [python, "-m", "pip", "install", "--no-index", "--find-links", bundle, "lm-tui"]
    run(install, pip_env, away)
    # pip may create a socket to probe for IPv6 support, but must not try to talk to anything.
    assert "blocked" not in (pip_log.read_text(encoding="utf-8") if pip_log.exists() else "")
    where = run([python, "-c", "import lm_tui; print(lm_tui.__file__)"], env, away).stdout
    assert Path(where.strip()).is_relative_to(target), where

    checked = run([lm_tui, "check", FIXTURES / "flows" / "houseplant.toml"], env, away)
    assert ": OK  flow 'houseplant'" in checked.stdout
    example = example_files()[0]
    run([lm_tui, "replay", example, "--export", away / "session.toml"], env, away)
    shown = run([lm_tui, "show", away / "session.toml"], env, away)
    assert "Recommendations:" in shown.stdout  # the flow bundled in the wheel was used

    assert not log.exists(), log.read_text(encoding="utf-8")
