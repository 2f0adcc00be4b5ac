"""«Hva vet vi for lite om?» and what is old: the groups' knowledge, read from the counts,
and the team's limit for old content (models.Innstilling)."""

import datetime
from dataclasses import dataclass

from django.urls import reverse

from innsikt.models import Innsikt
from skattekiste.felles.vokabular import Innbyggergruppe
from skattekiste.oversikt.models import FERSK_GRENSE_STANDARD, Innstilling, Maal
from skattekiste.oversikt.tabeller import Celle, Rad, Tabell, antall_celle, sti, url_del

FAA_INNSIKTER = 10


def fersk_grense() -> int:
    """The team's limit in years (Redaksjon sets it in the admin): one primary-key read."""
    verdi = Innstilling.objects.filter(pk=1).values_list("fersk_grense_aar", flat=True).first()
    return verdi or FERSK_GRENSE_STANDARD


def eldre_enn_grensen(aar: int, today: datetime.date, grense: int) -> bool:
    """From before the limit: with 3 years in 2026, from 2022 or earlier."""
    return aar < today.year - grense


@dataclass
class Gruppekunnskap:
    gruppe: Innbyggergruppe
    antall: int
    sterkeste: str
    nyeste_aar: int | None
    egen_stemme: bool
    mangler: list[str]


STYRKE_NAVN = {3: "Bredt grunnlag", 2: "Noen stemmer", 1: "Enkelthistorier"}


def gruppekunnskap(grupper, rader, today, grense: int) -> list[Gruppekunnskap]:
    """Every group, the thinnest knowledge first: most gaps, then fewest insights.

    `rader` are (maal, newest year, group id, count) per insight measure and group."""
    felt = {
        Maal.INNSIKT.value: "n",
        Maal.INNSIKT_STERK.value: "sterk",
        Maal.INNSIKT_MIDDELS.value: "middels",
        Maal.INNSIKT_EGEN.value: "egen",
    }
    tom = {"n": 0, "sterk": 0, "middels": 0, "egen": 0, "ny": None}
    per_gruppe: dict[str, dict] = {}
    for maal, aar, nokkel, antall in rader:
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
            if eldre_enn_grensen(g["ny"], today, grense):
                mangler.append(f"Ingenting nyere enn {grense} år")
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
    innsikt_liste = reverse("innsikt:list")
    for k in kunnskap:
        tabell.rader.append(
            Rad(
                k.gruppe.navn,
                [
                    antall_celle(k.antall, innsikt_liste + f"?gruppe={url_del(k.gruppe.slug)}"),
                    Celle(k.sterkeste),
                    Celle(k.nyeste_aar or "–"),
                    Celle("ja" if k.egen_stemme else "nei"),
                    Celle("; ".join(k.mangler) or "–"),
                ],
                sti("innsikt:gruppe", k.gruppe.slug),
            )
        )
    return tabell


def gamle_innsikter(today: datetime.date, grense: int, limit: int = 10):
    """The oldest published insights from before the limit, oldest first."""
    cutoff = datetime.date(today.year - grense, 1, 1)
    return list(
        Innsikt.objects.published()
        .filter(dato__lt=cutoff)
        .order_by("dato", "id")
        .only("tittel", "slug", "dato")[:limit]
    )
