"""The export formats a session can be written in: name → file extension and renderer.

One registry shared by `replay`, `teach`, the plain mode and the app's export dialog, so a format
added here is offered everywhere with the same name and extension. Renderers import their module
only when called: choosing `--format toml` never loads the FHIR or Markdown code, and importing
this module costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lm_tui.session.engine import Session

Renderer = Callable[["Session", "datetime | None"], bytes]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    extension: str
    """With the dot: `.toml`, `.md`, `.json`."""
    description: str
    """One line for help texts and the export dialog."""
    _renderer: Renderer

    def render(self, session: Session, finished_at: datetime | None = None) -> bytes:
        """The session as this format's bytes (UTF-8 text for all three)."""
        return self._renderer(session, finished_at)


def _render_toml(session: Session, finished_at: datetime | None) -> bytes:
    from lm_tui.session.document import render_toml, session_document

    return render_toml(session_document(session, finished_at=finished_at))


def _render_markdown(session: Session, finished_at: datetime | None) -> bytes:
    from lm_tui.exports.markdown import render_markdown

    return render_markdown(session, finished_at=finished_at).encode("utf-8")


def _render_fhir(session: Session, finished_at: datetime | None) -> bytes:
    import json

    from lm_tui.exports.fhir import questionnaire_response

    resource = questionnaire_response(session, finished_at=finished_at)
    return (json.dumps(resource, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


FORMATS: Mapping[str, ExportFormat] = {
    "toml": ExportFormat(
        "toml",
        ".toml",
        "lm-tui session (TOML): replayable with --resume and `lm-tui show`",
        _render_toml,
    ),
    "md": ExportFormat(
        "md",
        ".md",
        "Markdown clinical summary for the chart note",
        _render_markdown,
    ),
    "fhir": ExportFormat(
        "fhir",
        ".json",
        "FHIR R4 QuestionnaireResponse (JSON)",
        _render_fhir,
    ),
}
"""Every export format by the name used on the command line (`--format NAME`)."""

DEFAULT_FORMAT = "toml"


def export_format(name: str) -> ExportFormat:
    """The format called `name`; KeyError lists the known names (argparse checks first)."""
    try:
        return FORMATS[name]
    except KeyError:
        raise KeyError(f"unknown export format '{name}'; use one of {', '.join(FORMATS)}") from None


def path_in_folder(folder: Path, stem: str, fmt: ExportFormat) -> Path:
    """`folder/stem.ext`: with `--export-dir` the extension follows the format."""
    return folder / f"{stem}{fmt.extension}"


def write_session(
    session: Session,
    path: Path,
    fmt: ExportFormat,
    overwrite: bool = False,
    finished_at: datetime | None = None,
) -> None:
    """Render and write atomically; ExportError says why nothing was written."""
    from lm_tui.session.document import write_atomically

    write_atomically(path, fmt.render(session, finished_at), overwrite=overwrite)
