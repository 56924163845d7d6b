"""A question offers at most one option per key (1-9, a-z: 35); `check` refuses more, with a place.

Before, a choice of 36 options passed `check` and crashed the app at start (IndexError in the
key table); plain mode loads flows the same way, so it has the same limit.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w

from lm_tui.cli import main
from lm_tui.flow.limits import MAX_OPTIONS
from lm_tui.flow.loader import load_flow
from lm_tui.session.engine import Session
from lm_tui.ui.app import LmTuiApp
from tests.reliability.hostile_flows import HOUSEPLANT
from tests.ui.conftest import SIZE


def flow_with_light_options(tmp_path: Path, count: int) -> Path:
    document = tomllib.loads(HOUSEPLANT.read_text(encoding="utf-8"))
    choices = [{"value": "low", "label": "Low light"}, {"value": "bright", "label": "Bright"}]
    choices += [{"value": f"v{n}", "label": f"Option {n}"} for n in range(count - 2)]
    document["variables"]["light"]["choices"] = choices
    path = tmp_path / f"light-{count}.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


def test_check_refuses_a_choice_with_more_options_than_keys(tmp_path, capsys):
    path = flow_with_light_options(tmp_path, MAX_OPTIONS + 1)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "variables.light.choices: offers 36 options; a question can offer at most 35" in err
    assert main(["plain", "--flow", str(path)]) == 2
    assert "offers 36 options" in capsys.readouterr().err


async def test_the_app_offers_all_35_options_and_the_last_is_picked_by_z(tmp_path):
    flow = load_flow(flow_with_light_options(tmp_path, MAX_OPTIONS))
    app = LmTuiApp(Session(flow, interface="tui"), tmp_path, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("z", "enter")
        await pilot.pause()
        assert app.session.answers["light"] == f"v{MAX_OPTIONS - 3}"
