"""What /oversikt/ shows, read from the counts the triggers keep (models.Telling).

The page costs the same few queries however much content there is: the vocabularies
(districts, methods, groups) and two reads of the count cells.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, Q, Value
from django.urls import reverse

from innsikt.models import Innsikt
from metoder.models import Metode
from skattekiste.felles.text import sort_norwegian
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Situasjon
from skattekiste.oversikt.models import ALLE_DISTRIKTER, Maal, Telling
from skattekiste.oversikt.tabeller import (
    Celle,
    Periode,
    Rad,
    Tabell,
    antall_celle,
    celler,
    eksempel_url,
)

# Insight and sources older than this many years are flagged (issue 14: the team's limit).
FERSK_GRENSE_AAR = 3
FAA_INNSIKTER = 10
KVARTALER = 12


def eldre_enn_grensen(aar: int, today: datetime.date) -> bool:
    """From before the limit: with 3 years in 2026, from 2022 or earlier."""
    return aar < today.year - FERSK_GRENSE_AAR


@dataclass
class Nokkeltall:
    navn: str
    verdi: str
    slik_teller_vi: str
    endring: str = ""
    url: str = ""


def endring(naa: int, forrige: int, periode: Periode, enhet: str = "") -> str:
    if periode.aar is None:
        return ""
    diff = naa - forrige
    if diff == 0:
        return f"Like mange som i {periode.forrige}"
    ord_ = "flere" if diff > 0 else "færre"
    return f"{abs(diff)}{enhet} {ord_} enn i {periode.forrige}"


@dataclass
class Gruppekunnskap:
    gruppe: Innbyggergruppe
    antall: int
    sterkeste: str
    nyeste_aar: int | None
    egen_stemme: bool
    mangler: list[str]


@dataclass
class Oversikt:
    periode: Periode
    aar_valg: list[int]
    nokkeltall: list[Nokkeltall]
    situasjoner: Tabell
    metoder: Tabell
    kvartaler: Tabell
    grupper: Tabell
    for_lite: list[Gruppekunnskap]
    gamle_innsikter: int
    grense_aar: int
    historikk: list


def vokabular(*, distrikter=True):
    """Districts (Norwegian order), method cards (by number) and groups, in one query."""
    parts = [
        Metode.objects.annotate(kind=Value("m"), nr=F("nummer")),
        Innbyggergruppe.objects.annotate(kind=Value("g"), nr=Value(0)),
    ]
    if distrikter:
        parts.append(Distrikt.objects.annotate(kind=Value("d"), nr=Value(0)))
    first, *rest = (q.order_by().values_list("pk", "navn", "slug", "kind", "nr") for q in parts)
    found = {"m": [], "g": [], "d": []}
    make = {"m": Metode, "g": Innbyggergruppe, "d": Distrikt}
    for pk, navn, slug, kind, nr in first.union(*rest, all=True).order_by():
        obj = make[kind](pk=pk, navn=navn, slug=slug)
        if kind == "m":
            obj.nummer = nr
        found[kind].append(obj)
    return (
        sort_norwegian(found["d"], key=lambda d: d.navn),
        sorted(found["m"], key=lambda m: m.nummer),
        sort_norwegian(found["g"], key=lambda g: g.navn),
    )


def build_oversikt(*, periode: Periode, today: datetime.date) -> Oversikt:
    distrikter, metoder, grupper = vokabular()
    eks = celler(
        Telling.objects.filter(
            maal__in=[Maal.EKSEMPLER, Maal.IKKE_FUNGERTE, Maal.SITUASJON, Maal.METODE]
        ),
        periode,
    )
    historikk = list(
        Telling.objects.filter(
            Q(maal__startswith="innsikt") | Q(maal__in=[Maal.MAANED, Maal.EKSEMPLER]),
            distrikt=ALLE_DISTRIKTER,
            antall__gt=0,
        )
        .values_list("maal", "aar", "nokkel", "antall")
        .order_by()
    )
    aar_valg = sorted({a for m, a, _, _ in historikk if m == Maal.EKSEMPLER} | {today.year})
    kunnskap = gruppekunnskap(grupper, historikk, today)
    gamle = sum(
        n
        for m, a, nokkel, n in historikk
        if m == Maal.INNSIKT and nokkel == "" and eldre_enn_grensen(a, today)
    )
    return Oversikt(
        periode=periode,
        aar_valg=sorted(aar_valg, reverse=True),
        nokkeltall=nokkeltall(eks, historikk, distrikter, metoder, grupper, periode),
        situasjoner=situasjon_tabell(eks, distrikter, periode),
        metoder=metode_tabell(eks, distrikter, metoder, periode),
        kvartaler=kvartal_tabell(historikk, today),
        grupper=gruppe_tabell(kunnskap),
        for_lite=kunnskap,
        gamle_innsikter=gamle,
        grense_aar=today.year - FERSK_GRENSE_AAR,
        historikk=historikk,
    )


def nokkeltall(eks, historikk, distrikter, metoder, grupper, periode):
    def get(maal, distrikt=ALLE_DISTRIKTER, nokkel=""):
        return eks.get((maal, distrikt, nokkel), (0, 0))

    figures = []
    for s in Situasjon:
        naa, forrige = (
            sum(1 for d in distrikter if get(Maal.SITUASJON, d.pk, s.value)[i] > 0) for i in (0, 1)
        )
        figures.append(
            Nokkeltall(
                f"Distrikter med eksempler i {s.label}",
                f"{naa} av {len(distrikter)}",
                f"Distrikter med minst ett publisert eksempel i situasjon {s.value}, "
                f"med år {periode.navn}.",
                endring(naa, forrige, periode),
                "#situasjoner",
            )
        )
    naa, forrige = get(Maal.EKSEMPLER)
    figures.append(
        Nokkeltall(
            "Eksempler publisert",
            str(naa),
            f"Publiserte eksempler med år {periode.navn}. Et eksempel i flere distrikter "
            "telles én gang. Utkast og innsendinger som venter, telles ikke.",
            endring(naa, forrige, periode),
            eksempel_url(periode),
        )
    )
    ikke, ikke_forrige = get(Maal.IKKE_FUNGERTE)
    andel, andel_forrige = prosent(ikke, naa), prosent(ikke_forrige, forrige)
    figures.append(
        Nokkeltall(
            "Eksempler som sier hva som ikke fungerte",
            f"{andel} % ({ikke} av {naa})",
            "Andelen av de publiserte eksemplene der feltet «Hva fungerte ikke» er fylt ut.",
            endring(andel, andel_forrige, periode, " prosentpoeng"),
        )
    )
    brukt = [sum(1 for m in metoder if get(Maal.METODE, nokkel=str(m.pk))[i] > 0) for i in (0, 1)]
    figures.append(
        Nokkeltall(
            "Metoder i bruk",
            f"{brukt[0]} av {len(metoder)}",
            f"Metodekort som minst ett publisert eksempel med år {periode.navn} har brukt.",
            endring(brukt[0], brukt[1], periode),
            "#metoder",
        )
    )
    egen = [
        {n for m, a, n, _ in historikk if m == Maal.INNSIKT_EGEN and n and periode_har(periode, a)},
        {n for m, a, n, _ in historikk if m == Maal.INNSIKT_EGEN and n and a == periode.forrige},
    ]
    figures.append(
        Nokkeltall(
            "Innbyggergrupper vi har hørt selv",
            f"{len(egen[0])} av {len(grupper)}",
            "Grupper med minst én publisert innsikt fra gruppens egen stemme, "
            f"samlet i {periode.navn}.",
            endring(len(egen[0]), len(egen[1]), periode),
            "#for-lite",
        )
    )
    return figures


def periode_har(periode: Periode, aar: int) -> bool:
    return periode.aar is None or aar == periode.aar


def prosent(del_: int, hele: int) -> int:
    return round(100 * del_ / hele) if hele else 0


def situasjon_tabell(eks, distrikter, periode) -> Tabell:
    tabell = Tabell(
        "situasjoner",
        f"Distrikter og situasjoner, {periode.navn}",
        ["Distrikt", *(s.label for s in Situasjon), "Alle eksempler"],
    )
    for navn, pk, filtre in [
        *((d.navn, d.pk, {"distrikt": d.slug}) for d in distrikter),
        ("Alle distrikter", ALLE_DISTRIKTER, {}),
    ]:
        cells = [
            antall_celle(
                eks.get((Maal.SITUASJON, pk, s.value), (0, 0))[0],
                eksempel_url(periode, **filtre, situasjon=s.value),
            )
            for s in Situasjon
        ]
        total = eks.get((Maal.EKSEMPLER, pk, ""), (0, 0))[0]
        cells.append(antall_celle(total, eksempel_url(periode, **filtre)))
        url = reverse("oversikt:distrikt", kwargs={"slug": filtre["distrikt"]}) if filtre else ""
        tabell.rader.append(Rad(navn, cells, url))
    return tabell


def metode_tabell(eks, distrikter, metoder, periode) -> Tabell:
    tabell = Tabell(
        "metoder",
        f"Distrikter og metoder, {periode.navn}",
        ["Distrikt", *(f"{m.nummer}. {m.navn}" for m in metoder)],
    )
    for navn, pk, filtre in [
        *((d.navn, d.pk, {"distrikt": d.slug}) for d in distrikter),
        ("Alle distrikter", ALLE_DISTRIKTER, {}),
    ]:
        cells = [
            antall_celle(
                eks.get((Maal.METODE, pk, str(m.pk)), (0, 0))[0],
                eksempel_url(periode, **filtre, metode=m.slug),
            )
            for m in metoder
        ]
        url = reverse("oversikt:distrikt", kwargs={"slug": filtre["distrikt"]}) if filtre else ""
        tabell.rader.append(Rad(navn, cells, url))
    return tabell


def siste_kvartaler(today: datetime.date, antall: int = KVARTALER) -> list[tuple[int, int]]:
    aar, kvartal = today.year, (today.month - 1) // 3 + 1
    found = []
    for _ in range(antall):
        found.append((aar, kvartal))
        aar, kvartal = (aar, kvartal - 1) if kvartal > 1 else (aar - 1, 4)
    return found[::-1]


def kvartal_tabell(historikk, today, tittel="Publisert per kvartal") -> Tabell:
    """Examples published in Skattekisten per quarter, the last three years."""
    per_kvartal: dict[tuple[int, int], int] = {}
    for maal, aar, nokkel, antall in historikk:
        if maal == Maal.MAANED:
            key = (aar, (int(nokkel) - 1) // 3 + 1)
            per_kvartal[key] = per_kvartal.get(key, 0) + antall
    tabell = Tabell("kvartaler", tittel, ["Kvartal", "Eksempler publisert"])
    for aar, kvartal in siste_kvartaler(today):
        tabell.rader.append(
            Rad(f"{kvartal}. kvartal {aar}", [Celle(per_kvartal.get((aar, kvartal), 0))])
        )
    return tabell


STYRKE_NAVN = {3: "Bredt grunnlag", 2: "Noen stemmer", 1: "Enkelthistorier"}


def gruppekunnskap(grupper, historikk, today) -> list[Gruppekunnskap]:
    """Every group, the thinnest knowledge first: most gaps, then fewest insights."""
    felt = {
        Maal.INNSIKT.value: "n",
        Maal.INNSIKT_STERK.value: "sterk",
        Maal.INNSIKT_MIDDELS.value: "middels",
        Maal.INNSIKT_EGEN.value: "egen",
    }
    tom = {"n": 0, "sterk": 0, "middels": 0, "egen": 0, "ny": None}
    per_gruppe: dict[str, dict] = {}
    for maal, aar, nokkel, antall in historikk:
        key = felt.get(maal)
        if key is None or not nokkel:
            continue
        g = per_gruppe.setdefault(nokkel, dict(tom))
        g[key] += antall
        if key == "n":
            g["ny"] = max(g["ny"] or aar, aar)
    found = []
    for gruppe in grupper:
        g = per_gruppe.get(
            str(gruppe.pk), {"n": 0, "sterk": 0, "middels": 0, "egen": 0, "ny": None}
        )
        styrke = 3 if g["sterk"] else 2 if g["middels"] else 1 if g["n"] else 0
        mangler = []
        if not g["n"]:
            mangler.append("Ingen innsikt")
        else:
            if g["n"] < FAA_INNSIKTER:
                mangler.append(f"Færre enn {FAA_INNSIKTER} innsikter")
            if not g["egen"]:
                mangler.append("Ingen fra gruppens egen stemme")
            if styrke < 3:
                mangler.append("Ingen med bredt grunnlag")
            if eldre_enn_grensen(g["ny"], today):
                mangler.append(f"Ingenting nyere enn {FERSK_GRENSE_AAR} år")
        found.append(
            Gruppekunnskap(
                gruppe, g["n"], STYRKE_NAVN.get(styrke, "–"), g["ny"], bool(g["egen"]), mangler
            )
        )
    return sorted(found, key=lambda k: (-len(k.mangler), k.antall))


def gruppe_tabell(kunnskap: list[Gruppekunnskap]) -> Tabell:
    tabell = Tabell(
        "for-lite",
        "Hva vet vi for lite om?",
        [
            "Innbyggergruppe",
            "Innsikter",
            "Sterkeste grunnlag",
            "Nyeste funn",
            "Fra egen stemme",
            "Hva mangler",
        ],
        tom_tekst="ingen ennå",
    )
    for k in kunnskap:
        tabell.rader.append(
            Rad(
                k.gruppe.navn,
                [
                    antall_celle(k.antall, reverse("innsikt:list") + f"?gruppe={k.gruppe.slug}"),
                    Celle(k.sterkeste),
                    Celle(k.nyeste_aar or "–"),
                    Celle("ja" if k.egen_stemme else "nei"),
                    Celle("; ".join(k.mangler) or "–"),
                ],
                k.gruppe.get_absolute_url(),
            )
        )
    return tabell


def gamle_innsikter(today: datetime.date, limit: int = 10):
    """The oldest published insights from before the limit, oldest first."""
    cutoff = datetime.date(today.year - FERSK_GRENSE_AAR, 1, 1)
    return list(
        Innsikt.objects.published()
        .filter(dato__lt=cutoff)
        .order_by("dato", "id")
        .only("tittel", "slug", "dato")[:limit]
    )


def hjem_nokkeltall(*, today: datetime.date) -> list[Nokkeltall]:
    """This year's examples, districts and methods for the home page, in one query."""
    rows = list(
        Telling.objects.filter(
            aar=today.year, maal__in=[Maal.EKSEMPLER, Maal.METODE], antall__gt=0
        ).values_list("maal", "distrikt", "antall")
    )
    eksempler = sum(n for m, d, n in rows if m == Maal.EKSEMPLER and d == ALLE_DISTRIKTER)
    distrikter = sum(1 for m, d, _ in rows if m == Maal.EKSEMPLER and d != ALLE_DISTRIKTER)
    metoder = sum(1 for m, d, _ in rows if m == Maal.METODE and d == ALLE_DISTRIKTER)
    url = reverse("oversikt:oversikt")
    return [
        Nokkeltall("Eksempler publisert", str(eksempler), f"med år {today.year}", url=url),
        Nokkeltall("Distrikter med eksempler", str(distrikter), f"i {today.year}", url=url),
        Nokkeltall("Metodekort i bruk", str(metoder), f"i {today.year}", url=url),
    ]
