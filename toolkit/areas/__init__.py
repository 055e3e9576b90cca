"""The registry of analysis areas: one module each, holding CHECKS, INDICATORS, AREA and TITLE.

Adding an area means one module here and one line in ``_MODULES``.
"""

from __future__ import annotations

from types import ModuleType

from toolkit.areas import allowances, benefits, bids, cases, dues, land, ledger, loans, sangong, village

_MODULES: tuple[ModuleType, ...] = (ledger, sangong, land, cases, bids, loans, village, dues, allowances, benefits)

AREAS: dict[str, ModuleType] = {module.AREA: module for module in _MODULES}


def all_checks(areas: list[str] | None = None) -> list:
    """Every registered check, optionally only those of some areas."""
    return [c for name, m in AREAS.items() if not areas or name in areas for c in m.CHECKS]


def all_indicators() -> list:
    """Every registered indicator, in area order."""
    return [i for m in AREAS.values() for i in m.INDICATORS]


def area_titles() -> dict[str, str]:
    """Every registered area's Chinese title, in registry order (the one source of the areas' names).

    >>> area_titles()["land"]
    '工业用地'
    """
    return {name: module.TITLE for name, module in AREAS.items()}
