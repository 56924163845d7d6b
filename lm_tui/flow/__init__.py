"""The flow language: the models of a flow file, its loader and checks, conditions
(expressions and their evaluation), values and domains, the errors a user reads, the JSON schema,
TOML reading and the loaded-flow cache.

A flow is data: it says nothing about sessions, screens or exports, and this package imports none
of them (`lm_tui.session` runs a flow, `lm_tui.proof` proves one, `lm_tui.exports` writes one
out). Pure Python; it never imports Textual.
"""
