"""For Redaksjon on /oversikt/: the sharing pipeline and what is getting old."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from innsikt.models import Kilde
from skattekiste.eksempler.models import Eksempel
from skattekiste.oversikt.kunnskap import gamle_innsikter
from skattekiste.oversikt.models import Maal
from skattekiste.oversikt.tabeller import Celle, Rad, Tabell, eksempel_url

MAANEDER = ["jan.", "feb.", "mars", "april", "mai", "juni"] + [
    "juli",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "des.",
]
VISTE = 10

# Decided: published (its publishing time) or declined (its last change is the decision).
PIPELINE_SQL = """
SELECT count(*) FILTER (WHERE status = 'til_vurdering'),
       count(*) FILTER (WHERE status = 'returnert'),
       count(*) FILTER (WHERE status = 'avvist'),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM
           CASE WHEN status = 'publisert' THEN publisert ELSE oppdatert END - innsendt))
           FILTER (WHERE innsendt IS NOT NULL AND status IN ('publisert', 'avvist')),
       count(*) FILTER (WHERE innsendt IS NOT NULL AND status IN ('publisert', 'avvist'))
FROM skattekiste_eksempel
WHERE status IN ('til_vurdering', 'returnert', 'avvist') OR innsendt IS NOT NULL
"""


GAMLE_KILDER_SQL = """
SELECT id, tittel, slug, aar, (SELECT count(*) FROM innsikt_kilde WHERE aar < %s)
FROM innsikt_kilde WHERE aar < %s ORDER BY aar, tittel, id LIMIT %s
"""


@dataclass
class Pipeline:
    venter: int
    returnert: int
    avvist: int
    median_dager: float | None
    avgjort: int
    eldste: list
    per_maaned: Tabell


@dataclass
class Ferskhet:
    grense_aar: int
    aar: int
    innsikter: int
    eldste_innsikter: list
    kilder: int
    eldste_kilder: list


def build_pipeline(*, historikk, now: datetime.datetime) -> Pipeline:
    with connection.cursor() as cursor:
        cursor.execute(PIPELINE_SQL)
        venter, returnert, avvist, median, avgjort = cursor.fetchone()
    eldste = list(
        Eksempel.objects.awaiting_review().only("pk", "tittel", "innsendt", "status")[:VISTE]
    )
    for eksempel in eldste:
        eksempel.dager = (now - eksempel.innsendt).days if eksempel.innsendt else None
    return Pipeline(
        venter=venter,
        returnert=returnert,
        avvist=avvist,
        median_dager=round(median / 86400, 1) if median is not None else None,
        avgjort=avgjort,
        eldste=eldste,
        # Norwegian time: at 00:30 on the 1st, UTC is still in last month.
        per_maaned=maaned_tabell(historikk, timezone.localdate(now)),
    )


def maaned_tabell(historikk, today: datetime.date) -> Tabell:
    per = {(a, int(n)): antall for m, a, n, antall in historikk if m == Maal.MAANED}
    tabell = Tabell("per-maaned", "Publisert per måned", ["Måned", "Eksempler publisert"])
    aar, maaned = today.year, today.month
    rader = []
    for _ in range(12):
        # The list's ?publisert=YYYY-MM is the same month (EksempelQuerySet.published_in).
        url = eksempel_url(None, publisert=f"{aar}-{maaned:02d}")
        rader.append(Rad(f"{MAANEDER[maaned - 1]} {aar}", [Celle(per.get((aar, maaned), 0), url)]))
        aar, maaned = (aar, maaned - 1) if maaned > 1 else (aar - 1, 12)
    tabell.rader = rader[::-1]
    return tabell


def build_ferskhet(*, gamle: int, fersk_grense: int, today: datetime.date) -> Ferskhet:
    grense = today.year - fersk_grense
    # Plain SQL, the count beside the oldest few: one query, no ORM window to compose.
    with connection.cursor() as cursor:
        cursor.execute(GAMLE_KILDER_SQL, [grense, grense, VISTE])
        rows = cursor.fetchall()
    kilder = [Kilde(pk=pk, tittel=tittel, slug=slug, aar=aar) for pk, tittel, slug, aar, _ in rows]
    return Ferskhet(
        grense_aar=grense,
        aar=fersk_grense,
        innsikter=gamle,
        eldste_innsikter=gamle_innsikter(today, fersk_grense, VISTE),
        kilder=rows[0][4] if rows else 0,
        eldste_kilder=kilder,
    )
