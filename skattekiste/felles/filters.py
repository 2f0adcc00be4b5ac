"""Filters every faceted list uses: one choice by slug, a bounded year, facet counts."""

import django_filters
from django import forms
from django.core.paginator import Paginator

from skattekiste.felles.facets import build_facet, count_through

PAGE_SIZE = 20


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

    def through_counter(self, field_name, *, label, value="slug", order=None, distinct=False):
        """A facet's count() over the many-to-many field `field_name` of the FilterSet's model.

        `label`, `value` and `order` name fields of the related model (navn, slug, nummer).
        """
        model = self._meta.model
        field = model._meta.get_field(field_name)
        through = field.remote_field.through
        # The link table's key to this model: "eksempel", or "content_object" for themes.
        owner = next(f.name for f in through._meta.fields if f.related_model is model)
        target = field.m2m_reverse_field_name()
        return lambda base: count_through(
            base,
            through,
            owner,
            f"{target}__{value}",
            f"{target}__{label}",
            f"{target}__{order}" if order else None,
            distinct=distinct,
        )

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


def faceted_page(request, filterset, ordering) -> dict:
    """The context of a faceted list page: one page of results, the facets with their counts,
    the active filters, and notes about values that were ignored.

    `ordering(queryset)` orders the results; the queryset must offer for_listing().
    """
    results = ordering(filterset.qs.for_listing())
    facets = filterset.facets(request.GET)
    return {
        "page": Paginator(results, PAGE_SIZE).get_page(request.GET.get("page")),
        "facets": facets,
        "active": [facet for facet in facets if facet.selected_label],
        "notes": filterset.invalid_messages(),
    }
