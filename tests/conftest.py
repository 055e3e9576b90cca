"""Shared fixtures: write small rounds (round.toml + CSV/XLSX/XLS files) into a temporary folder."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.scheduling import LongestFirst
from toolkit.demo import build_demo


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory) -> Path:
    """The demo round, built once per worker. Read-only: a test that writes into the round copies it first
    (``shutil.copytree(built_demo, tmp_path / "demo")``)."""
    return build_demo(tmp_path_factory.mktemp("built-demo") / "demo")


ROUND_TOML = """[round]
slug = "test-round"
title = "测试轮次"
target = "青岚县"
city = "青岚县"
period_start = 2019-10-01
as_of = 2020-06-30
"""


class RoundBuilder:
    """Writes a round folder: ``builder.csv("问题线索.csv", rows)`` etc."""

    def __init__(self, root: Path, toml: str = ROUND_TOML):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        (root / "round.toml").write_text(toml, encoding="utf-8")

    def csv(self, name: str, rows: list[list[object]], encoding: str = "utf-8") -> Path:
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        path = self.root / name
        path.write_bytes(buffer.getvalue().encode(encoding))
        return path

    def xlsx(self, name: str, rows: list[list[object]], sheet: str = "Sheet1", before: list[list] | None = None) -> Path:
        from openpyxl import Workbook

        workbook = Workbook()
        if before is not None:  # an extra first sheet that is not the dataset
            workbook.active.title = "说明"
            for row in before:
                workbook.active.append(row)
            worksheet = workbook.create_sheet(sheet)
        else:
            worksheet = workbook.active
            worksheet.title = sheet
        for row in rows:
            worksheet.append(row)
        path = self.root / name
        workbook.save(path)
        return path

    def xls(self, name: str, rows: list[list[object]]) -> Path:
        import xlwt

        workbook = xlwt.Workbook(encoding="utf-8")
        sheet = workbook.add_sheet("Sheet1")
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
        path = self.root / name
        workbook.save(str(path))
        return path


@pytest.fixture
def round_dir(tmp_path: Path) -> RoundBuilder:
    return RoundBuilder(tmp_path / "round")


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile``: tests/scheduling.py's LongestFirst (files, some grouped; the longest units first)."""
    if config.getvalue("dist") == "loadfile":
        return LongestFirst(config, log)
    return None
