"""Text helpers: Norwegian alphabetical order without the database's collation."""

# The embedded server has no ICU, so Æ, Ø and Å would sort wrongly in SQL.
_ORDER = {"æ": "z\x01", "ä": "z\x01", "ø": "z\x02", "ö": "z\x02", "å": "z\x03"}


def norwegian_sort_key(value: str) -> str:
    """Key that sorts … Z, Æ, Ø, Å, case-insensitively."""
    text = value.casefold()
    return "".join(_ORDER.get(char, char) for char in text)


def sort_norwegian(items, key=lambda item: str(item)):
    return sorted(items, key=lambda item: norwegian_sort_key(key(item)))
