"""Blocks network traffic in any Python process started with this folder on PYTHONPATH.

Python imports `sitecustomize` at start-up, before any of the program's code. From then on a
network socket may still be created (pip's vendored urllib3 creates one at import to probe for
IPv6, which sends nothing), but connecting, sending and name lookups fail at once. Local
AF_UNIX sockets are left alone: asyncio, and so Textual, uses a socket pair inside the process.

Every creation of a network socket and every refused attempt is appended to the file named by
LM_TUI_NETWORK_LOG ("created ..." / "blocked ..."), so a test notices even an attempt the program
caught and carried on from.
"""

from __future__ import annotations

import os
import socket
import traceback
from collections.abc import Callable
from typing import Any, NoReturn

_LOG = os.environ.get("LM_TUI_NETWORK_LOG", "")
_LOCAL = getattr(socket, "AF_UNIX", None)


def _note(what: str) -> None:
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{what}\n{''.join(traceback.format_stack(limit=8)[:-2])}\n")


def _refuse(what: str) -> PermissionError:
    _note(f"blocked {what}")
    return PermissionError(f"network access is blocked in this test ({what})")


class _GuardedSocket(socket.socket):
    def __init__(
        self, family: int = -1, type: int = -1, proto: int = -1, fileno: int | None = None
    ) -> None:
        super().__init__(family, type, proto, fileno)
        if fileno is None and self.family != _LOCAL:
            _note(f"created socket(family={self.family!r})")

    def connect(self, address: Any) -> None:
        if self.family != _LOCAL:
            raise _refuse(f"connect({address!r})")
        super().connect(address)

    def connect_ex(self, address: Any) -> int:
        if self.family != _LOCAL:
            raise _refuse(f"connect_ex({address!r})")
        return super().connect_ex(address)

    def sendto(self, *args: Any) -> int:
        if self.family != _LOCAL:
            raise _refuse(f"sendto{args[1:]!r}")
        return super().sendto(*args)


def _blocked(name: str) -> Callable[..., NoReturn]:
    def refuse(*args: object, **kwargs: object) -> NoReturn:
        raise _refuse(f"{name}{args!r}")

    return refuse


socket.socket = _GuardedSocket  # type: ignore[misc]
for _name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
    setattr(socket, _name, _blocked(_name))
