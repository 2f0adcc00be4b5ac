"""The facets of /innsikt/, read from the facet table the triggers keep
(innsikt/migrations/0010_fasettabell.py). A source is a filter without a facet."""

from innsikt.models import Behov, Innsikt, Kilde
from skattekiste.felles.filters import FacetList, FacetSpec
from skattekiste.felles.filtersett import facet_filterset
from skattekiste.felles.forhandsbygd import PrebuiltQuery
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe

# The page's cards, with their SQL built once (felles/forhandsbygd.py).
fetch_for_cards = PrebuiltQuery(lambda: Innsikt.objects.published().for_listing())


INNSIKT_FACETS = FacetList(
    table="innsikt_fasett",
    fetch=fetch_for_cards,
    unit="innsikter",
    unpaired=("kilde",),
    facets=(
        FacetSpec("gruppe", "Innbyggergruppe", model=Innbyggergruppe),
        FacetSpec(
            "behov",
            "Behov",
            model=Behov,
            label_field="tekst",
            order_field="rekkefolge",
            order="given",
        ),
        FacetSpec("kildetype", "Type kilde", choices=tuple(Kilde.Type.choices)),
        FacetSpec("kilde", "Kilde", model=Kilde, label_field="tittel", shown=False),
        FacetSpec("distrikt", "Distrikt", model=Distrikt),
        FacetSpec("aar", "År", order="desc"),
    ),
)

InnsiktFilter = facet_filterset(INNSIKT_FACETS, Innsikt)
