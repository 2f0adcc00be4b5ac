"""What /oversikt/ shows, read from the counts the triggers keep (models.Telling).

The page costs the same few queries however much content there is: the vocabularies
(districts, methods, groups) and two reads of the count cells.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.urls import reverse

from metoder.models import Metode
from skattekiste.felles.text import sort_norwegian
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Situasjon
from skattekiste.oversikt.kunnskap import (
    Gruppekunnskap,
    eldre_enn_grensen,
    gruppe_tabell,
    gruppekunnskap,
)
from skattekiste.oversikt.models import (
    ALLE_DISTRIKTER,
    FERSK_GRENSE_STANDARD,
    Maal,
    Telling,
)
from skattekiste.oversikt.tabeller import (
    Celle,
    Periode,
    Rad,
    Tabell,
    antall_celle,
    celler,
    eksempel_url,
    sti,
    url_del,
)

KVARTALER = 12


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
    gamle_innsikter_url: str
    grense_aar: int
    fersk_grense: int
    historikk: list


def vokabular(*, distrikter=True):
    """Districts (Norwegian order), method cards (by number), groups and the team's freshness
    limit in years, in one query."""
    # Plain SQL: composing four annotated querysets cost more CPU than the query itself.
    parts = [
        "SELECT id, navn, slug, 'm', nummer FROM metoder_metode",
        "SELECT id, navn, slug, 'g', 0 FROM skattekiste_innbyggergruppe",
        "SELECT id, '', '', 'i', fersk_grense_aar FROM skattekiste_innstilling WHERE id = 1",
    ]
    if distrikter:
        parts.append("SELECT id, navn, slug, 'd', 0 FROM skattekiste_distrikt")
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        rows = cursor.fetchall()
    found = {"m": [], "g": [], "d": []}
    make = {"m": Metode, "g": Innbyggergruppe, "d": Distrikt}
    grense = FERSK_GRENSE_STANDARD
    for pk, navn, slug, kind, nr in rows:
        if kind == "i":
            grense = nr
            continue
        obj = make[kind](pk=pk, navn=navn, slug=slug)
        if kind == "m":
            obj.nummer = nr
        found[kind].append(obj)
    return (
        sort_norwegian(found["d"], key=lambda d: d.navn),
        sorted(found["m"], key=lambda m: m.nummer),
        sort_norwegian(found["g"], key=lambda g: g.navn),
        grense,
    )


def build_oversikt(*, periode: Periode, today: datetime.date) -> Oversikt:
    distrikter, metoder, grupper, grense = vokabular()
    eks = celler(
        "maal = ANY(%s)",
        [[str(m) for m in (Maal.EKSEMPLER, Maal.IKKE_FUNGERTE, Maal.SITUASJON, Maal.METODE)]],
        periode,
    )
    historikk, per_gruppe = historikk_og_grupper(periode)
    aar_valg = sorted({a for m, a, _, _ in historikk if m == Maal.EKSEMPLER} | {today.year})
    kunnskap = gruppekunnskap(grupper, per_gruppe, today, grense)
    gamle_aar = {
        a: n
        for m, a, nokkel, n in historikk
        if m == Maal.INNSIKT and nokkel == "" and eldre_enn_grensen(a, today, grense)
    }
    return Oversikt(
        periode=periode,
        aar_valg=sorted(aar_valg, reverse=True),
        nokkeltall=nokkeltall(eks, historikk, per_gruppe, distrikter, metoder, grupper, periode),
        situasjoner=situasjon_tabell(eks, distrikter, periode),
        metoder=metode_tabell(eks, distrikter, metoder, periode),
        kvartaler=kvartal_tabell(historikk, today),
        grupper=gruppe_tabell(kunnskap),
        for_lite=kunnskap,
        gamle_innsikter=sum(gamle_aar.values()),
        gamle_innsikter_url=innsikt_url(aar=sorted(gamle_aar)),
        grense_aar=today.year - grense,
        fersk_grense=grense,
        historikk=historikk,
    )


# Per year (distrikt 0): published per month, examples, all insights (what is old) and the
# groups heard in their own voice in the chosen years; then per group over every year, the
# insight counts and the newest year, summed in SQL (2 000 rows became 120). The IN lists
# let the unique index (maal, distrikt, ...) find the rows; a LIKE 'innsikt%' read them all.
HISTORIKK_SQL = """
SELECT maal, aar, nokkel, antall, false FROM skattekiste_telling
WHERE distrikt = 0 AND antall > 0 AND (maal IN ('maaned', 'eksempler')
    OR (maal = 'innsikt' AND nokkel = '') OR (maal = 'innsikt_egen' AND aar = ANY(%s)))
