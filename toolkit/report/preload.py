"""The imports of a notebook worker and of its kernel, done once in the forkserver the run forks them from.

:func:`toolkit.report.forkserver.start_forkserver` names this module as the forkserver's preload and starts the
server as `toolkit run` starts, while the command imports its own modules on one core. Every worker forked from
it starts with Papermill, nbconvert and jupyter_client imported, and every kernel
(:mod:`toolkit.report.forked_kernel`) with ipykernel, pandas, Matplotlib (inline backend), pyarrow and the
modules the default notebooks import — a few seconds of CPU each would otherwise spend on the same imports.
Importing the module does exactly that and nothing else; no toolkit module imports it.
"""

import os

from toolkit.report.worker import INLINE_BACKEND, NOTEBOOK_NICE, skip_iri_grammars

os.nice(NOTEBOOK_NICE)   # the forkserver, its workers and their kernels yield the CPU to the run's check

skip_iri_grammars()   # before nbformat's jsonschema: see there
os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)   # before Matplotlib: the kernels' backend

import ipykernel.kernelapp  # noqa: E402,F401
import jupyter_client.manager  # noqa: E402,F401
import matplotlib.pyplot  # noqa: E402,F401
import nbconvert  # noqa: E402,F401
import papermill  # noqa: E402,F401
import papermill.engines  # noqa: E402,F401

from toolkit.errors import ToolkitError  # noqa: E402
from toolkit.report import kernel_state  # noqa: E402
from toolkit.report.notebooks import discover_notebooks, imported_modules  # noqa: E402

try:
    kernel_state.preload(imported_modules(discover_notebooks(None)))
except ToolkitError:   # no notebooks folder (an installed toolkit): each kernel imports what its notebooks need
    pass
