"""The demo's ID numbers: realistic (3622xx region codes, real birth dates, GB 11643 check characters) except
the planted bad ones; written as clerks write them (lower-case x, full-width digits, the old 15 digits); a
scaled round gives every replica its own people with the same validity."""

from __future__ import annotations

import datetime as dt

import pytest

from toolkit.demo import generate
from toolkit.demo.idnumbers import check_char, renumbered, written
from toolkit.demo.spec import AS_OF


def _valid(number: str) -> bool:
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return number[17] == check_char(number[:17]) and born <= AS_OF


@pytest.fixture(scope="module")
def demo():
    return generate()


def test_numbers_are_realistic_except_the_planted_bad_ones(demo):
    bad = set(demo.intended["benefit.bad_id_number"])
    for ds in ("allowances", "benefits", "staff", "deaths"):
        for r in demo.tables[ds]:
            number = r["id_number"]
            if number is None:
                continue
            assert number.startswith("3622") and len(number) == 18, (ds, number)
            assert _valid(number) == (r.get("id") not in bad), (ds, r.get("id"), number)
    assert len(bad) == 9


def test_every_written_form_is_planted(demo):
    styles = {r["_fmt"].get("id_number") for ds in ("allowances", "benefits", "staff", "deaths")
              for r in demo.tables[ds]}
    assert {"lower_x", "fullwidth", "old15", "spaced"} <= styles
    assert written("36222619500101001X", "lower_x").endswith("x")


def test_a_staff_match_is_written_differently_in_the_two_lists(demo):
    staff = {r["id_number"]: r["_fmt"].get("id_number") for r in demo.tables["staff"]}
    matched = [r for r in demo.tables["benefits"] if r["id"] in demo.intended["benefit.staff_recipient"]]
    assert {r["_fmt"]["id_number"] for r in matched} == {"lower_x", "fullwidth"}
    assert all(staff[r["id_number"]] != r["_fmt"]["id_number"] for r in matched)


@pytest.mark.parametrize("replica", [1, 2, 57])
def test_renumbered_keeps_birth_and_validity(demo, replica):
    for r in demo.tables["benefits"]:
        again = renumbered(r["id_number"], replica)
        assert again != r["id_number"] and again[6:17] == r["id_number"][6:17]
        assert _valid(again) == _valid(r["id_number"])
