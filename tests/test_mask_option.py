"""Masking turned on by round.toml (`mask = true`), recorded in the snapshot key, kept by the notebooks."""

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.config import load_config, parse_config
from toolkit.errors import ConfigError
from toolkit.notebook import open_round
from toolkit.pipeline import check_round
from toolkit.snapshot import load_snapshot, snapshot_masked

HEADER = ["编号", "案件编号", "姓名", "单位", "形态", "处理结果"]
ROW = ["A-1", "A1", "张三丰", "县财政局", "第一种形态", "警告（电话 13812345678）"]


def _round(days=("2020-01-01", "2020-06-30")) -> dict:
    return {"round": {"slug": "r", "period_start": dt.date.fromisoformat(days[0]),
                      "as_of": dt.date.fromisoformat(days[1])}}


def test_mask_option_defaults_to_false_and_must_be_a_boolean():
    assert parse_config(_round()).mask is False
    raw = _round()
    raw["round"]["mask"] = True
    assert parse_config(raw).mask is True
    raw["round"]["mask"] = "yes"
    with pytest.raises(ConfigError, match=r"\[round\] mask 应为 true 或 false"):
        parse_config(raw)


def test_mask_in_round_toml_masks_every_output_and_the_snapshot(round_dir, tmp_path):
    toml = round_dir.root / "round.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "mask = true\n", encoding="utf-8")
    round_dir.csv("处分与处理.csv", [HEADER, ROW])
    analysis, manifest, out = check_round(round_dir.root, tmp_path / "out")
    assert manifest["parameters"]["mask"] is True
    assert analysis.frame("cases")["person"].tolist() == ["张**"]
    for name in ("findings.csv", "rejected.csv"):
        assert "张三丰" not in (out / name).read_text(encoding="utf-8-sig")
    config = load_config(round_dir.root / "round.toml")
    assert snapshot_masked(out) is True
    assert load_snapshot(round_dir.root, config, out, mask=True).data.frames["cases"]["person"].tolist() == ["张**"]
    assert load_snapshot(round_dir.root, config, out, mask=False) is None


def test_unmasked_snapshot_is_never_served_to_a_masked_run(round_dir, tmp_path):
    round_dir.csv("处分与处理.csv", [HEADER, ROW])
    _, _, out = check_round(round_dir.root, tmp_path / "out")
    config = load_config(round_dir.root / "round.toml")
    assert snapshot_masked(out) is False
    assert load_snapshot(round_dir.root, config, out, mask=True) is None
    assert load_snapshot(round_dir.root, config, out).data.frames["cases"]["person"].tolist() == ["张三丰"]


def test_notebook_of_a_masked_run_stays_masked_when_it_reads_the_round_itself(round_dir, tmp_path):
    round_dir.csv("处分与处理.csv", [HEADER, ROW])
    _, _, out = check_round(round_dir.root, tmp_path / "out", mask=True)
    from_snapshot = open_round(round_dir.root, None, out / "notebooks" / "x_files")
    assert from_snapshot.timings.get("snapshot_s") is not None
    assert from_snapshot.frame("cases")["person"].tolist() == ["张**"]
    reread = open_round(round_dir.root, {"clue_days_max": 60}, out / "notebooks" / "x_files")  # key differs
    assert "snapshot_s" not in reread.timings
    assert reread.frame("cases")["person"].tolist() == ["张**"]
    assert "13812345678" not in reread.frame("cases")["sanction"].tolist()[0]


def _docx_xml(path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_bulletin_render_of_a_round_with_mask_true_is_masked(tmp_path):
    rounds = {}
    for masked in (False, True):
        folder = shutil.copytree(Path(__file__).parent / "fixtures" / "bulletins" / "round", tmp_path / f"r{masked}")
        ledger = folder / "整改台账.csv"
        ledger.write_text(ledger.read_text(encoding="utf-8").replace("深化理论学习", "深化理论学习（联系电话13812345678）"),
                          encoding="utf-8")
        if masked:
            (folder / "round.toml").write_text((folder / "round.toml").read_text(encoding="utf-8") + "mask = true\n",
                                               encoding="utf-8")
        assert main(["bulletin", "render", str(folder), "--out", str(tmp_path / f"{masked}.docx")]) == 0
        rounds[masked] = _docx_xml(tmp_path / f"{masked}.docx")
    assert "13812345678" in rounds[False]
    assert "13812345678" not in rounds[True] and "138****5678" in rounds[True]
