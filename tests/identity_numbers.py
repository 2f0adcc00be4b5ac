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