UNION ALL
SELECT maal, max(aar), nokkel, sum(antall)::integer, true FROM skattekiste_telling
WHERE distrikt = 0 AND antall > 0 AND maal = ANY(%s) AND nokkel <> ''
GROUP BY maal, nokkel
"""
INNSIKT_MAAL = [Maal.INNSIKT, Maal.INNSIKT_STERK, Maal.INNSIKT_MIDDELS, Maal.INNSIKT_EGEN]


def historikk_og_grupper(periode: Periode) -> tuple[list, list]:
    """([(maal, aar, nokkel, antall)] per year, [(maal, newest year, group, sum)]): one query."""
    aar = [periode.aar, periode.forrige] if periode.aar else []
    with connection.cursor() as cursor:
        cursor.execute(HISTORIKK_SQL, [aar, [str(m) for m in INNSIKT_MAAL]])
        rows = cursor.fetchall()
    return (
        [(m, a, n, antall) for m, a, n, antall, samlet in rows if not samlet],
        [(m, a, n, antall) for m, a, n, antall, samlet in rows if samlet],
    )


def nokkeltall(eks, historikk, per_gruppe, distrikter, metoder, grupper, periode):
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
            eksempel_url(periode, ikke_virket="ja"),
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
    # A year's groups are in the per-year rows; «alle år» in the per-group sums.
    egen = [
        {n for m, a, n, _ in historikk if m == Maal.INNSIKT_EGEN and n and a == periode.aar},
        {n for m, a, n, _ in historikk if m == Maal.INNSIKT_EGEN and n and a == periode.forrige},
    ]
    if periode.aar is None:
        egen[0] = {n for m, _, n, _ in per_gruppe if m == Maal.INNSIKT_EGEN}
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
        url = sti("oversikt:distrikt", filtre["distrikt"]) if filtre else ""
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
        url = sti("oversikt:distrikt", filtre["distrikt"]) if filtre else ""
        tabell.rader.append(Rad(navn, cells, url))
    return tabell


def siste_kvartaler(today: datetime.date, antall: int = KVARTALER) -> list[tuple[int, int]]:
    aar, kvartal = today.year, (today.month - 1) // 3 + 1
    found = []
    for _ in range(antall):
        found.append((aar, kvartal))
        aar, kvartal = (aar, kvartal - 1) if kvartal > 1 else (aar - 1, 4)
    return found[::-1]


def innsikt_url(**filtre) -> str:
    """The insight list with its own (repeatable) GET parameters."""
    query = "&".join(f"{k}={url_del(v)}" for k, verdier in filtre.items() for v in verdier)
    return reverse("innsikt:list") + (f"?{query}" if query else "")


def kvartal_tabell(historikk, today, tittel="Publisert per kvartal", **filtre) -> Tabell:
    """Examples published in Skattekisten per quarter, the last three years.

    Each links to the list by the same publishing date (publisert=YYYY-K1..K4)."""
    per_kvartal: dict[tuple[int, int], int] = {}
    for maal, aar, nokkel, antall in historikk:
        if maal == Maal.MAANED:
            key = (aar, (int(nokkel) - 1) // 3 + 1)
            per_kvartal[key] = per_kvartal.get(key, 0) + antall
    tabell = Tabell("kvartaler", tittel, ["Kvartal", "Eksempler publisert"])
    for aar, kvartal in siste_kvartaler(today):
        url = eksempel_url(None, **filtre, publisert=f"{aar}-K{kvartal}")
        tabell.rader.append(
            Rad(f"{kvartal}. kvartal {aar}", [Celle(per_kvartal.get((aar, kvartal), 0), url)])
        )
    return tabell


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
