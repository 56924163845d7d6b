"""What a session is: the engine that walks a flow, its event log, the record it writes (the
document, the session file, autosave), and the views of it the screens and exports share
(outcome, summary, panels, plan check, progress, flow map, the impact of a flow update).

It reads the flow language (`lm_tui.flow`) and nothing above it: no Textual, no exports, no
proof, so the plain mode, the teaching core and the tests drive a session without a terminal UI.
"""
