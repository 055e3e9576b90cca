"""Which notebooks `toolkit run` executes: the notebooks folder, ``--only``, and each notebook's parameters.

The notebooks are read from the repository's ``notebooks/`` folder (next to the ``toolkit`` package);
the environment variable ``TOOLKIT_NOTEBOOKS`` or a ``notebooks_dir`` argument points elsewhere (tests use it).
"""

from __future__ import annotations

import ast
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import toolkit
from toolkit.errors import ParameterError, ToolkitError

NOTEBOOKS_ENV = "TOOLKIT_NOTEBOOKS"
NOTEBOOK_PATTERN = re.compile(r"^(\d\d)_([a-z][a-z0-9_]*)\.ipynb$")
OVERVIEW = "overview"
PARAMETERS = ("data_dir", "out_dir", "thresholds")


@dataclass(frozen=True)
class NotebookSpec:
    """One notebook of the notebooks folder."""

    name: str       # file stem, e.g. "40_cases"
    area: str       # "cases"; "overview" for 00_overview
    path: Path

    @property
    def is_overview(self) -> bool:
        return self.area == OVERVIEW


# ---- finding the notebooks ----------------------------------------------------------------------

def default_notebooks_dir() -> Path:
    """``$TOOLKIT_NOTEBOOKS``, else the ``notebooks/`` folder of the toolkit's checkout."""
    env = os.environ.get(NOTEBOOKS_ENV)
    if env:
        return Path(env)
    return Path(toolkit.__file__).resolve().parent.parent / "notebooks"


def discover_notebooks(notebooks_dir: Path | None = None) -> list[NotebookSpec]:
    """Every ``NN_name.ipynb`` of the folder, in file-name order.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     for n in ("40_cases.ipynb", "00_overview.ipynb", "notes.ipynb", "10_ledger.ipynb"):
    ...         _ = (Path(d) / n).write_text("{}")
    ...     [(s.name, s.area) for s in discover_notebooks(Path(d))]
    [('00_overview', 'overview'), ('10_ledger', 'ledger'), ('40_cases', 'cases')]
    """
    folder = Path(notebooks_dir) if notebooks_dir else default_notebooks_dir()
    if not folder.is_dir():
        raise ToolkitError(f"找不到笔记本目录 {folder}：toolkit run 需要在源码目录中运行（含 notebooks/ 文件夹），"
                           f"或用环境变量 {NOTEBOOKS_ENV} 指定笔记本目录")
    specs = []
    for path in sorted(folder.iterdir()):
        match = NOTEBOOK_PATTERN.match(path.name)
        if match and path.is_file():
            specs.append(NotebookSpec(path.stem, match.group(2), path.resolve()))
    if not specs:
        raise ToolkitError(f"笔记本目录 {folder} 中没有 NN_名称.ipynb 形式的笔记本")
    areas = [s.area for s in specs]
    duplicates = sorted({a for a in areas if areas.count(a) > 1})
    if duplicates:
        raise ToolkitError(f"笔记本目录 {folder} 中领域 {'、'.join(duplicates)} 有多个笔记本")
    return specs


def select_notebooks(specs: list[NotebookSpec], only: list[str] | None) -> list[NotebookSpec]:
    """The overview plus the area notebooks named in ``only`` (all when ``only`` is empty).

    >>> specs = [NotebookSpec("00_overview", "overview", Path("a")), NotebookSpec("40_cases", "cases", Path("b")),
    ...          NotebookSpec("10_ledger", "ledger", Path("c"))]
    >>> [s.name for s in select_notebooks(specs, ["cases"])]
    ['00_overview', '40_cases']
    >>> select_notebooks(specs, ["lnad"])
    Traceback (most recent call last):
    toolkit.errors.ParameterError: --only: 未知的领域 lnad（可用：cases、ledger）
    """
    if not only:
        return list(specs)
    known = [s.area for s in specs if not s.is_overview]
    wanted = {a.strip() for a in only if a.strip()}
    unknown = sorted(wanted - set(known) - {OVERVIEW})
    if unknown:
        raise ParameterError(f"--only: 未知的领域 {'、'.join(unknown)}（可用：{'、'.join(known)}）")
    return [s for s in specs if s.is_overview or s.area in wanted]


def check_parameters(spec: NotebookSpec) -> str | None:
    """None when the notebook declares data_dir, out_dir and thresholds in a ``parameters`` cell, else why not."""
    try:
        declared = declared_parameters(spec.path)
    except (OSError, ValueError, KeyError, TypeError, SyntaxError) as exc:  # unreadable JSON or cell, ...
        return f"无法读取笔记本参数：{type(exc).__name__}: {exc}"
    missing = [p for p in PARAMETERS if p not in declared]
    if missing:
        return (f"笔记本 {spec.name} 的 parameters 单元格缺少参数 {'、'.join(missing)}"
                f"（应声明 {'、'.join(PARAMETERS)}，并给该单元格加 parameters 标签）")
    return None


def declared_parameters(path: Path) -> list[str]:
    """The names the first code cell tagged ``parameters`` assigns, as Papermill reads them (read here: importing
    Papermill costs the main process ~3.5 s, most of it jsonschema's grammars).

    >>> import json, tempfile
    >>> cell = {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": ["a = 1\\n", "b: int = 2"]}
    >>> with tempfile.NamedTemporaryFile("w", suffix=".ipynb", delete=False) as f:
    ...     json.dump({"cells": [cell]}, f)
    >>> declared_parameters(Path(f.name))
    ['a', 'b']
    """
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            names = []
            for node in ast.parse(source).body:
                targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
                names += [t.id for t in targets if isinstance(t, ast.Name)]
            return names
    return []


def imported_modules(specs: list[NotebookSpec]) -> list[str]:
    """The modules the notebooks' code cells import at their top level, in order, once each — for a kept
    kernel to import ahead (:func:`toolkit.report.kernel_state.preload`). ``from a import b`` names both
    ``a`` and ``a.b`` (``b`` may be a module); relative imports, unreadable notebooks and cells that do not
    parse (magics) are passed over.

    >>> import json, tempfile
    >>> cell = {"cell_type": "code", "metadata": {}, "source": "from toolkit.areas import bids as area; import pandas as pd"}
    >>> with tempfile.NamedTemporaryFile("w", suffix=".ipynb", delete=False) as f:
    ...     json.dump({"cells": [cell, {"cell_type": "code", "source": "%matplotlib inline"}]}, f)
    >>> imported_modules([NotebookSpec("50_bids", "bids", Path(f.name))])
    ['toolkit.areas', 'toolkit.areas.bids', 'pandas']
    """
    names: dict[str, None] = {}
    for spec in specs:
        for source in _code_sources(spec.path):
            try:
                body = ast.parse(source).body
            except SyntaxError:
                continue
            for node in body:
                if isinstance(node, ast.Import):
                    names.update(dict.fromkeys(alias.name for alias in node.names))
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names[node.module] = None
                    names.update(dict.fromkeys(f"{node.module}.{alias.name}" for alias in node.names
                                               if alias.name != "*"))
    return list(names)


def _code_sources(path: Path) -> list[str]:
    """The source of every code cell of the notebook at ``path`` (none when it cannot be read)."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [cell["source"] if isinstance(cell.get("source"), str) else "".join(cell.get("source", []))
            for cell in cells if isinstance(cell, dict) and cell.get("cell_type") == "code"]
