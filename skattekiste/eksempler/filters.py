"""The facets of /eksempler/, read from the facet table the triggers keep
(skattekiste/migrations/0013_eksempel_fasettabell.py)."""

from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.filters import FacetList, FacetSpec
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Situasjon, Tema


def fetch_for_cards(ids):
    return Eksempel.objects.published().filter(pk__in=ids).for_listing()


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
)
