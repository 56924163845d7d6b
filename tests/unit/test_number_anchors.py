"""Labelled values of a number scale (`anchors`): checked at load, shown by plain mode.

The bundled flow labels the Karnofsky steps; the app's number screen shows the same lines
(tests/ui/test_number_scale.py).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from lm_tui.flow.definition import Flow
from lm_tui.flow.domains import scale_lines
from lm_tui.flow.loader import load_flow
from lm_tui.plain.questions import question_lines
from tests.unit.test_loader_errors import changed, problems_of, write

WITH_ANCHORS = changed(
    "step = 1\n",
    'step = 1\nanchors = [{ value = 0, label = "None yet" }, { value = 10, label = "Too many" }]\n',
)


def test_anchors_are_loaded_as_decimals_with_their_labels(tmp_path: Path) -> None:
    flow = load_flow(write(tmp_path, WITH_ANCHORS))
    cups = flow.number_variable("cups")
    assert cups is not None
    assert [(a.value, a.label) for a in cups.anchors] == [
        (Decimal(0), "None yet"),
        (Decimal(10), "Too many"),
    ]
    assert cups.anchor_label(Decimal(10)) == "Too many"
    assert cups.anchor_label(Decimal(5)) == ""


def test_an_anchor_off_the_grid_or_out_of_range_is_refused(tmp_path: Path) -> None:
    for value in ("2.5", "11"):
        path = write(tmp_path, WITH_ANCHORS.replace("value = 10,", f"value = {value},"))
        [problem] = problems_of(path)
        assert problem.startswith("variables.cups")
        assert f"anchor {value} is not an answerable value" in problem


def test_a_value_labelled_twice_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, WITH_ANCHORS.replace("value = 10,", "value = 0,"))
    [problem] = problems_of(path)
    assert "anchor 0 is labelled twice" in problem


def test_scale_lines_are_aligned_highest_first_and_mark_the_typed_value(
    bundled_flow: Flow,
) -> None:
    kps = bundled_flow.number_variable("kps")
    assert kps is not None
    lines = scale_lines(kps, Decimal(80))
    assert lines[0].startswith("  100  Normal")
    assert lines[-1].startswith("   10  Moribund")
    marked = [line for line in lines if line.startswith(">")]
    assert marked == [">  80  " + kps.anchor_label(Decimal(80))]
    assert not any(line.startswith(">") for line in scale_lines(kps, Decimal(75)))


def test_the_bundled_kps_labels_every_step_from_10_to_100(bundled_flow: Flow) -> None:
    kps = bundled_flow.number_variable("kps")
    assert kps is not None
    assert sorted(a.value for a in kps.anchors) == [Decimal(v) for v in range(10, 101, 10)]
    assert all(a.label for a in kps.anchors)


def test_plain_mode_lists_the_scale_with_the_question(bundled_flow: Flow) -> None:
    lines = question_lines(bundled_flow, "kps", 9)
    kps = bundled_flow.number_variable("kps")
    assert kps is not None
    for line in scale_lines(kps):
        assert f" {line}" in lines
    assert not any(
        "what the values mean" in line for line in question_lines(bundled_flow, "age_years", 8)
    )
