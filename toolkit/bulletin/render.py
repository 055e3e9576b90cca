"""The rectification progress bulletin (整改进展情况通报) laid out as .docx and as HTML.

The text comes from :func:`toolkit.bulletin.compose.compose_bulletin`;
:func:`render_bulletin` lays it out in Word, :func:`render_bulletin_html` in
HTML, and :func:`write_bulletin_files` writes both into a report folder.

Layout (GB/T 9704-2012 党政机关公文格式): A4; margins top 37 mm, bottom 35 mm,
left 28 mm, right 26 mm; title 方正小标宋简体 二号 (22 pt) centred; body
仿宋_GB2312 三号 (16 pt), first line indented two characters, fixed line
spacing 28.95 pt (22 lines in the 225 mm type area); 一、 headings 黑体 三号;
second-level headings ("1.“…”方面") 楷体_GB2312 三号; page numbers 宋体 四号
"— 1 —" centred in the footer.

Fonts are set as East Asian fonts (``w:rFonts w:eastAsia``; python-docx's
``font.name`` sets only the Latin slots) on docDefaults, on every style used and
on every run; the Latin slots name the same font so that figures match the
Chinese text. Word takes one font name per slot, so the fallbacks of
:data:`FONT_FALLBACKS` go into the document's font table
(word/fontTable.xml): each font gets ``w:altName`` = its first fallback plus the
fallback's PANOSE, charset 86 (GB2312) and family, which is what Word and WPS
use to substitute a missing font. The HTML names the whole chain in
``font-family``.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import docx
import jinja2
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from toolkit.analysis import Analysis
from toolkit.bulletin.compose import PENDING, Block, Bulletin, compose_bulletin
from toolkit.report.outputs import atomic_path, write_text

BULLETIN_FILES = {"docx": "bulletin.docx", "html": "bulletin.html"}

# ---- typography -------------------------------------------------------------------------------

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

# Fallback chains, most preferred first (Windows name, then the English / macOS names).
# 方正小标宋简体 → 方正小标宋_GBK → 华文中宋 → 宋体; 仿宋_GB2312 → 仿宋 → FangSong → 华文仿宋;
# 黑体 → SimHei → 华文黑体; 楷体_GB2312 → 楷体 → KaiTi → 华文楷体; 宋体 → SimSun.
FONT_FALLBACKS: dict[str, tuple[str, ...]] = {
    TITLE_FONT: ("方正小标宋_GBK", "华文中宋", "STZhongsong", "宋体", "SimSun"),
    BODY_FONT: ("仿宋", "FangSong", "华文仿宋", "STFangsong"),
    H1_FONT: ("SimHei", "华文黑体", "STHeiti"),
    H2_FONT: ("楷体", "KaiTi", "华文楷体", "STKaiti"),
    PAGE_NUMBER_FONT: ("SimSun", "华文宋体", "STSong"),
}
# PANOSE and family of each font's first fallback (what Word's substitution matches on).
_FONT_CLASS = {
    TITLE_FONT: ("02010600030101010101", "auto", "variable"),
    BODY_FONT: ("02010609060101010101", "modern", "fixed"),
    H1_FONT: ("02010609060101010101", "modern", "fixed"),
    H2_FONT: ("02010609060101010101", "modern", "fixed"),
    PAGE_NUMBER_FONT: ("02010600030101010101", "auto", "variable"),
}

SIZE_TITLE = 22     # 二号
SIZE_BODY = 16      # 三号
SIZE_PAGE_NUMBER = 14  # 四号
LINE_PT = 28.95     # fixed line spacing: 225 mm type area / 22 lines
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}

# block kind → (style name, font, size pt, centred, first-line indent in characters, outline level)
STYLES: dict[str, tuple[str, str, int, bool, int, int | None]] = {
    "title": ("通报标题", TITLE_FONT, SIZE_TITLE, True, 0, 0),
    "h1": ("一级标题", H1_FONT, SIZE_BODY, False, 2, 1),
    "h2": ("二级标题", H2_FONT, SIZE_BODY, False, 2, 2),
    "h3": ("三级标题", BODY_FONT, SIZE_BODY, False, 2, 3),
    "body": ("公文正文", BODY_FONT, SIZE_BODY, False, 2, None),
    "appendix": ("附注标题", H1_FONT, SIZE_BODY, False, 0, 1),
}

# ---- Word -------------------------------------------------------------------------------------

def _set_east_asian(rpr_parent: Any, font: str) -> None:
    """Name ``font`` in every rFonts slot (eastAsia included) of an rPr owner, dropping theme fonts."""
    rpr = rpr_parent.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)
    rfonts.set(qn("w:hint"), "eastAsia")


def _font_table(document: Any) -> None:
    """Add our fonts, each with its first fallback as altName, to word/fontTable.xml."""
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable"))
    root = etree.fromstring(part.blob)
    for font, fallbacks in FONT_FALLBACKS.items():
        panose, family, pitch = _FONT_CLASS[font]
        element = etree.SubElement(root, qn("w:font"), {qn("w:name"): font})
        etree.SubElement(element, qn("w:altName"), {qn("w:val"): fallbacks[0]})
        etree.SubElement(element, qn("w:panose1"), {qn("w:val"): panose})
        etree.SubElement(element, qn("w:charset"), {qn("w:val"): "86"})
        etree.SubElement(element, qn("w:family"), {qn("w:val"): family})
        etree.SubElement(element, qn("w:pitch"), {qn("w:val"): pitch})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _paragraph_format(fmt: Any, centred: bool, indent_chars: int, size: int) -> None:
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(size * indent_chars) if indent_chars else Pt(0)
    ind = fmt.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(indent_chars * 100))


def _styles(document: Any) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr_default.find(qn("w:rFonts"))
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), BODY_FONT)
    lang = rpr_default.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    if spacing is not None:
        spacing.set(qn("w:after"), "0")

    normal = styles["Normal"]
    normal.font.size = Pt(SIZE_BODY)
    _set_east_asian(normal.element, BODY_FONT)
    _paragraph_format(normal.paragraph_format, False, 2, SIZE_BODY)
    for kind, (name, font, size, centred, indent, outline) in STYLES.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        style.font.size = Pt(size)
        style.font.bold = False
        _set_east_asian(style.element, font)
        _paragraph_format(style.paragraph_format, centred, indent, size)
        if outline is not None:
            ppr = style.element.get_or_add_pPr()
            level = ppr.makeelement(qn("w:outlineLvl"), {qn("w:val"): str(outline)})
            ppr.append(level)
        if kind in ("title", "h1", "h2", "appendix"):
            style.paragraph_format.keep_with_next = True
    title = styles[STYLES["title"][0]]
    title.paragraph_format.space_after = Pt(LINE_PT)  # one blank line between title and text


def _page(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(MARGINS_MM["bottom"] - 7 - 5)  # page number ~7 mm below the type area
    _page_number(section)


def _page_number(section: Any) -> None:
    """Footer "— 1 —" in 宋体 四号, centred (GB/T 9704 页码)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    ind = paragraph.paragraph_format.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), "0")

    def run(text: str | None = None, field_char: str | None = None, instr: str | None = None) -> None:
        r = paragraph.add_run(text or "")
        r.font.size = Pt(SIZE_PAGE_NUMBER)
        _set_east_asian(r._element, PAGE_NUMBER_FONT)
        if field_char:
            r._element.append(r._element.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): field_char}))
        if instr:
            element = r._element.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            element.text = instr
            r._element.append(element)

    run("— ")
    run(field_char="begin")
    run(instr=" PAGE ")
    run(field_char="separate")
    run("1")
    run(field_char="end")
    run(" —")


