"""Where the user is: the step number and the path so far, newest on the right."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

SEPARATOR = " › "


class ProgressLine(Widget):
    """`Step 6 of about 14 · … › MRI of the neuraxis › CSF cytology`; older steps give way
    first."""

    def __init__(
        self, step: int, trail: list[str], *, total: int | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.step = step
        self.total = total
        """The longest the path can still be, from the flow graph (None: not shown)."""
        self.trail = trail
        """Headings of the nodes on the path, the current (or edited) one last."""

    def render(self) -> Content:
        of = f" of about {self.total}" if self.total else ""
        head = f"Step {self.step}{of} · "
        width = max(self.size.width, 20)
        shown = list(self.trail)
        text = SEPARATOR.join(shown)
        while len(shown) > 1 and len(head) + len(text) > width:
            shown.pop(0)
            text = "…" + SEPARATOR + SEPARATOR.join(shown)
        if len(head) + len(text) > width:
            text = text[: max(width - len(head) - 1, 1)] + "…"
        done, _, current = text.rpartition(SEPARATOR)
        if not done:
            return Content.assemble((head, "bold"), (current, "bold"))
        return Content.assemble((head, "bold"), done + SEPARATOR, (current, "bold"))
