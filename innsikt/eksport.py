"""The insight list as rows for a download (felles/eksport.py writes the file): every
insight the filtered list shows, in its order, read a chunk at a time. Insights carry no
contact details."""

from collections.abc import Iterator

from django.conf import settings

from innsikt.datoer import Datopresisjon
from innsikt.models import Innsikt

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


def _record(i: Innsikt) -> dict:
    return {
        "tittel": i.tittel,
        "lenke": settings.SITE_ROOT + i.get_absolute_url(),
        # Only the year when that is all we know (issue 16): never a made-up 1 January.
        "dato": i.dato.year if i.dato_presisjon == Datopresisjon.AAR else i.dato,
        "styrke": i.get_styrke_display(),
        "fra_gruppen_selv": "ja" if i.fra_gruppen_selv else "nei",
        "grupper": [g.navn for g in i.grupper.all()],
        "behov": [b.tekst for b in i.behov.all()],
        "distrikter": [d.navn for d in i.distrikter.all()],
        "kilder": [k.tittel for k in i.kilder.all()],
        "tema": sorted(t.name for t in i.tema.all()),
        "forklaring": i.forklaring,
    }


def records(ids: list[int]) -> Iterator[dict]:
    """The published insights `ids`, in that order, six queries per CHUNK insights."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found = Innsikt.objects.published().filter(pk__in=chunk)
        found = found.prefetch_related("grupper", "behov", "distrikter", "kilder", "tema")
        by_id = {i.pk: i for i in found}
        for pk in chunk:
            if pk in by_id:
                yield _record(by_id[pk])
