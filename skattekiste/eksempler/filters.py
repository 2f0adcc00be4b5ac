"""The facets of /eksempler/, read from the facet table the triggers keep
(skattekiste/migrations/0013_eksempel_fasettabell.py). When an example was published and
whether it says what did not work are read from the examples themselves (the overview links
to the list with them: ?publisert=2025-K3, ?publisert=2025-09,
?ikke_virket=ja)."""

import re

from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.filters import FacetList, FacetSpec, RowFilter
from skattekiste.felles.filtersett import YEARS, facet_filterset
from skattekiste.felles.forhandsbygd import PrebuiltQuery
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Situasjon, Tema

# The page's cards, with their SQL built once (felles/forhandsbygd.py).
fetch_for_cards = PrebuiltQuery(lambda: Eksempel.objects.published().for_listing())


PERIOD = re.compile(r"(\d{4})(?:-K([1-4])|-(0[1-9]|1[0-2]))?", re.IGNORECASE)
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august"]
MONTHS += ["september", "oktober", "november", "desember"]


def published_in(raw):
    """«2025», «2025-K3» or «2025-09»: published in that year, quarter or month."""
    match = PERIOD.fullmatch(raw)
    if not match or not YEARS[0] <= int(match[1]) <= YEARS[1]:
        return None
    year = int(match[1])
    quarter = int(match[2]) if match[2] else None
    month = int(match[3]) if match[3] else None
    if month:
        label = f"Publisert i {MONTHS[month - 1]} {year}"
    elif quarter:
        label = f"Publisert {quarter}. kvartal {year}"
    else:
        label = f"Publisert {year}"
    return label, Eksempel.objects.published().published_in(year, quarter, month)


def says_what_did_not_work(raw):
    if raw.lower() != "ja":
        return None
    return "Forteller hva som ikke virket", Eksempel.objects.published().says_what_did_not_work()


EKSEMPEL_FACETS = FacetList(
    table="skattekiste_eksempel_fasett",
    fetch=fetch_for_cards,
    unit="eksempler",
    facets=(
        FacetSpec("tema", "Tema", model=Tema, label_field="name"),
        FacetSpec("situasjon", "Situasjon", choices=tuple(Situasjon.choices), order="given"),
        FacetSpec("distrikt", "Distrikt", model=Distrikt),
        FacetSpec("gruppe", "Innbyggergruppe", model=Innbyggergruppe),
        FacetSpec("metode", "Metode", model=Metode, order_field="nummer", order="given"),
        FacetSpec("aar", "År", order="desc"),
    ),
    row_filters=(
        RowFilter(
            "publisert",
            published_in,
            lambda raw: (
                f"«{raw}» er ikke et år, et kvartal eller en måned (som 2025, 2025-K3 "
                "eller 2025-09), "
                "så vi har sett bort fra når eksemplene ble publisert."
            ),
        ),
        RowFilter(
            "ikke_virket",
            says_what_did_not_work,
            lambda raw: (
                f"«{raw}» er ikke et gyldig valg for «Forteller hva som ikke virket» "
                "(bare «ja» er det), så vi har sett bort fra det."
            ),
            # Kept in the facet table by migration 0030: counted from the pairs.
            key="ikke_virket:ja",
        ),
    ),
)

EksempelFilter = facet_filterset(EKSEMPEL_FACETS, Eksempel)
