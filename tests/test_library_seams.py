"""pipeline/ uses other libraries through their public, documented seams only (read from its imports, not run).

Nothing in pipeline/ imports a private name (`_x`) or a private module of another library, nor pdfminer's lexer,
parser, font, document or interpreter internals; nothing assigns to another library's module attributes (or
`setattr`s them); and a class subclasses another library's class only at a documented extension point.
"""
from __future__ import annotations

import ast
import importlib.util
import sys

import pytest

from tests.conftest import REPO

PIPELINE = REPO / "pipeline"
PDFMINER_INTERNALS = ("pdfminer.psparser", "pdfminer.pdfparser", "pdfminer.pdffont", "pdfminer.pdfdocument",
                      "pdfminer.pdfinterp", "pdfminer.pdfdevice", "pdfminer.pdftypes", "pdfminer.cmapdb",
                      "pdfminer.pdfpage", "pdfminer.converter", "pdfminer.layout", "pdfminer.utils")
EXTENSION_POINTS = {  # another library's classes it documents as made to be subclassed
    "yaml.SafeLoader": "PyYAML: a loader subclass carries its own resolvers and constructors",
    "click.Group": "click: a custom Group changes how the group's commands are invoked",
}


def _ours(module: str) -> bool:
    return module == "pipeline" or module.startswith("pipeline.")


def _stdlib(module: str) -> bool:
    return module.split(".")[0] in sys.stdlib_module_names


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _dotted(node: ast.expr) -> str | None:
    """`a.b.c` of a name or attribute chain (None for anything else)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def problems(source: str, where: str = "<source>") -> list[str]:
    """What in `source` reaches past another library's public seams, one line each."""
    tree = ast.parse(source)
    bound: dict[str, str] = {}  # a local name -> the other library's dotted name it stands for
    modules: set[str] = set()  # local names bound to another library's modules
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _ours(alias.name):
                    continue
                if any(_private(p) for p in alias.name.split(".")) or alias.name in PDFMINER_INTERNALS:
                    out.append(f"{where}:{node.lineno}: imports {alias.name}")
                local = alias.asname or alias.name.split(".")[0]
                bound[local] = alias.name if alias.asname else local
                modules.add(local)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and not _ours(node.module):
            if any(_private(p) for p in node.module.split(".")) or node.module in PDFMINER_INTERNALS:
                out.append(f"{where}:{node.lineno}: imports from {node.module}")
            for alias in node.names:
                if _private(alias.name):
                    out.append(f"{where}:{node.lineno}: imports the private name {alias.name} from {node.module}")
                elif f"{node.module}.{alias.name}" in PDFMINER_INTERNALS:
                    out.append(f"{where}:{node.lineno}: imports {node.module}.{alias.name}")
                local = alias.asname or alias.name
                bound[local] = f"{node.module}.{alias.name}"
                if _is_module(f"{node.module}.{alias.name}"):
                    modules.add(local)
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr" \
                and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id in modules:
            out.append(f"{where}:{node.lineno}: setattr on the module {bound[node.args[0].id]}")
        for target in targets:
            name = _dotted(target) if isinstance(target, ast.Attribute) else None
            if name and name.split(".")[0] in modules:
                out.append(f"{where}:{node.lineno}: assigns to {bound[name.split('.')[0]]}{name[name.index('.'):]}")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules \
                and _private(node.attr) and not _stdlib(bound[node.value.id]):
            out.append(f"{where}:{node.lineno}: reaches the private {bound[node.value.id]}.{node.attr}")
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                name = _dotted(base)
                if name is None or name.split(".")[0] not in bound:
                    continue
                full = bound[name.split(".")[0]] + name[len(name.split(".")[0]):]
                if not _stdlib(full) and full not in EXTENSION_POINTS:
                    out.append(f"{where}:{node.lineno}: class {node.name} subclasses {full}")
    return out


def test_pipeline_uses_other_libraries_through_their_public_seams() -> None:
    found = [p for path in sorted(PIPELINE.rglob("*.py"))
             for p in problems(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))]
    assert found == []


@pytest.mark.parametrize("source", [
    "from pdfplumber.page import _invert_box\n",
    "from pypdfium2._helpers import page\n",
    "import pdfminer.psparser\n",
    "from pdfminer.pdffont import PDFFont\n",
    "from pdfminer import pdffont\n",
    "from pdfplumber import page\npage.CMapParser = object\n",
    "import pdfplumber\npdfplumber.open = None\n",
    "import pypdfium2.raw as pc\nsetattr(pc, 'FPDF_InitLibrary', None)\n",
    "import pypdfium2.raw as pc\npc._libs\n",
    "from pdfplumber.container import Container\nclass View(Container):\n    pass\n",
    "import pikepdf\nclass S(pikepdf.Stream):\n    pass\n",
])
def test_each_kind_of_reach_is_found(source: str) -> None:
    assert len(problems(source)) == 1


@pytest.mark.parametrize("source", [
    "import pypdfium2.raw as pc\nn = pc.FPDFText_CountChars(None)\n",
    "import yaml\nclass Loader(yaml.SafeLoader):\n    pass\n",
    "from dataclasses import dataclass\nclass E(Exception):\n    pass\n",
    "import os\nos._exit(0)\n",
    "from pipeline.extract.lattice import _rows\n",
    "import pdfplumber\nclass Page:\n    pdf = pdfplumber\n",
])
def test_public_use_is_left_alone(source: str) -> None:
    assert problems(source) == []
