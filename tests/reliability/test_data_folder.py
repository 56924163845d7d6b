"""The data folder: a symlink is refused (never followed, its target's mode never changed), every
folder lm-tui creates is 0700, and `--resume` of an autosave goes on in that same file."""

from __future__ import annotations

import os
import stat

import pytest

from lm_tui.cli.run_app import resume
from lm_tui.flow.loader import load_flow
from lm_tui.session.autosave import AutosaveError, Autosaver
from lm_tui.session.engine import Session
from tests.reliability.hostile_flows import HOUSEPLANT


@pytest.mark.parametrize("linked", ["autosave", "data"])
def test_a_symlinked_data_folder_is_refused_and_its_target_left_alone(linked, tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o755)
    os.chmod(target, 0o755)
    data = tmp_path / "data"
    if linked == "data":
        data.symlink_to(target, target_is_directory=True)
    else:
        data.mkdir()
        (data / "autosave").symlink_to(target, target_is_directory=True)
    saver = Autosaver(data / "autosave")
    session = Session(load_flow(HOUSEPLANT))
    session.answer("low")
    with pytest.raises(AutosaveError, match="is a symbolic link"):
        saver.save(session)
    assert stat.S_IMODE(target.stat().st_mode) == 0o755  # not tightened through the link
    assert list(target.iterdir()) == []  # nothing written through it
    assert saver.pending() == []


def test_every_folder_created_is_private(tmp_path):
    previous = os.umask(0)
    try:
        saver = Autosaver(tmp_path / "a" / "b" / "lm-tui" / "autosave")
        session = Session(load_flow(HOUSEPLANT))
        session.answer("low")
        saver.save(session)
    finally:
        os.umask(previous)
    for folder in ("a", "a/b", "a/b/lm-tui", "a/b/lm-tui/autosave"):
        assert stat.S_IMODE((tmp_path / folder).stat().st_mode) == 0o700, folder


def test_resuming_an_autosave_goes_on_in_the_same_file(tmp_path):
    from lm_tui.session.autosave import data_dir

    folder = data_dir() / "autosave"
    crashed = Autosaver(folder)
    session = Session(load_flow(HOUSEPLANT))
    session.answer("low")
    crashed.save(session)
    crashed.close()  # the window is gone
    [autosave] = folder.glob("*.toml")

    resumed, _, _ = resume(autosave, load_flow(HOUSEPLANT))
    saver = Autosaver(folder)
    assert saver.adopt(autosave, resumed)
    resumed.answer("yes")
    saver.save(resumed)
    assert list(folder.glob("*.toml")) == [autosave]  # no second autosave
    assert "humid" in autosave.read_text(encoding="utf-8")
