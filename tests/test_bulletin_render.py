"""Tests for toolkit.bulletin.render: the progress bulletin as .docx (GB/T 9704 layout) and HTML."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from toolkit.bulletin import render
from toolkit.errors import InputError
from toolkit.pipeline import analyse

ROUND = """[round]
slug = "t"
title = "省委第一巡视组巡视青岚县反馈意见整改"
inspector = "省委第一巡视组"
target = "{target}"
city = "青岚县"
period_start = 2019-10-01
as_of = 2020-06-30
"""

LEDGER = """措施编号,方面序号,方面,问题序号,问题,具体问题,整改措施,牵头领导,责任单位,整改类型,完成时限,整改状态,完成日期,销号审核人,销号日期,佐证材料
1-1-1,1,贯彻落实党的路线方针政策存在差距,1,县委学习不深入,,深化理论学习，梳理了12篇未学习的法规条例并补学,张三,县委办、县委宣传部,立行立改,2020-05-31,已完成,2020-05-20,李四,2020-05-25,青办字〔2020〕12号
1-1-2,1,贯彻落实党的路线方针政策存在差距,1,县委学习不深入,,制定2020年理论学习中心组学习计划,张三,县委宣传部,限期整改,2020-06-15,推进中,,,,
1-2-1,1,贯彻落实党的路线方针政策存在差距,2,传统产业转型升级推进缓慢,盐卤药化产业优化升级效果不理想,支持企业开展技术改造,王五,县工信局；县发改委,限期整改,2020-07-10,未启动,,,,
1-2-2,1,贯彻落实党的路线方针政策存在差距,2,传统产业转型升级推进缓慢,箱包皮具产业转型升级,加快箱包产业园建设,王五,县工信局,限期整改,2020-07-20,推进中,,,,
2-3-1,2,全面从严治党有欠缺,3,违规公款吃喝问题突出,,开展违规同城公款吃喝专项治理,赵六,县纪委监委,立行立改,2020-04-30,已完成,2020-05-10,,,
2-3-2,2,全面从严治党有欠缺,3,违规公款吃喝问题突出,,健全公务接待长效机制,赵六,县纪委监委,长期坚持,,推进中,,,,
"""

PROGRESS = """编号,周报日期,措施编号,整改状态,进展说明
P1,2020-06-01,1-1-2,推进中,正在制定
P2,2020-06-08,1-1-2,推进中,正在制定
P3,2020-06-15,2-3-1,已完成,
"""

CLUES = """线索编号,来源,受理日期,类别,被反映人,职级,办理状态,办结日期,处置方式
C1,巡视巡察,2020-01-10,四风,甲,科级,已办结,2020-03-01,谈话函询
C2,信访举报,2020-02-10,四风,乙,科级,已办结,2020-04-01,予以了结
C3,信访举报,2020-05-10,扶贫,丙,股级,核查中,,
C4,审计移送,2020-06-01,扶贫,丁,科级,未办理,,
"""


def write_round(directory: Path, *, target: str = "青岚县", ledger: str | None = LEDGER, clues: bool = False,
                progress: bool = True) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "round.toml").write_text(ROUND.format(target=target), encoding="utf-8")
    if ledger is not None:
        (directory / "整改台账.csv").write_text(ledger, encoding="utf-8")
    if progress and ledger is not None:
        (directory / "整改周报.csv").write_text(PROGRESS, encoding="utf-8")
    if clues:
        (directory / "问题线索.csv").write_text(CLUES, encoding="utf-8")
    return directory


@pytest.fixture
def rendered(tmp_path) -> tuple[Path, docx.document.Document]:
    out = render.render_bulletin_for_round(write_round(tmp_path / "round"), tmp_path / "bulletin.docx")
    return out, docx.Document(str(out))


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def east_asian(element) -> str | None:
    rpr = element.rPr
    return None if rpr is None or rpr.rFonts is None else rpr.rFonts.get(qn("w:eastAsia"))


def paragraph_starting(document, prefix: str):
    return next(p for p in document.paragraphs if p.text.startswith(prefix))


# ---- layout ------------------------------------------------------------------------------------

def test_page_size_and_margins(rendered):
    _, document = rendered
    section = document.sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.page_height.mm == pytest.approx(297, abs=0.1)
    assert section.top_margin.mm == pytest.approx(37, abs=0.1)
    assert section.bottom_margin.mm == pytest.approx(35, abs=0.1)
    assert section.left_margin.mm == pytest.approx(28, abs=0.1)
    assert section.right_margin.mm == pytest.approx(26, abs=0.1)


def test_title_font_size_and_centring(rendered):
    _, document = rendered
    title = document.paragraphs[0]
    assert title.text == "青岚县委关于省委第一巡视组巡视反馈意见整改进展情况的通报"
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asian(title.runs[0]._element) == "方正小标宋简体"
    assert east_asian(title.style.element) == "方正小标宋简体"
    assert title.runs[0].font.size.pt == 22 and title.style.font.size.pt == 22


def test_body_font_indent_and_fixed_line_spacing(rendered):
    _, document = rendered
    body = paragraph_starting(document, "按照省委统一部署")
    assert east_asian(body.runs[0]._element) == "仿宋_GB2312"
    assert body.runs[0].font.size.pt == 16
    fmt = body.style.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and 28 <= fmt.line_spacing.pt <= 29
    assert fmt.first_line_indent.pt == pytest.approx(32)
    assert fmt.element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    normal = document.styles["Normal"]
    assert east_asian(normal.element) == "仿宋_GB2312" and normal.font.size.pt == 16
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_heading_fonts(rendered):
    _, document = rendered
    for heading in ("一、整改工作组织情况", "二、整改落实情况", "三、下一步整改工作打算"):
        paragraph = paragraph_starting(document, heading)
        assert east_asian(paragraph.runs[0]._element) == "黑体", heading
        assert paragraph.runs[0].font.size.pt == 16
    aspect = paragraph_starting(document, "1.“贯彻落实党的路线方针政策存在差距”方面")
    assert east_asian(aspect.runs[0]._element) == "楷体_GB2312" and aspect.runs[0].font.size.pt == 16
    problem = paragraph_starting(document, "（1）关于“县委学习不深入”的问题")
    assert east_asian(problem.runs[0]._element) == "仿宋_GB2312"


def test_font_fallbacks_in_font_table(rendered):
    out, _ = rendered
    import zipfile

    table = zipfile.ZipFile(out).read("word/fontTable.xml").decode("utf-8")
    assert re.search(r'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>', table)
    assert re.search(r'w:name="楷体_GB2312"><w:altName w:val="楷体"/>', table)
    assert 'w:name="方正小标宋简体"' in table and 'w:charset w:val="86"' in table


# ---- content -----------------------------------------------------------------------------------

def test_three_sections_in_order(rendered):
    _, document = rendered
    lines = texts(document)
    positions = [lines.index(h) for h in ("一、整改工作组织情况", "二、整改落实情况", "三、下一步整改工作打算")]
    assert positions == sorted(positions)


def test_section_one_figures(rendered):
    _, document = rendered
    lines = texts(document)
    one = "\n".join(lines[lines.index("一、整改工作组织情况"):lines.index("二、整改落实情况")])
    assert "分解为2个方面3个具体问题，提出了6条整改措施，明确由3个县级领导牵头，5个责任单位具体抓整改落实" in one
    assert "已完成2条，完成率33.3%" in one and "正在推进3条，尚未启动1条" in one
    assert "已销号的1条" in one and "尚未履行销号手续的1条" in one


def test_section_two_measures_worded_by_status(rendered):
    _, document = rendered
    lines = texts(document)
    assert "整改情况：一是深化理论学习，梳理了12篇未学习的法规条例并补学。二是制定2020年理论学习中心组学习计划，目前正在推进。" in lines
    assert "针对“盐卤药化产业优化升级效果不理想”的整改情况：支持企业开展技术改造，计划于2020年7月10日前完成。" in lines
    assert "针对“箱包皮具产业转型升级”的整改情况：加快箱包产业园建设，目前正在推进。" in lines
    assert "2.“全面从严治党有欠缺”方面" in lines and "（3）关于“违规公款吃喝问题突出”的问题" in lines


def test_section_three_lists_overdue(rendered):
    _, document = rendered
    lines = texts(document)
    three = "\n".join(lines[lines.index("三、下一步整改工作打算"):])
    assert "尚有4条整改措施未完成" in three and "已超过完成时限仍未完成的1条" in three
    assert "措施编号1-1-2" in three and "2020年6月15日" in three and "已逾期15天" in three


def test_missing_dataset_prints_pending_and_lists_it(rendered):
    _, document = rendered
    lines = texts(document)
    body = "\n".join(lines)
    assert "共受理问题线索【待补充】件" in body and "线索核查率【待补充】" in body
    appendix = lines.index("附：待补充事项")
    assert appendix > lines.index("三、下一步整改工作打算")
    listed = "\n".join(lines[appendix:])
    assert "受理问题线索数（缺少数据集“问题线索”）" in listed and "线索核查率" in listed


def test_present_dataset_prints_figures(tmp_path):
    out = render.render_bulletin_for_round(write_round(tmp_path / "r", clues=True), tmp_path / "b.docx")
    body = "\n".join(texts(docx.Document(str(out))))
    assert "共受理问题线索4件，已办结2件，线索核查率50.0%" in body
    appendix = body[body.index("附：待补充事项"):] if "附：待补充事项" in body else ""
    assert "问题线索" not in appendix


def test_no_placeholder_x_anywhere(tmp_path, rendered):
    _, document = rendered
    assert "X" not in "\n".join(texts(document)) and "Ｘ" not in "\n".join(texts(document))
    # X in the data (a blanked name or figure) becomes 【待补充】 and is listed
    blanked = LEDGER.replace("梳理了12篇", "梳理了X篇")
    out = render.render_bulletin_for_round(write_round(tmp_path / "x", target="X县", ledger=blanked),
                                           tmp_path / "x.docx")
    lines = texts(docx.Document(str(out)))
    body = "\n".join(lines)
    assert "X" not in body
    assert lines[0] == "【待补充】县委关于省委第一巡视组巡视反馈意见整改进展情况的通报"
    assert "梳理了【待补充】篇" in body
    listed = "\n".join(lines[lines.index("附：待补充事项"):])
    assert "措施1-1-1中原以占位符标示、尚待填写的内容" in listed and "target" in listed


def test_chinese_ordinals_past_ten(tmp_path):
    header, row = LEDGER.splitlines()[0], LEDGER.splitlines()[2]
    rows = [row.replace("1-1-2", f"1-1-{k}").replace("制定2020年", f"第{k}项，制定2020年") for k in range(1, 13)]
    out = render.render_bulletin_for_round(write_round(tmp_path / "o", ledger="\n".join([header, *rows]) + "\n"),
                                           tmp_path / "o.docx")
    body = "\n".join(texts(docx.Document(str(out))))
    assert "十是第10项" in body and "十一是第11项" in body and "十二是第12项" in body


def test_no_ledger_is_a_clear_input_error(tmp_path):
    directory = write_round(tmp_path / "empty", ledger=None, clues=True)
    with pytest.raises(InputError, match="没有整改台账"):
        render.render_bulletin_for_round(directory, tmp_path / "b.docx")


def test_cli_bulletin_render(tmp_path, capsys):
    from toolkit.cli import main

    out = tmp_path / "cli.docx"
    assert main(["bulletin", "render", str(write_round(tmp_path / "c")), "--out", str(out)]) == 0
    assert out.is_file()
    assert main(["bulletin", "render", str(write_round(tmp_path / "n", ledger=None)), "--out", str(out)]) == 2
    assert "没有整改台账" in capsys.readouterr().err


def test_html_says_the_same(tmp_path):
    analysis = analyse(write_round(tmp_path / "h"))
    page = render.render_bulletin_html(analysis)
    assert page.startswith("<!DOCTYPE html>") and 'lang="zh-CN"' in page
    for heading in ("一、整改工作组织情况", "二、整改落实情况", "三、下一步整改工作打算", "附：待补充事项"):
        assert heading in page
    assert "提出了6条整改措施" in page and '"仿宋_GB2312", "仿宋", "FangSong"' in page
    assert '<span class="pending">【待补充】</span>' in page
    assert "X" not in re.sub(r"<[^>]+>", "", page.split("<body", 1)[1])


# ---- round trip through the parser -------------------------------------------------------------

def _parse_back(path: Path):
    parse = pytest.importorskip("toolkit.bulletin.parse")
    return parse.parse_bulletin(path)


def test_rendered_bulletin_parses_back(rendered):
    out, _ = rendered
    parsed = _parse_back(out)
    from toolkit.ingest.load import load_round

    ledger = load_round(out.parent / "round").frames["ledger"]
    assert parsed["aspect_no"].nunique() == ledger["aspect_no"].nunique()
    assert sorted(parsed["problem"].unique()) == sorted(ledger["problem"].unique())
    assert len(parsed) == len(ledger)
    assert parsed["aspect"].drop_duplicates().tolist() == ledger["aspect"].drop_duplicates().tolist()
    subs = parsed["sub_problem"].dropna().unique().tolist()
    assert subs == ["盐卤药化产业优化升级效果不理想", "箱包皮具产业转型升级"]


def test_demo_bulletin(tmp_path):
    from toolkit.demo import build_demo
    from toolkit.ingest.load import load_round

    data_dir = Path(build_demo(tmp_path / "demo"))
    out = render.render_bulletin_for_round(data_dir, tmp_path / "demo.docx")
    lines = texts(docx.Document(str(out)))
    ledger = load_round(data_dir).frames["ledger"]
    assert f"提出了{len(ledger)}条整改措施" in "\n".join(lines)
    assert "X" not in "\n".join(lines)
    parsed = _parse_back(out)
    assert parsed["aspect_no"].nunique() == ledger["aspect_no"].nunique()
    assert parsed["problem_no"].nunique() == ledger["problem_no"].nunique()
    assert len(parsed) == len(ledger)
