"""Counter-examples as answers files: `lm-tui replay FILE` walks each one to its problem."""

from __future__ import annotations

import re
from pathlib import Path

import tomli_w

from lm_tui.flow.values import exportable
from lm_tui.proof.findings import Finding


def example_text(finding: Finding) -> str:
    """An `[answers]` table, headed by comments naming the problem and the path."""
    lines = [f"# {finding.where}: {finding.message}"]
    if finding.path:
        lines.append("# path: " + " > ".join(finding.path))
    table = {"answers": {name: exportable(value) for name, value in finding.answers.items()}}
    return "\n".join(lines) + "\n" + tomli_w.dumps(table)


def write_examples(findings: list[Finding], folder: Path) -> list[Path]:
    """One file per finding with a counter-example, named by its number and place."""
    written: list[Path] = []
    for number, finding in enumerate(findings, start=1):
        if not finding.path:
            continue
        name = re.sub(r"[^a-z0-9_.]+", "-", finding.where.lower()).strip("-")
        target = folder / f"{number:03d}-{name}.toml"
        target.write_text(example_text(finding), encoding="utf-8")
        written.append(target)
    return written
