"""The version of referentiel."""

__version__ = "0.1.0"
