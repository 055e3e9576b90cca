"""Tests for toolkit.bulletin.render: the progress bulletin laid out as .docx (GB/T 9704) and as HTML."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from toolkit.bulletin import render
from toolkit.bulletin.compose import Block, Bulletin, compose_bulletin
from toolkit.pipeline import analyse

FIXTURE = Path(__file__).parent / "fixtures" / "bulletins" / "round"   # round.toml + ledger, progress, clues


def write_round(directory: Path, *, ledger: bool = True) -> Path:
    """A small round folder from the fixture: round.toml, progress reports and clues, and (unless not ``ledger``)
    the ledger."""
    shutil.copytree(FIXTURE, directory)
    if not ledger:
        (directory / "整改台账.csv").unlink()
        (directory / "整改周报.csv").unlink()   # progress without its ledger would be rejected
    return directory


@pytest.fixture
def rendered(tmp_path) -> tuple[Path, docx.document.Document]:
    out = render.render_bulletin(analyse(write_round(tmp_path / "round")), tmp_path / "bulletin.docx")
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
    table = zipfile.ZipFile(out).read("word/fontTable.xml").decode("utf-8")
    assert re.search(r'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>', table)
    assert re.search(r'w:name="楷体_GB2312"><w:altName w:val="楷体"/>', table)
    assert 'w:name="方正小标宋简体"' in table and 'w:charset w:val="86"' in table


def test_word_says_what_was_composed(tmp_path, rendered):
    _, document = rendered
    composed = compose_bulletin(analyse(write_round(tmp_path / "again")))
    assert texts(document) == [block.text for block in composed.blocks]


def test_paragraphs_as_python_docx_writes_them():
    """Style ids looked up once and texts written at once give the XML of ``add_paragraph(style=…)`` and
    ``add_run(text)``: tabs, line breaks, edge spaces and empty texts included."""
    texts_ = ["正文", " 前后空格 ", "甲\t乙", "一行\n二行\r三行", "\t", ""]
    bulletin = Bulletin("标题", [Block(kind, text) for kind in render.STYLES for text in texts_])
    built = render.build_document(bulletin).element.body
    expected = docx.Document()
    render._styles(expected)
    for block in bulletin.blocks:
        name, font, size, *_ = render.STYLES[block.kind]
        run = expected.add_paragraph(style=expected.styles[name]).add_run(block.text)
        run.font.size = Pt(size)
        render._set_east_asian(run._element, font)
    paragraphs = [etree.tostring(p) for p in built.iterchildren(qn("w:p"))]
    assert paragraphs == [etree.tostring(p) for p in expected.element.body.iterchildren(qn("w:p"))]
    assert b"<w:tab/>" in paragraphs[2] and paragraphs[3].count(b"<w:br/>") == 2


@pytest.mark.parametrize("name, expected", [("b.docx", "b.docx"), ("b", "b.docx"), ("b.txt", "b.txt.docx")])
def test_out_gets_a_docx_suffix(tmp_path, name, expected):
    analysis = analyse(write_round(tmp_path / "round"))
    assert render.render_bulletin(analysis, tmp_path / name) == tmp_path / expected
    (tmp_path / "folder").mkdir()
    assert render.render_bulletin(analysis, tmp_path / "folder") == tmp_path / "folder" / "bulletin.docx"


def test_html_says_the_same(tmp_path):
    analysis = analyse(write_round(tmp_path / "h"))
    page = render.render_bulletin_html(analysis)
    assert page.startswith("<!DOCTYPE html>") and 'lang="zh-CN"' in page
    for heading in ("一、整改工作组织情况", "二、整改落实情况", "三、下一步整改工作打算", "附：待补充事项"):
        assert heading in page
    assert "提出了6条整改措施" in page and '"仿宋_GB2312", "仿宋", "FangSong"' in page
    assert '<span class="pending">【待补充】</span>' in page
    assert "X" not in re.sub(r"<[^>]+>", "", page.split("<body", 1)[1])


def test_write_bulletin_files(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    assert render.write_bulletin_files(analyse(write_round(tmp_path / "r")), out) == {
        "docx": "bulletin.docx", "html": "bulletin.html"}
    assert (out / "bulletin.docx").is_file() and (out / "bulletin.html").is_file()
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "no temporary file left"


def test_write_bulletin_files_without_ledger_removes_a_stale_bulletin(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in ("bulletin.docx", "bulletin.html"):
        (out / name).write_text("previous run", encoding="utf-8")
    assert render.write_bulletin_files(analyse(write_round(tmp_path / "n", ledger=False)), out) is None
    assert not (out / "bulletin.docx").exists() and not (out / "bulletin.html").exists()
