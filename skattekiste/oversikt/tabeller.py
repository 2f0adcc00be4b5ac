"""Tables as the pages show them and the CSV files hold them: one structure for both, so a
download has exactly the numbers on the screen."""

import functools
from dataclasses import dataclass, field
from urllib.parse import quote

from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce
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

    def filtrer(self, queryset):
        """Cells of this year and the one before, or every year."""
        if self.aar is None:
            return queryset
        return queryset.filter(aar__in=[self.aar, self.aar - 1])


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


def celler(queryset, periode: Periode) -> dict[tuple, tuple[int, int]]:
    """{(maal, distrikt, nokkel): (in the period, in the period before)}, summed in SQL."""
    if periode.aar is None:
        naa, forrige = Sum("antall"), Value(0)
    else:
        naa = Coalesce(Sum("antall", filter=Q(aar=periode.aar)), 0)
        forrige = Coalesce(Sum("antall", filter=Q(aar=periode.forrige)), 0)
    rows = (
        periode.filtrer(queryset.filter(antall__gt=0))
        .values("maal", "distrikt", "nokkel")
        .annotate(naa=naa, forrige=forrige)
        .values_list("maal", "distrikt", "nokkel", "naa", "forrige")
        .order_by()
    )
    return {(maal, d, nokkel): (n, f) for maal, d, nokkel, n, f in rows}
