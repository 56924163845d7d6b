"""The Textual app. Nothing in `lm_tui.flow` imports this package; it only reads the engine.

Start-up stays light: `launch` imports the app, the app imports the welcome screen, and the
node screens, modals and the export writer are imported when first needed.
"""
