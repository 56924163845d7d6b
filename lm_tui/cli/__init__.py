"""The `lm-tui` command: argparse sub-commands, one module each, behind one error boundary.

Every failure a user can cause ends here as one line on stderr naming the file, the place and
what to do, with exit code 2; no traceback reaches a user.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from lm_tui import __version__
from lm_tui.flow.errors import FlowLoadError, LmTuiError
from lm_tui.flow.visible_text import VisibleStream

COMMANDS = (
    "run",
    "check",
    "paths",
    "replay",
    "show",
    "plain",
    "graph",
    "fhir_questionnaire",
    "schema",
    "diff",
    "teach",
)
"""Sub-command modules in `lm_tui/cli/`; each has `register(subparsers)`."""

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse would print the whole usage block; one line with the way to help is calmer.
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser(commands: Sequence[str] = COMMANDS) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lm-tui",
        description=(
            "A terminal guide through the evaluation and management of suspected leptomeningeal "
            "metastasis from a solid cancer. It supports, and does not replace, clinical judgement."
        ),
        epilog="Without a command, lm-tui runs the app; its options (see lm-tui run --help):\n"
        "  --plain              one question per line instead (screen readers, scripts)\n"
        "  --flow FLOW          another flow file (default: the bundled flow)\n"
        "  --resume FILE        reopen an exported or autosaved session where it stopped\n"
        "  --export-dir DIR     the folder the export dialog offers\n"
        "\nExample: lm-tui --export-dir ~/lm-sessions",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-V", "--version", action="version", version=f"lm-tui {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in commands:
        importlib.import_module(f"lm_tui.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Text from files and users reaches the terminal only with its control characters made
    # visible: an escape code in a prompt or a note must not retitle, clear or paste.
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleStream(stdout), VisibleStream(stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if "--plain" in args_list and (args_list[0] == "--plain" or args_list[0].startswith("-")):
        args_list.remove("--plain")  # `lm-tui --plain ...` is `lm-tui plain ...`
        args_list.insert(0, "plain")
    if not args_list or (
        args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "-V", "--version")
    ):
        args_list.insert(0, "run")
    try:
        # Plain mode and the app must start fast: only their own command module is imported
        # for them (the others pull in teaching, exports, diffs...).
        fast = args_list[0] in ("plain", "run")
        parser = build_parser((args_list[0],) if fast else COMMANDS)
        args = parser.parse_args(args_list)
        result: int = args.handler(args)
        return result
    except FlowLoadError as error:
        print(error.summary(), file=sys.stderr)
        print(
            f"lm-tui: {len(error.problems)} problem(s) in the flow; "
            "fix them and run `lm-tui check`",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except LmTuiError as error:
        print(f"lm-tui: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("lm-tui: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except Exception as error:  # the last guard: a bug must still not show a traceback
        from lm_tui.cli.crash import report_crash

        return report_crash(error)
