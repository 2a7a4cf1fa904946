"""Casebook: case studies and lessons learned on strategic partnerships in official statistics.

The core (load, validate, index, render) knows nothing of MkDocs; `plugin` is a thin layer
of MkDocs events over it and `cli` is the command-line tool over the same core.
"""

__version__ = "0.1.0"
