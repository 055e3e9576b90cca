"""核查反馈: findings sent to the units, their answers logged, the review status, the draft ledger.

Kept free of imports: :mod:`toolkit.review.keys` sits in the checks layer (the findings carry their key),
the other modules above the areas (they read an analysed round).
"""
