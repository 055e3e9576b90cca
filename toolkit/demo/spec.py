"""The demo round's fixed facts: dates, the round and its thresholds, check ids, indicator names, file names.

>>> FILES["clues"], ID_COLUMNS["land"]
('问题线索.csv', 'parcel_id')
>>> len(CHECK_IDS), len(INDICATOR_NAMES)
(58, 50)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

DEMO_SEED = 20200630

PERIOD_START = dt.date(2019, 10, 1)
AS_OF = dt.date(2020, 6, 30)
CITY = "青岚县"
FIXED_TIME = dt.datetime(2020, 7, 1)
ZIP_TIME = (2020, 7, 1, 0, 0, 0)
FEEDBACK_DAY = dt.date(2019, 11, 25)

MONTHS = [(2019, 10), (2019, 11), (2019, 12), (2020, 1), (2020, 2), (2020, 3), (2020, 4), (2020, 5),
          (2020, 6)]
#: the Fridays of the weekly progress reports; the last one lies after as_of
WEEKS = [dt.date(2020, 4, 3) + dt.timedelta(weeks=i) for i in range(13)] + [dt.date(2020, 7, 3)]

ROUND = {
    "slug": "demo",
    "title": "省委第一巡视组巡视青岚县反馈意见整改（演示数据）",
    "inspector": "省委第一巡视组",
    "target": "青岚县",
    "city": CITY,
    "period_start": PERIOD_START,
    "as_of": AS_OF,
}

#: the contract's round.example.toml [thresholds], in its order (the first wave's rules read the first 13)
THRESHOLDS: dict[str, Any] = {
    "reception_per_capita_max": 150,
    "vehicle_night_start": 22,
    "vehicle_night_end": 6,
    "sensitive_destinations": ["景区", "度假", "山庄", "会所", "高尔夫", "温泉", "农家乐", "KTV", "洗浴"],
    "fuel_tank_liters_max": 80,
    "fuel_l_per_100km_max": 15,
    "budget_mismatch_ratio": 0.05,
    "budget_mismatch_min": 1000,
    "land_unsupplied_years": 2,
    "land_tax_per_mu_min": 5,
    "land_supply_investment_min": 2000,
    "clue_days_max": 90,
    "ledger_stall_weeks": 4,
    "bid_cv_min": 0.03,
    "bid_submit_window_seconds": 60,
    "bid_loser_min_tenders": 5,
    "village_cash_max": 2000,
    "village_approval_min": 5000,
    "loan_tax_min": 10,
    "dues_stop_months": 6,
    "benefit_means_tested_types": ["低保", "特困"],
}

#: the checks the demo plants (checks.md's first wave)
CHECK_IDS = [
    "ledger.overdue", "ledger.closed_without_signoff", "ledger.completed_late",
    "ledger.stalled", "ledger.regressed",
    "reception.no_letter", "reception.same_city", "reception.hosts_over_limit",
    "reception.per_capita_over_standard", "reception.duplicate_invoice",
    "reception.split", "reception.holiday",
    "vehicle.no_approval", "vehicle.holiday_use", "vehicle.night_use",
    "vehicle.sensitive_destination",
    "fuel.unbound_card", "fuel.over_tank", "fuel.holiday", "fuel.consumption_anomaly",
    "overseas.no_approval", "overseas.over_days",
    "budget.over_budget", "budget.detail_mismatch",
    "generic.benford",
    "land.idle", "land.idle_reclaimable", "land.approved_unsupplied",
    "land.low_efficiency", "land.supply_standard",
    "clues.overdue", "clues.closed_without_disposition",
    "cases.form_sanction_mismatch",
    # second wave
    "bids.shared_identity", "bids.identical_price", "bids.low_spread", "bids.close_submission",
    "bids.perennial_loser",
    "loans.low_tax", "loans.risk_flag", "loans.non_entity_new", "loans.non_entity_not_reduced",
]

INDICATOR_NAMES = [
    "ledger.aspects", "ledger.problems", "ledger.measures", "ledger.leaders",
    "ledger.units", "ledger.completed", "ledger.in_progress", "ledger.not_started",
    "ledger.signed_off", "ledger.completion_rate", "ledger.overdue",
    "sangong.reception.count", "sangong.reception.amount",
    "sangong.vehicle.trips", "sangong.vehicle.km",
    "sangong.fuel.liters", "sangong.fuel.amount",
    "sangong.overseas.trips", "sangong.overseas.cost",
    "land.reclaimed.parcels", "land.reclaimed.area_mu",
    "land.idle.parcels", "land.idle.area_mu",
    "land.unsupplied.parcels", "land.unsupplied.area_mu",
    "cases.clues.received", "cases.clues.closed", "cases.clues.verification_rate",
    "cases.cases", "cases.persons", "cases.sanctioned", "cases.first_form",
    "cases.accountability",
    # second wave
    "bids.tenders", "bids.bids", "bids.flagged_tenders",
    "loans.count", "loans.amount", "loans.non_entity_amount",
]

#: dataset → file name written into the round
FILES = {
    "ledger": "整改台账.xlsx",
    "progress": "progress.csv",
    "reception": "公务接待.xlsx",
    "vehicle_trips": "vehicle_trips.csv",
    "fuel": "加油记录.xlsx",
    "overseas": "因公出国（境）.xlsx",
    "sangong_budget": "三公经费预算与决算.xlsx",
    "land": "工业用地.xlsx",
    "clues": "问题线索.csv",
    "cases": "处分与处理.xlsx",
    "bids": "投标记录.xlsx",
    "loans": "财园信贷通.csv",
}

#: names under which a dataset file may be recognised (to clear stale copies)
DATASET_STEMS = {
    "ledger": ("整改台账", "ledger"), "progress": ("整改周报", "progress"),
    "reception": ("公务接待", "reception"),
    "vehicle_trips": ("公务用车出车记录", "vehicle_trips"),
    "fuel": ("加油记录", "fuel"), "overseas": ("因公出国（境）", "overseas"),
    "sangong_budget": ("三公经费预算与决算", "sangong_budget"),
    "land": ("工业用地", "land"), "clues": ("问题线索", "clues"),
    "cases": ("处分与处理", "cases"),
    "bids": ("投标记录", "bids"),
    "loans": ("财园信贷通", "loans"),
}

#: dataset → its id column (the record_id of its findings)
ID_COLUMNS = {"ledger": "measure_id", "progress": "id", "reception": "id", "vehicle_trips": "id", "fuel": "id",
              "overseas": "id", "sangong_budget": "id", "land": "parcel_id", "clues": "clue_id", "cases": "id",
              "bids": "id", "loans": "id"}

#: the money columns generic.benford screens, in their canonical units
MONEY_COLUMNS = [("reception", "amount"), ("fuel", "amount"), ("overseas", "cost"),
                 ("sangong_budget", "budget"), ("sangong_budget", "actual"), ("land", "investment"),
                 ("land", "agreed_investment"), ("land", "annual_tax"),
                 ("village_finance", "amount"), ("bids", "price")]

# ---- second wave: village (村级财务) and dues (党费), each drawn from its own random.Random
CHECK_IDS += ["village.white_slip", "village.income_to_personal", "village.large_cash", "village.split_payment",
              "dues.underpaid", "dues.missing_month", "dues.stopped"]
INDICATOR_NAMES += ["village.expense", "village.white_slip_amount", "village.cash_share",
                    "dues.members", "dues.paid", "dues.shortfall"]
FILES.update({"village_finance": "村级财务.csv", "party_dues": "党费.xlsx"})
DATASET_STEMS.update({"village_finance": ("村级财务", "village_finance"), "party_dues": ("党费", "party_dues")})
ID_COLUMNS.update({"village_finance": "id", "party_dues": "id"})

# ---- allowances and benefits (second wave) ----
CHECK_IDS += ["allowance.not_in_catalog", "allowance.unit_not_eligible", "allowance.over_cap", "allowance.duplicate",
              "allowance.after_leave", "benefit.staff_recipient", "benefit.after_death", "benefit.duplicate",
              "benefit.bad_id_number"]
INDICATOR_NAMES += ["allowances.amount", "allowances.outside_catalog_amount", "benefits.recipients",
                    "benefits.amount", "benefits.flagged_amount"]
FILES.update({"allowances": "津补贴发放.xlsx", "allowance_catalog": "津补贴清单.csv", "benefits": "惠民惠农补贴发放.xlsx",
              "staff": "财政供养人员及村干部.xlsx", "deaths": "死亡人员.csv"})
DATASET_STEMS.update({"allowances": ("津补贴发放", "allowances"), "allowance_catalog": ("津补贴清单", "allowance_catalog"),
                      "benefits": ("惠民惠农补贴发放", "benefits"), "staff": ("财政供养人员及村干部", "staff"),
                      "deaths": ("死亡人员", "deaths")})
ID_COLUMNS.update({"allowances": "id", "allowance_catalog": "item", "benefits": "id", "staff": "id_number",
                   "deaths": "id_number"})
