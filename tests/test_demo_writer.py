"""toolkit.demo.writer / layouts / xlsx_stream: the streamed workbook reads back exactly like the openpyxl one
(values, title rows, merged title, number formats, frozen header), and CSVs carry their encodings."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from toolkit.demo.layouts import LAYOUTS, Layout, cell
from toolkit.demo.writer import save_csv, save_xlsx, stream_xlsx

LAYOUT = Layout(["id", "unit", "when", "day", "amount", "card", "note"],
                ["编号", "单位", "时间", "日期", "金额（元）", "卡号", "备注"],
                sheet="测试", titles=("标题 <一> & 二", "单位：元"), money_cols=(5,), text_cols=(6,),
                widths={2: 22}, money=("amount",))
ROWS = [
    ["A1", "县财政局", dt.datetime(2020, 3, 5, 8, 7), dt.date(2020, 3, 5), 1234.5, "1000113601234567890", None],
    ["A2", " 带空格 ", dt.datetime(2019, 12, 31, 23, 59), dt.date(2020, 2, 29), "1,500.00", 42, "a<b&c>"],
    ["A3", "无", None, None, 99.99, None, ""],
]


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xlsx")
    save_xlsx(folder / "openpyxl.xlsx", LAYOUT, ROWS)
    stream_xlsx(folder / "stream.xlsx", LAYOUT, ROWS)
    return folder / "openpyxl.xlsx", folder / "stream.xlsx"


def _grid(path):
    book = CalamineWorkbook.from_path(str(path))
    return book.sheet_names, book.get_sheet_by_name(book.sheet_names[0]).to_python(skip_empty_area=False)


def test_streamed_workbook_reads_like_the_openpyxl_one(both):
    made, streamed = _grid(both[0]), _grid(both[1])
    assert streamed == made
    names, grid = streamed
    assert names == ["测试"]
    assert grid[0][0] == "标题 <一> & 二" and grid[2] == LAYOUT.headers
    assert grid[3][2] == dt.datetime(2020, 3, 5, 8, 7) and grid[4][3] == dt.date(2020, 2, 29)
    assert grid[4][1] == " 带空格 " and grid[4][6] == "a<b&c>" and grid[5][4] == 99.99


def test_streamed_layout_and_formats(both):
    sheet = openpyxl.load_workbook(both[1]).active
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:G1"]
    assert sheet.freeze_panes == "A4"
    assert sheet.column_dimensions["B"].width == 22 and sheet.column_dimensions["C"].width == 14
    assert sheet["C4"].number_format == "yyyy-mm-dd hh:mm" and sheet["D4"].number_format == "yyyy-mm-dd"
    assert sheet["E4"].number_format == "#,##0.00" and sheet["E5"].number_format == "General"
    assert sheet["F5"].number_format == "@" and sheet["F5"].value == 42


def test_streamed_sheet_declares_its_range_as_excel_does(both, tmp_path):
    stream_xlsx(tmp_path / "declared.xlsx", LAYOUT, ROWS, len(ROWS))
    with zipfile.ZipFile(tmp_path / "declared.xlsx") as declared, zipfile.ZipFile(both[1]) as undeclared:
        assert b'<dimension ref="A1:G6"/>' in declared.read("xl/worksheets/sheet1.xml")  # 2 titles, header, 3 rows
        assert b"<dimension" not in undeclared.read("xl/worksheets/sheet1.xml")
    assert _grid(tmp_path / "declared.xlsx") == _grid(both[1])


def test_streamed_numbers_round_trip_exactly(tmp_path):
    stream_xlsx(tmp_path / "n.xlsx", LAYOUT, [["A1", "甲", None, None, 0.1 + 0.2, 10**15 + 1, None]])
    assert _grid(tmp_path / "n.xlsx")[1][3][4:6] == [0.1 + 0.2, 10**15 + 1]


def test_streamed_zip_is_deterministic(both, tmp_path):
    stream_xlsx(tmp_path / "again.xlsx", LAYOUT, ROWS)
    assert (tmp_path / "again.xlsx").read_bytes() == both[1].read_bytes()
    assert {i.date_time for i in zipfile.ZipFile(both[1]).infolist()} == {(2020, 7, 1, 0, 0, 0)}


def test_csv_encodings_and_empty_cells(tmp_path):
    save_csv(tmp_path / "u.csv", ["编号", "备注"], [["A1", None], ["A2", "无"]], "utf-8-sig")
    save_csv(tmp_path / "g.csv", ["编号", "备注"], [["A1", "县财政局"]], "gb18030")
    assert (tmp_path / "u.csv").read_bytes() == "\ufeff编号,备注\r\nA1,\r\nA2,无\r\n".encode("utf-8")
    assert (tmp_path / "g.csv").read_bytes() == "编号,备注\r\nA1,县财政局\r\n".encode("gb18030")


def test_cells_follow_the_row_styles():
    row = {"amount": 1500.0, "invoice_no": 36000007, "date": dt.date(2020, 5, 2), "venue": "", "flag": True,
           "_fmt": {"amount": "text", "invoice_no": "text", "date": "cn"}}
    assert cell(row, "amount", "money") == "1,500.00" and cell(row, "invoice_no") == "36000007"
    assert cell(row, "date") == "2020年5月2日" and cell(row, "venue") is None and cell(row, "flag") == "是"
    land = {"developed_mu": 1.5, "_fmt": {}, **{c: None for c in LAYOUTS["land"].columns if c != "developed_mu"}}
    written = LAYOUTS["land"].cells(land)
    assert written[LAYOUTS["land"].columns.index("developed_mu")] == 1.5
