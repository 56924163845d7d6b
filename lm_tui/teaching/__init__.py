"""Teaching mode: case files, trainee attempts, marking and the debrief.

Pure Python like the flow core: it never imports Textual, so cases can be checked and marked
from the command line and the app only draws what this package decides.
"""
