"""The flow core: models, loader, expressions, verifier, engine and export.

Pure Python; it never imports Textual, so the command line, the plain mode and the tests use it
without a terminal UI.
"""
