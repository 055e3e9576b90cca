"""toolkit.report.notebook_html: the page is nbconvert's, without its slow BeautifulSoup pass."""

from __future__ import annotations

import base64

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from toolkit.report.notebook_html import TEMPLATES, accessible, export_html, notebook_title

PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4f60000000049454e44ae426082")).decode()


def _executed() -> nbformat.NotebookNode:
    nb = new_notebook(metadata={"language_info": {"name": "python"}})
    table = '<table class="dataframe"><tr><th>单位</th></tr><tr><td>青岚&lt;img src=x&gt;</td></tr></table>'
    nb.cells = [
        new_markdown_cell("# 三公经费分析\n\n正文 <img src='a.png'>"),
        new_code_cell("display(x)", execution_count=1, outputs=[
            new_output("display_data", data={"text/html": table, "text/plain": "x"}),
            new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}),
            new_output("stream", name="stdout", text="共 3 条\n")]),
        new_code_cell("1 + 1", execution_count=2, outputs=[
            new_output("execute_result", data={"text/plain": "2"}, execution_count=2)]),
    ]
    return nb


@pytest.mark.parametrize("with_code", [False, True])
def test_the_page_is_nbconverts_own(tmp_path, with_code):
    nb = _executed()
    reference = HTMLExporter(template_name="lab", extra_template_paths=[str(TEMPLATES)],
                             template_file="notebook.html.j2", exclude_input=not with_code,
                             exclude_input_prompt=not with_code, exclude_output_prompt=not with_code,
                             embed_images=True)
    expected, _ = reference.from_notebook_node(nb, resources={"metadata": {"name": "三公经费分析"}})
    page = export_html(nb, tmp_path / "page.html", with_code=with_code, title="三公经费分析").read_text("utf-8")
    assert str(BeautifulSoup(page, features="html.parser")) == expected
    assert 'tabindex="0"' in page and 'alt="No description has been provided for this image"' in page
    assert "<td>青岚&lt;img src=x&gt;</td>" in page           # a table's escaped text stays text


def test_accessible_leaves_what_is_there():
    page = '<div class="jp-OutputArea-output x" tabindex="-1"><img alt="图" src="a"></div><div class="other">'
    assert accessible(page) == page


def test_notebook_title():
    assert notebook_title(_executed(), "fallback") == "三公经费分析"
    assert notebook_title(new_notebook(), "fallback") == "fallback"
