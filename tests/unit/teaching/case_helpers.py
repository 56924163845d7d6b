"""Shared pieces of the teaching tests: a small valid case to break one way at a time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from lm_tui.resources import cases_dir

BASE_CASE: dict[str, Any] = {
    "case": {
        "id": "low-suspicion",
        "title": "Negative cytology twice, low suspicion",
        "flow": "leptomeningeal",
        "vignette": "A made-up patient for the tests.",
        "objectives": ["Know when to look for another diagnosis."],
    },
    "given": {
        "primary_tumor": "colorectal",
        "symptoms": [],
        "raised_icp": "no",
        "mri_pattern": "normal",
        "csf_cytology": "negative",
        "csf_samples": 2,
    },
    "expected": {"suspicion": "low"},
    "explain": {
        "suspicion": {
            "why": "Two good samples are negative and nothing else points to LM.",
            "sources": ["eano_esmo_2023"],
            "hint": "What else could explain it?",
        }
    },
    "expected_outcome": {
        "stage": "workup",
        "recommendations": ["alternative_diagnosis"],
        "pitfalls": [],
    },
}
"""Walks primary_tumor > symptoms > raised_icp > mri_pattern > csf_cytology > csf_samples >
suspicion > workup_outcome on the bundled flow, deciding only `suspicion`."""

CaseWriter = Callable[..., Path]

KPS80_VERDICTS = ["wrong", "not reached", "correct", "correct", "correct"]
"""kps-70-borderline answered with KPS 80 and the rest as expected: KPS wrong, the borderline
branch choice never asked, CSF flow, ventricular access and the plan right."""


def bundled_case_files() -> list[Path]:
    files = sorted(cases_dir().glob("*.toml"))
    if not files:
        raise RuntimeError(f"no bundled teaching cases in {cases_dir()}")
    return files
