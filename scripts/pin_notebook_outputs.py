"""Pin the demo round's figures in notebooks: keep only the outputs of ``# NBVAL_CHECK_OUTPUT`` cells.

Notebooks are committed (almost) without outputs. The exception is the headline cells, whose
first line is ``# NBVAL_CHECK_OUTPUT`` and which print plain text: their output on the demo round is
stored in the notebook, so that

    pytest --nbval-lax --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks/

(``make nbval``) re-executes every notebook on ``data/demo`` and fails when a pinned figure changes.
With ``--nbval-lax`` nbval compares only those cells; every other cell only has to run without error.

This script executes each notebook given (a copy, in memory) with its default parameters
(``data_dir = "../data/demo"``, the kernel's working directory being the notebook's folder — exactly as
nbval does), then rewrites the notebook file with:

* the outputs and execution count of ``# NBVAL_CHECK_OUTPUT`` cells from that execution (nbval
  treats a cell without an execution count as never run and refuses stored outputs there);
* no outputs and no execution count in any other cell, no execution timing metadata.

Sources and cell metadata (tags, ids) are left as they are. Nothing is written if a cell fails.

Run it after changing a notebook, the checks, or the demo round, and review the diff of the pinned
outputs before committing::

    .venv/bin/toolkit demo --no-run                       # build data/demo
    .venv/bin/python scripts/pin_notebook_outputs.py notebooks/00_overview.ipynb notebooks/40_cases.ipynb

``--clear`` strips every output instead (no execution), e.g. for a notebook with no pinned cells.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat

MARKER = "# NBVAL_CHECK_OUTPUT"
KERNEL_NAME = "python3"
TIMEOUT_S = 600


def is_pinned(cell) -> bool:
    """A code cell one of whose lines is the ``# NBVAL_CHECK_OUTPUT`` marker comment."""
    return cell.cell_type == "code" and any(line.strip() == MARKER for line in cell.source.splitlines())


def execute(nb, folder: Path):
    """Execute a copy of ``nb`` in a fresh ``python3`` kernel whose working directory is ``folder``."""
    from nbclient import NotebookClient

    kwargs = {}
    try:
        from toolkit.report.worker import kernel_config

        config = kernel_config()
        if config is not None:
            kwargs["config"] = config
    except ImportError:
        pass
    executed = nbformat.from_dict(nb)          # deep copy
    client = NotebookClient(executed, kernel_name=KERNEL_NAME, timeout=TIMEOUT_S, record_timing=False,
                            resources={"metadata": {"path": str(folder)}}, **kwargs)
    client.execute()
    return executed


def _clean_output(output):
    output = nbformat.from_dict(output)
    if "execution_count" in output:
        output["execution_count"] = None
    return output


def pin(nb, executed) -> tuple[int, list[str]]:
    """Copy pinned outputs from ``executed`` into ``nb`` and clear the rest; (pinned cells, warnings)."""
    warnings = []
    pinned = 0
    by_id = {cell.get("id"): cell for cell in executed.cells}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        cell.execution_count = None
        cell.metadata.pop("execution", None)
        if not is_pinned(cell):
            cell.outputs = []
            continue
        ran = by_id.get(cell.get("id")) or executed.cells[index]
        cell.outputs = [_clean_output(o) for o in ran.outputs]
        cell.execution_count = ran.execution_count   # nbval skips "unrun" cells (no count) with outputs
        pinned += 1
        kinds = {o.get("output_type") for o in cell.outputs}
        if not cell.outputs:
            warnings.append(f"cell {index}: pinned but printed nothing")
        if kinds - {"stream"}:
            warnings.append(f"cell {index}: pinned output is not plain printed text ({', '.join(sorted(kinds))})")
        if any(o.get("name") == "stderr" for o in cell.outputs):
            warnings.append(f"cell {index}: pinned output contains stderr (warnings?)")
    return pinned, warnings


def clear(nb) -> None:
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)


def write_atomic(nb, path: Path) -> None:
    nbformat.validate(nb)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".ipynb", dir=path.parent)
    os.close(fd)
    try:
        nbformat.write(nb, tmp)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--clear", action="store_true", help="strip every output; do not execute")
    args = parser.parse_args(argv)
    status = 0
    for path in args.notebooks:
        nb = nbformat.read(str(path), as_version=4)
        if args.clear:
            clear(nb)
            write_atomic(nb, path)
            print(f"{path}: outputs cleared")
            continue
        started = time.perf_counter()
        try:
            executed = execute(nb, path.resolve().parent)
        except Exception as exc:  # CellExecutionError, DeadKernelError, ...
            print(f"{path}: execution failed, notebook left unchanged:\n{exc}", file=sys.stderr)
            status = 1
            continue
        pinned, warnings = pin(nb, executed)
        write_atomic(nb, path)
        print(f"{path}: {pinned} pinned cell(s), executed in {time.perf_counter() - started:.1f}s")
        for warning in warnings:
            print(f"{path}: warning: {warning}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
