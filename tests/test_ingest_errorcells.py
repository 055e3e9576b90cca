"""Excel error cells in .xlsx and .xls sheets, and what a file really is (ingest.errorcells, xlserrors, sniff)."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest
from openpyxl import Workbook

from toolkit.datasets import DATASETS
from toolkit.errors import InputError
from toolkit.ingest import errorcells, sniff, xlserrors, xlsxguard
from toolkit.ingest.cells import parse_cell
from toolkit.ingest.columns import type_column
from toolkit.ingest.errorcells import ErrorCell, ExcelError, UncachedFormula, error_cells, workbook_error_cells
from toolkit.ingest.load import load_round
from toolkit.ingest.workbook import read_workbook_grids
from toolkit.ingest.xlserrors import xls_error_cells

CLUE_HEADER = ["线索编号", "来源", "受理日期", "类别", "办理状态"]


def workbook_with_errors(path, rows: list[list[object]]) -> None:
    """Cells written as '#…' are Excel error cells."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "线索"
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("#"):
                cell.data_type = "e"
    workbook.save(path)


def rewrite_sheet(path, change) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    members["xl/worksheets/sheet1.xml"] = change(members["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_every_column_kind_rejects_an_error_cell():
    for dataset in DATASETS.values():
        for column in dataset.columns:
            with pytest.raises(ValueError, match="^Excel 错误值 #N/A$"):
                parse_cell(ExcelError("#N/A"), column, None)
            typed = type_column(np.array([ExcelError("#REF!"), "", None], dtype=object), column, None)
            assert typed.reasons[0] == "Excel 错误值 #REF!" and not typed.blank[0]


def test_every_column_kind_rejects_a_formula_without_its_result():
    for dataset in DATASETS.values():
        for column in dataset.columns:
            with pytest.raises(ValueError, match="^公式没有计算结果"):
                parse_cell(UncachedFormula("SUM(B2:B9)"), column, None)


def test_formula_cells_with_results_are_read(tmp_path):
    """Only a formula without its result is refused: a computed one (as Excel saves it) is its value."""
    path = tmp_path / "问题线索.xlsx"
    workbook_with_errors(path, [CLUE_HEADER, ["C1", "其他", "=DATE(2020,1,2)", "四风", "未办理"]])
    rewrite_sheet(path, lambda xml: xml.replace(b"<v></v>", b"<v>43832</v>", 1))
    assert workbook_error_cells(path) == {}
    [(_, grid, _)] = read_workbook_grids(path)
    assert grid.iat[1, 2] == 43832


def test_an_error_text_is_not_an_error_cell():
    """The text '#N/A' typed into a cell is text; only a cell of error type is an error."""
    column = DATASETS["clues"].column("category")
    typed = type_column(np.array(["#N/A", ExcelError("#N/A")], dtype=object), column, None)
    assert typed.values[0] == "#N/A" and typed.reasons.tolist() == [None, "Excel 错误值 #N/A"]


def test_error_cells_on_either_side_of_a_chunk_cut_are_found(tmp_path, monkeypatch):
    """The sheet XML is read in chunks (1 MB; 2 KB here) cut after a whole row: no cell is lost at a cut."""
    monkeypatch.setattr(errorcells, "_CHUNK", 2048)
    rows = [CLUE_HEADER] + [[f"C{i}", "其他", "2020-01-02", "四风" * 20, "未办理"] for i in range(1, 301)]
    errors = (2, 150, 151, 152, 300)
    for i in errors:
        rows[i][2] = "#N/A"
    path = tmp_path / "问题线索.xlsx"
    workbook_with_errors(path, rows)
    assert zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml").file_size > 20 * 2048
    assert workbook_error_cells(path) == {"线索": [ErrorCell(i, 2, "#N/A") for i in errors]}


def test_an_error_cell_without_a_reference_refuses_the_file(tmp_path):
    path = tmp_path / "问题线索.xlsx"
    workbook_with_errors(path, [CLUE_HEADER, ["C1", "其他", "#N/A", "", "未办理"]])
    rewrite_sheet(path, lambda xml: xml.replace(b' r="C2" t="e"', b' t="e"'))
    with pytest.raises(InputError, match="缺少位置信息"):
        read_workbook_grids(path)


def test_a_workbook_without_error_cells_has_none(tmp_path):
    path = tmp_path / "问题线索.xlsx"
    workbook_with_errors(path, [CLUE_HEADER, ["C1", "其他", "2020-01-02", "t=\"e\"", "未办理"]])
    assert workbook_error_cells(path) == {}


def test_errors_calamine_refuses_are_read_from_a_patched_copy(tmp_path, round_dir):
    workbook_with_errors(round_dir.root / "问题线索.xlsx", [CLUE_HEADER, ["C1", "其他", "2020-01-02", "#SPILL!", "未办理"],
                                                         ["C2", "其他", "2020-01-02", "四风", "未办理"]])
    before = (round_dir.root / "问题线索.xlsx").read_bytes()
    data = load_round(round_dir.root)
    assert data.frames["clues"]["clue_id"].tolist() == ["C2"]
    assert data.rejected[["row", "column", "value", "reason"]].values.tolist() == [
        [2, "类别", "#SPILL!", "Excel 错误值 #SPILL!"]]
    assert (round_dir.root / "问题线索.xlsx").read_bytes() == before


def test_error_cells_with_namespaces_and_attributes_in_any_order():
    xml = (b'<x:row r="4"><x:c t="e" s="2" r="AB4"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c>'
           b'<x:c r="AC4" t="e"/><x:c r="AD4" t="str"><x:v>t="e"</x:v></x:c></x:row>')
    assert error_cells(xml) == [ErrorCell(3, 27, "#DIV/0!"), ErrorCell(3, 28, "")]
    assert ExcelError("").reason == "Excel 错误值"


@pytest.mark.parametrize("head, kind", [
    (b"PK\x03\x04rest", sniff.ZIP), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", sniff.CFB), (b"", sniff.EMPTY),
    (b" \r\n", sniff.EMPTY), (b"\xef\xbb\xbf<!DOCTYPE html><html>", sniff.HTML), (b"<table><tr>", sniff.HTML),
    (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">', sniff.XML_2003),
    ("编号,金额\n".encode("gb18030"), sniff.TEXT), ("编号,金额\n".encode()[:-2], sniff.TEXT),
    (b"\xff\xfe" + "编号".encode("utf-16-le"), sniff.UTF16), (b"\x00\x01\x02\x03", sniff.BINARY),
])
def test_kind_of_a_file_from_its_first_bytes(head, kind):
    assert sniff.kind_of(head) == kind


def test_an_encrypted_workbook_is_named_in_one_line(tmp_path):
    path = tmp_path / "问题线索.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * (3 << 20) + "EncryptedPackage".encode("utf-16-le"))
    assert sniff.is_encrypted(path)
    with pytest.raises(InputError, match="文件已加密"):
        read_workbook_grids(path)


def test_an_xlsx_named_xls_is_read_by_its_content(tmp_path):
    buffer = io.BytesIO()
    workbook_with_errors(buffer, [CLUE_HEADER, ["C1", "其他", "#N/A", "", "未办理"]])
    path = tmp_path / "问题线索.xls"
    path.write_bytes(buffer.getvalue())
    [(name, grid, hidden)] = read_workbook_grids(path)
    assert name == "线索" and not hidden and grid.iat[1, 2] == ExcelError("#N/A")


# ----------------------------------------------------------------------------------------- .xls

CORPUS = Path(__file__).with_name("fixtures") / "bad_inputs" / "files"


def test_xls_error_cells_from_error_records_and_formula_results():
    assert xls_error_cells(CORPUS / "excel_errors.xls") == {"Sheet1": [
        ErrorCell(1, 2, "#N/A"), ErrorCell(2, 3, "#DIV/0!"), ErrorCell(3, 3, "#DIV/0!"), ErrorCell(4, 1, "#REF!")]}
    assert xls_error_cells(CORPUS / "xls_named.xlsx") == {}


def _compound_header(directory_start: int, difat_start: int, difat_count: int, fat_sectors: list[int]) -> bytes:
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHH", 0x3E, 3, 0xFFFE, 9)
              + struct.pack("<H", 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, len(fat_sectors), directory_start, 0, 4096, 0xFFFFFFFE, 0,
                            difat_start, difat_count))
    return header + struct.pack("<109I", *(fat_sectors + [0xFFFFFFFF] * (109 - len(fat_sectors))))


@pytest.mark.parametrize("name, data", [
    ("a DIFAT chain that loops, claiming 4 billion sectors", _compound_header(1, 0, 0xFFFFFFFF, [])
     + struct.pack("<128I", *([0] * 128))),
    ("a directory chain that loops", _compound_header(1, 0xFFFFFFFE, 0, [0])
     + struct.pack("<128I", 0xFFFFFFFD, 1, *([0xFFFFFFFF] * 126)) + b"\0" * 512),
    ("a header cut short", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 40),
])
def test_a_hostile_compound_file_gives_no_error_cells(tmp_path, name, data):
    path = tmp_path / "问题线索.xls"
    path.write_bytes(data)
    assert xls_error_cells(path) == {}, name


def test_sheets_claiming_the_same_records_are_read_once():
    """BOUNDSHEET offsets are the file's word: each sheet's records end where the next sheet's begin."""
    def record(kind: int, body: bytes) -> bytes:
        return struct.pack("<HH", kind, len(body)) + body

    def sheet(name: str, offset: int) -> bytes:
        return record(0x0085, struct.pack("<IBB", offset, 0, 0) + bytes([len(name), 0]) + name.encode("latin-1"))

    cells = record(0x0809, b"\0" * 16) + record(0x0205, struct.pack("<HHHBB", 1, 2, 15, 0x2A, 1))
    globals_size = 2 * len(sheet("A", 0)) + 4
    stream = sheet("A", globals_size) + sheet("B", globals_size) + record(0x000A, b"") + cells + record(0x000A, b"")
    assert xlserrors._sheet_errors(stream) == {"A": [ErrorCell(1, 2, "#N/A")], "B": [ErrorCell(1, 2, "#N/A")]}


def test_an_archive_declaring_a_huge_part_is_refused_before_calamine(tmp_path, monkeypatch):
    """A zip bomb: one part unpacking to gigabytes (the limit is lowered here, the workbook is small)."""
    path = tmp_path / "问题线索.xlsx"
    workbook_with_errors(path, [CLUE_HEADER, ["C1", "其他", "2020-01-02", "四风", "未办理"]])
    monkeypatch.setattr(xlsxguard, "MAX_MEMBER_BYTES", 1000)
    with pytest.raises(InputError, match=r"^问题线索\.xlsx: 工作簿解压后过大（xl/\S+ 有 [\d,]+ 字节，超过 1,000），未读取"):
        read_workbook_grids(path)
