"""The proof that a flow is sound, node by node: `lm-tui check` and `lm-tui paths`.

What it proves (docs/flow-format.md, "What `lm-tui check` proves"): every routing node has
exactly one route for every answer set reaching it; no condition reads an answer that may not
have been given; every derived table gives a row for every combination of its inputs; every
exported value is known and every recommendation, pitfall and section decided at every outcome;
every node, recommendation and pitfall reachable by some answers; and, as warnings, questions
no answer to which can change the outcome.

How. The answer sets reaching each node are one condition over the answers, the union over the
routes into the node of "reaches the route's node and takes the route", kept as a binary
decision diagram (BDD) and worked out once per node in topological order (reach.py), never as a
list of paths. Each check is then one question about these sets: an intersection that must be
empty, or one that must not be. The cost follows the flow's size and what stays open at each
node, not the number of paths: a questionnaire of 200 optional follow-ups (2^200 paths) is
proved in a fraction of a second. The answer domains are finite (encoding.py): choices, the
members of multi-selects, and numbers cut at the thresholds the flow compares them with.
Conditions keep the engine's Kleene logic (meanings.py): a question not asked yet is UNKNOWN,
which is how a read of an unasked answer is found.

Every problem and warning carries a counter-example (examples.py): an answers table and the
path those answers take from the start, found by walking back from the node through routes the
answers agree with; `lm-tui check --examples DIR` writes them as files `lm-tui replay` walks.

Why decision diagrams, and why `dd`. The checks are questions about sets of answer
combinations over finite domains, asked many times about sets that share most of their
structure (a node's set is its predecessors' with one more answer and one more route). BDDs
keep such sets canonical and shared, and answer "is this intersection empty" by a pointer
comparison; a SAT or SMT solver (python-sat, z3-solver) would re-solve each question from
clauses, with a model per counter-example, and z3's wheels are native builds of tens of MB. `dd`
is a maintained BDD package whose pure-Python implementation (`dd.bdd`) installs from one
wheel on Windows, macOS and Linux and in the offline bundle, with no compiler; its CUDD binding
would be faster but needs a native build per platform. dd's pure-Python manager spends most of
its time on work the diagrams do not need, so the proof uses it with those costs removed
(manager.py). Measured (README, Performance): the bundled flow in about 0.02 s, diamond
chains of k optional follow-ups linear in k, 1,000 and 10,000 nodes of bundled-shape modules in
about 0.7 s and 7.5 s on a lightly loaded 2-core machine (faster than the path walk was).

Only `lm-tui check`, `lm-tui paths` and their tests import this package; the app never does
(an import-linter contract keeps `lm_tui.flow` from importing it). The bundled flow's report
is cached by content hash (cache.py).

Modules, one job each: manager.py (dd's diagram manager, made cheaper), graph.py (the checks
that need no answers), encoding.py (answers as diagram variables), meanings.py (conditions and
derived values as sets), layout.py (node order, what each node keeps), reach.py (the sets per
node and per route), settling.py (outcome checks already settled on the way), examples.py
(counter-examples), relevance.py (questions that cannot change the outcome), paths.py (counting
and listing paths), prove.py (the checks, worded), parts.py (what later checks read of a proof
under way), findings.py (what is reported), example_files.py (counter-examples as answers
files), cache.py (the bundled flow's report).
"""
