"""The facets of /eksempler/."""

import django_filters

from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.facets import count_array, count_through, count_values
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
        def through(field, value, label, order=None):
            model = Eksempel._meta.get_field(field).remote_field.through
            owner = "content_object" if field == "tema" else "eksempel"
            return lambda base: count_through(base, model, owner, value, label, order)

        return [
            ("tema", "Tema", through("tema", "tag__slug", "tag__name"), "alpha"),
            (
                "situasjon",
                "Situasjon",
                lambda base: count_array(base, "situasjoner", Situasjon.choices),
                "given",
            ),
            (
                "distrikt",
                "Distrikt",
                through("distrikter", "distrikt__slug", "distrikt__navn"),
                "alpha",
            ),
            (
                "gruppe",
                "Innbyggergruppe",
                through("grupper", "innbyggergruppe__slug", "innbyggergruppe__navn"),
                "alpha",
            ),
            (
                "metode",
                "Metode",
                through("metoder", "metode__slug", "metode__navn", "metode__nummer"),
                "given",
            ),
            ("aar", "År", lambda base: count_values(base, "aar"), "desc"),
        ]
