"""Tests for toolkit.bulletin.parse: bulletin paragraphs → ledger table."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pandas as pd
import pytest

from toolkit.bulletin.parse import (
    EXTRA_COLUMNS, LEDGER_COLUMNS, classify_line, parse_bulletin, parse_bulletin_lines, write_ledger_csv,
)
from toolkit.bulletin.read import read_bulletin_text

FIXTURES = Path(__file__).parent / "fixtures" / "bulletins"
EXAMPLE = FIXTURES / "example.txt"
STYLE_B = FIXTURES / "style_b.txt"            # （一）在“…”方面 + 1.关于“…”问题的整改, UTF-8 with BOM
ASCII_GB = FIXTURES / "ascii_gb18030.txt"     # ASCII punctuation, GB18030, no section headings
CN_ORDINALS = "一二三四五六七八九十"


@pytest.fixture(scope="module")
def example() -> pd.DataFrame:
    return parse_bulletin(EXAMPLE)


@pytest.fixture(scope="module")
def example_lines() -> list[str]:
    return read_bulletin_text(EXAMPLE)


def sub_problem_count(df: pd.DataFrame) -> int:
    """Distinct non-empty sub_problem values, counted per problem."""
    return int(df.dropna(subset=["sub_problem"]).groupby("problem_no")["sub_problem"].nunique().sum())


# --------------------------------------------------------------------------- the example bulletin


def test_example_shape(example):
    assert list(example.columns) == LEDGER_COLUMNS + EXTRA_COLUMNS
    assert example["aspect_no"].nunique() == 4
    assert example["problem_no"].nunique() == 32
    assert sorted(example["problem_no"].unique().tolist()) == list(range(1, 33))
    assert sub_problem_count(example) == 18
    assert example["measure_id"].is_unique
    assert len(example) == 161


def test_example_sub_problems_match_headings(example, example_lines):
    headings = [line for line in example_lines if re.match(r"^针对“.+?”的整改情况", line)]
    assert len(headings) == 18
    assert sub_problem_count(example) == len(headings)
    # 针对某村班子不团结… (line of problem 26) and 针对工作要求落实不到位… are measure text, not headings
    assert not example.loc[example["problem_no"] == 26, "sub_problem"].notna().any()


def test_example_measure_count_independent(example, example_lines):
    """Count 一是…十是 in the 整改落实情况 section, plus headed paragraphs without enumeration."""
    start = example_lines.index("二、整改落实情况")
    end = example_lines.index("三、下一步整改工作打算")
    section = example_lines[start + 1:end]
    enumerated = sum(line.count(ordinal + "是") for line in section for ordinal in CN_ORDINALS)
    body_lines = [line for line in section if line.startswith(("整改情况", "针对"))]
    plain = sum(1 for line in body_lines if "一是" not in line)
    assert (enumerated, plain) == (159, 2)
    assert len(example) == enumerated + plain


def test_example_aspects_and_problems(example):
    aspects = example.drop_duplicates("aspect_no")[["aspect_no", "aspect"]].values.tolist()
    assert aspects == [
        [1, "贯彻落实党的路线方针政策和中央、省委重大决策部署存在差距"],
        [2, "贯彻落实全面从严治党战略部署有欠缺"],
        [3, "落实新时代党的组织路线存在薄弱环节"],
        [4, "落实巡视、审计等监督发现问题整改存在偏差"],
    ]
    problems = example.drop_duplicates("problem_no").set_index("problem_no")
    assert problems.loc[1, "problem"] == "县委在学懂弄通不深入、学用结合不紧密"
    assert problems.loc[32, "problem"] == "审计监督作用缺失"
    assert problems.loc[32, "aspect_no"] == 4
    assert problems.groupby("aspect_no").size().tolist() == [11, 13, 5, 3]
    # nested single quotes survive in a sub-problem title
    assert "工业产业‘老四样’和招大引强成效不佳" in set(example["sub_problem"].dropna())


def test_example_measure_ids_and_text(example, example_lines):
    first = example.iloc[0]
    assert first["measure_id"] == "1-1-1"
    assert first["measure"].startswith("深化理论学习，梳理了X篇未学习的法规条例")
    assert first["measure"].endswith("进行补学。")
    assert example.loc[example["problem_no"] == 6, "measure_id"].tolist()[-1] == "1-6-18"
    assert example["measure_id"].tolist()[-1] == "4-32-2"
    for row in example.itertuples():
        assert row.measure_id == f"{row.aspect_no}-{row.problem_no}-{row.measure_id.rsplit('-', 1)[1]}"
        assert not re.match(r"^[一二三四五六七八九十]+是", row.measure)
        assert not row.measure.startswith(("整改情况", "：", ":"))
        assert row.measure[:20] in example_lines[row.source_line - 1]
    # the un-enumerated sub-problem paragraphs are one measure each
    plain = example[example["sub_problem"] == "公办园入园难"]
    assert len(plain) == 4
    one = example[example["sub_problem"].str.startswith("X年县政府工作报告", na=False)]
    assert one["measure"].tolist() == ["明确了2020年重点推进的十件民生实事，在全县三级干部大会上进行了部署。"]


def test_example_section_one_is_not_parsed(example):
    assert not example["measure"].str.contains("强化思想认识|强化政治担当持续改").any()
    # section 三 does not continue the last measure of problem 32
    assert "下一步" not in example["measure"].iloc[-1]


def test_example_statuses(example):
    status = example.set_index("measure_id")["status"]
    assert set(status.dropna()) <= {"未启动", "推进中", "已完成"}
    assert status["1-5-6"] == "推进中"      # 已挂牌，正在推进…: 正在 beats 已
    assert status["4-31-1"] == "已完成"     # 已完成全县白条报账问题的整改落实
    assert status["1-10-10"] == "未启动"    # 计划安排…，…全部回到…: 全部 is planned
    assert status["2-17-2"] == "推进中"     # 已拟定方案，将于近期上报: part done, part planned
    assert pd.isna(status["1-4-1"])         # 将…纳入 is no future
    basis = example["status_basis"]
    assert (basis.isna() == example["status"].isna()).all()


def test_example_evidence(example):
    row = example.set_index("measure_id").loc["1-3-3"]
    assert row["evidence"] == "X办字〔2020〕X号"
    evidence = example["evidence"].dropna().tolist()
    assert "X人社字﹝2019﹞X号" in evidence
    assert example["evidence"].notna().sum() == 9


def test_example_dtypes(example):
    for column in ("aspect_no", "problem_no", "source_line"):
        assert str(example[column].dtype) == "Int64"
    for column in ("deadline", "completed_on", "signed_off_on"):
        assert str(example[column].dtype) == "datetime64[ns]"
        assert example[column].isna().all()
    for column in ("measure_id", "aspect", "problem", "sub_problem", "measure", "status", "evidence",
                   "status_basis", "lead_leader", "units", "kind", "signed_off_by"):
        assert example[column].dtype == "str", column
    for column in ("lead_leader", "units", "kind", "signed_off_by"):
        assert example[column].isna().all()
    assert not (example[["sub_problem", "status", "evidence"]] == "").any().any()


# --------------------------------------------------------------------------- other heading styles


def test_style_b_fixture():
    df = parse_bulletin(STYLE_B)
    assert df["measure_id"].tolist() == ["1-1-1", "1-1-2", "1-1-3", "1-2-1", "1-2-2",
                                         "2-3-1", "2-3-2", "2-3-3", "2-3-4", "2-4-1"]
    # 1.…/2.… restart in aspect （二）: renumbered globally in order
    assert df.drop_duplicates("problem_no")[["problem_no", "problem"]].values.tolist() == [
        [1, "学习贯彻不深入"], [2, "调查研究不够"], [3, "组织生活不规范"], [4, "发展党员不规范"]]
    assert df.drop_duplicates("aspect_no")["aspect"].tolist() == ["落实党中央决策部署", "党的建设"]
    m = df.set_index("measure_id")
    # a measure continued on the next paragraph keeps its punctuation
    assert m.loc["1-1-2", "measure"] == "正在开展专题研讨，\n各支部已提交研讨材料X份。"
    # a colon lead-in (采取以下措施：) is no measure
    assert m.loc["1-2-1", "measure"] == "制定调研工作方案，明确调研课题X个。"
    # sub-problem heading alone, measures in the next paragraph, then a continuation
    assert m.loc["2-3-3", "sub_problem"] == "党费收缴不及时"
    assert m.loc["2-3-4", "measure"] == "将于年底前完成党费基数核定。\n经核查，X个支部的党费已足额补缴。"
    assert m.loc["2-3-1", "sub_problem"] == "‘三会一课’落实不到位"
    assert m.loc["2-4-1", "measure"] == "对违规发展的X名党员进行了清理，相关问题已整改到位。"
    assert m.loc["1-1-1", "evidence"] == "X局党字〔2021〕7号"
    assert m["status"].fillna("").tolist() == ["已完成", "推进中", "未启动", "", "未启动",
                                               "", "已完成", "推进中", "推进中", "已完成"]
    # section 一 (一是提高政治站位…) and section 三 yield nothing
    assert not df["measure"].str.contains("政治站位|持续抓好整改|长效机制").any()
    assert m.loc["2-4-1", "source_line"] == 22  # paragraph number: the blank second line is no paragraph


def test_ascii_gb18030_fixture():
    data = ASCII_GB.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    df = parse_bulletin(ASCII_GB)
    assert df["measure_id"].tolist() == ["1-1-1", "1-1-2", "1-2-1", "1-2-2", "2-3-1", "2-3-2", "2-3-3"]
    assert df.drop_duplicates("aspect_no")["aspect"].tolist() == ["政治建设", "作风建设"]
    assert df.drop_duplicates("problem_no")["problem"].tolist() == ["理论学习不深入", "会议记录不规范", "公车管理不严"]
    assert df["sub_problem"].dropna().unique().tolist() == ["车卡未绑定", "节假日用车未报备"]
    assert df["measure"].tolist()[2:4] == ["将于9月底前完成会议记录专项检查", "启动了档案整理工作."]
    assert df["status"].tolist() == ["已完成", "推进中", "未启动", "推进中", "已完成", "推进中", "未启动"]
    assert df["status_basis"].tolist()[2] == "将于"


def test_docx_made_with_python_docx(tmp_path):
    lines = read_bulletin_text(STYLE_B)
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
        document.add_paragraph("")  # empty paragraphs are dropped
    path = tmp_path / "通报.docx"
    document.save(str(path))
    assert read_bulletin_text(path) == lines
    from_docx = parse_bulletin(path)
    pd.testing.assert_frame_equal(from_docx, parse_bulletin(STYLE_B))
    assert len(from_docx) == 10


def test_docx_soft_line_breaks_split(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("（1）关于“学习不够”的问题")
    paragraph.add_run().add_break()
    paragraph.add_run("整改情况：一是已补学。二是正在研讨。")
    path = tmp_path / "b.docx"
    document.save(str(path))
    assert read_bulletin_text(path) == ["（1）关于“学习不够”的问题", "整改情况：一是已补学。二是正在研讨。"]
    assert parse_bulletin(path)["measure_id"].tolist() == ["1-1", "1-2"]


# --------------------------------------------------------------------------- headings and punctuation


@pytest.mark.parametrize("line, number, title", [
    ("1.“党的建设”方面", 1, "党的建设"),
    ("1、“党的建设”方面", 1, "党的建设"),
    ("1．党的建设方面", 1, "党的建设"),
    ("2. \"党的建设\" 方面", 2, "党的建设"),
    ("（三）在“党的建设”方面", 3, "党的建设"),
    ("(三)在\"党的建设\"方面", 3, "党的建设"),
    ("（十一）关于「党的建设」方面", 11, "党的建设"),
    ("（２）关于“党的建设”方面：", 2, "党的建设"),
    ("４．“党的建设”方面存在的问题", 4, "党的建设"),
])
def test_aspect_variants(line, number, title):
    heading = classify_line(line)
    assert (heading.kind, heading.number, heading.title) == ("aspect", number, title)


@pytest.mark.parametrize("line, number, title", [
    ("（1）关于“学习不深入”的问题", 1, "学习不深入"),
    ("(1)关于\"学习不深入\"问题", 1, "学习不深入"),
    ("( 12 ) 关于 “学习不深入” 的问题", 12, "学习不深入"),
    ("1.关于“学习不深入”问题的整改", 1, "学习不深入"),
    ("3、关于「学习不深入」问题的整改情况", 3, "学习不深入"),
    ("1．关于学习不深入的问题", 1, "学习不深入"),
    ("（5）关于“落实“三重一大”制度不到位”的问题", 5, "落实“三重一大”制度不到位"),
    ("（二）关于“学习不深入”的问题", 2, "学习不深入"),
])
def test_problem_variants(line, number, title):
    heading = classify_line(line)
    assert (heading.kind, heading.number, heading.title) == ("problem", number, title)


@pytest.mark.parametrize("line, title, rest", [
    ("针对“文旅融合不深”的整改情况：一是加强维护。", "文旅融合不深", "一是加强维护。"),
    ("针对\"文旅融合不深\"的整改情况:一是加强维护。", "文旅融合不深", "一是加强维护。"),
    ("针对「文旅融合不深」的整改情况", "文旅融合不深", ""),
    ("针对文旅融合不深的整改情况：完成了修缮。", "文旅融合不深", "完成了修缮。"),
])
def test_sub_problem_variants(line, title, rest):
    heading = classify_line(line)
    assert (heading.kind, heading.title, heading.rest) == ("sub", title, rest)


@pytest.mark.parametrize("line", [
    "针对某村班子不团结、工作不正常的问题，镇党委多次和村“两委”干部谈心谈话。",
    "1.2万元用于补助",
    "2019年X月以来已开展专项督查。",
    "1.针对学习不够的问题开展补学",
    "整改情况：一是深化理论学习。",
])
def test_body_lines_are_not_headings(line):
    assert classify_line(line).kind == "body"


def test_section_headings():
    assert classify_line("一、整改工作组织情况").kind == "section"
    assert classify_line("三、下一步整改工作打算").kind == "section"
    assert classify_line("一、“党的建设”方面").kind == "aspect"


def test_unquoted_and_mixed_punctuation_parse():
    lines = ["1．党的建设方面", "(1)关于\"学习不够\"问题", "整改情况:一是已补学;二是正在研讨.",
             "2、“作风建设”方面", "（2）关于「接待超标」的问题", "整改情况：完成了清退。"]
    df = parse_bulletin_lines(lines)
    assert df[["measure_id", "aspect", "problem", "measure"]].values.tolist() == [
        ["1-1-1", "党的建设", "学习不够", "已补学"],
        ["1-1-2", "党的建设", "学习不够", "正在研讨."],
        ["2-2-1", "作风建设", "接待超标", "完成了清退。"],
    ]


def test_eleven_and_more_measures():
    items = "".join(f"{'一二三四五六七八九十'[k - 1] if k <= 10 else '十' + '一二'[k - 11]}是措施{k}。"
                    for k in range(1, 13))
    df = parse_bulletin_lines(["1.“A”方面", "（1）关于“B”的问题", "整改情况：" + items])
    assert df["measure"].tolist() == [f"措施{k}。" for k in range(1, 13)]
    assert df["measure_id"].tolist()[-2:] == ["1-1-11", "1-1-12"]


def test_enumeration_is_sequential_and_needs_a_boundary():
    text = "整改情况：一是统一是非标准，完成了三是否核查。二是建立台账，内容有：一是清单，二是台账。三是已通报。"
    df = parse_bulletin_lines(["1.“A”方面", "（1）关于“B”的问题", text])
    # 统一是/三是否 are no markers; the nested 一是/二是 inside measure 2 are not the next number
    assert df["measure"].tolist() == ["统一是非标准，完成了三是否核查。", "建立台账，内容有：一是清单，二是台账。",
                                      "已通报。"]


def test_continuation_across_paragraphs():
    lines = ["1.“A”方面", "（1）关于“B”的问题", "整改情况：一是完成了清理，", "共清理X件。",
             "二是正在整改。", "三是建立机制。", "同时印发了制度。"]
    df = parse_bulletin_lines(lines)
    assert df["measure"].tolist() == ["完成了清理，\n共清理X件。", "正在整改。", "建立机制。\n同时印发了制度。"]
    assert df["source_line"].tolist() == [3, 5, 6]


def test_continuing_enumeration_in_next_paragraph():
    lines = ["1.“A”方面", "（1）关于“B”的问题", "整改情况：一是补学。", "二是研讨。三是通报。"]
    assert parse_bulletin_lines(lines)["measure_id"].tolist() == ["1-1-1", "1-1-2", "1-1-3"]


def test_renumbering_when_numbers_restart():
    lines = ["（一）在“A”方面", "1.关于“P1”问题的整改", "整改情况：一是甲。", "2.关于“P2”问题的整改", "一是乙。",
             "（二）在“B”方面", "1.关于“P3”问题的整改", "一是丙。二是丁。"]
    df = parse_bulletin_lines(lines)
    assert df["measure_id"].tolist() == ["1-1-1", "1-2-1", "2-3-1", "2-3-2"]
    assert df["problem"].tolist() == ["P1", "P2", "P3", "P3"]


def test_global_numbers_kept_as_written():
    lines = ["1.“A”方面", "（3）关于“P3”的问题", "整改情况：一是甲。", "2.“B”方面", "（7）关于“P7”的问题", "一是乙。"]
    df = parse_bulletin_lines(lines)
    assert df["problem_no"].tolist() == [3, 7]
    assert df["measure_id"].tolist() == ["1-3-1", "2-7-1"]


def test_problems_without_aspect_heading():
    df = parse_bulletin_lines(["（1）关于“P”的问题", "整改情况：一是甲。"])
    assert df["measure_id"].tolist() == ["1-1"]
    assert df["aspect_no"].isna().all() and df["aspect"].isna().all()


def test_sections_without_implementation_title_use_the_problem_sections():
    lines = ["一、基本情况", "一是开会。", "二、巡察反馈问题", "1.“A”方面", "（1）关于“P”的问题",
             "一是甲。", "三、工作打算", "二是将继续整改。"]
    df = parse_bulletin_lines(lines)
    assert df["measure"].tolist() == ["甲。"]


def test_empty_input_gives_empty_typed_frame():
    df = parse_bulletin_lines([])
    assert list(df.columns) == LEDGER_COLUMNS + EXTRA_COLUMNS
    assert len(df) == 0
    assert str(df["problem_no"].dtype) == "Int64"


# --------------------------------------------------------------------------- CSV


def test_write_ledger_csv_round_trip(tmp_path, example):
    out = tmp_path / "out" / "整改台账.csv"
    write_ledger_csv(example, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0].split(",")
    assert header == LEDGER_COLUMNS + EXTRA_COLUMNS
    back = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(back) == len(example) == 161
    assert back["measure"].tolist() == example["measure"].tolist()
    assert back["measure_id"].tolist() == example["measure_id"].tolist()
    assert back["problem_no"].tolist()[:3] == ["1", "1", "1"]
    assert (back["kind"] == "").all()   # empty stays empty, not "nan"/"None"
    assert set(back["status"]) <= {"", "未启动", "推进中", "已完成"}


def test_written_csv_is_recognised_by_ingest(tmp_path, example):
    from toolkit.datasets import DATASETS
    from toolkit.ingest.read import find_header, read_sheets

    out = tmp_path / "ledger.csv"
    write_ledger_csv(example, out)
    sheet = read_sheets(out)[0]
    header, missing = find_header(sheet, DATASETS["ledger"])
    assert missing == set()
    assert header.row == 1
    assert header.names == set(LEDGER_COLUMNS)


def test_write_ledger_csv_adds_missing_columns(tmp_path):
    df = parse_bulletin_lines(["1.“A”方面", "（1）关于“B”的问题", "整改情况：一是已补学。"])
    out = tmp_path / "l.csv"
    write_ledger_csv(df[["measure_id", "measure"]], out)
    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header == LEDGER_COLUMNS
