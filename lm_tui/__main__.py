"""`python -m lm_tui` behaves exactly like the `lm-tui` command."""

from lm_tui.cli import main

raise SystemExit(main())
