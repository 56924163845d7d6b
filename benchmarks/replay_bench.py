"""`lm-tui replay` of 1,000 answers files in one process, exports included.

The answers files are made by walking the bundled flow with random answers (a fixed seed):
at each question a random value it offers (numbers on their grid), so the files cover every
branch the flow has, not one path a thousand times. They are written once per benchmark run;
each repetition replays all of them with one `python -m lm_tui replay ... --export-dir DIR`
into a fresh folder, and the whole command is timed (start of the process to its exit).
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import tomli_w

ROOT = Path(__file__).resolve().parent.parent


def random_answers(rng: random.Random) -> dict[str, object]:
    """One walk of the bundled flow with random answers; the answers it asked."""
    from lm_tui.flow.loader import load_flow
    from lm_tui.flow.records import MultiVariable, NumberVariable
    from lm_tui.resources import bundled_flow_path
    from lm_tui.session.engine import Session

    flow = load_flow(bundled_flow_path())
    session = Session(flow, interface="replay", require_acknowledgement=False)
    answers: dict[str, object] = {}
    while not session.is_complete:
        node_id = session.current
        name = flow.asked_variable(node_id)
        if name is None:
            session.answer(None)
            continue
        variable = flow.variables[name]
        raw: object
        if isinstance(variable, NumberVariable):
            steps = int((variable.max - variable.min) / variable.step)
            value = variable.min + variable.step * rng.randint(0, steps)
            raw = int(value) if value == value.to_integral_value() else float(value)
        elif isinstance(variable, MultiVariable):
            offered = list(flow.offered_values(node_id))
            raw = sorted(v for v in offered if rng.random() < 0.25)
        else:
            raw = rng.choice(list(flow.offered_values(node_id)))
        session.answer(raw)
        answers[name] = raw if not isinstance(raw, Decimal) else float(raw)
    return answers


def write_answer_files(folder: Path, count: int, distinct: int = 250, seed: int = 6) -> list[Path]:
    """`count` answers files cycling through `distinct` random walks (making a walk costs more
    than replaying it, and the replay does the same work for a repeated file)."""
    rng = random.Random(seed)
    walks = [
        tomli_w.dumps({"answers": random_answers(rng)}).encode("utf-8") for _ in range(distinct)
    ]
    files = []
    for index in range(count):
        path = folder / f"case-{index:04d}.toml"
        path.write_bytes(walks[index % distinct])
        files.append(path)
    return files


def time_replay(files: list[Path]) -> float:
    """Seconds for one `lm-tui replay` of all files into a fresh export folder."""
    with tempfile.TemporaryDirectory(prefix="lm-tui-replay-") as out:
        command = [sys.executable, "-m", "lm_tui", "replay", *map(str, files), "--export-dir", out]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"lm-tui replay failed: {done.stderr.strip()[-2000:]}")
        written = len(list(Path(out).glob("*.toml")))
        if written != len(files):
            raise RuntimeError(f"lm-tui replay wrote {written} exports for {len(files)} files")
    return elapsed
