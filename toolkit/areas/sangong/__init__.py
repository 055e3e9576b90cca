"""三公经费: reception, vehicle, fuel, overseas and budget checks, the Benford screen, indicators, tables, charts.

Every rule is the one of contract/checks.md (section sangong), word for word;
where the contract leaves a choice open the docstring of the rule says what we
chose. Each sub-area module holds its rule masks and its CHECKS; the masks are
shared by the checks, the indicators and the notebook's tables:

========================  =====================================================
``reception``             公务接待: letter, same city, 陪餐, per capita, invoices, split bills, holidays
``vehicles``              公务用车: approval, holidays, night, sensitive destinations
``fuel``                  加油卡: unbound cards, over the tank, holidays, L/100km per plate and month
``overseas``              因公出国（境）: approval, days abroad
``budget``                预算与决算: overspending, final accounts against the detail ledgers
``benford``               本福特定律 screen of the money columns (statistics in toolkit.checks.benford)
``indicators``            indicators.json figures and the notebook's headline
``tables``                what the notebook shows (Chinese headers)
``charts``                the notebook's figures (matplotlib; imported by the notebook, never by the checks)
========================  =====================================================
"""

from __future__ import annotations


from toolkit.areas.sangong import benford as _benford
from toolkit.areas.sangong import budget as _budget
from toolkit.areas.sangong import fuel as _fuel
from toolkit.areas.sangong import overseas as _overseas
from toolkit.areas.sangong import reception as _reception
from toolkit.areas.sangong import vehicles as _vehicles
from toolkit.areas.sangong.benford import (BENFORD_CHARTS_MAX, BENFORD_MAD_MAX, BENFORD_MIN_N, COLUMN_LABELS,
                                           MONEY_COLUMNS, benford_columns, benford_results, benford_summary,
                                           charted_columns, generic_benford, overview_only, results_summary)
from toolkit.areas.sangong.budget import (DETAIL_SOURCES, budget_detail_mismatch, budget_over_budget,
                                          budget_reconciliation, detail_totals, over_budget_mask)
from toolkit.areas.sangong.common import (AREA, FUEL_CATEGORY, OVERSEAS_FEE, RECEPTION_FEE, TITLE, VEHICLE_FEE, WAN,
                                          WEEKDAYS_ZH, non_working)
from toolkit.areas.sangong.fuel import (fuel_consumption, fuel_consumption_anomaly, fuel_holiday, fuel_over_tank,
                                        fuel_unbound_card, majority_unit, over_tank_mask, plate_key,
                                        unbound_card_mask)
from toolkit.areas.sangong.indicators import INDICATORS, headline
from toolkit.areas.sangong.overseas import (COUNTRY_SEPARATORS, overseas_day_limit, overseas_days,
                                            overseas_no_approval, overseas_over_days, split_countries,
                                            unapproved_overseas_mask)
from toolkit.areas.sangong.reception import (CITY_SUFFIXES, hosts_allowed, hosts_over_limit_mask, no_letter_mask,
                                             per_capita_amount,
                                             per_capita_over_mask, reception_city, reception_duplicate_invoice,
                                             reception_holiday, reception_hosts_over_limit, reception_no_letter,
                                             reception_per_capita_over_standard, reception_same_city, reception_split,
                                             same_city, same_city_mask, same_city_pairs, shared_invoice, split_key)
from toolkit.areas.sangong.tables import (anomaly_rows, budget_by_unit, budget_execution, consumption_anomalies,
                                          duplicate_invoice_groups, holiday_trips, hosts_over_limit_receptions,
                                          hosts_vs_guests, night_trips, no_letter_receptions, over_budget_units,
                                          over_tank_fills, overdue_trips_abroad, per_capita, per_capita_distribution,
                                          reconciliation_table, same_city_receptions, sensitive_trips,
                                          spending_by_category, spending_by_month, spending_by_unit, spending_items,
                                          split_groups, unbound_cards, vehicle_weekday_hour)
from toolkit.areas.sangong.vehicles import (destination_keywords, night_mask, unapproved_trip_mask, vehicle_holiday_use,
                                            vehicle_night_use, vehicle_no_approval, vehicle_sensitive_destination)
from toolkit.checks.base import Check, is_empty  # noqa: F401  (is_empty: the notebook's Empty test)
from toolkit.checks.benford import BenfordResult, benford_test  # noqa: F401  (for the notebook)
from toolkit.formatting import no_spaces  # noqa: F401  (kept importable from here)

CHECKS: list[Check] = [*_reception.CHECKS, *_vehicles.CHECKS, *_fuel.CHECKS, *_overseas.CHECKS, *_budget.CHECKS,
                       *_benford.CHECKS]
