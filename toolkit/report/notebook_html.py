"""An executed notebook → one self-contained HTML page (nbconvert's lab template, no network).

nbconvert's ``HTMLExporter`` ends by parsing the whole page with BeautifulSoup and writing it out again,
only to give images an ``alt`` text and cells a ``tabindex``: about 2 s of CPU per MB of page, and the
pages of a large round run to several MB (their charts are inline PNGs). :class:`PageExporter` adds the
same two attributes by pattern instead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from toolkit.report.outputs import write_text

TEMPLATES = Path(__file__).resolve().parent / "templates"
NO_ALT = "No description has been provided for this image"   # nbconvert's text for an image without one
_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\salt=)")
_FOCUSABLE = re.compile(r'(<div class="[^"]*\b(?:jp-Cell-inputWrapper|jp-OutputArea-output)\b[^"]*"'
                        r'(?![^>]*\stabindex=)[^>]*?)(/?>)')


def accessible(page: str) -> str:
    """What nbconvert's BeautifulSoup pass adds: alt text on images, keyboard focus on inputs and outputs.

    >>> accessible('<div class="jp-RenderedImage jp-OutputArea-output"><img src="x.png"></div>')
    '<div class="jp-RenderedImage jp-OutputArea-output" tabindex="0"><img alt="No description has been provided for this image" src="x.png"></div>'
    >>> accessible('<div class="jp-Cell-inputWrapper" tabindex="0"><img alt="图" src="x"></div>')
    '<div class="jp-Cell-inputWrapper" tabindex="0"><img alt="图" src="x"></div>'
    """
    page = _IMG_WITHOUT_ALT.sub(f'<img alt="{NO_ALT}"', page)
    return _FOCUSABLE.sub(r'\1 tabindex="0"\2', page)


def notebook_title(nb: Any, fallback: str) -> str:
    """The text of the notebook's first level-1 Markdown heading, else ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def export_html(nb: Any, path: Path, *, with_code: bool, title: str) -> Path:
    """A notebook → a self-contained HTML page, inputs hidden unless with_code.

    Charts are base64 PNG outputs already; the template drops the CDN scripts (require.js, MathJax,
    Mermaid) of nbconvert's lab template, so the page loads nothing from the network.
    """
    body, _ = _html_exporter(with_code).from_notebook_node(nb, resources={"metadata": {"name": title}})
    return write_text(path, body)


@lru_cache(maxsize=2)
def _html_exporter(with_code: bool) -> Any:
    """One exporter per process and setting: its templates are loaded and compiled once."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class PageExporter(HTMLExporter):
        """HTMLExporter.from_notebook_node (nbconvert 7) with :func:`accessible` for its BeautifulSoup pass."""

        def from_notebook_node(self, nb: Any, resources: dict[str, Any] | None = None, **kw: Any):
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            self.register_filter("highlight_code",
                                 self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return accessible(page), resources

    return PageExporter(template_name="lab", extra_template_paths=[str(TEMPLATES)],
                        template_file="notebook.html.j2",   # lab, minus the CDN scripts
                        exclude_input=not with_code, exclude_input_prompt=not with_code,
                        exclude_output_prompt=not with_code, embed_images=True,
                        optimistic_validation=True)   # the notebook validated once, not after each preprocessor
