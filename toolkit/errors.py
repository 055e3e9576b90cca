"""The toolkit's one exception root.

Every error meant for a user derives from :class:`ToolkitError`; the CLI turns
it into one line on stderr and a non-zero exit code, never a traceback.
"""


class ToolkitError(Exception):
    """Base of every error the toolkit reports to a user."""


class ConfigError(ToolkitError):
    """round.toml is missing, malformed or holds a bad value."""


class InputError(ToolkitError):
    """An input file cannot be read at all (corrupt, empty, duplicate dataset)."""


class ParameterError(ToolkitError):
    """A notebook or command parameter is unknown or has the wrong type."""


class SnapshotChanged(ToolkitError):
    """A round's snapshot was replaced, by a run of other inputs or parameters, after a notebook loaded it."""
