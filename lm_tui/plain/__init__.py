"""Plain mode: the flow line by line on stdin/stdout (screen readers, dumb terminals, scripts).

It never imports Textual. Only the first prompt's text is needed to start, so `startup.py`
shows it from a small cache keyed by the flow file's hash before the flow core is imported;
the flow is fully loaded and checked before the first answer is read.
"""
