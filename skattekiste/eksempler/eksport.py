"""The example list as rows for a download (felles/eksport.py writes the file): every
example the filtered list shows, in its order, read a chunk at a time."""

from collections.abc import Iterator

from django.conf import settings
from django.urls import reverse

from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.eksport import names
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Situasjon, Tema

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


_SITUASJON = dict(Situasjon.choices)
_TEXT = ("ingress", "beskrivelse", "hva_fungerte", "hva_fungerte_ikke", "laering", "kilder")
_FIELDS = ("slug", "tittel", "aar", "publisert", "situasjoner", "sted", *_TEXT)
_LINKS = {
    "distrikter": names(Distrikt, "eksempler", "navn", "navn"),
    "tema": names(Tema, "eksempel_items__content_object", "name", "name"),
    "grupper": names(Innbyggergruppe, "eksempler", "navn", "navn"),
    "metoder": names(Metode, "eksempler", "navn", "nummer"),
}


def _record(row: dict, *, kontakt: bool) -> dict:
    record = {
        "tittel": row["tittel"],
        "lenke": settings.SITE_ROOT + reverse("eksempler:detail", kwargs={"slug": row["slug"]}),
        "aar": row["aar"],
        "publisert": row["publisert"],
        "situasjoner": [_SITUASJON[s] for s in row["situasjoner"] if s in _SITUASJON],
        "sted": row["sted"],
        **{key: row[f"_{key}"] for key in _LINKS},
        **{key: row[key] for key in _TEXT},
    }
    if kontakt:
        record.update({key: row[key] for _, key in CONTACT_COLUMNS})
    return record


def records(ids: list[int], *, kontakt: bool) -> Iterator[dict]:
    """The published examples `ids`, in that order, one query per CHUNK examples."""
    fields = (*_FIELDS, *(key for _, key in CONTACT_COLUMNS)) if kontakt else _FIELDS
    links = {f"_{key}": expression for key, expression in _LINKS.items()}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found = Eksempel.objects.published().filter(pk__in=chunk).order_by()
        by_id = {row["pk"]: row for row in found.values("pk", *fields, **links)}
        for pk in chunk:
            if pk in by_id:
                yield _record(by_id[pk], kontakt=kontakt)
