"""``python -m referentiel``: the command line."""

from referentiel.cli import _entry

_entry()
