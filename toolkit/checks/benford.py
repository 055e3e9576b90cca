"""Benford's law (本福特定律) first-digit and first-two-digit tests: moved to :mod:`toolkit.forensic.digits`.

This name stays for the checks and areas that import it; the statistics, their
definitions (Nigrini's MAD classes, z with the continuity correction, ≥ 300 values
≥ 10) and their doctests live in :mod:`toolkit.forensic.digits`.
"""

from __future__ import annotations

from toolkit.forensic.digits import (EDGE_NOISE, MAD_CLASSES, MIN_N, MIN_VALUE, NONCONFORMITY, SIGNIFICANT,
                                     TOO_SMALL, Z_CRITICAL, BenfordResult, benford_test, expected_proportions,
                                     leading_digits, mad_class, nonconformity_bound, z_statistic, z_statistics)

__all__ = ["EDGE_NOISE", "MAD_CLASSES", "MIN_N", "MIN_VALUE", "NONCONFORMITY", "SIGNIFICANT", "TOO_SMALL",
           "Z_CRITICAL", "BenfordResult", "benford_test", "expected_proportions", "leading_digits", "mad_class",
           "nonconformity_bound", "z_statistic", "z_statistics"]
