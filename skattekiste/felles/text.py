"""Text helpers: Norwegian alphabetical order without the database's collation."""

import re
import unicodedata

from django.utils.text import slugify

# The embedded server has no ICU, so Æ, Ø and Å would sort wrongly in SQL.
# '{', '|' and '}' come right after 'z' in code point order.
_AFTER_Z = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"})


def norwegian_sort_key(value: str) -> str:
    """Key that sorts … Z, Æ, Ø, Å, case-insensitively, other accents as their base letter."""
    # Whole-string operations: a per-character loop made sorting a page's sources cost ms.
    key = value.casefold().translate(_AFTER_Z)
    if key.isascii():
        return key
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


def sort_norwegian(items, key=lambda item: str(item)):
    return sorted(items, key=lambda item: norwegian_sort_key(key(item)))


def join_norwegian(items) -> str:
    """«A», «A og B», «A, B og C»."""
    items = [str(item) for item in items]
    return " og ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


# Digit groups that slugify joins with hyphens, six digits or more in all.
_LONG_NUMBER = re.compile(r"[0-9]+(?:-[0-9]+)*")


def _drop_long_number(match: re.Match) -> str:
    return "" if sum(c.isdigit() for c in match.group()) >= 6 else match.group()


def slugify_norwegian(value: str) -> str:
    """Slug the way the seed content spells them: «Nærmiljø på Ålen» -> naermiljo-pa-alen.

    Long numbers are cut: a slug is a public URL, and digits could be a birth date.
    """
    slug = _LONG_NUMBER.sub(_drop_long_number, slugify(value.translate(_TRANSLITERATE)))
    return re.sub(r"-{2,}", "-", slug).strip("-")


# Bidi embeddings, overrides and isolates, and the invisible direction marks: they can make
# a title read differently from what is stored.
_BIDI_CONTROLS = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C], None
)


def single_line(text: str) -> str:
    """One line of plain text: control characters become spaces, bidi controls go."""
    text = "".join(" " if unicodedata.category(char) == "Cc" else char for char in text)
    return re.sub(r"\s+", " ", text.translate(_BIDI_CONTROLS)).strip()