def build_document(bulletin: Bulletin) -> Any:
    """The python-docx Document of a composed bulletin."""
    document = docx.Document()
    _styles(document)
    _page(document)
    _font_table(document)
    document.core_properties.title = bulletin.title
    document.core_properties.language = "zh-CN"
    style_ids = {kind: document.styles.get_style_id(document.styles[name], WD_STYLE_TYPE.PARAGRAPH)
                 for kind, (name, *_) in STYLES.items()}   # looked up once, not on every paragraph
    for block in bulletin.blocks:
        _, font, size, *_ = STYLES[block.kind]
        paragraph = document.add_paragraph()
        _set_style_id(paragraph, style_ids[block.kind])
        run = paragraph.add_run()
        _set_run_text(run, block.text)
        run.font.size = Pt(size)
        _set_east_asian(run._element, font)
    return document


def _set_style_id(paragraph: Any, style_id: str | None) -> None:
    """Give ``paragraph`` the style of id ``style_id`` (None: the default style), as ``paragraph.style = style``.

    Through oxml (``w:pStyle``): python-docx's setter looks the id up again on every paragraph, scanning
    every style of the document for the default one (~1 s for a bulletin of 400 paragraphs).
    """
    paragraph._p.style = style_id


def _set_run_text(run: Any, text: str) -> None:
    """``run.text = text``: a text without tab, newline or carriage return is one ``w:t``, written at once.

    python-docx's setter reads the text character by character to turn ``\\t`` into ``w:tab`` and ``\\n``,
    ``\\r`` into ``w:br``; a text that has any of them still goes that way.
    """
    if any(char in text for char in "\t\n\r"):
        run.text = text
    elif text:
        run._r.add_t(text)   # what the setter writes for such a text: one w:t, xml:space kept where it must be


