"""`--mask` covers the second-wave personal data: bids phone and deposit_account, allowances name and id_number,
party_dues member, benefits, staff and deaths name and id_number — in every output `check` writes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from toolkit.pipeline import check_round
from toolkit.report.mask import mask_id_number, mask_value, sensitive_columns

ID_A, ID_B, ID_BAD_DATE = "362202199001011237", "11010519491231002X", "362202199013321234"
PLANTED = {
    ("bids", "phone"): "13912345678", ("bids", "deposit_account"): "6222021234567890123",
    ("allowances", "name"): "欧阳修文", ("allowances", "id_number"): ID_A,
    ("party_dues", "member"): "司马光明",
    ("benefits", "name"): "诸葛亮亮", ("benefits", "id_number"): ID_BAD_DATE,
    ("staff", "name"): "上官婉儿", ("staff", "id_number"): ID_B,
    ("deaths", "name"): "东方不败", ("deaths", "id_number"): "362202195001011230",
}
#: raw forms in cells that ingest rejects: rejected.csv must not show them either
REJECTED_RAW = ["3622021990010112", "36220219900101123A"]


def _round(builder) -> None:
    builder.csv("bids.csv", [["编号", "标段编号", "投标人", "投标报价", "联系电话", "保证金账户"],
                             ["T1", "BD1", "甲公司", "100", "13912345678", "6222021234567890123"]])
    builder.csv("allowances.csv", [["编号", "姓名", "身份证号", "单位", "月份", "项目", "金额"],
                                   ["A1", "欧阳修文", "36220219900101123 7", "县财政局", "2020-03", "交通补贴", "300"],
                                   ["A2", "欧阳修文", "3622021990010112", "县财政局", "2020-03", "交通补贴", "300"]])
    builder.csv("党费.csv", [["编号", "党员", "支部", "月份", "实缴"], ["D1", "司马光明", "第一支部", "2020-03", "25"]])
    builder.csv("benefits.csv", [["编号", "姓名", "身份证号", "补贴类型", "月份", "金额"],
                                 ["B1", "诸葛亮亮", ID_BAD_DATE, "低保", "2020-03", "500"],
                                 ["B2", "诸葛亮亮", "36220219900101123A", "低保", "2020-03", "500"]])
    builder.csv("staff.csv", [["身份证号", "姓名", "单位", "状态", "离岗日期"],
                              ["11010519491231002x", "上官婉儿", "县财政局", "调离", "2020-01-31"]])
    builder.csv("deaths.csv", [["身份证号", "姓名", "死亡日期"], ["362202195001011230", "东方不败", "2020-02-01"]])


def _texts(out: Path) -> dict[str, str]:
    texts = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = str(path.relative_to(out))
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                texts[name] = "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
        elif path.suffix == ".parquet":
            texts[name] = pq.read_table(path).to_pandas().to_csv()
        elif path.suffix in (".csv", ".json", ".html", ".txt"):
            texts[name] = path.read_text(encoding="utf-8-sig", errors="replace")
    return texts


@pytest.fixture()
def masked(round_dir, tmp_path):
    _round(round_dir)
    analysis, _, out = check_round(round_dir.root, tmp_path / "out", mask=True)
    return analysis, out


def test_every_new_personal_column_is_sensitive():
    for dataset, column in PLANTED:
        assert column in sensitive_columns()[dataset]


def test_id_numbers_masked_first_four_stars_last_four(masked):
    analysis, _ = masked
    assert analysis.frame("staff")["id_number"].tolist() == ["1101**********002X"]
    assert analysis.frame("benefits")["id_number"].tolist() == ["3622**********1234"]  # impossible date: masked too
    assert analysis.frame("allowances")["id_number"].tolist() == ["3622**********1237"]
    assert analysis.frame("staff")["name"].tolist() == ["上***"]


def test_no_output_holds_a_planted_value(masked):
    analysis, out = masked
    assert set(analysis.data.frames) >= {dataset for dataset, _ in PLANTED}
    assert len(analysis.rejected) == 2
    texts = _texts(out)
    assert {"rejected.csv", "findings.csv", "findings.xlsx"} <= set(texts)
    assert any(name.startswith(".snapshot/") for name in texts)
    raw = set(PLANTED.values()) | set(REJECTED_RAW)
    leaks = {name: sorted(v for v in raw if v in text) for name, text in texts.items()}
    assert {name: found for name, found in leaks.items() if found} == {}


def test_masked_forms_are_in_the_snapshot(masked):
    _, out = masked
    snapshot = "\n".join(text for name, text in _texts(out).items() if name.startswith(".snapshot/"))
    for value in PLANTED.values():
        assert mask_value(value) in snapshot
    assert mask_id_number(ID_B) == "1101**********002X"
