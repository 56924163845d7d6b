"""The dimmed screen under a dialog: drawn exactly as Textual draws it, each style tinted once.

A dialog's screen has a translucent background, so Textual draws the screen beneath through it:
it renders that screen and blends the tint into the colours of every segment, parsing and
mixing colours segment by segment. A question screen has a few thousand segments in a few dozen
distinct styles, so most of that work repeats itself; it was about a third of the key press that
raises a critical pitfall. Here each distinct style is tinted once per drawing and the result
reused: the same formula, so the same colours on screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.renderables.background_screen import BackgroundScreen

NO_STYLE = Style()


def tinted(style: Style | None, color: Color) -> Style:
    """Textual's tint of one style (`BackgroundScreen.process_segments`, pinned 8.2.8: checked)."""
    base = NO_STYLE if style is None else style.clear_meta_and_links()
    return base + Style.from_color(
        (Color.from_rich_color(base.color) + color).rich_color if base.color is not None else None,
        (
            (Color.from_rich_color(base.bgcolor) + color).rich_color
            if base.bgcolor is not None
            else None
        ),
    )


class DimmedScreen(BackgroundScreen):
    @classmethod
    def process_segments(cls, segments: Iterable[Segment], color: Color) -> Iterable[Segment]:
        if color.a == 0:  # Textual's own case: nothing to blend
            yield from BackgroundScreen.process_segments(segments, color)
            return
        done: dict[Style | None, Style] = {}
        for segment in segments:
            text, style, control = segment
            if control:
                yield segment
                continue
            new_style = done.get(style)
            if new_style is None:
                new_style = done[style] = tinted(style, color)
            yield Segment(text, new_style, control)


class DimmedBackground:
    """Mixed into a dialog screen (before `ModalScreen`) to draw the screen beneath faster."""

    def render(self) -> Any:
        rendered = super().render()  # type: ignore[misc]
        if type(rendered) is BackgroundScreen:
            return DimmedScreen(rendered.screen, rendered.color)
        return rendered
