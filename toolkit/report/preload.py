"""The imports of a notebook worker, done once in the forkserver that forks the workers of `toolkit run`.

:func:`toolkit.report.runner.start_forkserver` names this module as the forkserver's preload, and starts the
server as the run starts, while this process imports its own modules on one core. Every worker forked from it
then starts with Papermill, nbconvert and jupyter_client imported (~1.7 s of CPU a worker otherwise spends, the
same for each). Importing the module does exactly that and nothing else; no toolkit module imports it.
"""

from toolkit.report.worker import skip_iri_grammars

skip_iri_grammars()   # before nbformat's jsonschema: see there

import jupyter_client.manager  # noqa: E402,F401
import nbconvert  # noqa: E402,F401
import papermill  # noqa: E402,F401
import papermill.engines  # noqa: E402,F401
