"""The facets of /eksempler/."""

import django_filters

from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.facets import count_array, count_values
from skattekiste.felles.filters import FacetFilterSet, SlugChoiceFilter, YearFilter
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Situasjon, Tema


class EksempelFilter(FacetFilterSet):
    """Facets of /eksempler/."""

    tema = SlugChoiceFilter(field_name="tema", queryset=Tema.objects.all(), label="Tema")
    situasjon = django_filters.ChoiceFilter(
        choices=Situasjon.choices, method="filter_situasjon", label="Situasjon"
    )
    distrikt = SlugChoiceFilter(
        field_name="distrikter", queryset=Distrikt.objects.all(), label="Distrikt"
    )
    gruppe = SlugChoiceFilter(
        field_name="grupper", queryset=Innbyggergruppe.objects.all(), label="Innbyggergruppe"
    )
    metode = SlugChoiceFilter(field_name="metoder", queryset=Metode.objects.all(), label="Metode")
    aar = YearFilter(field_name="aar", label="År", min_value=2000, max_value=2100)

    class Meta:
        model = Eksempel
        fields = []

    def filter_situasjon(self, queryset, name, value):
        return queryset.filter(situasjoner__contains=[value]) if value else queryset

    def facet_specs(self):
        return [
            ("tema", "Tema", self.through_counter("tema", label="name"), "alpha"),
            (
                "situasjon",
                "Situasjon",
                lambda base: count_array(base, "situasjoner", Situasjon.choices),
                "given",
            ),
            ("distrikt", "Distrikt", self.through_counter("distrikter", label="navn"), "alpha"),
            (
                "gruppe",
                "Innbyggergruppe",
                self.through_counter("grupper", label="navn"),
                "alpha",
            ),
            (
                "metode",
                "Metode",
                self.through_counter("metoder", label="navn", order="nummer"),
                "given",
            ),
            ("aar", "År", lambda base: count_values(base, "aar"), "desc"),
        ]
