"""Session export: the round trip back to the same outcome, and writing that never half-fails."""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from lm_tui import __version__
from lm_tui.cli.replay import replay_session
from lm_tui.flow.definition import Flow
from lm_tui.flow.errors import ExportError
from lm_tui.session.document import export_session, session_document, write_atomically
from lm_tui.session.engine import Session
from lm_tui.session.outcome import outcome_table
from lm_tui.session.session_file import read_session_file, restore
from tests.conftest import example_files

FINISHED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def houseplant_session(flow: Flow) -> Session:
    session = Session(flow, mode="teaching", interface="plain")
    session.answer("low")
    session.answer("yes")
    session.answer(["cat"])
    session.acknowledge("lily_and_cat")
    session.note("A bathroom with a skylight")
    session.answer("7.5")
    session.answer(None)
    return session


@pytest.mark.parametrize("example", example_files(), ids=lambda path: path.stem)
def test_export_read_restore_gives_the_same_outcome(
    bundled_flow: Flow, tmp_path: Path, example: Path
) -> None:
    session, _ = replay_session(bundled_flow, example)
    target = tmp_path / "session.toml"
    written = export_session(session, target, finished_at=FINISHED)

    record = read_session_file(target)
    restored = restore(record, bundled_flow)
    assert restored.problems == []
    assert restored.flow_changed is False
    assert restored.session.is_complete
    assert dict(restored.session.answers) == dict(session.answers)
    assert outcome_table(restored.session.evaluator) == written["outcome"]
    again = session_document(restored.session, finished_at=FINISHED)
    assert again["outcome"] == written["outcome"]
    assert again["answers"] == written["answers"]
    assert again["raised_pitfalls"] == written["raised_pitfalls"]


def test_the_export_carries_the_session_facts(houseplant_flow: Flow, tmp_path: Path) -> None:
    session = houseplant_session(houseplant_flow)
    target = tmp_path / "plants.toml"
    export_session(session, target, finished_at=FINISHED)
    document = tomllib.loads(target.read_text(encoding="utf-8"))

    info = document["session"]
    assert info["flow_id"] == "houseplant"
    assert info["flow_version"] == "0.3"
    assert info["flow_sha256"] == houseplant_flow.sha256
    assert len(info["flow_sha256"]) == 64
    assert info["app_version"] == __version__
    assert info["mode"] == "teaching"
    assert info["interface"] == "plain"
    assert info["finished_at"] == FINISHED
    assert isinstance(info["started_at"], datetime)
    assert info["started_at"].utcoffset() is not None  # times are UTC, never local and naive
    assert document["answers"] == {
        "light": "low",
        "humid": "yes",
        "pets": ["cat"],
        "hours_away": 7.5,
    }
    assert document["outcome"]["care"] == "easy"
    assert document["outcome"]["plan"] == {"watering": "fortnightly"}
    assert set(document["outcome"]["recommendations"]) == {"snake_plant", "fern"}
    assert document["outcome"]["pitfalls"] == ["lily_and_cat"]
    [raised] = document["raised_pitfalls"]
    assert raised["id"] == "lily_and_cat"
    assert raised["acknowledged"] is True
    assert isinstance(raised["acknowledged_at"], datetime)
    assert [step["node"] for step in document["path"]] == ["light", "humid", "pets", "away", "tip"]
    assert document["notes"][0]["text"] == "A bathroom with a skylight"


def test_the_flow_hash_is_of_the_file_bytes(houseplant_flow: Flow) -> None:
    import hashlib

    assert houseplant_flow.sha256 == hashlib.sha256(houseplant_flow.path.read_bytes()).hexdigest()


def test_the_file_is_private_to_its_owner(houseplant_flow: Flow, tmp_path: Path) -> None:
    target = tmp_path / "private.toml"
    export_session(houseplant_session(houseplant_flow), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_existing_file_is_never_overwritten(houseplant_flow: Flow, tmp_path: Path) -> None:
    target = tmp_path / "taken.toml"
    target.write_text("precious = true\n", encoding="utf-8")
    with pytest.raises(ExportError) as refused:
        export_session(houseplant_session(houseplant_flow), target)
    assert str(refused.value).startswith(f"{target}: already exists")
    assert target.read_text(encoding="utf-8") == "precious = true\n"
    assert sorted(os.listdir(tmp_path)) == ["taken.toml"]


def test_a_name_taken_between_the_check_and_the_claim_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name is claimed with an exclusive create (no hard link: FAT has none); another
    program creating it just before that claim wins, and its file is kept."""
    target = tmp_path / "race.toml"
    real_open = os.open

    def someone_else_wins(path: Any, flags: int, *args: Any) -> int:
        if flags & os.O_EXCL:
            Path(path).write_text("theirs\n", encoding="utf-8")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", someone_else_wins)
    with pytest.raises(ExportError, match="already exists"):
        write_atomically(target, b"ours\n")
    assert target.read_text(encoding="utf-8") == "theirs\n"
    assert sorted(os.listdir(tmp_path)) == ["race.toml"]


def test_overwrite_replaces_only_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "again.toml"
    write_atomically(target, b"first\n")
    write_atomically(target, b"second\n", overwrite=True)
    assert target.read_bytes() == b"second\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_full_disk_leaves_no_partial_file(
    houseplant_flow: Flow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    target = tmp_path / "full.toml"
    with pytest.raises(ExportError) as failed:
        export_session(houseplant_session(houseplant_flow), target)
    message = str(failed.value)
    assert message.startswith(f"{target}: the disk is full")
    assert "nothing was written" in message
    assert os.listdir(tmp_path) == []


def test_a_full_disk_does_not_touch_an_existing_file_on_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kept.toml"
    target.write_bytes(b"old\n")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(ExportError, match="disk is full"):
        write_atomically(target, b"new\n", overwrite=True)
    assert target.read_bytes() == b"old\n"
    assert os.listdir(tmp_path) == ["kept.toml"]


@pytest.mark.parametrize(
    ("make_target", "expected"),
    [
        (lambda tmp: tmp / "no-such-folder" / "s.toml", "does not exist"),
        (lambda tmp: tmp, "is a directory"),
    ],
)
def test_unusable_targets_are_refused_with_a_reason(
    tmp_path: Path, make_target, expected: str
) -> None:
    with pytest.raises(ExportError, match=expected):
        write_atomically(make_target(tmp_path), b"x")
