"""`import referentiel` stays light: no networkx, graphviz, YAML library or cattrs."""

from __future__ import annotations

import subprocess
import sys


def test_import_does_not_pull_heavy_dependencies() -> None:
    code = (
        "import sys, referentiel\n"
        "print(sorted(m for m in ('networkx', 'graphviz', 'ruamel', 'ruamel.yaml', 'cattrs')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_lazy_names_resolve() -> None:
    import referentiel as ref

    assert callable(ref.load)
    assert set(ref.__all__) <= set(dir(ref)) | {"load"}
