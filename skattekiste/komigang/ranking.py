"""Which method cards fit the answers, and why: the chooser's ranking in one place.

The report's method map decides. Its rows are the situations (A oppgaveløsning,
B utvikling, C styring) and its columns how many citizens a method reaches (få, flere,
mange); under the map, få gives «hvorfor» and mange gives «hva». Each card carries its
own row(s), column and understanding (`Metode.situasjoner`, `.rekkevidde`,
`.forstaaelse`), so the ranking reads only the cards:

1. A card fits when it agrees with every answer given («vet ikke» asks nothing).
2. Cards are ordered by what they agree with, weighted as the map is read: the row
   (situation, 3) before the column (reach, 2) before the axis under it (understanding, 1).
   Equal weights keep the cards' own order (their number), so the result is deterministic.
3. No card is hidden: one that does not fit says why not, and the best partial fit
   comes first when nothing fits.

Time does not rank: the report gives no figure for how long any card takes. The answer
quotes what a card's own steps and «Husk!» tips say about time (time_guidance), and says
plainly when a card says nothing.
"""

import re
from dataclasses import dataclass, field

from metoder.models import Rekkevidde
from skattekiste.felles.vokabular import Situasjon

TID = re.compile(r"\btid\b", re.IGNORECASE)

WEIGHTS = {"situasjon": 3, "rekkevidde": 2, "forsta": 1}

SITUASJON_ORD = {
    Situasjon.OPPGAVELOSNING: "oppgaveløsning",
    Situasjon.UTVIKLING: "utvikling",
    Situasjon.STYRING: "styring",
}
REKKEVIDDE_ORD = {
    Rekkevidde.FAA: "få innbyggere",
    Rekkevidde.FLERE: "flere innbyggere",
    Rekkevidde.MANGE: "mange innbyggere",
}


@dataclass
class Answers:
    """The chooser's first three answers; None is «vet ikke»."""

    situasjon: str | None = None
    forsta: str | None = None
    rekkevidde: str | None = None

    @property
    def any_given(self) -> bool:
        return any((self.situasjon, self.forsta, self.rekkevidde))


@dataclass
class Ranked:
    metode: object
    passer: bool
    score: int
    grunner: list[str] = field(default_factory=list)
    mismatch: list[str] = field(default_factory=list)

    @property
    def passer_fordi(self) -> str:
        return "Passer fordi: " + ", ".join(self.grunner) if self.grunner else ""

    @property
    def passer_ikke_fordi(self) -> str:
        return "Passer ikke fordi: " + "; ".join(self.mismatch) if self.mismatch else ""


def _situations_in_words(codes) -> str:
    return " og ".join(codes)


def judge(metode, answers: Answers) -> Ranked:
    """One card against the answers: whether it fits, its score and its reasons in words."""
    grunner, mismatch, score = [], [], 0
    if answers.situasjon:
        if answers.situasjon in metode.situasjoner:
            score += WEIGHTS["situasjon"]
            grunner.append(f"situasjon {answers.situasjon}")
        else:
            mismatch.append(
                f"kortet brukes i situasjon {_situations_in_words(metode.situasjoner)}, "
                f"ikke {answers.situasjon} ({SITUASJON_ORD[answers.situasjon]})"
            )
    if answers.forsta:
        if metode.forstaaelse == answers.forsta:
            score += WEIGHTS["forsta"]
            grunner.append(f"forstå «{answers.forsta}»")
        else:
            mismatch.append(
                f"kortet hjelper oss å forstå «{metode.forstaaelse}», ikke «{answers.forsta}»"
            )
    if answers.rekkevidde:
        if metode.rekkevidde == answers.rekkevidde:
            score += WEIGHTS["rekkevidde"]
            grunner.append(REKKEVIDDE_ORD[answers.rekkevidde])
        else:
            mismatch.append(
                f"kortet passer for {REKKEVIDDE_ORD[metode.rekkevidde]}, "
                f"ikke {REKKEVIDDE_ORD[answers.rekkevidde]}"
            )
    return Ranked(
        metode=metode, passer=not mismatch, score=score, grunner=grunner, mismatch=mismatch
    )


def rank_methods(metoder, answers: Answers) -> list[Ranked]:
    """Every card, the fitting ones first, then by weighted agreement, then card number."""
    judged = [judge(m, answers) for m in metoder]
    return sorted(judged, key=lambda r: (not r.passer, -r.score, r.metode.nummer))


def time_guidance(metode) -> list[str]:
    """The card's own lines about time, steps before tips, in the card's order.

    Reads the prefetched `steg` and `husk`, so it costs no query.
    """
    lines = [*metode.steg.all(), *metode.husk.all()]
    return [line.tekst for line in lines if TID.search(line.tekst)]
