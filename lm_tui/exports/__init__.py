"""What leaves the app: the export formats (TOML document, Markdown, FHIR with its enableWhen
and FHIRPath translation), the flow's diagram, the flow diff, and the export folder.

Exports read a session (`lm_tui.session`) and the flow language (`lm_tui.flow`); nothing here
imports Textual, so `lm-tui replay` and the plain mode export exactly what the app exports.
"""
