import django_filters

from innsikt.models import Behov, Innsikt, Kilde
from skattekiste.felles.facets import count_through, count_values
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
        def through(field, value, label, order=None):
            model = Innsikt._meta.get_field(field).remote_field.through
            return lambda base: count_through(base, model, "innsikt", value, label, order)

        return [
            (
                "gruppe",
                "Innbyggergruppe",
                through("grupper", "innbyggergruppe__slug", "innbyggergruppe__navn"),
                "alpha",
            ),
            (
                "behov",
                "Behov",
                through("behov", "behov__slug", "behov__tekst", "behov__rekkefolge"),
                "given",
            ),
            ("kildetype", "Type kilde", _kildetype_counts, "alpha"),
            (
                "distrikt",
                "Distrikt",
                through("distrikter", "distrikt__slug", "distrikt__navn"),
                "alpha",
            ),
            ("aar", "År", lambda base: count_values(base, "dato__year"), "desc"),
        ]


def _kildetype_counts(base):
    labels = dict(Kilde.Type.choices)
    # Several sources of one kind on the same insight must count once.
    rows = count_through(
        base, Innsikt.kilder.through, "innsikt", "kilde__type", "kilde__type", distinct=True
    )
    return {value: (labels.get(value, value), n) for value, (_, n) in rows.items()}
