"""Teaching mode in the app: the case picker, the case brief, immediate feedback, the debrief.

The teaching core (`lm_tui.teaching`) decides everything (locked facts, marks, the debrief);
these screens only show it. The app is the clinical app with a case attached (`TeachingApp`).
"""