def render_bulletin(analysis: Analysis, out: Path) -> Path:
    """Write the bulletin of an analysed round as .docx to ``out`` (a folder gets bulletin.docx); return the path."""
    out = Path(out)
    if out.is_dir():
        out = out / "bulletin.docx"
    elif out.suffix.lower() != ".docx":
        out = out.with_suffix(out.suffix + ".docx") if out.suffix else out.with_suffix(".docx")
    return save_document(compose_bulletin(analysis), out)


def save_document(bulletin: Bulletin, path: Path) -> Path:
    """Write a composed bulletin as .docx to ``path``."""
    document = build_document(bulletin)
    with atomic_path(path) as tmp:
        document.save(str(tmp))
    return path


# ---- HTML -------------------------------------------------------------------------------------

def _css_family(font: str, generic: str) -> str:
    names = [font, *FONT_FALLBACKS.get(font, ())]
    return ", ".join(f'"{n}"' for n in names) + f", {generic}"


_HTML = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body.bulletin { max-width: 156mm; margin: 2em auto; color: #000; background: #fff;
  font-family: {{ body_font }}; font-size: 16pt; line-height: 28.95pt; }
.bulletin p { margin: 0; text-indent: 2em; text-align: justify; }
.bulletin h1.title { font-family: {{ title_font }}; font-size: 22pt; font-weight: normal; text-align: center;
  line-height: 1.4; margin: 0 0 28.95pt 0; }
.bulletin h2.h1, .bulletin h2.appendix { font-family: {{ h1_font }}; font-size: 16pt; font-weight: normal;
  margin: 0; text-indent: 2em; line-height: 28.95pt; }
.bulletin h2.appendix { text-indent: 0; margin-top: 28.95pt; }
.bulletin h3.h2 { font-family: {{ h2_font }}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em;
  line-height: 28.95pt; }
.bulletin h4.h3 { font-family: {{ body_font }}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em;
  line-height: 28.95pt; }
.bulletin .pending { color: #c00000; }
</style>
</head>
<body class="bulletin">
{% for b in blocks %}{{ b }}
{% endfor %}</body>
</html>
"""

_TAGS = {"title": ("h1", "title"), "h1": ("h2", "h1"), "appendix": ("h2", "appendix"), "h2": ("h3", "h2"),
         "h3": ("h4", "h3"), "body": ("p", "body")}


def _html_block(block: Block) -> str:
    tag, cls = _TAGS[block.kind]
    text = html.escape(block.text).replace(PENDING, f'<span class="pending">{PENDING}</span>')
    return f'<{tag} class="{cls}">{text}</{tag}>'


def render_bulletin_html(analysis: Analysis) -> str:
    """The same bulletin as a standalone HTML page (for the report)."""
    return bulletin_html(compose_bulletin(analysis))


def bulletin_html(bulletin: Bulletin) -> str:
    """A composed bulletin as a standalone HTML page."""
    template = jinja2.Environment(autoescape=False).from_string(_HTML)
    return template.render(
        title=html.escape(bulletin.title), blocks=[_html_block(b) for b in bulletin.blocks],
        body_font=_css_family(BODY_FONT, "serif"), title_font=_css_family(TITLE_FONT, "serif"),
        h1_font=_css_family(H1_FONT, "sans-serif"), h2_font=_css_family(H2_FONT, "serif"))


def write_bulletin_files(analysis: Analysis, out_dir: Path) -> dict[str, str] | None:
    """bulletin.docx and bulletin.html in ``out_dir`` when the round has a ledger; their names, or None.

    A previous run's bulletin is removed first, so that it cannot pass for this run's.
    """
    for name in BULLETIN_FILES.values():
        (out_dir / name).unlink(missing_ok=True)
    if analysis.frame("ledger") is None:
        return None
    bulletin = compose_bulletin(analysis)
    save_document(bulletin, out_dir / BULLETIN_FILES["docx"])
    write_text(out_dir / BULLETIN_FILES["html"], bulletin_html(bulletin))
    return dict(BULLETIN_FILES)
