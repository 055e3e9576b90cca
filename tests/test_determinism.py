"""The same inputs give the same bytes: `toolkit check` twice, and the tables the notebooks show.

A workbook written with openpyxl carries the clock twice (docProps/core.xml's created and modified,
and every zip entry's date); the toolkit dates both with the fixed WORKBOOK_TIME instead. A pandas
Styler draws a random table id; :func:`toolkit.notebook.table` derives it from the content.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from toolkit.cli import main
from toolkit.notebook import table
from toolkit.report.outputs import WORKBOOK_TIME

COMPARED = ("findings.csv", "findings.xlsx", "indicators.json", "rejected.csv", "ledger.xlsx")
WORKBOOKS = ("findings.xlsx", "ledger.xlsx")


@pytest.fixture(scope="module")
def two_checks(built_demo, tmp_path_factory) -> tuple[Path, Path]:
    """`toolkit check` of the demo round into two folders."""
    data = built_demo
    outs = tmp_path_factory.mktemp("checks") / "a", tmp_path_factory.mktemp("checks") / "b"
    for out in outs:
        assert main(["check", str(data), "--out", str(out)]) == 0
    return outs


@pytest.mark.parametrize("name", COMPARED)
def test_check_twice_gives_the_same_bytes(two_checks, name):
    first, second = two_checks
    assert (first / name).read_bytes() == (second / name).read_bytes()


@pytest.mark.parametrize("name", WORKBOOKS)
def test_workbooks_are_dated_by_the_fixed_epoch_not_the_clock(two_checks, name):
    stamp = WORKBOOK_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(two_checks[0] / name) as package:
        assert {info.date_time for info in package.infolist()} == {WORKBOOK_TIME.timetuple()[:6]}
        core = package.read("docProps/core.xml").decode("utf-8")
    dates = re.findall(r"<dcterms:(created|modified)[^>]*>([^<]*)<", core)
    assert sorted(dates) == [("created", stamp), ("modified", stamp)]


def test_a_table_renders_the_same_html_every_time():
    frame = pd.DataFrame({"单位": ["县委办", "县财政局"], "金额": [1.5, None]})
    first, second = table(frame, {"金额": "{:,.2f}"}), table(frame.copy(), {"金额": "{:,.2f}"})
    assert first.html == second.html and repr(first) == repr(second)
    assert not re.search(r'id="T_\w+_row', first.html), "no per-cell ids"
    assert " at 0x" not in repr(first) and "县财政局" in repr(first)
    assert table(frame.head(1)).html != first.html
