"""The house stays easy to read: no module over 400 lines (except pure data tables), no function over 60 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "toolkit"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
#: Modules that are mostly data (the dataset specs of contract/datasets.md), allowed past MAX_MODULE_LINES.
PURE_DATA_TABLES = {"datasets.py"}


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int]]:
    """(name, lines) of every function or method longer than ``limit`` lines.

    >>> long_functions("def f():\\n" + "    x = 1\\n" * 3, limit=3)
    [('f', 4)]
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines = node.end_lineno - node.lineno + 1
            if lines > limit:
                found.append((node.name, lines))
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_and_function_sizes(path: Path):
    source = path.read_text(encoding="utf-8")
    if path.name not in PURE_DATA_TABLES:
        assert len(source.splitlines()) <= MAX_MODULE_LINES, f"{path}: split it by job"
    assert long_functions(source) == [], f"{path}: functions over {MAX_FUNCTION_LINES} lines"


def test_the_rule_can_fail():
    assert long_functions("def big():\n" + "    pass\n" * MAX_FUNCTION_LINES) == [("big", MAX_FUNCTION_LINES + 1)]
