"""Audit and analysis toolkit for discipline-inspection rounds (巡视巡察).

Data flow: ingest → validate → checks (findings + indicators) → notebooks → report.
"""

__version__ = "0.1.0"
