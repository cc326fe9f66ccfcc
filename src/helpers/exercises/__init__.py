"""Self-checks of each chapter's exercises, one module per chapter (``ch00``, ``ch01`` …).

The expected answers are computed here from the kit's data by the kit's own code; see
``helpers.checks`` for how a check reports.
"""
