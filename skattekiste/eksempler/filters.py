"""The facets of /eksempler/, read from the facet table the triggers keep
(skattekiste/migrations/0013_eksempel_fasettabell.py). When an example was published and
whether it says what did not work are read from the examples themselves (the overview links
to the list with them: ?publisert=2025-K3, ?ikke_virket=ja)."""

import re

from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.filters import FacetList, FacetSpec, RowFilter
from skattekiste.felles.filtersett import YEARS, facet_filterset
from skattekiste.felles.forhandsbygd import PrebuiltQuery
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Situasjon, Tema

# The page's cards, with their SQL built once (felles/forhandsbygd.py).
fetch_for_cards = PrebuiltQuery(lambda: Eksempel.objects.published().for_listing())


PERIOD = re.compile(r"(\d{4})(?:-K([1-4]))?", re.IGNORECASE)


def published_in(raw):
    """«2025» or «2025-K3»: published in that year or quarter."""
    match = PERIOD.fullmatch(raw)
    if not match or not YEARS[0] <= int(match[1]) <= YEARS[1]:
        return None
    year, quarter = int(match[1]), int(match[2]) if match[2] else None
    label = f"Publisert {quarter}. kvartal {year}" if quarter else f"Publisert {year}"
    return label, Eksempel.objects.published().published_in(year, quarter)


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
                f"«{raw}» er ikke et år eller et kvartal (som 2025 eller 2025-K3), "
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
        ),
    ),
)

EksempelFilter = facet_filterset(EKSEMPEL_FACETS, Eksempel)
