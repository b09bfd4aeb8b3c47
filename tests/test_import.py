"""`import referentiel` stays light: no networkx, graphviz, YAML library or cattrs."""

from __future__ import annotations

import importlib
import subprocess
import sys


def test_import_does_not_pull_heavy_dependencies() -> None:
    code = (
        "import sys, referentiel\n"
        "print(sorted(m for m in ('networkx', 'graphviz', 'ruamel', 'yaml', 'cattrs')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_lazy_names_match_the_modules_that_define_them() -> None:
    """The lazily imported names are listed by hand: they must be what the modules export."""
    import referentiel as ref
    import referentiel.draw
    import referentiel.draw.plot
    import referentiel.graph
    import referentiel.io

    owners = ref._LAZY
    io_public = set(referentiel.io.__all__) - {"FORMATS", "EXPORTS", "format_of"}
    assert {n for n, m in owners.items() if m == "referentiel.io"} == io_public
    assert {n for n, m in owners.items() if m == "referentiel.graph"} == set(
        referentiel.graph.__all__
    )
    assert {n for n, m in owners.items() if m == "referentiel.draw"} == {"render", "to_dot"}
    assert set(owners) <= set(ref.__all__)
    for name, module in owners.items():
        assert getattr(ref, name) is getattr(importlib.import_module(module), name), name


def test_a_function_is_not_shadowed_by_a_module_of_its_name() -> None:
    code = (
        "import referentiel.io.exports, referentiel as ref\n"
        "print(callable(ref.export), callable(ref.io.export))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True True"
