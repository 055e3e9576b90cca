"""Ingest of whole files: header search, header spellings, units, encodings, file types, rejections."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from toolkit.errors import InputError
from toolkit.ingest.load import load_round
from toolkit.ingest.read import split_header

CLUE_HEADER = ["线索编号", "来源", "受理日期", "类别", "办理状态", "办结日期", "处置方式"]
RECEPTION_HEADER = ["编号", "接待单位", "接待日期", "来访单位", "来访单位所在地", "接待对象人数", "陪餐人数",
                    "金额（元）", "公函编号", "发票号码"]


def reception_row(rid="R1", amount="300", **over):
    row = dict(zip(RECEPTION_HEADER, [rid, "县财政局", "2020-03-05", "市财政局", "南昌市", "2", "1", amount,
                                      "市财函〔2020〕1号", "36000001"]))
    row.update(over)
    return list(row.values())


def rejected_reasons(data) -> list[tuple]:
    return [(r.row, r.column, r.value, r.reason) for r in data.rejected.itertuples()]


def test_header_found_below_title_rows_and_excel_row_numbers(round_dir):
    round_dir.xlsx("公务接待.xlsx", [["2020年度公务接待明细表"], ["填报单位：县财政局", None, "单位：元"], [],
                                    RECEPTION_HEADER, reception_row("R1"), reception_row("R2", amount="-5")])
    data = load_round(round_dir.root)
    report = data.reports[0]
    assert report.header_row == 4
    assert data.frames["reception"]["id"].tolist() == ["R1"]
    assert data.frames["reception"]["_row"].tolist() == [5]
    assert rejected_reasons(data) == [(6, "金额（元）", "-5", "不能为负数")]


@pytest.mark.parametrize("header", ["金额（元）", "金额(元)", "金额/元", "amount", " 金 额 ", "ＡＭＯＵＮＴ"])
def test_header_spellings_match(round_dir, header):
    cols = RECEPTION_HEADER[:-3] + [header] + RECEPTION_HEADER[-2:]
    round_dir.csv("reception.csv", [cols, reception_row()])
    data = load_round(round_dir.root)
    assert data.frames["reception"]["amount"].tolist() == [300.0]


def test_split_header_units():
    assert split_header("预算数（万元）") == ("预算数", "万元")
    assert split_header("面积(公顷)") == ("面积", "公顷")
    assert split_header("里程/公里") == ("里程", "km")


def test_header_unit_converts_to_canonical_unit(round_dir):
    cols = RECEPTION_HEADER[:7] + ["金额（万元）"] + RECEPTION_HEADER[8:]
    round_dir.csv("公务接待.csv", [cols, reception_row("R1", amount="0.12"), reception_row("R2", amount="800元"),
                                reception_row("R3", amount="1.2万")])
    amounts = load_round(round_dir.root).frames["reception"]["amount"].tolist()
    assert amounts == pytest.approx([1200.0, 800.0, 120000000.0])


def test_land_area_units(round_dir):
    header = ["地块编号", "批准日期", "面积（平方米）", "已开发面积(公顷)", "状态"]
    round_dir.csv("工业用地.csv", [header, ["P1", "2019-01-01", "6666.6667", "1", "在建"],
                                ["P2", "2019-01-01", "15亩", "", "在建"]])
    land = load_round(round_dir.root).frames["land"]
    assert land["area_mu"].tolist() == pytest.approx([10.0, 15.0], abs=1e-4)
    assert land["developed_mu"].iloc[0] == pytest.approx(15.0)
    assert pd.isna(land["developed_mu"].iloc[1])


def test_budget_in_wan_yuan(round_dir):
    round_dir.csv("三公经费预算与决算.csv", [["编号", "单位", "年度", "类别", "预算数（万元）", "决算数/元"],
                                       ["B1", "县财政局", "2020", "因公出国(境)费", "1.5", "20000"]])
    budget = load_round(round_dir.root).frames["sangong_budget"]
    assert budget["budget"].tolist() == [1.5]
    assert budget["actual"].tolist() == [2.0]
    assert budget["category"].tolist() == ["因公出国（境）费"]  # half-width brackets match the closed category


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings(round_dir, encoding):
    round_dir.csv("问题线索.csv", [CLUE_HEADER, ["C1", "信访举报", "2020年3月5日", "四风", "未办理", "", ""]],
                  encoding=encoding)
    clues = load_round(round_dir.root).frames["clues"]
    assert clues["received_on"].tolist() == [pd.Timestamp("2020-03-05")]
    assert clues["category"].tolist() == ["四风"]


def test_value_forms_in_csv(round_dir):
    round_dir.csv("clues.csv", [CLUE_HEADER,
                                ["C1", "信访举报", "43895", "", "已办结", "2020.03.06", "谈话函询"],
                                ["C2", "信访举报", "2020/3/5", "", "已办结", "2020-03-06 10:30", "予以了结"],
                                ["C3", "信访举报", "２０２０年３月５日", "", "未办理", "", ""]])
    clues = load_round(round_dir.root).frames["clues"]
    assert clues["received_on"].tolist() == [pd.Timestamp("2020-03-05")] * 3
    assert clues["closed_on"].tolist()[:2] == [pd.Timestamp("2020-03-06")] * 2  # a datetime in a date column is its date


def test_xlsx_serial_numbers_and_text_typed_as_numbers(round_dir):
    round_dir.xlsx("公务接待.xlsx", [RECEPTION_HEADER,
                                    ["R1", "县财政局", dt.datetime(2020, 3, 5), "市财政局", "南昌市", 2, 1, 300.0,
                                     "函1", 36000007.0],
                                    [1001, "县财政局", 43895, "市财政局", "南昌市", "2", "1", "1,234.5", "函2",
                                     "36000008"]])
    reception = load_round(round_dir.root).frames["reception"]
    assert reception["invoice_no"].tolist() == ["36000007", "36000008"]
    assert reception["id"].tolist() == ["R1", "1001"]
    assert reception["date"].tolist() == [pd.Timestamp("2020-03-05")] * 2
    assert reception["amount"].tolist() == [300.0, 1234.5]
    assert str(reception["invoice_no"].dtype) == "str"


def test_xls_file(round_dir):
    round_dir.xls("问题线索.xls", [["线索登记表"], CLUE_HEADER, ["C1", "巡视巡察", 43895, "", "核查中", None, None]])
    data = load_round(round_dir.root)
    assert data.reports[0].header_row == 2
    assert data.frames["clues"]["received_on"].tolist() == [pd.Timestamp("2020-03-05")]


def test_dataset_on_second_sheet(round_dir):
    round_dir.xlsx("问题线索.xlsx", [CLUE_HEADER, ["C1", "其他", "2020-01-02", "", "未办理", None, None]],
                   sheet="线索", before=[["填表说明"]])
    data = load_round(round_dir.root)
    assert data.reports[0].sheet == "线索"
    assert len(data.frames["clues"]) == 1


def test_every_rejection_reason_is_listed(round_dir):
    round_dir.csv("问题线索.csv", [CLUE_HEADER,
                                ["C1", "信访举报", "2020-02-30", "", "未办理", "", ""],     # bad date
                                ["C2", "外星人", "2020-03-01", "", "未办理", "", ""],       # unknown category
                                ["C3", "信访举报", "", "", "未办理", "", ""],                # required empty
                                ["C4", "信访举报", "2020-03-01", "", "已办结", "", ""],      # closed_on required
                                ["C5", "信访举报", "2020-03-01", "", "未办理", "", ""],
                                ["C5", "其他", "2020-03-02", "", "未办理", "", ""],          # duplicate id
                                ["", "", "", "", "", "", ""]])                            # blank row: not data
    data = load_round(round_dir.root)
    assert data.frames["clues"]["clue_id"].tolist() == ["C5"]
    reasons = {row: reason for row, _, _, reason in rejected_reasons(data)}
    assert reasons[2] == "无法识别的日期"
    assert reasons[3].startswith("不在允许的取值内")
    assert reasons[4] == "必填项为空"
    assert reasons[5] == "办理状态为已办结时办结日期必填"
    assert reasons[7] == "编号重复（与第 6 行相同）"
    assert set(data.rejected["file"]) == {"问题线索.csv"}
    assert data.reports[0].rows_read == 6 and data.reports[0].accepted == 1 and data.reports[0].rejected_rows == 5


def test_every_row_is_accepted_or_rejected(round_dir):
    rows = [reception_row(f"R{i}", amount=str(i - 5)) for i in range(10)]
    round_dir.csv("公务接待.csv", [RECEPTION_HEADER, *rows])
    data = load_round(round_dir.root)
    accepted = set(data.frames["reception"]["_row"])
    rejected = set(data.rejected["row"])
    assert accepted | rejected == set(range(2, 12)) and not accepted & rejected


def test_missing_required_column_rejects_the_file(round_dir):
    round_dir.csv("问题线索.csv", [["线索编号", "来源", "办理状态"], ["C1", "其他", "未办理"]])
    data = load_round(round_dir.root)
    assert "clues" not in data.frames
    report = data.reports[0]
    assert report.error and "受理日期" in report.error
    assert data.rejected["reason"].tolist() == ["缺少必需列，整个文件未读取"]
    assert not data.ok


def test_row_rules_and_references(round_dir):
    round_dir.csv("整改台账.csv", [["措施编号", "方面序号", "方面", "问题序号", "问题", "整改措施", "整改类型", "完成时限", "整改状态"],
                                ["1-1-1", "1", "方面一", "1", "问题一", "措施", "限期整改", "2020-05-01", "推进中"],
                                ["1-1-2", "1", "方面一", "1", "问题一", "措施", "长期坚持", "", "推进中"],
                                ["1-1-3", "1", "方面一", "1", "问题一", "措施", "限期整改", "", "推进中"]])
    round_dir.csv("整改周报.csv", [["编号", "周报日期", "措施编号", "整改状态"],
                                ["W1", "2020-05-01", "1-1-1", "推进中"], ["W2", "2020-05-01", "9-9-9", "推进中"],
                                ["W3", "2020-05-01", "1-1-3", "推进中"]])
    data = load_round(round_dir.root)
    assert data.frames["ledger"]["measure_id"].tolist() == ["1-1-1", "1-1-2"]
    assert data.frames["progress"]["id"].tolist() == ["W1"]
    reasons = {(r.file, r.row): r.reason for r in data.rejected.itertuples()}
    assert reasons[("整改台账.csv", 4)] == "完成时限必填（长期坚持的措施除外）"
    assert reasons[("整改周报.csv", 3)] == "在整改台账中不存在"
    assert reasons[("整改周报.csv", 4)] == "在整改台账中不存在"


def test_vehicle_end_before_start_rejected(round_dir):
    round_dir.csv("公务用车出车记录.csv", [["出车编号", "车牌号", "使用单位", "出发时间", "返回时间", "里程（公里）"],
                                     ["T1", "赣C12345", "县财政局", "2020/3/5 8:00", "2020/3/5 7:00", "10"],
                                     ["T2", "赣C12345", "县财政局", "2020年3月5日 8:00", "2020-03-05 9:00", "10千米"]])
    data = load_round(round_dir.root)
    assert data.frames["vehicle_trips"]["id"].tolist() == ["T2"]
    assert data.frames["vehicle_trips"]["start_time"].tolist() == [pd.Timestamp("2020-03-05 08:00")]
    assert data.rejected["reason"].tolist() == ["返回时间早于出发时间"]


def test_boolean_column(round_dir):
    header = ["编号", "案件编号", "姓名", "形态", "处理结果", "问责"]
    round_dir.csv("处分与处理.csv", [header, ["1", "A1", "张三", "第一种形态", "诫勉", "是"],
                                 ["2", "A1", "李四", "第二种形态", "警告", "√"], ["3", "A2", "王五", "第二种形态", "警告", "无"],
                                 ["4", "A3", "赵六", "第二种形态", "警告", ""], ["5", "A3", "钱七", "第二种形态", "警告", "也许"]])
    data = load_round(round_dir.root)
    assert data.frames["cases"]["accountability"].tolist() == [True, True, False, pd.NA]
    assert data.rejected["reason"].tolist() == ["无法识别的是/否值"]


@pytest.mark.parametrize("content, reason", [(b"", "文件为空"), (b"PK\x03\x04garbage", "无法读取 Excel 文件")])
def test_empty_and_corrupt_files(round_dir, content, reason):
    name = "问题线索.csv" if not content else "问题线索.xlsx"
    (round_dir.root / name).write_bytes(content)
    data = load_round(round_dir.root)
    assert reason in data.reports[0].error
    assert "clues" not in data.frames and len(data.rejected) == 1


def test_undecodable_csv(round_dir):
    (round_dir.root / "问题线索.csv").write_bytes(b"\xff\xfe\x00\x81\x30" * 3)
    data = load_round(round_dir.root)
    assert "编码" in data.reports[0].error


def test_two_files_for_one_dataset_is_an_error(round_dir):
    round_dir.csv("问题线索.csv", [CLUE_HEADER])
    round_dir.csv("clues.csv", [CLUE_HEADER])
    with pytest.raises(InputError, match="两个文件"):
        load_round(round_dir.root)


def test_unknown_and_hidden_files(round_dir):
    round_dir.csv("问题线索.csv", [CLUE_HEADER])
    (round_dir.root / "说明.docx").write_bytes(b"x")
    (round_dir.root / "杂项.csv").write_text("a,b\n", encoding="utf-8")
    (round_dir.root / "~$问题线索.xlsx").write_bytes(b"lock")
    (round_dir.root / ".truth.json").write_text("{}", encoding="utf-8")
    data = load_round(round_dir.root)
    assert data.ignored == ["杂项.csv", "说明.docx"]
    assert list(data.hashes) == ["问题线索.csv"]


def test_inputs_are_hashed_and_not_modified(round_dir):
    path = round_dir.csv("问题线索.csv", [CLUE_HEADER, ["C1", "其他", "2020-01-02", "", "未办理", "", ""]])
    before = path.read_bytes()
    data = load_round(round_dir.root)
    import hashlib

    assert data.hashes["问题线索.csv"] == hashlib.sha256(before).hexdigest()
    assert path.read_bytes() == before


def test_absent_optional_columns_exist_as_missing(round_dir):
    round_dir.csv("问题线索.csv", [["线索编号", "来源", "受理日期", "办理状态"], ["C1", "其他", "2020-01-02", "未办理"]])
    clues = load_round(round_dir.root).frames["clues"]
    assert clues["disposition"].isna().all() and clues["closed_on"].isna().all()
    assert str(clues["closed_on"].dtype) == "datetime64[ns]"


LATER_FILES = {
    "投标记录.csv": [["编号", "标段编号", "项目名称", "投标人", "投标报价（万元）", "联系电话", "IP地址", "MAC地址", "保证金账户", "递交时间", "是否中标"],
                 ["B1", "T1", "道路工程", "甲公司", "123.5", "13800000000", "10.0.0.1", "AA-BB-CC-DD-EE-FF", "6222000011112222", "2020/3/5 9:30", "否"]],
    "津补贴发放.csv": [["编号", "姓名", "单位", "月份", "项目", "金额（元）"], ["A1", "张三", "县财政局", "2020年3月", "交通补贴", "500"]],
    "津补贴清单.csv": [["项目", "标准（元/月）", "适用单位"], ["交通补贴", "600", "全县"]],
    "村级财务.csv": [["凭证号", "乡镇", "村", "日期", "收支", "金额", "票据类型", "收款方", "账户类型", "现金", "摘要"],
                 ["V1", "城关镇", "东村", "43895", "支出", "1,200", "白条", "李四", "个人", "是", "劳务费"]],
    "财园信贷通.csv": [["编号", "企业", "放贷日期", "金额（万元）", "上年纳税（万元）", "实体企业", "安全隐患", "环保不达标", "续贷", "上次金额（万元）"],
                  ["L1", "乙公司", "2020-04-01", "300", "12.5", "是", "否", "否", "是", "200"]],
    "党费.csv": [["编号", "党员", "支部", "月份", "月工资收入", "实缴"], ["D1", "王五", "机关支部", "202003", "4800", "48"]],
}


def test_later_datasets_are_read_and_validated(round_dir):
    for name, rows in LATER_FILES.items():
        round_dir.csv(name, rows, encoding="gb18030")
    data = load_round(round_dir.root)
    assert data.rejected.empty, data.rejected
    assert sorted(data.frames) == ["allowance_catalog", "allowances", "bids", "loans", "party_dues", "village_finance"]
    assert data.frames["bids"]["price"].tolist() == [1235000.0]
    assert data.frames["bids"]["submitted_at"].tolist() == [pd.Timestamp("2020-03-05 09:30")]
    assert data.frames["allowances"]["month"].tolist() == [pd.Timestamp("2020-03-01")]
    assert data.frames["party_dues"]["month"].tolist() == [pd.Timestamp("2020-03-01")]
    assert data.frames["village_finance"]["date"].tolist() == [pd.Timestamp("2020-03-05")]
    assert data.frames["village_finance"]["cash"].tolist() == [True]
    assert data.frames["loans"]["amount"].tolist() == [300.0]


def test_later_dataset_closed_category_rejected(round_dir):
    round_dir.csv("village_finance.csv", [LATER_FILES["村级财务.csv"][0],
                                          ["V1", "城关镇", "东村", "2020-03-05", "转账", "1", "", "", "", "", ""]])
    data = load_round(round_dir.root)
    assert data.rejected["column"].tolist() == ["收支"] and data.rejected["reason"].str.startswith("不在允许的取值内").all()
