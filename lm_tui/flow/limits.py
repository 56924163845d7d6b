"""The documented limits on what lm-tui reads, each checked before the work it would cost.

A flow or session file handed to lm-tui may come from anywhere: a FIFO, `/dev/zero`, a 100 MB
autosave or a 50 MB prompt would hang or stall every start. These limits sit far above any real
file (the bundled flow is about 0.1 MB, a long session about 0.03 MB) and are listed in
docs/reliability.md; each refusal says which limit was passed.
"""

from __future__ import annotations

import string
from decimal import Decimal

DIGIT_KEYS = "123456789"
LETTER_KEYS = string.ascii_lowercase
MAX_OPTIONS = len(DIGIT_KEYS) + len(LETTER_KEYS)
"""A question offers at most one option per key the app shows beside it (1-9, then a-z)."""

MAX_FLOW_BYTES = 8 * 1024 * 1024
"""A flow file; the bundled one is about a hundred times smaller."""

MAX_SESSION_BYTES = 4 * 1024 * 1024
"""A session export or autosave, an answers file or a teaching case."""

MAX_TEXT_CHARACTERS = 100_000
"""One string in a flow (a prompt, a help text) or a session (a note)."""

MAX_EVENTS = 10_000
"""Events in one session's log: a long real session has under a hundred."""

MAX_NUMBER = Decimal("1e12")
"""The largest magnitude of a number in a flow: a range's ends, a step, a threshold."""

MIN_STEP = Decimal("1e-6")
"""The finest step of a number question. With MAX_NUMBER it keeps every count of steps within
the 28 digits of Python's decimal arithmetic (beyond them it raises DivisionImpossible)."""
