"""Dialogs over the current screen; each returns a typed result through `dismiss`."""
