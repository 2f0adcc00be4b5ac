import django_filters

from innsikt.models import Behov, Innsikt, Kilde
from skattekiste.felles.facets import count_values
from skattekiste.felles.filters import FacetFilterSet, SlugChoiceFilter, YearFilter
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe


class InnsiktFilter(FacetFilterSet):
    """Facets of /innsikt/. Filters combine; an unknown value is ignored and reported."""

    gruppe = SlugChoiceFilter(
        field_name="grupper", queryset=Innbyggergruppe.objects.all(), label="Innbyggergruppe"
    )
    behov = SlugChoiceFilter(field_name="behov", queryset=Behov.objects.all(), label="Behov")
    kildetype = django_filters.ChoiceFilter(
        choices=Kilde.Type.choices, method="filter_kildetype", label="Type kilde"
    )
    kilde = SlugChoiceFilter(field_name="kilder", queryset=Kilde.objects.all(), label="Kilde")
    distrikt = SlugChoiceFilter(
        field_name="distrikter", queryset=Distrikt.objects.all(), label="Distrikt"
    )
    aar = YearFilter(field_name="dato__year", label="År", min_value=1990, max_value=2100)

    class Meta:
        model = Innsikt
        fields = []

    def filter_kildetype(self, queryset, name, value):
        return queryset.filter(kilder__type=value).distinct() if value else queryset

    def facet_specs(self):
        return [
            (
                "gruppe",
                "Innbyggergruppe",
                self.through_counter("grupper", label="navn"),
                "alpha",
            ),
            (
                "behov",
                "Behov",
                self.through_counter("behov", label="tekst", order="rekkefolge"),
                "given",
            ),
            ("kildetype", "Type kilde", self.count_kildetype, "alpha"),
            ("distrikt", "Distrikt", self.through_counter("distrikter", label="navn"), "alpha"),
            ("aar", "År", lambda base: count_values(base, "dato__year"), "desc"),
        ]

    def count_kildetype(self, base):
        labels = dict(Kilde.Type.choices)
        # Several sources of one kind on the same insight must count once.
        count = self.through_counter("kilder", value="type", label="type", distinct=True)
        return {value: (labels.get(value, value), n) for value, (_, n) in count(base).items()}
