"""The example list as rows for a download (felles/eksport.py writes the file): every
example the filtered list shows, in its order, read a chunk at a time."""

from collections.abc import Iterator

from django.conf import settings

from skattekiste.eksempler.models import Eksempel

CHUNK = 1000

COLUMNS = [
    ("Tittel", "tittel"),
    ("Lenke", "lenke"),
    ("År", "aar"),
    ("Publisert", "publisert"),
    ("Situasjon", "situasjoner"),
    ("Distrikt", "distrikter"),
    ("Sted", "sted"),
    ("Tema", "tema"),
    ("Innbyggergrupper", "grupper"),
    ("Metoder", "metoder"),
    ("Ingress", "ingress"),
    ("Hva vi gjorde", "beskrivelse"),
    ("Hva fungerte", "hva_fungerte"),
    ("Hva fungerte ikke", "hva_fungerte_ikke"),
    ("Hva vi lærte", "laering"),
    ("Kilder", "kilder"),
]
# As on the example's page, which only logged-in employees see.
CONTACT_COLUMNS = [
    ("Kontaktperson", "kontakt_navn"),
    ("Rolle", "kontakt_rolle"),
    ("Enhet", "kontakt_enhet"),
    ("E-post", "kontakt_epost"),
    ("Telefon", "kontakt_telefon"),
]


def columns(*, kontakt: bool):
    return COLUMNS + (CONTACT_COLUMNS if kontakt else [])


def _record(e: Eksempel, *, kontakt: bool) -> dict:
    record = {
        "tittel": e.tittel,
        "lenke": settings.SITE_ROOT + e.get_absolute_url(),
        "aar": e.aar,
        "publisert": e.publisert,
        "situasjoner": e.get_situasjoner_display(),
        "distrikter": [d.navn for d in e.distrikter.all()],
        "sted": e.sted,
        "tema": sorted(t.name for t in e.tema.all()),
        "grupper": [g.navn for g in e.grupper.all()],
        "metoder": [m.navn for m in e.metoder.all()],
        "ingress": e.ingress,
        "beskrivelse": e.beskrivelse,
        "hva_fungerte": e.hva_fungerte,
        "hva_fungerte_ikke": e.hva_fungerte_ikke,
        "laering": e.laering,
        "kilder": e.kilder,
    }
    if kontakt:
        record.update({key: getattr(e, key) for _, key in CONTACT_COLUMNS})
    return record


def records(ids: list[int], *, kontakt: bool) -> Iterator[dict]:
    """The published examples `ids`, in that order, five queries per CHUNK examples."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found = Eksempel.objects.published().filter(pk__in=chunk)
        found = found.prefetch_related("distrikter", "tema", "grupper", "metoder")
        by_id = {e.pk: e for e in found}
        for pk in chunk:
            if pk in by_id:
                yield _record(by_id[pk], kontakt=kontakt)
