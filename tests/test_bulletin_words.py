"""Tests for toolkit.bulletin.words: a measure's status and the document numbers it cites."""

from __future__ import annotations

import pytest

from toolkit.bulletin.parse import parse_bulletin_lines
from toolkit.bulletin.words import classify_status, find_document_numbers


@pytest.mark.parametrize("text, status, basis", [
    ("盐化工业城消防站已挂牌，正在推进固废处理项目", "推进中", "正在、推进"),       # 正在 beats 已
    ("X五中目前已完成招标，即将开工", "推进中", "已、完成、即将"),                  # done + planned
    ("县农业开发办、县农业农村局相关职能划转已拟定方案，将于近期上报县委研究", "推进中", "已、将于"),
    ("计划安排今年新招聘的农村教师在城区跟班学习一年，在城区跟班学习的农村教师秋季开学后全部回到农村学校任教",
     "未启动", "计划"),                                                             # 全部 is planned too
    ("将于9月底前完成会议记录专项检查", "未启动", "将于"),                          # 将于…完成
    ("2020年秋季将交付使用，可提供X个园位", "未启动", "将交付"),
    ("今年将适时组织开展培训", "未启动", "将适时"),
    ("同时计划招聘X名特岗教师", "未启动", "计划"),
    ("拟于下半年开展专题调研", "未启动", "拟"),
    ("改造工程尚未启动", "未启动", "尚未启动"),
    ("各项问题均按要求整改到位，未发现反弹现象", "已完成", "到位"),
    ("违规收费已全部退回企业", "已完成", "已、全部"),
    ("完成了X处红色文物革命旧址的修缮和保护工作", "已完成", "完成"),
    ("已草拟了改革意见", "已完成", "已"),                                            # 草拟 is not 拟
    ("启动了国土空间规划编制工作", "推进中", "启动"),
    ("已启动项目建设招投标前期准备工作", "推进中", "启动"),                          # started ≠ finished
    ("正加快推进研发中心建设", "推进中", "正、推进"),
    ("办理率达X%，但因受疫情影响，部分线索尚未办结", "推进中", "尚未"),
    ("将习近平总书记视察江西重要讲话精神纳入《学习重点内容安排》，进行重点学习", None, None),  # 把-like 将
    ("科学制定学习计划，制定了县政府党组理论学习计划", None, None),                # noun 计划
    ("制定了《X县民营企业家培训计划》", None, None),                              # words in titles are masked
    ("针对工作要求落实不到位以及“应进不进”现象的窗口单位，下达了督办通知单", None, None),
    ("确保在限定的时间内整改到位", None, None),                                      # an aim, not a fact
    ("对已确定的精品点原则上保持三年不变持续打造", None, None),                      # 已X的 is an adjective
    ("明确了2020年重点推进的十件民生实事", None, None),                              # 推进的 is an adjective
    ("近期召开了专题会议", None, None),
    ("梳理了X篇未学习的法规条例", None, None),
])
def test_status_precedence(text, status, basis):
    assert classify_status(text) == (status, basis)


def test_status_reads_sentence_by_sentence():
    # the future reading of 计划 ends with its sentence: the next sentence's 已 counts
    assert classify_status("计划秋季扩班X个左右。县财政已预算X万元") == ("推进中", "计划、已")


def test_document_numbers():
    text = "印发了《通知》（X办字〔2020〕12号）和（Y人社字﹝2019﹞3号），转发《办法》〔X府办字（2018）5号〕，再次强调X办字〔2020〕12号"
    assert find_document_numbers(text) == ["X办字〔2020〕12号", "Y人社字﹝2019﹞3号", "X府办字（2018）5号"]
    df = parse_bulletin_lines(["1.“A”方面", "（1）关于“B”的问题", "整改情况：一是" + text])
    assert df["evidence"].tolist() == ["X办字〔2020〕12号；Y人社字﹝2019﹞3号；X府办字（2018）5号"]
    assert find_document_numbers("没有文号") == []
    assert find_document_numbers("见X县委办X字〔2020〕1号，印发了赣府厅字〔2020〕3号文件") == [
        "X县委办X字〔2020〕1号", "赣府厅字〔2020〕3号"]
