"""`toolkit run` end to end on the demo round (toolkit.report.runner and toolkit.report.worker).

The full run (every notebook, --jobs 2) happens once per module; the failure case runs only the
overview and a broken notebook (--only), so the file stays well under three minutes on two cores.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

import toolkit
from toolkit.cli import main
from toolkit.errors import ParameterError, ToolkitError
from toolkit.report import notebooks as catalog
from toolkit.report import runner, worker

REPO_NOTEBOOKS = Path(toolkit.__file__).resolve().parent.parent / "notebooks"
OUTPUT_FILES = ("index.html", "findings.csv", "findings.xlsx", "indicators.json", "manifest.json", "rejected.csv",
                "bulletin.docx", "bulletin.html")


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _notebook(cells: list, parameters: bool = True) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                   "language_info": {"name": "python"}}
    head = [new_markdown_cell("# 测试笔记本")]
    if parameters:
        params = new_code_cell('data_dir = "../data/demo"\nout_dir = None\nthresholds = {}')
        params.metadata["tags"] = ["parameters"]
        head.append(params)
    nb.cells = head + cells
    return nb


@pytest.fixture(scope="module")
def demo_dir(built_demo) -> Path:
    """The session's demo round (read-only: the tests below prove that `toolkit run` writes nothing into it)."""
    return built_demo


#: the areas of the module's full run (with the overview): every notebook is executed by the runner in
#: test_html_escaping and test_mask_run, and by nbval; here the runner's own outputs are checked
FULL_RUN_AREAS = ("cases", "benefits")


@pytest.fixture(scope="module")
def full_run(demo_dir, tmp_path_factory):
    """`toolkit run DEMO --out OUT --jobs 2`, once: (exit code, out dir, input hashes before)."""
    out = tmp_path_factory.mktemp("run") / "out"
    before = _hashes(demo_dir)
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv(catalog.NOTEBOOKS_ENV, raising=False)
        code = main(["run", str(demo_dir), "--out", str(out), "--jobs", "2", "--only", *FULL_RUN_AREAS, "--quiet"])
    return code, out, before


# ---- the full run ---------------------------------------------------------------------------------

def test_run_exits_0_and_writes_every_output(full_run):
    code, out, _ = full_run
    assert code == 0
    for name in OUTPUT_FILES:
        assert (out / name).is_file(), name
    assert not list(out.rglob(".*.part")) and not [p for p in out.rglob(".*") if p.is_file()], "temp files left"
    assert (out / "findings.csv").stat().st_mode & 0o044, "reports are readable by colleagues, not owner-only"
    assert 'href="bulletin.docx"' in (out / "index.html").read_text(encoding="utf-8")


def test_manifest_records_inputs_and_notebooks(full_run, demo_dir):
    _, out, _ = full_run
    manifest = _manifest(out)
    assert manifest["status"] == "ok" and manifest["finished_at"]
    truth = json.loads((demo_dir / ".truth.json").read_text(encoding="utf-8"))
    for file_name in truth["files"].values():
        assert manifest["inputs"][file_name]["sha256"] == hashlib.sha256((demo_dir / file_name).read_bytes()).hexdigest()
    expected = [spec.name for spec in catalog.discover_notebooks(REPO_NOTEBOOKS)
                if spec.is_overview or spec.area in FULL_RUN_AREAS]
    assert [n["name"] for n in manifest["notebooks"]] == expected == ["00_overview", "40_cases", "75_benefits"]
    for record in manifest["notebooks"]:
        assert record["status"] == "ok", record
        assert record["error"] is None and record["duration_s"] > 0
    assert manifest["timings"]["notebooks_s"] > 0


