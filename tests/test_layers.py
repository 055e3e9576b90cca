"""The toolkit's layers point only down.

Every import of a toolkit module — at the top of a module or inside a function — must go to the
importer's own layer or a lower one; imports of toolkit modules belong at the top of the module
(only optional third-party dependencies may be imported inside a function); only chart modules
import :mod:`toolkit.plots`. The exceptions are the command line, :mod:`toolkit.cli`, the top of the
layers: each command imports what it runs inside its own function, so that a command loads only its
own modules (`toolkit check` does not start up Dask, the notebooks' runner or the charts); and the notebook
worker, :mod:`toolkit.report.worker`, whose functions the run's main process only names (the charts a worker
draws for it are imported there, so that the main process never loads Matplotlib). The
layers are defined once, in :data:`LAYERS` below, bottom first; notes/architecture.md draws them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import toolkit

PACKAGE_DIR = Path(toolkit.__file__).resolve().parent

#: Bottom to top. An entry names a module exactly, or a package and everything in it (``.*``);
#: the longest entry that matches a module decides its layer.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("foundation", ("toolkit", "toolkit.formatting", "toolkit.errors", "toolkit.plots", "toolkit.png",
                    "toolkit.background", "toolkit.processes")),
    ("specs", ("toolkit.datasets", "toolkit.config")),
    ("writers", ("toolkit.report.outputs", "toolkit.report.manifest", "toolkit.report.mask")),
    ("ingest", ("toolkit.ingest.*",)),
    ("checks", ("toolkit.checks.*", "toolkit.forensic.*", "toolkit.review.keys")),
    ("analysis", ("toolkit.analysis", "toolkit.roundkey", "toolkit.snapshot")),
    ("areas", ("toolkit.areas.*",)),
    ("presentation", ("toolkit.report.*", "toolkit.bulletin.*", "toolkit.demo.*", "toolkit.review.*")),
    ("pipeline", ("toolkit.pipeline", "toolkit.outdir")),
    ("entry", ("toolkit.notebook", "toolkit.report.runner", "toolkit.report.worker", "toolkit.report.preload",
               "toolkit.batch.*",
               "toolkit.review.commands")),
    ("cli", ("toolkit.cli",)),
)

#: toolkit.plots is a leaf helper of the charts: only modules named ``charts`` (and notebooks) use it.
PLOTS = "toolkit.plots"
PLOTS_USERS_NAMED = "charts"

#: The entry point that loads each command's modules when the command runs, and the notebook worker, whose
#: module the run's main process imports only to name what its workers run: what only they need (the charts:
#: Matplotlib) it imports inside those functions.
LAZY_IMPORTERS = ("toolkit.cli", "toolkit.report.worker")


@dataclass(frozen=True)
class Violation:
    importer: str
    imported: str
    rule: str        # "upward", "in-function", "plots" or "unlayered"
    where: str       # file:line

    def __str__(self) -> str:
        return f"{self.where}: {self.importer} → {self.imported} ({self.rule})"


def layer_of(module: str) -> int | None:
    """The index in LAYERS of a module, by the longest matching entry; None when no entry matches."""
    best: tuple[int, int] | None = None   # (length of the entry, layer)
    for index, (_, entries) in enumerate(LAYERS):
        for entry in entries:
            package = entry.removesuffix(".*")
            matches = module == package or (entry.endswith(".*") and module.startswith(package + "."))
            if matches and (best is None or len(package) > best[0]):
                best = (len(package), index)
    return None if best is None else best[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def toolkit_modules() -> dict[str, Path]:
    """Every module of the toolkit package by dotted name."""
    return {module_name(p): p for p in sorted(PACKAGE_DIR.rglob("*.py"))}


def _absolute(importer: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(source: str, importer: str, known: set[str], is_package: bool = False):
    """(imported toolkit module, line, inside a function?) for every import in a module's source."""
    tree = ast.parse(source)
    in_function: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            in_function.update(id(child) for child in ast.walk(node) if child is not node)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(importer, is_package, node)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for target in dict.fromkeys(targets):
            if target == "toolkit" or target.startswith("toolkit."):
                yield target, node.lineno, id(node) in in_function


def violations_in_source(source: str, importer: str, known: set[str], where: str = "<source>",
                         is_package: bool = False) -> list[Violation]:
    """Every breach of the layer rules in one module's source."""
    found = []
    own = layer_of(importer)
    if own is None:
        found.append(Violation(importer, importer, "unlayered", f"{where}:1"))
    for imported, line, inside in imports_of(source, importer, known, is_package):
        at = f"{where}:{line}"
        theirs = layer_of(imported)
        if theirs is None:
            found.append(Violation(importer, imported, "unlayered", at))
        elif own is not None and theirs > own:
            found.append(Violation(importer, imported, "upward", at))
        if inside and importer not in LAZY_IMPORTERS:
            found.append(Violation(importer, imported, "in-function", at))
        if imported == PLOTS and importer.rsplit(".", 1)[-1] != PLOTS_USERS_NAMED:
            found.append(Violation(importer, imported, "plots", at))
    return found


