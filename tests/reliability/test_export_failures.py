"""Export failures on the command line: exit 2, one clear line on stderr, never a partial file."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from lm_tui.cli import main
from lm_tui.session import atomic_files
from tests.conftest import FIXTURES

PROJECT = Path(__file__).resolve().parents[2]
HOUSEPLANT = FIXTURES / "flows" / "houseplant.toml"
ANSWERS = """\
[answers]
light = "bright"
pets = ["dog"]
hours_away = 3
"""


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.toml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


def replay(answers: Path, target: Path, *extra: str) -> int:
    return main(
        ["replay", str(answers), "--flow", str(HOUSEPLANT), "--export", str(target), *extra]
    )


def is_export(path: Path) -> bool:
    return tomllib.loads(path.read_text(encoding="utf-8"))["session"]["flow_id"] == "houseplant"


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name != "answers.toml")


class _OsWith:
    """The `os` module as atomic_files.py sees it, with some functions replaced."""

    def __init__(self, **replaced: Any) -> None:
        self._replaced = replaced

    def __getattr__(self, name: str) -> Any:
        return self._replaced.get(name, getattr(os, name))


def test_a_good_export_works(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The baseline the failures below differ from: the same command succeeds."""
    assert replay(answers, tmp_path / "out.toml") == 0
    assert is_export(tmp_path / "out.toml")
    assert capsys.readouterr().err == ""


def test_missing_folder(answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert replay(answers, tmp_path / "nowhere" / "out.toml") == 2
    line = one_error_line(capsys)
    assert "does not exist" in line and "nowhere" in line
    assert not (tmp_path / "nowhere").exists()


def test_target_is_a_folder(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "out.toml").mkdir()
    assert replay(answers, tmp_path / "out.toml") == 2
    assert "is a directory" in one_error_line(capsys)
    assert leftovers(tmp_path) == ["out.toml"]
    assert list((tmp_path / "out.toml").iterdir()) == []


def test_folder_part_is_a_file(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes").write_text("a file", encoding="utf-8")
    assert replay(answers, tmp_path / "notes" / "out.toml") == 2
    assert "is not a folder" in one_error_line(capsys)
    assert (tmp_path / "notes").read_text(encoding="utf-8") == "a file"


def test_name_collision_keeps_the_existing_file(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "out.toml").write_text("precious", encoding="utf-8")
    assert replay(answers, tmp_path / "out.toml") == 2
    line = one_error_line(capsys)
    assert "already exists" in line and "nothing was written" in line
    assert (tmp_path / "out.toml").read_text(encoding="utf-8") == "precious"
    assert leftovers(tmp_path) == ["out.toml"]
    # --overwrite is the explicit way to replace it.
    assert replay(answers, tmp_path / "out.toml", "--overwrite") == 0
    assert is_export(tmp_path / "out.toml")


def test_collision_with_a_dangling_symlink_is_refused(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A symlink pointing nowhere is still a name in use; we never write through it."""
    (tmp_path / "out.toml").symlink_to(tmp_path / "elsewhere.toml")
    assert replay(answers, tmp_path / "out.toml") == 2
    assert "already exists" in one_error_line(capsys)
    assert not (tmp_path / "elsewhere.toml").exists()


def test_unwritable_folder(
    answers: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    if os.geteuid() == 0:
        # root ignores permission bits, so the refusal the OS would give is simulated.
        def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(atomic_files.tempfile, "mkstemp", refuse)
    else:
        os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert replay(answers, folder / "out.toml") == 2
    finally:
        os.chmod(folder, 0o700)
    line = one_error_line(capsys)
    assert "not allowed to write there" in line and "nothing was written" in line
    assert list(folder.iterdir()) == []


def test_disk_full_midway_leaves_no_partial_file(
    answers: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Half the bytes reach the temp file, then ENOSPC: the temp file is removed, no export."""
    temp_files: list[Path] = []

    class HalfWritten:
        def __init__(self, stream: Any) -> None:
            self.stream = stream

        def __enter__(self) -> HalfWritten:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def write(self, data: bytes) -> int:
            self.stream.write(data[: len(data) // 2])
            self.stream.flush()
            temp_files.append(Path(os.readlink(f"/proc/self/fd/{self.stream.fileno()}")))
            assert temp_files[-1].stat().st_size == len(data) // 2 > 0
            raise OSError(errno.ENOSPC, "No space left on device")

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> HalfWritten:
        return HalfWritten(os.fdopen(fd, *args, **kwargs))

    monkeypatch.setattr(atomic_files, "os", _OsWith(fdopen=fdopen))
    assert replay(answers, tmp_path / "out.toml") == 2
    line = one_error_line(capsys)
    assert "the disk is full" in line and "nothing was written" in line
    assert temp_files and not temp_files[0].exists()
    assert leftovers(tmp_path) == []


def test_disk_full_on_fsync(
    answers: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Some file systems report a full disk only when the data is flushed."""

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_files, "os", _OsWith(fsync=fsync))
    assert replay(answers, tmp_path / "out.toml") == 2
    assert "the disk is full" in one_error_line(capsys)
    assert leftovers(tmp_path) == []


def test_name_too_long(answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Regression: looking at an over-long path raised a raw OSError (exit 70, internal error)."""
    assert replay(answers, tmp_path / ("a" * 300 + ".toml")) == 2
    assert "the file name is too long" in one_error_line(capsys)
    assert leftovers(tmp_path) == []


def test_long_but_valid_name_is_written(answers: Path, tmp_path: Path) -> None:
    """Regression: the temp file's name (a prefix of the target's) once overflowed 255 bytes."""
    target = tmp_path / ("a" * 245 + ".toml")
    assert replay(answers, target) == 0
    assert target.exists()
    assert leftovers(tmp_path) == [target.name]


def test_export_dir_collision_names_the_file(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = ["replay", str(answers), "--flow", str(HOUSEPLANT), "--export-dir", str(out)]
    assert main(args) == 0
    first = (out / "answers.toml").read_bytes()
    capsys.readouterr()
    assert main(args) == 2
    assert "answers.toml: already exists" in one_error_line(capsys)
    assert (out / "answers.toml").read_bytes() == first


def test_the_installed_command_exits_2_with_one_line(answers: Path, tmp_path: Path) -> None:
    """The same through a real process: exit status and output as a shell sees them."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "lm_tui",
            "replay",
            str(answers),
            "--flow",
            str(HOUSEPLANT),
            "--export",
            str(tmp_path / "missing" / "out.toml"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("lm-tui replay: ") and "does not exist" in result.stderr
