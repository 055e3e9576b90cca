"""The `toolkit` command: exit codes, one-line errors, never a traceback; `check` outputs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pandas as pd
import pytest

from toolkit.cli import main

CLUE_HEADER = ["线索编号", "来源", "受理日期", "办理状态", "办结日期", "处置方式"]


def good_clues(round_dir, extra=()):
    round_dir.csv("问题线索.csv", [CLUE_HEADER, ["C1", "信访举报", "2020-01-01", "核查中", "", ""], *extra])


def test_validate_clean_round_exits_0(round_dir, capsys):
    good_clues(round_dir)
    assert main(["validate", str(round_dir.root)]) == 0
    out = capsys.readouterr().out
    assert "问题线索.csv" in out and "接受 1 行" in out


@pytest.mark.parametrize("row, words", [
    (["C2", "信访举报", "2020-13-01", "核查中", "", ""], ["第 3 行", "受理日期", "2020-13-01", "无法识别的日期"]),
    (["C1", "信访举报", "2020-01-02", "核查中", "", ""], ["第 3 行", "线索编号", "编号重复"]),
    (["C3", "外部", "2020-01-02", "核查中", "", ""], ["第 3 行", "来源", "外部", "不在允许的取值内"]),
])
def test_validate_names_file_row_column_value_reason(round_dir, capsys, row, words):
    good_clues(round_dir, [row])
    assert main(["validate", str(round_dir.root)]) == 1
    out = capsys.readouterr().out
    for word in ["问题线索.csv", *words]:
        assert word in out


def test_validate_missing_required_column(round_dir, capsys):
    round_dir.csv("公务接待.csv", [["编号", "接待单位", "金额"], ["R1", "甲", "-1"]])
    assert main(["validate", str(round_dir.root)]) == 1
    out = capsys.readouterr().out
    assert "公务接待.csv" in out and "缺少必需列" in out and "接待日期" in out


def test_bad_round_toml_is_one_line_exit_2(round_dir, capsys):
    (round_dir.root / "round.toml").write_text('[round]\nslug = "Bad!"\nperiod_start = 2020-01-01\nas_of = 2020-06-30\n',
                                               encoding="utf-8")
    assert main(["validate", str(round_dir.root)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "slug" in err and err.count("\n") == 1


def test_missing_data_dir(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope")]) == 2
    assert "数据目录不存在" in capsys.readouterr().err


def test_check_writes_outputs_and_goes_on_with_accepted_rows(round_dir, tmp_path, capsys):
    good_clues(round_dir, [["C2", "信访举报", "bad", "核查中", "", ""], ["C3", "信访举报", "2020-01-01", "已办结", "2020-02-01", ""]])
    out = tmp_path / "out"
    assert main(["check", str(round_dir.root), "--out", str(out)]) == 0
    assert "1 行被拒绝" in capsys.readouterr().err
    findings = pd.read_csv(out / "findings.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert (out / "findings.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert list(findings.columns[:8]) == ["check_id", "area", "dataset", "record_id", "unit", "severity", "amount", "message"]
    assert sorted(findings["check_id"]) == ["clues.closed_without_disposition", "clues.overdue"]
    indicators = json.loads((out / "indicators.json").read_text(encoding="utf-8"))
    assert indicators["cases.clues.received"] == 2 and indicators["cases.persons"] is None
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "ok" and manifest["round"]["slug"] == "test-round"
    assert len(manifest["inputs"]["问题线索.csv"]["sha256"]) == 64
    assert manifest["packages"]["pandas"] and manifest["finished_at"]
    rejected = pd.read_csv(out / "rejected.csv", encoding="utf-8-sig", dtype=str)
    assert rejected[["row", "column", "value"]].values.tolist() == [["3", "受理日期", "bad"]]
    assert (out / "findings.xlsx").exists()


def test_check_strict_exits_1_on_rejections(round_dir, tmp_path):
    good_clues(round_dir, [["C2", "信访举报", "bad", "核查中", "", ""]])
    assert main(["check", str(round_dir.root), "--out", str(tmp_path / "o"), "--strict"]) == 1


def test_check_same_inputs_same_numbers(round_dir, tmp_path):
    good_clues(round_dir)
    main(["check", str(round_dir.root), "--out", str(tmp_path / "a")])
    main(["check", str(round_dir.root), "--out", str(tmp_path / "b")])
    for name in ("findings.csv", "indicators.json", "rejected.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_threshold_override_on_command_line(round_dir, tmp_path):
    good_clues(round_dir)
    main(["check", str(round_dir.root), "--out", str(tmp_path / "o"), "--set", "clue_days_max=1000"])
    findings = pd.read_csv(tmp_path / "o" / "findings.csv", encoding="utf-8-sig")
    assert findings.empty


def test_console_script_never_prints_a_traceback(round_dir):
    (round_dir.root / "round.toml").write_text("garbage = [", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "toolkit.cli", "check", str(round_dir.root)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "TOML" in proc.stderr


def test_check_mask_hides_personal_data(round_dir, tmp_path):
    header = ["编号", "案件编号", "姓名", "单位", "形态", "处理结果"]
    round_dir.csv("处分与处理.csv", [header, ["13812345678", "A1", "张三丰", "县财政局", "第一种形态", "警告"]])
    main(["check", str(round_dir.root), "--out", str(tmp_path / "plain")])
    main(["check", str(round_dir.root), "--out", str(tmp_path / "masked"), "--mask"])
    plain = (tmp_path / "plain" / "findings.csv").read_text(encoding="utf-8-sig")
    masked = (tmp_path / "masked" / "findings.csv").read_text(encoding="utf-8-sig")
    assert "13812345678" in plain and "13812345678" not in masked and "138****5678" in masked


def test_check_exports_the_ledger_with_three_colour_warnings(round_dir, tmp_path):
    header = ["措施编号", "方面序号", "方面", "问题序号", "问题", "整改措施", "整改类型", "完成时限", "整改状态"]
    round_dir.csv("整改台账.csv", [header,
                                ["1-1-1", "1", "甲", "1", "乙", "措施一", "限期整改", "2020-06-29", "推进中"],    # overdue: 红
                                ["1-1-2", "1", "甲", "1", "乙", "措施二", "限期整改", "2020-07-10", "推进中"],    # 10 days: 黄
                                ["1-1-3", "1", "甲", "1", "乙", "措施三", "限期整改", "2020-07-20", "未启动"],    # 20 days: 绿
                                ["1-1-4", "1", "甲", "1", "乙", "措施四", "限期整改", "2020-07-21", "未启动"],    # 21 days: none
                                ["1-1-5", "1", "甲", "1", "乙", "措施五", "限期整改", "2020-06-01", "已完成"]])  # done: none
    main(["check", str(round_dir.root), "--out", str(tmp_path / "o")])
    ledger = pd.read_excel(tmp_path / "o" / "ledger.xlsx", dtype=str, keep_default_na=False, engine="calamine")
    assert ledger["预警"].tolist() == ["红", "黄", "绿", "", ""]
    assert ledger["完成时限"].iloc[0].startswith("2020-06-29")
    assert ledger["剩余天数"].tolist()[:4] == ["-1", "10", "20", "21"]


# ---- toolkit bulletin ---------------------------------------------------------------------------

BULLETIN_ROUND = Path(__file__).parent / "fixtures" / "bulletins" / "round"   # round.toml, ledger, progress, clues
FIXTURES_EXAMPLE = Path(__file__).parent / "fixtures" / "bulletins" / "example.txt"


def test_bulletin_render_writes_the_docx(tmp_path, capsys):
    out = tmp_path / "cli.docx"
    assert main(["bulletin", "render", str(BULLETIN_ROUND), "--out", str(out)]) == 0
    assert out.is_file() and str(out) in capsys.readouterr().out
    assert docx.Document(str(out)).paragraphs[0].text.endswith("整改进展情况的通报")


def test_bulletin_render_without_ledger_is_one_line_exit_2(round_dir, tmp_path, capsys):
    good_clues(round_dir)
    assert main(["bulletin", "render", str(round_dir.root), "--out", str(tmp_path / "b.docx")]) == 2
    err = capsys.readouterr().err
    assert "没有整改台账" in err and err.count("\n") == 1
    assert not (tmp_path / "b.docx").exists()


def test_bulletin_render_names_an_unreadable_ledger(round_dir, tmp_path, capsys):
    round_dir.csv("整改台账.csv", [["措施编号", "整改措施"], ["1-1-1", "措施一"]])   # required columns missing
    assert main(["bulletin", "render", str(round_dir.root), "--out", str(tmp_path / "b.docx")]) == 2
    err = capsys.readouterr().err
    assert "整改台账.csv" in err and "整改台账未能读取" in err


def test_bulletin_parse_then_render_round_trip(tmp_path, capsys):
    ledger_csv = tmp_path / "round" / "ledger.csv"
    assert main(["bulletin", "parse", str(FIXTURES_EXAMPLE), "--out", str(ledger_csv)]) == 0
    assert "条措施" in capsys.readouterr().out
    shutil.copy(BULLETIN_ROUND / "round.toml", tmp_path / "round")
    assert main(["bulletin", "render", str(tmp_path / "round"), "--out", str(tmp_path / "again.docx")]) == 0
    assert (tmp_path / "again.docx").is_file()