def all_violations() -> list[Violation]:
    modules = toolkit_modules()
    known = set(modules)
    found = []
    for name, path in modules.items():
        where = str(path.relative_to(PACKAGE_DIR.parent))
        found += violations_in_source(path.read_text(encoding="utf-8"), name, known, where,
                                      is_package=path.name == "__init__.py")
    return found


# ---- the tree -----------------------------------------------------------------------------------

def test_no_import_points_up_or_hides_in_a_function():
    found = [str(v) for v in all_violations()]
    assert not found, "imports against the layers (see tests/test_layers.py LAYERS):\n" + "\n".join(found)


def test_every_module_has_a_layer():
    assert [m for m in toolkit_modules() if layer_of(m) is None] == []


def test_each_module_named_once_in_the_table():
    entries = [e for _, names in LAYERS for e in names]
    assert len(entries) == len(set(entries))


# ---- the test of the test: it can fail ------------------------------------------------------------

KNOWN = {"toolkit", "toolkit.pipeline", "toolkit.cli", "toolkit.errors", "toolkit.plots", "toolkit.ingest",
         "toolkit.ingest.fake", "toolkit.ingest.load", "toolkit.areas", "toolkit.areas.land",
         "toolkit.areas.land.charts", "toolkit.report", "toolkit.report.html", "toolkit.report.outputs"}


def rules(source: str, importer: str) -> set[tuple[str, str]]:
    return {(v.imported, v.rule) for v in violations_in_source(source, importer, KNOWN)}


def test_an_upward_import_at_the_top_is_reported():
    source = "from toolkit.pipeline import analyse\n"
    assert rules(source, "toolkit.ingest.fake") == {("toolkit.pipeline", "upward")}


def test_only_the_command_line_imports_inside_functions():
    source = "def cmd_check():\n    from toolkit.pipeline import check_round\n    return check_round\n"
    assert rules(source, "toolkit.cli") == set()
    assert rules(source, "toolkit.report.runner") == {("toolkit.pipeline", "in-function")}


def test_an_upward_import_inside_a_function_is_reported_twice():
    source = "def helper():\n    from toolkit.cli import main\n    return main\n"
    assert rules(source, "toolkit.ingest.fake") == {("toolkit.cli", "upward"), ("toolkit.cli", "in-function")}


def test_every_import_form_is_resolved():
    source = ("import toolkit.report.html\n"
              "from toolkit.report import html as page\n"
              "from toolkit import areas\n"
              "from ..report.outputs import write_text\n")
    found = rules(source, "toolkit.ingest.fake")
    assert found == {("toolkit.report.html", "upward"), ("toolkit.areas", "upward")}


def test_a_downward_or_same_layer_import_at_the_top_is_fine():
    source = "import pandas as pd\nfrom toolkit.errors import InputError\nfrom toolkit.ingest.load import load_round\n"
    assert rules(source, "toolkit.ingest.fake") == set()


def test_plots_is_for_chart_modules_only():
    source = "from toolkit import plots\n"
    assert rules(source, "toolkit.areas.land.charts") == set()
    assert rules(source, "toolkit.areas.land") == {("toolkit.plots", "plots")}


def test_a_module_outside_the_table_is_reported():
    assert rules("x = 1\n", "toolkit.nowhere") == {("toolkit.nowhere", "unlayered")}


def test_layer_order():
    assert layer_of("toolkit.report.outputs") < layer_of("toolkit.ingest.load") < layer_of("toolkit.checks.base")
    assert layer_of("toolkit.analysis") < layer_of("toolkit.areas.ledger") < layer_of("toolkit.report.html")
    assert layer_of("toolkit.report.html") < layer_of("toolkit.pipeline") < layer_of("toolkit.report.runner")
    assert layer_of("toolkit.report.runner") < layer_of("toolkit.cli")
    assert layer_of("toolkit.report") == layer_of("toolkit.report.html")
    assert layer_of("toolkit") == 0 and layer_of("toolkit.plotsx") is None


@pytest.mark.parametrize("module", ["toolkit.areas.ledger.rules", "toolkit.demo.truth", "toolkit.areas.land.charts"])
def test_modules_of_the_new_packages_fall_in_their_layer(module):
    assert layer_of(module) is not None
