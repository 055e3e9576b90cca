"""公务接待: every reception check of contract/checks.md, planted violation / exactly at the limit / clean row."""

from __future__ import annotations

import pytest

from toolkit.areas import sangong


@pytest.mark.parametrize("letter,flagged", [
    ("无", True), (None, True), ("  ", True), ("N/A", True), ("—", True), ("没有", True),
    ("市财函〔2020〕1号", False), ("无公函", False),
])
def test_no_letter(letter, flagged, sg):
    result = sg.run({"reception": [sg.reception("R1", letter_no=letter)]})
    assert sg.found(result, "reception.no_letter") == (["R1"] if flagged else [])


@pytest.mark.parametrize("a,b,same", [
    ("青岚", "青岚县", True), ("青岚县", "青岚", True), ("南昌市", "南昌", True), ("南昌区", "南昌", True),
    ("南昌市", "南昌县", False), ("青 岚\u3000县", "青岚县", True), ("南昌市", "南昌市", True),
    ("南昌", "南昌市市", False), ("南", "南昌", False), ("", "", False), (None, "青岚县", False),
    ("昌市", "南昌市", False),
])
def test_same_city_normalisation(a, b, same):
    assert sangong.same_city(a, b) is same
    assert sangong.same_city(b, a) is same


def test_same_city_uses_row_city_else_round_city(sg):
    rows = [
        sg.reception("R1", guest_city="青岚", city=None),              # round city 青岚县 → same
        sg.reception("R2", guest_city="南昌", city="南昌市"),          # row city wins → same
        sg.reception("R3", guest_city="青岚县", city="南昌市"),        # row city wins → different
        sg.reception("R4", guest_city=None, city=None),                # guest city empty → never
        sg.reception("R5", guest_city="南昌县", city="南昌市"),        # different places
        sg.reception("R6", guest_city=" 青 岚 县 ", city="无"),        # 无 = empty city → round city
        sg.reception("R7", guest_city="无", city=None),                # 无 = empty guest city
    ]
    result = sg.run({"reception": rows})
    assert sg.found(result, "reception.same_city") == ["R1", "R2", "R6"]
    message = sg.finding(result, "reception.same_city", "R1")["message"]
    assert "青岚" in message and "青岚县" in message and "同城" in message
    assert sg.finding(result, "reception.same_city", "R2")["amount"] == 600.0


def test_same_city_without_round_city(sg):
    result = sg.run({"reception": [sg.reception("R1", guest_city="青岚县", city=None)]}, city="")
    assert sg.found(result, "reception.same_city") == []


@pytest.mark.parametrize("guests,hosts,flagged", [
    (10, 3, False), (10, 4, True), (1, 3, False), (2, 4, True),
    (12, 4, False), (11, 4, True), (30, 10, False), (30, 11, True), (11, 3, False),
])
def test_hosts_over_limit(guests, hosts, flagged, sg):
    result = sg.run({"reception": [sg.reception("R1", guests=guests, hosts=hosts, amount=100.0)]})
    assert sg.found(result, "reception.hosts_over_limit") == (["R1"] if flagged else [])


def test_hosts_over_limit_message_names_values(sg):
    result = sg.run({"reception": [sg.reception("R1", guests=11, hosts=4)]})
    message = sg.finding(result, "reception.hosts_over_limit", "R1")["message"]
    assert "陪餐4人" in message and "最多3人" in message


@pytest.mark.parametrize("amount,flagged", [(450.0, False), (450.01, True), (100.0, False)])
def test_per_capita_over_standard(amount, flagged, sg):
    result = sg.run({"reception": [sg.reception("R1", guests=2, hosts=1, amount=amount)]})
    assert sg.found(result, "reception.per_capita_over_standard") == (["R1"] if flagged else [])


def test_per_capita_threshold_and_message(sg):
    result = sg.run({"reception": [sg.reception("R1", guests=2, hosts=1, amount=600.0)]}, reception_per_capita_max=200)
    assert sg.found(result, "reception.per_capita_over_standard") == []
    result = sg.run({"reception": [sg.reception("R1", guests=2, hosts=1, amount=601.5)]}, reception_per_capita_max=200)
    row = sg.finding(result, "reception.per_capita_over_standard", "R1")
    assert "人均200.50元" in row["message"] and "200元标准" in row["message"] and row["amount"] == 601.5


def test_duplicate_invoice(sg):
    rows = [sg.reception("R1", invoice_no="3600123"), sg.reception("R2", invoice_no=" 3600123 "),
            sg.reception("R3", invoice_no="3600999"), sg.reception("R4", invoice_no="无"),
            sg.reception("R5", invoice_no="无"),
            sg.reception("R6", invoice_no=None), sg.reception("R7", invoice_no=None)]
    result = sg.run({"reception": rows})
    assert sg.found(result, "reception.duplicate_invoice") == ["R1", "R2"]
    assert "R1、R2" in sg.finding(result, "reception.duplicate_invoice", "R2")["message"]


def test_split(sg):
    rows = [sg.reception("R1", venue="青岚宾馆", amount=1400.0), sg.reception("R2", venue=" 青岚宾馆", amount=1300.0),
            sg.reception("R3", venue="青岚宾馆", date="2020-03-06"),          # other day
            sg.reception("R4", venue="青岚宾馆", unit="县教育局"),            # other unit
            sg.reception("R5", venue=None), sg.reception("R6", venue=None),      # venue not set
            sg.reception("R7", venue="无"), sg.reception("R8", venue="无")]
    result = sg.run({"reception": rows})
    assert sg.found(result, "reception.split") == ["R1", "R2"]
    message = sg.finding(result, "reception.split", "R1")["message"]
    assert "2条" in message and "合计2,700元" in message and "拆分" in message


@pytest.mark.parametrize("day,flagged", [
    ("2020-01-19", False),   # Sunday, 调休上班
    ("2020-06-25", True),    # Thursday, 端午节
    ("2020-03-07", True),    # ordinary Saturday
    ("2020-03-05", False),   # ordinary Thursday
])
def test_reception_holiday_follows_official_calendar(day, flagged, sg):
    result = sg.run({"reception": [sg.reception("R1", date=day)]})
    assert sg.found(result, "reception.holiday") == (["R1"] if flagged else [])


def test_calendar_fallback_noted_once(sg):
    result = sg.run({"reception": [sg.reception("R1", date="2099-01-03")],
                     "vehicle_trips": [sg.trip("T1", start_time="2099-01-04 09:00", end_time="2099-01-04 10:00")],
                     "fuel": [sg.fill("F1", time="2099-01-05 09:00")]})
    assert sg.found(result, "reception.holiday") == ["R1"] and sg.found(result, "vehicle.holiday_use") == ["T1"]
    assert sg.found(result, "fuel.holiday") == []
    calendar_notes = [n for n in result.notes if "节假日安排未覆盖" in n]
    assert len(calendar_notes) == 1 and "3 天" in calendar_notes[0]
