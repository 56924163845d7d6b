"""Exports on any disk: FAT and exFAT (USB sticks, many shares) have no hard links, so a save to
a new name must not need one; a crash's temporary files are removed by the next save into the
folder (and at start in the autosave folder); the folder is synced after the rename.

The FAT test mounts a real FAT image with `fusefat` (the kernel here has no vfat module); it
skips, naming why, where FUSE, fusefat or mkfs.vfat is missing. `.ci/run` installs them.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from lm_tui.cli import main
from lm_tui.flow.errors import ExportError
from lm_tui.session.autosave import Autosaver
from lm_tui.session.document import write_atomically
from tests.conftest import example_files

OLD = time.time() - 3600


def _leftover(folder: Path, name: str, age: float = OLD) -> Path:
    path = folder / name
    path.write_text("[answers]\nkps = 70\n")
    os.utime(path, (age, age))
    return path


def _refused_and_kept(target: Path, data: bytes, kept: bytes) -> None:
    """Writing `data` to the taken `target` is refused, and the folder holds only `kept`."""
    with pytest.raises(ExportError, match="already exists"):
        write_atomically(target, data)
    assert target.read_bytes() == kept
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_a_new_name_is_written_where_hard_links_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "case.toml"
    write_atomically(target, b"first")
    assert target.read_bytes() == b"first"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    _refused_and_kept(target, b"second", kept=b"first")


def test_a_name_taken_after_the_check_is_still_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program may create the name between our look and our write: the exclusive
    create refuses then, where a replace would have overwritten its file."""
    from lm_tui.session import atomic_files

    target = tmp_path / "case.toml"
    target.write_bytes(b"theirs")
    monkeypatch.setattr(atomic_files, "_check_target", lambda *args: None)
    _refused_and_kept(target, b"ours", kept=b"theirs")


def test_a_failed_write_leaves_neither_the_claim_nor_a_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(ExportError, match="the disk is full"):
        write_atomically(tmp_path / "case.toml", b"data")
    assert list(tmp_path.iterdir()) == []


def test_the_folder_is_synced_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(handle: int) -> None:
        kind = "folder" if stat.S_ISDIR(os.fstat(handle).st_mode) else "file"
        synced.append(kind)
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomically(tmp_path / "case.toml", b"data")
    assert synced == ["file", "folder"]


def test_the_next_save_into_a_folder_removes_our_stale_temporary_files(tmp_path: Path) -> None:
    stale = _leftover(tmp_path, ".case.toml.k3j_x9a2.tmp")
    fresh = _leftover(tmp_path, ".other.toml.ab12cd34.tmp", age=time.time())
    unrelated = _leftover(tmp_path, ".notes.tmp")
    outside = tmp_path.parent / f"{tmp_path.name}-target.toml"
    outside.write_text("not ours to touch")
    linked = tmp_path / ".link.toml.zz99yy88.tmp"
    linked.symlink_to(outside)
    os.utime(linked, (OLD, OLD), follow_symlinks=False)
    write_atomically(tmp_path / "case-2.toml", b"data")
    assert not stale.exists()
    assert fresh.exists(), "a young temporary file may be another window's save in progress"
    assert unrelated.exists() and linked.is_symlink() and outside.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_another_users_temporary_files_are_left_alone(tmp_path: Path) -> None:
    theirs = _leftover(tmp_path, ".case.toml.k3j_x9a2.tmp")
    os.chown(theirs, 12345, 12345)
    write_atomically(tmp_path / "case-2.toml", b"data")
    assert theirs.exists()


def test_autosave_removes_stale_temporary_files_at_start(tmp_path: Path) -> None:
    folder = tmp_path / "autosave"
    folder.mkdir(mode=0o700)
    stale = _leftover(folder, ".20261204T010000Z-leptomeningeal-abc123.toml.q1w2e3r4.tmp")
    assert Autosaver(folder).pending() == []
    assert not stale.exists()


# --- a real FAT file system ---------------------------------------------------------------------


def _fat_unavailable() -> str:
    if not Path("/dev/fuse").exists():
        return "no /dev/fuse: FUSE is not available here"
    for tool in ("fusefat", "mkfs.vfat", "fusermount"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: apt-get install fusefat dosfstools fuse)"
    return ""


@pytest.fixture
def fat_mount(tmp_path: Path) -> Iterator[Path]:
    missing = _fat_unavailable()
    if missing:
        pytest.skip(missing)
    image, mount = tmp_path / "stick.img", tmp_path / "stick"
    mount.mkdir()
    with image.open("wb") as stream:
        stream.truncate(16 * 1024 * 1024)
    subprocess.run(["mkfs.vfat", str(image)], check=True, capture_output=True)
    mounted = subprocess.run(
        ["fusefat", "-o", "rw+", str(image), str(mount)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"fusefat could not mount a FAT image here: {mounted.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["fusermount", "-u", str(mount)], check=False, capture_output=True)


def test_replay_exports_to_a_fat_stick(fat_mount: Path, capsys: pytest.CaptureFixture[str]) -> None:
    example = example_files()[0]
    target = fat_mount / "case.toml"
    assert main(["replay", str(example), "--export", str(target)]) == 0
    document = tomllib.loads(target.read_text("utf-8"))
    assert document["session"]["flow_id"] == "leptomeningeal"
    assert main(["replay", str(example), "--export", str(fat_mount / "case.md")]) in (0,)
    capsys.readouterr()
    assert main(["replay", str(example), "--export", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert sorted(p.name for p in fat_mount.iterdir()) == ["case.md", "case.toml"]
