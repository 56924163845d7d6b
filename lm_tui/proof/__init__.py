"""The per-node proof of a flow (docstring to be completed)."""
