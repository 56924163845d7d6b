"""The flow core: models, loader, expressions, engine and export (the proof is lm_tui/proof/).

Pure Python; it never imports Textual, so the command line, the plain mode and the tests use it
without a terminal UI.
"""
