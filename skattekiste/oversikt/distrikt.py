"""«Mitt distrikt»: one district's examples, and what others have tried that it has not."""

import datetime
from dataclasses import dataclass

from django.urls import reverse

from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.vokabular import Situasjon, Tema
from skattekiste.oversikt.models import ALLE_DISTRIKTER, Maal, Telling
from skattekiste.oversikt.queries import kvartal_tabell, vokabular
from skattekiste.oversikt.tabeller import (
    Celle,
    Periode,
    Rad,
    Tabell,
    antall_celle,
    celler,
    eksempel_url,
    sti,
)

KONTAKTER = 12
NYESTE = 200
TEMAER = 15


@dataclass
class DistriktSide:
    antall: int
    aar_valg: list[int]
    situasjoner: Tabell
    metoder: Tabell
    grupper: Tabell
    andre_metoder: Tabell
    andre_temaer: Tabell
    kvartaler: Tabell
    kontakter: list

    @property
    def tabeller(self):
        return [
            self.situasjoner,
            self.metoder,
            self.grupper,
            self.andre_metoder,
            self.andre_temaer,
            self.kvartaler,
        ]


def build_distrikt(*, distrikt, periode: Periode, today: datetime.date) -> DistriktSide:
    metoder, grupper = vokabular(distrikter=False)[1:3]
    # Every district's method cells too: «Distrikter som har prøvd» counts them.
    eks = celler(
        "(distrikt = ANY(%s) AND maal = ANY(%s)) OR maal = %s",
        [
            [ALLE_DISTRIKTER, distrikt.pk],
            [str(m) for m in (Maal.EKSEMPLER, Maal.SITUASJON, Maal.METODE, Maal.GRUPPE, Maal.TEMA)],
            str(Maal.METODE),
        ],
        periode,
    )
    historikk = list(
        Telling.objects.filter(
            maal__in=[Maal.MAANED, Maal.EKSEMPLER], distrikt=distrikt.pk, antall__gt=0
        )
        .values_list("maal", "aar", "nokkel", "antall")
        .order_by()
    )

    def her(maal, nokkel=""):
        return eks.get((maal, distrikt.pk, nokkel), (0, 0))[0]

    def alle(maal, nokkel=""):
        return eks.get((maal, ALLE_DISTRIKTER, nokkel), (0, 0))[0]

    filtre = {"distrikt": distrikt.slug}
    situasjoner = Tabell(
        "situasjoner", f"Eksempler per situasjon, {periode.navn}", ["Situasjon", "Eksempler"]
    )
    for s in Situasjon:
        url = eksempel_url(periode, **filtre, situasjon=s.value)
        situasjoner.rader.append(Rad(s.label, [antall_celle(her(Maal.SITUASJON, s.value), url)]))
    metode_tabell = Tabell(
        "metoder", f"Eksempler per metode, {periode.navn}", ["Metode", "Eksempler"]
    )
    # The overview's matrix names the districts behind «Distrikter som har prøvd».
    oversikt_metoder = reverse("oversikt:oversikt") + f"?aar={periode.aar or 'alle'}#metoder"
    andre_metoder = Tabell(
        "andre-metoder",
        "Metoder andre har prøvd",
        ["Metode", "Eksempler i andre distrikter", "Distrikter som har prøvd"],
        tom_tekst="ingen ennå",
    )
    for m in metoder:
        key = str(m.pk)
        url = eksempel_url(periode, **filtre, metode=m.slug)
        navn = f"{m.nummer}. {m.navn}"
        metode_tabell.rader.append(Rad(navn, [antall_celle(her(Maal.METODE, key), url)]))
        if her(Maal.METODE, key) == 0 and alle(Maal.METODE, key) > 0:
            provd = sum(
                1
                for (maal, d, n), (v, _) in eks.items()
                if maal == Maal.METODE and n == key and d != ALLE_DISTRIKTER and v > 0
            )
            andre_metoder.rader.append(
                Rad(
                    navn,
                    [
                        Celle(alle(Maal.METODE, key), eksempel_url(periode, metode=m.slug)),
                        Celle(provd, oversikt_metoder),
                    ],
                    m.get_absolute_url(),
                )
            )
    gruppe_tabell = Tabell(
        "grupper",
        f"Eksempler per innbyggergruppe, {periode.navn}",
        ["Innbyggergruppe", "Eksempler"],
    )
    for g in grupper:
        n = her(Maal.GRUPPE, str(g.pk))
        if n:
            url = eksempel_url(periode, **filtre, gruppe=g.slug)
            gruppe_tabell.rader.append(
                Rad(g.navn, [antall_celle(n, url)], sti("innsikt:gruppe", g.slug))
            )
    andre_temaer = andre_temaer_tabell(eks, distrikt, periode)
    return DistriktSide(
        antall=her(Maal.EKSEMPLER),
        aar_valg=sorted({a for m, a, _, _ in historikk if m == Maal.EKSEMPLER} | {today.year}),
        situasjoner=situasjoner,
        metoder=metode_tabell,
        grupper=gruppe_tabell,
        andre_metoder=andre_metoder,
        andre_temaer=andre_temaer,
        kvartaler=kvartal_tabell(
            historikk, today, f"Publisert per kvartal i {distrikt.navn}", distrikt=distrikt.slug
        ),
        kontakter=kontakter(distrikt),
    )


def andre_temaer_tabell(eks, distrikt, periode) -> Tabell:
    """Themes with examples elsewhere but none here, the most tried first."""
    andre = sorted(
        (
            (v, n)
            for (maal, d, n), (v, _) in eks.items()
            if maal == Maal.TEMA
            and d == ALLE_DISTRIKTER
            and v > 0
            and eks.get((Maal.TEMA, distrikt.pk, n), (0, 0))[0] == 0
        ),
        key=lambda item: (-item[0], item[1]),
    )[:TEMAER]
    navn = {str(t.pk): t for t in Tema.objects.filter(pk__in=[int(n) for _, n in andre])}
    tabell = Tabell(
        "andre-temaer",
        "Temaer andre har eksempler på",
        ["Tema", "Eksempler i andre distrikter"],
        tom_tekst="ingen ennå",
    )
    for antall, n in andre:
        if n in navn:
            tema = navn[n]
            tabell.rader.append(
                Rad(tema.name, [Celle(antall, eksempel_url(periode, tema=tema.slug))])
            )
    return tabell


def kontakter(distrikt) -> list:
    """People to ask: the contacts of the district's newest published examples, each once.

    Only the newest NYESTE examples are looked at, so the cost stays the same however many
    examples the district has.
    """
    nyeste = (
        Eksempel.distrikter.through.objects.filter(distrikt=distrikt)
        .order_by("-eksempel_id")
        .values("eksempel_id")[:NYESTE]
    )
    rows = (
        Eksempel.objects.published()
        .filter(pk__in=nyeste)
        .exclude(kontakt_navn="")
        .order_by("-id")
        .values("kontakt_navn", "kontakt_rolle", "kontakt_epost", "tittel", "slug")[: KONTAKTER * 3]
    )
    seen, found = set(), []
    for row in rows:
        if row["kontakt_navn"] in seen:
            continue
        seen.add(row["kontakt_navn"])
        row["url"] = reverse("eksempler:detail", kwargs={"slug": row["slug"]})
        found.append(row)
    return found[:KONTAKTER]
