"""Synthetic Norwegian identity numbers, built here from the rules (not with the app's code)."""


def _mod11(digits, weights):
    rest = 11 - sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    return 0 if rest == 11 else rest


def build_identity_number(*, day, month, year, individ, d_nummer=False, h_nummer=False):
    """The 11 digits, or None when this individual number gives a check digit of 10."""
    prefix = f"{day + 40 * d_nummer:02d}{month + 40 * h_nummer:02d}{year:02d}{individ:03d}"
    digits = [int(c) for c in prefix]
    k1 = _mod11(digits, (3, 7, 6, 1, 8, 9, 4, 5, 2))
    if k1 == 10:
        return None
    k2 = _mod11([*digits, k1], (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
    if k2 == 10:
        return None
    return prefix + f"{k1}{k2}"


# The red team's groupings of one valid synthetic number (01019010046), word for word.
RED_TEAM_VARIANTS = [
    "01.01.90 10046",
    "01 01 90 10046",
    "010190 100 46",
    "010190\u201310046",  # en dash
    "010190\u201410046",  # em dash
    "010190 - 10046",
    "010190  10046",
    "010190/10046",
    "010190_10046",
    "010190\t10046",
    "010190\n10046",
    "010190\u200b10046",  # zero-width space
    "010190\u00ad10046",  # soft hyphen
    "010190\u200910046",  # thin space
    "01019010046",
]
