"""The product's seed content: which fixture files, in which order, and their personvern check."""

import json
from pathlib import Path

from django.conf import settings

from skattekiste.felles.personvern import find_identity_numbers

FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures"
# What names an object in a message: fixtures use natural keys, so there is often no pk.
_NAMING_FIELDS = ("slug", "ord", "navn", "name", "tittel", "tekst")


def seed_fixture_paths() -> list[Path]:
    """Fixture files in load order (their numeric prefixes put references first)."""
    return sorted(FIXTURE_DIR.glob("[0-9][0-9]_*.json"))


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _name(obj: dict) -> str:
    fields = obj.get("fields", {})
    for key in _NAMING_FIELDS:
        if isinstance(fields.get(key), str):
            return f"«{fields[key][:60]}»"
    return f"pk {obj['pk']}" if "pk" in obj else "uten navn"


def identity_numbers_in_fixtures(paths) -> list[str]:
    """One line per field that holds an identity number: file, model, object and field.

    The number itself is never repeated in the message.
    """
    problems = []
    for path in paths:
        for obj in json.loads(Path(path).read_text()):
            for field_name, value in obj.get("fields", {}).items():
                kinds = [kind for text in _texts(value) for kind in find_identity_numbers(text)]
                if kinds:
                    problems.append(
                        f"{Path(path).name}: {obj.get('model')} {_name(obj)}, feltet "
                        f"«{field_name}» har et {kinds[0]}"
                    )
    return problems
