"""The key shown beside each option: 1-9, then letters, so a 14-item checklist is one key each."""

from __future__ import annotations

from lm_tui.flow.limits import DIGIT_KEYS, LETTER_KEYS

__all__ = ["DIGIT_KEYS", "LETTER_KEYS", "option_index", "option_key"]


def option_key(index: int) -> str:
    """Key for the option at `index` (0-based): '1'..'9', then 'a', 'b', ..."""
    if index < len(DIGIT_KEYS):
        return DIGIT_KEYS[index]
    return LETTER_KEYS[index - len(DIGIT_KEYS)]


def option_index(character: str | None, count: int) -> int | None:
    """The option a typed character picks, or None when it picks nothing in a list of `count`."""
    if not character or len(character) != 1:
        return None
    if character in DIGIT_KEYS:
        index = DIGIT_KEYS.index(character)
    elif character in LETTER_KEYS:
        index = len(DIGIT_KEYS) + LETTER_KEYS.index(character)
    else:
        return None
    return index if index < count else None
