"""Where lm-tui keeps the user's data (autosaves) and caches, per operating system.

platformdirs (installed with Textual) knows each system's place: on macOS
`~/Library/Application Support/lm-tui` and `~/Library/Caches/lm-tui`, on Windows the local
application-data folder (`%LOCALAPPDATA%\\lm-tui`, its `Cache` folder for the caches: never the
roaming profile, which hospital networks copy between machines). On Linux and other Unix
systems the XDG rule is applied here instead, with the environment passed in (so it can be
tested), and because the XDG specification says a relative `XDG_DATA_HOME` or
`XDG_CACHE_HOME` is invalid and must be ignored, which platformdirs does not do.

Kept free of heavy imports: plain mode reads its cache before the flow core is loaded.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

APP = "lm-tui"

Kind = Literal["data", "cache"]

_XDG = {"data": ("XDG_DATA_HOME", (".local", "share")), "cache": ("XDG_CACHE_HOME", (".cache",))}


def user_folder(kind: Kind, environ: Mapping[str, str] | None = None) -> Path:
    """The user's lm-tui data or cache folder on this system (not created here)."""
    env = os.environ if environ is None else environ
    if sys.platform == "darwin":
        from platformdirs.macos import MacOS

        mac = MacOS(APP, appauthor=False)
        return Path(mac.user_data_dir if kind == "data" else mac.user_cache_dir)
    if sys.platform == "win32":
        from platformdirs.windows import Windows

        windows = Windows(APP, appauthor=False, roaming=False, opinion=True)
        return Path(windows.user_data_dir if kind == "data" else windows.user_cache_dir)
    variable, default = _XDG[kind]
    chosen = env.get(variable, "")
    if chosen and Path(chosen).is_absolute():
        return Path(chosen) / APP
    return Path.home().joinpath(*default, APP)
