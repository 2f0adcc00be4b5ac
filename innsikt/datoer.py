"""How much of a date we know: the report gives years, an editor may know the day."""

import datetime

from django.db import models
from django.utils.formats import date_format


class Datopresisjon(models.TextChoices):
    AAR = "aar", "Bare året"
    DAG = "dag", "Hele datoen"


def vis_dato(dato: datetime.date | None, presisjon: str, format: str) -> str:
    """The date as far as it is known: only the year when that is all we know."""
    if dato is None:
        return ""
    if presisjon == Datopresisjon.AAR:
        return str(dato.year)
    return date_format(dato, format)
