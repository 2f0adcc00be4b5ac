"""The product's seed content: which fixture files, in which order."""

from pathlib import Path

from django.conf import settings

FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures"


def seed_fixture_paths() -> list[Path]:
    """Fixture files in load order (their numeric prefixes put references first)."""
    return sorted(FIXTURE_DIR.glob("[0-9][0-9]_*.json"))
