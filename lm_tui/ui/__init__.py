"""The Textual app. Nothing in `lm_tui.flow` imports this package; it only reads the engine.

Start-up stays light: `launch` imports the app and the app the first question's screen; the
welcome screen, the other node screens, modals, the flow map, the export writer and each
screen's style file are loaded when first needed.
"""
