"""lm-tui: a terminal guide through suspected leptomeningeal metastasis.

It supports, and does not replace, clinical judgement.
"""

__version__ = "0.1.0"
