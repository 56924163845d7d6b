"""The Textual app. Nothing in `lm_tui.flow` imports this package; it only reads the engine.

The command line (`lm_tui/cli/run_app.py`, `cli/teach_play.py`) reads the arguments and loads
the flow, the case and any session to resume; the app is handed them and never imports the CLI.

Start-up stays light: the command line imports the app and the app the first question's
screen; the welcome screen, the other node screens, modals, the flow map, the export writer and
each screen's style file are loaded when first needed.
"""
