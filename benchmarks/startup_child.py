"""One cold start, in a fresh process: run an app headless at 80x24 until a question is painted.

Run by `benchmarks/startup.py`, never by hand:

    python benchmarks/startup_child.py app|bare

It prints one JSON line: the monotonic clock when the first question was painted (the parent
took its own reading just before starting this process; CLOCK_MONOTONIC is system-wide on Linux,
so the two compare) and the process's peak resident set size at that moment.

"Painted" means the screen's compositor produced its first frame (`App._display` called for that
screen with a rendered update), timed when that call returns; headless Textual renders exactly
as on a terminal and only drops the bytes. The peak RSS is read a moment later.

* `app`: `lm-tui` itself, through the same entry point a user runs (`lm_tui.cli.main(["run"])`):
  parse arguments, load the bundled flow, build the session and the app, and stop when the
  first question (primary tumour), on which the app opens, is painted.
* `bare`: the baseline, a Textual app with a Header, a Static, a RadioSet and a Footer, stopped
  when its screen is painted.
"""

from __future__ import annotations

import sys

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))


PAINTED: list[float] = []
"""The monotonic clock just after the wanted screen's first frame was handed to the driver."""


def _finish() -> None:
    import json
    import os

    painted = PAINTED[0]
    peak_kib = _peak_rss_kib()
    # Straight to file descriptor 1: while an app runs, Textual captures `sys.stdout` (prints
    # go to the app), and `os._exit` below skips the flush that would hand the line on, so
    # without PYTHONUNBUFFERED the benchmark read nothing.
    os.write(1, (json.dumps({"painted": painted, "peak_rss_kib": peak_kib}) + "\n").encode())
    os._exit(0)  # the measurement is taken: skip the app's shutdown


def _peak_rss_kib() -> int:
    """This program's own peak resident set size.

    Not `getrusage(...).ru_maxrss`: on Linux that keeps the high-water mark of the process before
    it exec'd this program, a copy of the benchmark runner, so whenever the runner was the larger
    both apps reported the runner's size (and their difference read 0). The kernel's VmHWM is
    the peak of this program's memory alone; ru_maxrss is the fallback where there is no /proc.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _spy_on_paint(app: object, wanted: type, done: object) -> None:
    """Set `done` (an asyncio.Event) when a screen of type `wanted` is first painted, and note
    the time then: the waiting task resumes only after the app has handled what else is queued
    (a footer filling in, say), which is not part of painting the question."""
    import time

    original = app._display  # type: ignore[attr-defined]

    def display(screen: object, renderable: object) -> None:
        original(screen, renderable)
        if renderable is not None and isinstance(screen, wanted) and not PAINTED:
            PAINTED.append(time.monotonic())
            done.set()  # type: ignore[attr-defined]

    app._display = display  # type: ignore[attr-defined]


def run_app() -> None:
    import asyncio
    import os
    import tempfile

    # An empty data folder: an unfinished session autosaved by real use would put the welcome
    # screen (resume or discard?) before the first question, and the run would never end.
    os.environ["LM_TUI_DATA_DIR"] = tempfile.mkdtemp(prefix="lm-tui-startup-")

    # Textual's App.run is replaced (not lm-tui's class): lm-tui's own modules are then imported
    # by `lm-tui run` itself, in the order and under the conditions a user's start has.
    from textual.app import App

    def headless_run(self: App[object], *args: object, **kwargs: object) -> int:
        async def drive() -> None:
            question = asyncio.Event()
            from lm_tui.ui.screens.node import NodeScreen

            _spy_on_paint(self, NodeScreen, question)
            async with self.run_test(headless=True, size=(80, 24)):
                await question.wait()
                _finish()

        asyncio.run(drive())
        return 0

    App.run = headless_run  # type: ignore[method-assign,assignment]
    # Headless, the child's output is a pipe to the benchmark: the full-screen command's
    # terminal guard (cli/terminal.py) would refuse to start. It is told this is a terminal;
    # the rest of `lm-tui run` is the user's.
    from lm_tui.cli import main, terminal

    terminal._is_terminal = lambda stream: True  # type: ignore[assignment]
    main(["run"])
    raise SystemExit("the app ended before its first question was painted")


def run_bare() -> None:
    import asyncio

    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Footer, Header, RadioButton, RadioSet, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Which cancer is the patient known or suspected to have?")
            with RadioSet():
                for label in (
                    "Breast",
                    "Lung",
                    "Melanoma",
                    "Colorectal",
                    "Gastric",
                    "Other",
                    "Not yet established",
                ):
                    yield RadioButton(label)
            yield Footer()

    async def drive() -> None:
        app = Bare()
        painted = asyncio.Event()
        _spy_on_paint(app, Screen, painted)
        async with app.run_test(headless=True, size=(80, 24)):
            await painted.wait()
            _finish()

    asyncio.run(drive())


if __name__ == "__main__":
    {"app": run_app, "bare": run_bare}[sys.argv[1]]()
