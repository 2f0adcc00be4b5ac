"""The insight list as rows for a download (felles/eksport.py writes the file): every
insight the filtered list shows, in its order, read a chunk at a time. Insights carry no
contact details."""

from collections.abc import Iterator

from django.conf import settings
from django.urls import reverse

from innsikt.behov import Behov
from innsikt.datoer import Datopresisjon
from innsikt.models import Innsikt, Kilde
from skattekiste.felles.eksport import names
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Tema

CHUNK = 1000

COLUMNS = [
    ("Funn", "tittel"),
    ("Lenke", "lenke"),
    ("Dato", "dato"),
    ("Hvor solid", "styrke"),
    ("Fra gruppens egen stemme", "fra_gruppen_selv"),
    ("Innbyggergrupper", "grupper"),
    ("Behov", "behov"),
    ("Distrikt", "distrikter"),
    ("Kilder", "kilder"),
    ("Tema", "tema"),
    ("Forklaring og grunnlag", "forklaring"),
]


_STYRKE = dict(Innsikt.Styrke.choices)
_FIELDS = ("slug", "tittel", "dato", "dato_presisjon", "styrke", "fra_gruppen_selv", "forklaring")
_LINKS = {
    "grupper": names(Innbyggergruppe, "innsikter", "navn", "navn"),
    "behov": names(Behov, "innsikter", "tekst", "rekkefolge", "pk"),
    "distrikter": names(Distrikt, "innsikter", "navn", "navn"),
    "kilder": names(Kilde, "innsikter", "tittel", "-aar", "tittel"),
    "tema": names(Tema, "innsikt_items__content_object", "name", "name"),
}


def _record(row: dict) -> dict:
    return {
        "tittel": row["tittel"],
        "lenke": settings.SITE_ROOT + reverse("innsikt:detail", kwargs={"slug": row["slug"]}),
        # Only the year when that is all we know (issue 16): never a made-up 1 January.
        "dato": row["dato"].year if row["dato_presisjon"] == Datopresisjon.AAR else row["dato"],
        "styrke": _STYRKE[row["styrke"]],
        "fra_gruppen_selv": "ja" if row["fra_gruppen_selv"] else "nei",
        **{key: row[f"_{key}"] for key in _LINKS},
        "forklaring": row["forklaring"],
    }


def records(ids: list[int]) -> Iterator[dict]:
    """The published insights `ids`, in that order, one query per CHUNK insights."""
    links = {f"_{key}": expression for key, expression in _LINKS.items()}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found = Innsikt.objects.published().filter(pk__in=chunk).order_by()
        by_id = {row["pk"]: row for row in found.values("pk", *_FIELDS, **links)}
        for pk in chunk:
            if pk in by_id:
                yield _record(by_id[pk])
