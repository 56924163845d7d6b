"""Reading TOML files a user hands us, with one clear error per way that can fail.

Every TOML file the app reads goes through `parse_toml`, which uses tomllib, except for flow
files where rtoml (a compiled reader, wheels for Windows, macOS and Linux) is installed: a
10,000-node flow (7 MB) takes tomllib about 2.2 s and rtoml 0.35 s, the bundled flow 15 ms and
0.5 ms (docs/performance.md). Where rtoml refuses a file, or is missing, tomllib reads it, so the
message for a bad file is always tomllib's. Only flow files: rtoml gives date-times with offsets
its own time-zone class instead of `datetime.timezone`, and the sessions and cases hold
date-times, which a flow file never does (its schema has none). rtoml also reads TOML 1.1
(newlines and a trailing comma in inline tables, `\\e` and `\\x` escapes), a superset of the
TOML 1.0 that Python 3.11's tomllib reads, giving the same values on every TOML 1.0 document.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lm_tui.flow.limits import MAX_SESSION_BYTES

_LONG_NUMBER = re.compile(f"[0-9_]{{{sys.get_int_max_str_digits()},}}")
_BINARY = getattr(os, "O_BINARY", 0)  # Windows would translate line endings otherwise


class UnreadableFile(Exception):
    """The file could not be read or parsed; the message says why in a user's words."""


def read_bytes(path: Path, limit: int = MAX_SESSION_BYTES) -> bytes:
    """The file's bytes, or UnreadableFile naming what is wrong with the path.

    Only a regular file is read (a FIFO would wait forever, `/dev/zero` never ends), and never
    more than `limit` bytes: the size is checked before reading (docs/reliability.md, limits).
    """
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer before we can refuse it.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _BINARY)
        with os.fdopen(handle, "rb") as stream:
            status = os.fstat(stream.fileno())
            if stat.S_ISDIR(status.st_mode):
                raise UnreadableFile("is a directory, not a file")
            if not stat.S_ISREG(status.st_mode):
                raise UnreadableFile(
                    "is not a regular file (a pipe, device or socket); save it to a file first"
                )
            if status.st_size > limit:
                raise UnreadableFile(_too_large(status.st_size, limit))
            data = stream.read(limit + 1)
            if len(data) > limit:  # it grew while we read it
                raise UnreadableFile(_too_large(len(data), limit))
            return data
    except FileNotFoundError:
        raise UnreadableFile("no such file; check the path") from None
    except IsADirectoryError:
        raise UnreadableFile("is a directory, not a file") from None
    except PermissionError:
        if Path(path).is_dir():  # Windows refuses to open a folder with EACCES
            raise UnreadableFile("is a directory, not a file") from None
        raise UnreadableFile("permission denied; check the file's permissions") from None
    except OSError as error:
        raise UnreadableFile(f"cannot be read ({error.strerror or error})") from None


def _too_large(size: int, limit: int) -> str:
    return (
        f"is {size / 1_048_576:.1f} MB, over the limit of {limit / 1_048_576:.0f} MB for this "
        "kind of file; is it the right file?"
    )


def parse_toml(data: bytes, *, flow: bool = False) -> dict[str, Any]:
    """Parse TOML bytes; UnreadableFile carries the line and column of a syntax error.

    `flow`: the document is a flow file, which rtoml may read (see the module docstring)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            f"is not UTF-8 text (byte {error.start}); is it a TOML file?"
        ) from None
    if flow:
        compiled = _compiled_reader()
        if compiled is not None:
            try:
                return compiled(text)
            except Exception:  # tomllib reads it again below and says what is wrong
                pass
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UnreadableFile(f"is not valid TOML: {error}") from None
    except ValueError:
        # Python refuses to turn a string of more than 4300 digits into an int (a guard
        # against slow conversions); say where the number is.
        digits = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, digits.start()) + 1 if digits else "?"
        raise UnreadableFile(
            f"line {line}: a number with more digits than Python reads "
            f"({sys.get_int_max_str_digits()}); is it the right file?"
        ) from None
    except RecursionError:
        raise UnreadableFile("is not valid TOML: nested too deeply") from None


def read_toml(
    path: Path, limit: int = MAX_SESSION_BYTES, *, flow: bool = False
) -> tuple[bytes, dict[str, Any]]:
    """Bytes and parsed content of a TOML file (the bytes are kept for hashing)."""
    data = read_bytes(path, limit)
    return data, parse_toml(data, flow=flow)


def _compiled_reader() -> Callable[[str], dict[str, Any]] | None:
    """rtoml's `loads` where rtoml is installed; imported on first use, not with this module
    (a start from the cached flow reads no flow file)."""
    try:
        import rtoml
    except ImportError:
        return None
    loads: Callable[[str], dict[str, Any]] = rtoml.loads
    return loads
