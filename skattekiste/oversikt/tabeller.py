"""Tables as the pages show them and the CSV files hold them: one structure for both, so a
download has exactly the numbers on the screen."""

import functools
from dataclasses import dataclass, field
from urllib.parse import quote

from django.db import connection
from django.urls import reverse


@dataclass(frozen=True)
class Periode:
    """One year, or every year (aar None)."""

    aar: int | None

    @property
    def forrige(self) -> int | None:
        return self.aar - 1 if self.aar else None

    @property
    def navn(self) -> str:
        return str(self.aar) if self.aar else "alle år"


@functools.cache
def _liste() -> str:
    # Hundreds of cells link to the list: reverse it once, not per cell.
    return reverse("eksempler:list")


@functools.lru_cache(maxsize=4096)
def url_del(verdi) -> str:
    return quote(str(verdi), safe="")


@functools.lru_cache(maxsize=4096)
def sti(navn: str, slug: str) -> str:
    """reverse() of a page by its slug, once per slug: the overview links hundreds of them."""
    return reverse(navn, kwargs={"slug": slug})


def eksempel_url(periode: Periode | None = None, **filtre) -> str:
    """The example list filtered to exactly one cell, with the list's own GET parameters.

    A period is the example's year (aar); publisert= is the publishing date instead."""
    if periode is not None and periode.aar:
        filtre["aar"] = periode.aar
    query = "&".join(f"{k}={url_del(v)}" for k, v in filtre.items())
    return _liste() + (f"?{query}" if query else "")


@dataclass
class Celle:
    verdi: int | str
    url: str = ""
    # An empty cell in a coverage matrix: a white spot, said in words.
    tom: bool = False


@dataclass
class Rad:
    overskrift: str
    celler: list[Celle]
    url: str = ""


@dataclass
class Tabell:
    navn: str  # the ?csv= name
    tittel: str
    kolonner: list[str]  # the first names the row headers
    rader: list[Rad] = field(default_factory=list)
    tom_tekst: str = "ingen eksempler ennå"

    def csv_rader(self):
        yield self.kolonner
        for rad in self.rader:
            yield [rad.overskrift, *(celle.verdi for celle in rad.celler)]


def antall_celle(n: int, url: str) -> Celle:
    return Celle(n, url, tom=n == 0)


# Plain SQL: the ORM spent more time composing the summing filters than PostgreSQL spends
# reading the cells. `where` comes from code; every value is a parameter.
CELLER_SQL = """
SELECT maal, distrikt, nokkel, coalesce(sum(antall) FILTER (WHERE %s::integer IS NULL
    OR aar = %s::integer), 0), coalesce(sum(antall) FILTER (WHERE aar = %s::integer), 0)
FROM skattekiste_telling
WHERE antall > 0 AND (%s::integer IS NULL OR aar = %s::integer OR aar = %s::integer)
    AND ({where})
GROUP BY maal, distrikt, nokkel
"""


def celler(where: str, params: list, periode: Periode) -> dict[tuple, tuple[int, int]]:
    """{(maal, distrikt, nokkel): (in the period, in the period before)}, summed in SQL over
    the cells matching `where` (SQL over skattekiste_telling with %s parameters)."""
    aar, forrige = periode.aar, periode.forrige
    with connection.cursor() as cursor:
        cursor.execute(
            CELLER_SQL.format(where=where),  # noqa: S608 - `where` is written in our code
            [aar, aar, forrige, aar, aar, forrige, *params],
        )
        rows = cursor.fetchall()
    return {(maal, d, nokkel): (n, f) for maal, d, nokkel, n, f in rows}