def test_each_notebook_saved_as_ipynb_and_html(full_run, demo_dir):
    _, out, _ = full_run
    for record in _manifest(out)["notebooks"]:
        ipynb, html = out / record["ipynb"], out / record["html"]
        assert ipynb == out / "notebooks" / f"{record['name']}.ipynb" and ipynb.is_file()
        assert html == out / "notebooks" / f"{record['name']}.html" and html.is_file()
        nb = nbformat.read(ipynb, as_version=4)
        assert nb.metadata["papermill"]["parameters"]["data_dir"] == str(demo_dir.resolve())
        assert set(nb.metadata["papermill"]["parameters"]) == {"data_dir", "out_dir", "thresholds"}
        assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        page = html.read_text(encoding="utf-8")
        assert "open_round(" not in page, "code cells must be hidden without --with-code"
        assert not re.search(r'<(script|link|img)[^>]*(src|href)="(https?:)?//', page), "no CDN scripts"
    cases = (out / "notebooks" / "40_cases.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in cases and "核查率" in cases


def test_index_links_notebooks_downloads_and_hashes(full_run):
    _, out, _ = full_run
    page = (out / "index.html").read_text(encoding="utf-8")
    manifest = _manifest(out)
    for record in manifest["notebooks"]:
        assert f'href="{record["html"]}"' in page
    for name in ("findings.xlsx", "findings.csv", "rejected.csv"):
        assert f'href="{name}"' in page
    for info in manifest["inputs"].values():
        assert info["sha256"] in page
    assert "线索核查率" in page and "data:image/png;base64," in page
    assert re.search(r"\d+\.\d%", page), "rates as percentages to one decimal"
    assert not re.search(r'(src|href)="(https?:)?//', page), "index.html must be self-contained"


def test_run_does_not_write_into_the_data_folder(full_run, demo_dir):
    _, _, before = full_run
    assert _hashes(demo_dir) == before


# ---- failures and options -------------------------------------------------------------------------

@pytest.fixture
def broken_notebooks(tmp_path, monkeypatch) -> Path:
    """The repo's notebooks plus 50_broken (raises) and 60_noparams (no parameters cell), via TOOLKIT_NOTEBOOKS."""
    folder = tmp_path / "notebooks"
    shutil.copytree(REPO_NOTEBOOKS, folder, ignore=shutil.ignore_patterns(".*"))
    nbformat.write(_notebook([new_code_cell('print("第一步完成")'),
                              new_code_cell('raise RuntimeError("故意失败 <b>")'),
                              new_code_cell('print("不应执行")')]), folder / "50_broken.ipynb")
    nbformat.write(_notebook([new_code_cell('print("没有参数")')], parameters=False), folder / "60_noparams.ipynb")
    monkeypatch.setenv(catalog.NOTEBOOKS_ENV, str(folder))
    return folder


def test_failing_notebook_does_not_stop_the_others(demo_dir, broken_notebooks, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["run", str(demo_dir), "--out", str(out), "--jobs", "2", "--only", "broken", "noparams", "--quiet"])
    assert code == 1
    assert "50_broken" in capsys.readouterr().err
    manifest = _manifest(out)
    assert manifest["status"] == "failed" and manifest["finished_at"]
    records = {r["name"]: r for r in manifest["notebooks"]}
    assert list(records) == ["00_overview", "50_broken", "60_noparams"]
    assert records["00_overview"]["status"] == "ok"
    broken = records["50_broken"]
    assert broken["status"] == "failed"
    assert broken["error"]["name"] == "RuntimeError" and broken["error"]["value"] == "故意失败 <b>"
    assert isinstance(broken["error"]["cell_index"], int)
    partial = nbformat.read(out / "notebooks" / "50_broken.ipynb", as_version=4)
    texts = [o.get("text", "") for c in partial.cells if c.cell_type == "code" for o in c.outputs]
    assert "第一步完成\n" in texts and "不应执行\n" not in texts
    assert (out / "notebooks" / "50_broken.html").is_file()
    noparams = records["60_noparams"]
    assert noparams["status"] == "failed" and noparams["error"]["name"] == "ParameterError"
    assert noparams["html"] is None and not (out / "notebooks" / "60_noparams.ipynb").exists()
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "RuntimeError: 故意失败 &lt;b&gt;" in page and "故意失败 <b>" not in page
    assert "执行失败" in page and "60_noparams" in page


def test_only_runs_the_overview_and_the_named_areas(demo_dir, tmp_path, monkeypatch):
    monkeypatch.delenv(catalog.NOTEBOOKS_ENV, raising=False)
    out = tmp_path / "out"
    assert main(["run", str(demo_dir), "--out", str(out), "--jobs", "2", "--only", "cases", "--quiet"]) == 0
    manifest = _manifest(out)
    assert [n["name"] for n in manifest["notebooks"]] == ["00_overview", "40_cases"]
    assert manifest["parameters"]["only"] == ["cases"]
    assert sorted(p.name for p in (out / "notebooks").glob("*.*") if p.suffix in (".ipynb", ".html")) == [
        "00_overview.html", "00_overview.ipynb", "40_cases.html", "40_cases.ipynb"]


def test_unknown_only_area_is_a_clear_error(demo_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv(catalog.NOTEBOOKS_ENV, raising=False)
    out = tmp_path / "out"
    assert main(["run", str(demo_dir), "--out", str(out), "--only", "caess", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "未知的领域 caess" in err and "cases" in err and "Traceback" not in err
    assert not out.exists()


def test_out_inside_the_data_folder_is_refused(demo_dir, capsys):
    before = _hashes(demo_dir)
    assert main(["run", str(demo_dir), "--out", str(demo_dir / "report"), "--quiet"]) == 2
    assert "数据目录" in capsys.readouterr().err
    assert _hashes(demo_dir) == before


def test_run_killed_midway_leaves_manifest_running(demo_dir, tmp_path, monkeypatch):
    monkeypatch.delenv(catalog.NOTEBOOKS_ENV, raising=False)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "_collect", interrupted)
    out = tmp_path / "out"
    assert main(["run", str(demo_dir), "--out", str(out), "--quiet"]) == 130
    manifest = _manifest(out)
    assert manifest["status"] == "running" and manifest["finished_at"] is None
    assert {n["status"] for n in manifest["notebooks"]} == {"pending"}
    assert not (out / "index.html").exists()


def test_notebooks_folder_missing_or_empty(tmp_path, monkeypatch):
    with pytest.raises(ToolkitError, match="找不到笔记本目录"):
        catalog.discover_notebooks(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv(catalog.NOTEBOOKS_ENV, str(tmp_path / "empty"))
    with pytest.raises(ToolkitError, match="没有"):
        catalog.discover_notebooks()


def test_an_unreadable_notebook_is_a_parameter_problem_not_a_crash(tmp_path):
    broken = tmp_path / "20_broken.ipynb"
    broken.write_text("{ not json", encoding="utf-8")
    spec = catalog.discover_notebooks(tmp_path)[0]
    assert catalog.check_parameters(spec).startswith("无法读取笔记本参数：JSONDecodeError")
    nbformat.write(_notebook([new_code_cell("x = 1")], parameters=False), broken)
    assert "缺少参数" in catalog.check_parameters(spec)


def test_the_worker_validates_notebooks_without_the_iri_grammars():
    import subprocess
    import sys

    code = ("import sys; from toolkit.report import worker; worker.skip_iri_grammars(); import nbformat, papermill; "
            "nbformat.validate(nbformat.v4.new_notebook()); print('rfc3987_syntax' in sys.modules and "
            "sys.modules['rfc3987_syntax'] is None)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "True\n"


def test_the_runs_main_process_does_not_load_matplotlib():
    import subprocess
    import sys

    code = "import sys, toolkit.cli, toolkit.report.runner; print('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def test_the_kernels_preload_what_the_repo_notebooks_import():
    modules = catalog.imported_modules(catalog.discover_notebooks(REPO_NOTEBOOKS))
    assert {"toolkit.notebook", "toolkit.areas.bids.network", "toolkit.forensic.tables", "pandas"} <= set(modules)
    assert len(modules) == len(set(modules))


def test_repo_notebooks_declare_the_three_parameters():
    specs = catalog.discover_notebooks(REPO_NOTEBOOKS)
    assert specs[0].name == "00_overview" and specs[0].is_overview
    for spec in specs:
        assert catalog.check_parameters(spec) is None, spec.name
    with pytest.raises(ParameterError, match="可用"):
        catalog.select_notebooks(specs, ["nowhere"])


def test_kernel_started_ahead_runs_the_first_notebook_with_its_imports_done(tmp_path, monkeypatch):
    monkeypatch.setattr(worker, "_kept", [])
    monkeypatch.setattr(worker, "_preload", ["toolkit.areas.bids.network", "toolkit.areas.bids.no_such_module"])
    folder = tmp_path / "notebooks"
    folder.mkdir()
    probe = _probe(tmp_path, folder, "import sys\nprint('toolkit.notebook' in sys.modules, "
                                     "'toolkit.areas.bids.network' in sys.modules)")
    worker.start_kernel_ahead(str(folder.resolve()))
    manager = worker._kept[0][1]
    try:
        assert probe() == "True True"   # WARM_UP imported, and the modules to preload (one that does not exist passed over)
        assert worker._kept == [(str(folder.resolve()), manager)]   # kept for the next notebook
    finally:
        worker.stop_kept_kernels()
    assert not manager.has_kernel


def _probe(tmp_path, folder, source: str):
    """A one-cell notebook run through ENGINE: its printed text."""
    import papermill

    path = folder / f"probe{len(list(folder.iterdir()))}.ipynb"
    nbformat.write(_notebook([new_code_cell(source)]), path)
    worker.register_engine()

    def run() -> str:
        nb = papermill.execute_notebook(str(path), str(tmp_path / "out.ipynb"), kernel_name=worker.KERNEL_NAME,
                                        cwd=str(folder), engine_name=worker.ENGINE, progress_bar=False,
                                        shutdown_kernel="immediate")
        return "".join(o.get("text", "") for o in nb.cells[-1].outputs).strip()

    return run


def test_a_kept_kernel_gives_the_next_notebook_a_fresh_kernels_state(tmp_path, monkeypatch):
    monkeypatch.setattr(worker, "_kept", [])
    folder = tmp_path / "notebooks"
    (folder / "elsewhere").mkdir(parents=True)
    mess = _probe(tmp_path, folder, (
        "import os, sys, warnings\nimport matplotlib as mpl, matplotlib.pyplot as plt, pandas as pd\n"
        "left = 1\nmpl.rcParams['font.size'] = 31\npd.set_option('display.max_rows', 3)\n"
        "warnings.filterwarnings('error')\nos.chdir('elsewhere')\nsys.path.append('/nowhere')\n"
        "os.environ['TOOLKIT_PROBE'] = 'x'\nplt.figure()\nprint(os.getpid())"))
    look = _probe(tmp_path, folder, (
        "import os, sys, warnings\nimport matplotlib as mpl, matplotlib.pyplot as plt, pandas as pd\n"
        "print(os.getpid(), 'left' in globals(), 'pandas' in globals(), mpl.rcParams['font.size'],\n"
        "      pd.get_option('display.max_rows'), ('error', None, Warning, None, 0) in warnings.filters,\n"
        "      os.path.basename(os.getcwd()), '/nowhere' in sys.path, 'TOOLKIT_PROBE' in os.environ,\n"
        "      len(plt.get_fignums()), get_ipython().execution_count)"))
    worker.start_kernel_ahead(str(folder.resolve()))
    try:
        first = look().split()                             # the kernel started ahead, before any notebook
        pid = mess()
        again = look().split()
    finally:
        worker.stop_kept_kernels()
    assert pid == first[0] == again[0]                     # one kernel for the three notebooks
    # as in a fresh kernel (the execution count is the probe's, after the parameters cell, as nbclient's own gives)
    assert again[1:] == first[1:] == ["False", "False", "10.0", "60", "False", "notebooks", "False", "False", "0", "3"]


def test_a_kernel_that_died_is_not_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(worker, "_kept", [])
    folder = tmp_path / "notebooks"
    folder.mkdir()
    pid = _probe(tmp_path, folder, "import os\nprint(os.getpid())")
    die = _probe(tmp_path, folder, "import os\nos._exit(1)")
    try:
        first = pid()                                      # no kernel ahead: the engine starts one and keeps it
        assert len(worker._kept) == 1
        with pytest.raises(Exception):
            die()
        assert worker._kept == []
        assert pid() != first                              # a new kernel
    finally:
        worker.stop_kept_kernels()