"""`import referentiel` stays light, and its lazy public names are what their modules define."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import referentiel as ref
from referentiel.io.formats import FORMATS

INIT = Path(ref.__file__)


def test_import_does_not_pull_heavy_dependencies() -> None:
    code = (
        "import sys, referentiel\n"
        "print(sorted(m for m in ('networkx', 'graphviz', 'ruamel', 'yaml')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_render_imports_only_what_it_uses(tmp_path: Path) -> None:
    """The cold start's lazy imports: a render needs none of these (the output's temporary file
    is made without tempfile, the help's width found without shutil)."""
    example = INIT.parents[2] / "examples" / "customer-relations.yaml"
    code = (
        "import sys\n"
        "from referentiel.cli import main\n"
        f"assert main(['render', {str(example)!r}, '-o', {str(tmp_path / 'x.svg')!r}]) == 0\n"
        "print(sorted(m for m in ('tempfile', 'shutil', 'json', 'html', 'sysconfig', 'ruamel',"
        " 'networkx', 'cattrs') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert (out.stdout, out.stderr) == ("[]\n", f"wrote {tmp_path / 'x.svg'}\n")


def _type_checking_imports() -> dict[str, str]:
    """The names the TYPE_CHECKING block of referentiel/__init__.py imports, and their modules."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    block = next(
        n for n in tree.body if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test)
    )
    return {
        alias.name: node.module or ""
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def test_lazy_names_match_what_the_type_checker_reads() -> None:
    """The lazy table and the TYPE_CHECKING imports list the same names, from the same modules."""
    assert _type_checking_imports() == ref._LAZY


def test_every_lazy_name_is_public_and_resolves_to_its_module() -> None:
    for name, module in ref._LAZY.items():
        assert name in ref.__all__, name
        assert getattr(ref, name) is getattr(importlib.import_module(module), name), name


def test_every_format_function_comes_from_the_registry() -> None:
    """Each format's functions are reachable from the package, with no list kept by hand."""
    for fmt in FORMATS.values():
        module = importlib.import_module(fmt.module)
        for name in fmt.functions:
            assert getattr(ref, name) is getattr(module, name), name
            assert getattr(ref.io, name) is getattr(module, name), name
            assert name in ref.io.__all__
    assert "dumps_node_link" in dir(ref)


def test_a_function_is_not_shadowed_by_a_module_of_its_name() -> None:
    code = (
        "import referentiel.io.exports, referentiel.outputs, referentiel as ref\n"
        "print(callable(ref.export), callable(ref.io.export))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True True"
