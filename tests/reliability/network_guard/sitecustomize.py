"""Blocks network use in any Python process started with this folder on PYTHONPATH.

Python imports `sitecustomize` at start-up, before any of the program's code, so every socket
the program (or a library it loads) tries to open for the network fails at once. Local
AF_UNIX sockets stay allowed: asyncio, and so Textual, uses a socket pair inside the process.
Each attempt is also appended to the file named by LM_TUI_NETWORK_LOG, so a test notices an
attempt even if the program caught the error and carried on.
"""

from __future__ import annotations

import os
import socket
import traceback
from collections.abc import Callable
from typing import NoReturn

_LOG = os.environ.get("LM_TUI_NETWORK_LOG", "")


def _refuse(what: str) -> PermissionError:
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"blocked {what}\n{''.join(traceback.format_stack(limit=8))}\n")
    return PermissionError(f"network access is blocked in this test ({what})")


class _GuardedSocket(socket.socket):
    def __init__(
        self, family: int = -1, type: int = -1, proto: int = -1, fileno: int | None = None
    ) -> None:
        chosen = socket.AF_INET if family == -1 else family
        # A socket wrapped around an existing descriptor (socketpair) is already local.
        if fileno is None and chosen != getattr(socket, "AF_UNIX", None):
            raise _refuse(f"socket(family={chosen})")
        super().__init__(family, type, proto, fileno)


def _blocked(name: str) -> Callable[..., NoReturn]:
    def refuse(*args: object, **kwargs: object) -> NoReturn:
        raise _refuse(f"{name}{args!r}")

    return refuse


socket.socket = _GuardedSocket  # type: ignore[misc]
for _name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
    setattr(socket, _name, _blocked(_name))
