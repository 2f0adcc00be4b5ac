"""Bar charts as plain SVG, drawn on the server from the same table the page shows.

pygal is not installed and nothing else needs it; a bar chart is a few rectangles, so a
small template keeps the page free of JavaScript and prints as it looks.
"""

from dataclasses import dataclass

from skattekiste.oversikt.tabeller import Tabell

BREDDE, HOYDE, TOPP, BUNN = 720, 240, 24, 48


@dataclass
class Stolpe:
    x: float
    y: float
    bredde: float
    hoyde: float
    etikett: str
    underetikett: str
    verdi: int
    tekst_x: float


@dataclass
class Diagram:
    tabell: Tabell
    stolper: list[Stolpe]
    bredde: int = BREDDE
    hoyde: int = HOYDE
    grunnlinje: int = HOYDE - BUNN


def stolpediagram(tabell: Tabell) -> Diagram:
    """One bar per row, from the row's first number; the value is written on every bar."""
    verdier = [int(rad.celler[0].verdi) for rad in tabell.rader]
    storst = max(verdier, default=0) or 1
    plass = BREDDE / max(len(verdier), 1)
    tegnbar = HOYDE - TOPP - BUNN
    stolper = []
    for i, (rad, verdi) in enumerate(zip(tabell.rader, verdier, strict=True)):
        h = tegnbar * verdi / storst
        x = i * plass + plass * 0.15
        stolper.append(
            Stolpe(
                x=round(x, 1),
                y=round(HOYDE - BUNN - h, 1),
                bredde=round(plass * 0.7, 1),
                hoyde=round(h, 1),
                etikett=rad.overskrift.rsplit(" ", 1)[0].replace("kvartal", "kv."),
                underetikett=rad.overskrift.rsplit(" ", 1)[-1],
                verdi=verdi,
                tekst_x=round(x + plass * 0.35, 1),
            )
        )
    return Diagram(tabell, stolper)
