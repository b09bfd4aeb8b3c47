"""Reading and writing frameworks: one module per format, the same verbs in each."""

from referentiel.io._files import (
    FORMATS,
    check,
    dumps,
    format_of,
    load,
    load_checked,
    loads,
    save,
)
from referentiel.io.json import dumps_json, loads_json, read_json, write_json
from referentiel.io.schema import json_schema
from referentiel.io.yaml import dumps_yaml, loads_yaml, read_yaml, write_yaml

__all__ = [
    "FORMATS",
    "check",
    "dumps",
    "dumps_json",
    "dumps_yaml",
    "format_of",
    "json_schema",
    "load",
    "load_checked",
    "loads",
    "loads_json",
    "loads_yaml",
    "read_json",
    "read_yaml",
    "save",
    "write_json",
    "write_yaml",
]
