"""Reading TOML files a user hands us, with one clear error per way that can fail."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from lm_tui.flow import toml_fast


class UnreadableFile(Exception):
    """The file could not be read or parsed; the message says why in a user's words."""


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or UnreadableFile naming what is wrong with the path."""
    try:
        if path.is_dir():
            raise UnreadableFile("is a directory, not a file")
        return path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile("no such file; check the path") from None
    except PermissionError:
        raise UnreadableFile("permission denied; check the file's permissions") from None
    except OSError as error:
        raise UnreadableFile(f"cannot be read ({error.strerror or error})") from None


def parse_toml(data: bytes) -> dict[str, Any]:
    """Parse TOML bytes; UnreadableFile carries the line and column of a syntax error."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            f"is not UTF-8 text (byte {error.start}); is it a TOML file?"
        ) from None
    fast = toml_fast.read(text)  # None where tomllib must decide (see toml_fast.py)
    if fast is not None:
        return fast
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UnreadableFile(f"is not valid TOML: {error}") from None
    except RecursionError:
        raise UnreadableFile("is not valid TOML: nested too deeply") from None


def read_toml(path: Path) -> tuple[bytes, dict[str, Any]]:
    """Bytes and parsed content of a TOML file (the bytes are kept for hashing)."""
    data = read_bytes(path)
    return data, parse_toml(data)
