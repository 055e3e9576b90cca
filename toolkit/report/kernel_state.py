"""Runs inside a notebook kernel that `toolkit run` reuses: give each notebook the state of a fresh kernel.

A worker of `toolkit run` keeps its kernel from one notebook to the next instead of starting a new one
(a kernel start and the notebooks' imports cost ~4 s of CPU each time). The imported modules stay —
the toolkit has no import-time side effects, and nbval runs every notebook in a fresh kernel, so a
notebook that leaned on an import made by another would fail there. Everything a notebook can change
is put back before the next one starts: :func:`remember` records it once, when the kernel has started
and imported the warm-up modules; :func:`restore` runs (silently, no history) before every notebook.

The kernel imports the notebooks' modules ahead (:func:`preload`), while `toolkit run` still checks the round.

Put back: the user namespace and input/output history (IPython's ``%reset -f``), the execution counter
(each notebook counts from 1), open figures and matplotlib's rcParams, pandas' options, warning
filters, the working directory, ``sys.path`` and the environment.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
import warnings
from types import ModuleType
from typing import Any

_saved: dict[str, Any] = {}
KEEP_RC = ("backend", "backend_fallback")   # setting the backend again would switch it; notebooks never do


def preload(names: list[str]) -> None:
    """Import the modules ``names`` (see :func:`toolkit.report.notebooks.imported_modules`) into the kernel ahead:
    a name that is an attribute of a module already imported, or that cannot be imported, is passed over —
    the notebook's own import says why, if it fails there.

    >>> preload(["json", "json.dumps", "xml.dom", "xml.dom.minidom", "no_such_module_here"])
    >>> "json" in sys.modules, "xml.dom.minidom" in sys.modules
    (True, True)
    """
    for name in names:
        parent, _, attribute = name.rpartition(".")
        value = getattr(sys.modules[parent], attribute, None) if parent in sys.modules else None
        if value is not None and not isinstance(value, ModuleType):   # a function, a class...: nothing to import
            continue
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 — the notebook reports it when it imports the module itself
            continue


def remember() -> None:
    """Record the kernel's fresh state (once, before its first notebook)."""
    import matplotlib

    rc = {key: value for key, value in matplotlib.rcParams.items() if key not in KEEP_RC}
    _saved.update(rc=rc, warnings=list(warnings.filters), cwd=os.getcwd(),
                  path=list(sys.path), environ=dict(os.environ))
    _settle()


def _settle() -> None:
    """Collect the garbage, then move every object still alive — the imported modules, their caches — out of the
    collector's sight (``gc.freeze``): the collections during a notebook and the reset before the next one then
    walk only the objects made since, not the ~150,000 of pandas, matplotlib and the toolkit (~0.3 s per
    notebook saved)."""
    gc.collect()
    gc.freeze()


def restore() -> None:
    """Give the kernel back the state :func:`remember` recorded, with an empty namespace."""
    import matplotlib
    import matplotlib.pyplot as plt
    import pandas as pd
    from IPython import get_ipython

    shell = get_ipython()
    shell.reset(new_session=False)      # user namespace, In/Out, _, __ ...
    shell.execution_count = 1
    plt.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rcParams that are deprecated warn when set, even to their value
        matplotlib.rcParams.update(_saved["rc"])
        pd.reset_option("all")
    warnings.filters[:] = _saved["warnings"]
    os.chdir(_saved["cwd"])
    sys.path[:] = _saved["path"]
    os.environ.clear()
    os.environ.update(_saved["environ"])
    _settle()


# What the runner sends to a kernel before each notebook: leaves no name behind (the reset clears them).
RESTORE = "__import__('toolkit.report.kernel_state', fromlist=['restore']).restore()"
