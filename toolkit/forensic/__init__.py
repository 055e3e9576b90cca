"""The auditor's standard tests for any table (通用审计分析), DataFrame-first, as ACL / IDEA users know them.

=================  ==================================================================
module             what
=================  ==================================================================
``duplicates``     DUPLICATES: rows equal on chosen columns, grouped, counts and sums
``fuzzy``          FUZZYDUP: near-identical Chinese company names (rapidfuzz, blocking)
``gaps``           GAPS: missing and repeated invoice / voucher numbers, as ranges
``strata``         STRATIFY and AGE: counts, sums and shares per band / bucket (Chinese labels)
``digits``         digit tests: first, second, first-two, last-two digits, summation; MAD, Nigrini
``sampling``       MUS (plan, systematic selection, Stringer bound) and attribute sampling
``workpaper``      the drawn sample as a workbook, its record for manifest.json
``targets``        which datasets and columns 90_forensic analyses by default
``tables``         the notebook's tables; ``charts`` (imported by the notebook only) its charts
=================  ==================================================================

Every function returns a new frame (or a small frozen result) and never changes its input.
"""

from toolkit.forensic.digits import (BenfordResult, benford_test, digit_test, expected_proportions, mad_class,
                                     summation_test)
from toolkit.forensic.duplicates import duplicate_rows, duplicates
from toolkit.forensic.fuzzy import fuzzy_duplicates, normalise_names
from toolkit.forensic.gaps import gap_summary, gaps
from toolkit.forensic.sampling import (AttributePlan, MusEvaluation, MusPlan, MusSample, attribute_plan,
                                       mus_evaluate, mus_plan, mus_select, poisson_factor)
from toolkit.forensic.strata import age, stratify
from toolkit.forensic.targets import Target, resolve_targets
from toolkit.forensic.workpaper import write_sample

__all__ = ["BenfordResult", "benford_test", "digit_test", "expected_proportions", "mad_class", "summation_test",
           "duplicate_rows", "duplicates", "fuzzy_duplicates", "normalise_names", "gap_summary", "gaps",
           "AttributePlan", "MusEvaluation", "MusPlan", "MusSample", "attribute_plan", "mus_evaluate", "mus_plan",
           "mus_select", "poisson_factor", "age", "stratify", "Target", "resolve_targets", "write_sample"]
