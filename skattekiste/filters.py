import django_filters
from django import forms

from skattekiste.facets import build_facet, count_array, count_through, count_values
from skattekiste.models import Distrikt, Eksempel, Innbyggergruppe, Situasjon, Tema


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """Pick one related object by its slug in the URL (?tema=eldre)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__slug": value.slug})


class YearFilter(django_filters.NumberFilter):
    """A whole year within bounds, so a huge number never reaches the database."""

    field_class = forms.IntegerField


class FacetFilterSet(django_filters.FilterSet):
    """A FilterSet whose filters are facets with counts.

    Subclasses list `facet_specs()`: (name, label, count(queryset) -> {value: (label, n)},
    order). Invalid values never raise: they are dropped from cleaned_data and reported.
    """

    def facet_specs(self):
        raise NotImplementedError

    def qs_without(self, name: str):
        """The filtered queryset with every active filter except `name`."""
        self.form.is_valid()
        queryset = self.queryset
        for filter_name, value in self.form.cleaned_data.items():
            if filter_name != name:
                queryset = self.filters[filter_name].filter(queryset, value)
        return queryset

    def selected(self, name: str) -> str | None:
        value = self.form.cleaned_data.get(name)
        if value in (None, ""):
            return None
        return getattr(value, "slug", None) or str(value)

    def invalid_messages(self) -> list[str]:
        """Plain-language notes about filter values that were ignored."""
        self.form.is_valid()
        return [
            f"Vi fant ingen {self.filters[name].label.lower()} som heter "
            f"«{str(self.data.get(name, ''))[:60]}», så det filteret er tatt bort."
            for name in self.form.errors
            if name in self.filters
        ]

    def facets(self, params):
        return [
            build_facet(
                name=name,
                label=label,
                counts=count(self.qs_without(name)),
                selected=self.selected(name),
                params=params,
                order=order,
            )
            for name, label, count, order in self.facet_specs()
        ]


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
    metode = SlugChoiceFilter(field_name="metoder", queryset=None, label="Metode")
    aar = YearFilter(field_name="aar", label="År", min_value=2000, max_value=2100)

    class Meta:
        model = Eksempel
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Methods live in the metoder app; reach them through the relation, not an import.
        metode_model = Eksempel._meta.get_field("metoder").related_model
        self.filters["metode"].queryset = metode_model.objects.all()

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
