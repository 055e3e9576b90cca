"""requirements.lock pins every dependency of pyproject.toml, so two installs a month apart compute the same numbers."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")


def canonical(name: str) -> str:
    """PEP 503 name: lower case, runs of -_. as one -.

    >>> canonical("Python_Calamine")
    'python-calamine'
    """
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_pins() -> dict[str, list[str]]:
    pins: dict[str, list[str]] = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        requirement = line.split(";")[0].strip()
        name, _, version = requirement.partition("==")
        pins.setdefault(canonical(name.split("[")[0]), []).append(version)
    return pins


def declared() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["test"]
    return [canonical(NAME.match(r)[1]) for r in requirements]


def test_every_declared_dependency_is_pinned():
    pins = locked_pins()
    missing = [name for name in declared() if name not in pins]
    assert not missing, f"run `make lock`: {missing} are in pyproject.toml but not in requirements.lock"


def test_every_pin_is_an_exact_version():
    loose = {name: versions for name, versions in locked_pins().items() if not all(versions)}
    assert not loose, f"requirements.lock must pin exact versions (==): {loose}"
