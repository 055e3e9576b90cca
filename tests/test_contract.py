"""The registry implements exactly the contract's checks and indicators (tests/contract/checks.md), less the pending
second wave; severities and areas as the contract's sections say.

Check ids, severities and areas are parsed from the check tables of checks.md
(a section ``## <area> — <title>`` holds the checks of that area); indicator
names from its Indicators table (``a.b.count`` / ``.amount`` is two names).
"""

from __future__ import annotations

import re
from pathlib import Path

from toolkit.areas import all_checks, all_indicators

CHECKS_MD = Path(__file__).parent / "contract" / "checks.md"

#: contract ids not implemented yet (the second wave: a later issue); remove an id here when implementing it
PENDING_SECOND_WAVE: set[str] = set()

_SECTION = re.compile(r"^## (\S+)", re.M)
_CHECK_ROW = re.compile(r"^\| `([a-z_]+\.[a-z_]+)` \| (high|medium|low) \|", re.M)
_ANY_ID_ROW = re.compile(r"^\| `[^`|]+` \|", re.M)


def contract_checks(text: str) -> dict[str, tuple[str, str]]:
    """check_id → (severity, area): every row of every check table, the area being its section's first word."""
    checks = {}
    body = text[:text.index("## Indicators")]
    bounds = [(m.start(), m.group(1)) for m in _SECTION.finditer(body)] + [(len(body), "")]
    for (start, area), (end, _) in zip(bounds, bounds[1:]):
        for check_id, severity in _CHECK_ROW.findall(body[start:end]):
            assert check_id not in checks, f"{check_id} twice in checks.md"
            checks[check_id] = (severity, area)
    return checks


def contract_indicators(text: str) -> list[str]:
    """Every indicator name of the Indicators table, shorthand ('`x.count` / `.amount`') expanded."""
    names = []
    for cell in re.findall(r"^\| (`[^|]+`) \| ", text[text.index("## Indicators"):], flags=re.M):
        parts = re.findall(r"`([^`]+)`", cell)
        names.append(parts[0])
        names += [parts[0].rsplit(".", 1)[0] + extra for extra in parts[1:]]
    return names


CONTRACT_TEXT = CHECKS_MD.read_text(encoding="utf-8")
CONTRACT_CHECKS = contract_checks(CONTRACT_TEXT)
CONTRACT_INDICATORS = contract_indicators(CONTRACT_TEXT)


def test_the_parser_reads_every_table_row():
    body = CONTRACT_TEXT[:CONTRACT_TEXT.index("## Indicators")]
    assert len(CONTRACT_CHECKS) == len(_ANY_ID_ROW.findall(body)) == 58
    assert CONTRACT_CHECKS["ledger.regressed"] == ("high", "ledger")
    assert CONTRACT_CHECKS["generic.benford"] == ("low", "sangong")
    assert CONTRACT_CHECKS["cases.form_sanction_mismatch"] == ("low", "cases")
    assert CONTRACT_CHECKS["benefit.bad_id_number"] == ("low", "benefits")
    indicators_table = CONTRACT_TEXT[CONTRACT_TEXT.index("## Indicators"):]
    assert len(re.findall(r"^\| `", indicators_table, flags=re.M)) == 42
    assert len(CONTRACT_INDICATORS) == len(set(CONTRACT_INDICATORS)) == 50
    assert {"sangong.reception.count", "sangong.reception.amount", "loans.count", "loans.amount"} \
        <= set(CONTRACT_INDICATORS)


def test_pending_ids_are_contract_ids():
    assert PENDING_SECOND_WAVE <= set(CONTRACT_CHECKS) | set(CONTRACT_INDICATORS)


def test_no_pending_id_is_registered():
    registered = {c.id for c in all_checks()} | {i.name for i in all_indicators()}
    arrived = sorted(registered & PENDING_SECOND_WAVE)
    assert not arrived, f"implemented now — remove from PENDING_SECOND_WAVE: {arrived}"


def test_registry_implements_exactly_the_contract_checks_less_pending():
    assert sorted(c.id for c in all_checks()) == sorted(set(CONTRACT_CHECKS) - PENDING_SECOND_WAVE)


def test_every_check_with_the_contract_severity_and_area():
    for check in all_checks():
        severity, area = CONTRACT_CHECKS[check.id]
        assert (check.severity, check.area) == (severity, area), check.id
        assert check.title, check.id


def test_registry_implements_exactly_the_contract_indicators_less_pending():
    names = [i.name for i in all_indicators()]
    assert len(names) == len(set(names))
    assert sorted(names) == sorted(set(CONTRACT_INDICATORS) - PENDING_SECOND_WAVE)
