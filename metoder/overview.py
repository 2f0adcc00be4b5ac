"""The report's method map and good circle, built from the cards' own fields."""

from metoder.models import Fase, Forstaaelse, Rekkevidde
from skattekiste.felles.vokabular import SITUASJON_FORKLARING, Situasjon

# The report's words for the circle and its three classic mistakes.
FASE_TEKST = {
    Fase.LYTTE: "Vi anstrenger oss for å ta innbyggernes perspektiv.",
    Fase.HANDLE: "Vi lar innbyggernes perspektiv påvirke våre prioriteringer.",
    Fase.LAERE: "Vi følger opp og tar til oss hva som fungerer og ikke.",
}
TABBER = [
    (Fase.LYTTE, "Ikke lytte", "Vi glemmer å lytte og tror vi vet best selv."),
    (Fase.HANDLE, "Ikke handle", "Vi har innsikt, men gjør ingenting med det."),
    (Fase.LAERE, "Ikke lære", "Vi handler i god tro, men glemmer å sjekke om det faktisk virker."),
]


# The report's axis under the map: few citizens give «hvorfor», many give «hva».
FORSTAAELSE_UTEN_KORT = {
    Rekkevidde.FAA: [Forstaaelse.HVORFOR],
    Rekkevidde.FLERE: [Forstaaelse.HVORFOR, Forstaaelse.HVA],
    Rekkevidde.MANGE: [Forstaaelse.HVA],
}


def _column(rekkevidde, metoder):
    """A column's reach and what its cards help us understand, from the cards themselves."""
    shown = {m.forstaaelse for m in metoder if m.rekkevidde == rekkevidde.value}
    forstaaelse = [f for f in Forstaaelse if f.value in shown] or FORSTAAELSE_UTEN_KORT[rekkevidde]
    hva = " og ".join(f"«{f.value}»" for f in forstaaelse)
    return {"rekkevidde": rekkevidde, "forstaaelse": forstaaelse, "tekst": f"forstå {hva}"}


def build_map(metoder):
    """Rows C, B, A (as the report draws them) against få, flere, mange."""
    kolonner = [_column(r, metoder) for r in Rekkevidde]
    rows = []
    for situasjon in (Situasjon.STYRING, Situasjon.UTVIKLING, Situasjon.OPPGAVELOSNING):
        cells = [
            {
                "kolonne": kolonne,
                "metoder": [
                    m
                    for m in metoder
                    if situasjon.value in m.situasjoner
                    and m.rekkevidde == kolonne["rekkevidde"].value
                ],
            }
            for kolonne in kolonner
        ]
        rows.append(
            {
                "situasjon": situasjon,
                "forklaring": SITUASJON_FORKLARING[situasjon.value],
                "celler": cells,
            }
        )
    return {"kolonner": kolonner, "rader": rows}


def build_circle(metoder):
    return {
        "faser": [
            {
                "fase": fase,
                "tekst": FASE_TEKST[fase],
                "metoder": [m for m in metoder if fase.value in m.faser],
            }
            for fase in Fase
        ],
        "tabber": [{"fase": f, "navn": n, "tekst": t} for f, n, t in TABBER],
    }
