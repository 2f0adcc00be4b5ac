"""The faceted lists' filters as django-filter FilterSets, built from each list's FacetSpecs.

One FilterSet per list (facet_filterset): a multi-choice filter per facet (by slug, by
choice or by year), the year range `fra`/`til`, the sort order `sorter` and the list's row
filters. A bad value never makes the whole filter fail: a facet keeps the values it knows
and drops the others one by one, and a bad year, sort order or row filter leaves only its
own field out. faceted_page() turns what was dropped into notes in Norwegian.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from skattekiste.felles.facets import SORTS

YEARS = (1990, 2100)


def year(raw) -> int | None:
    try:
        value = int(str(raw).strip())
    except ValueError:
        return None
    return value if YEARS[0] <= value <= YEARS[1] else None


class KnownValuesField(forms.MultipleChoiceField):
    """Several values: keeps those `known` gives a value for (a slug it has, a choice, a
    year), in the order given and once each, and drops the others without failing."""

    def __init__(self, *, known=None, **kwargs):
        self.known = known or (lambda raw: None)
        super().__init__(**kwargs)

    def valid_value(self, value):
        return self.known(value) is not None

    def validate(self, value):
        pass  # an unknown value is dropped, not an error for the whole facet

    def clean(self, value):
        found = (self.known(raw) for raw in self.to_python(value))
        return list(dict.fromkeys(value for value in found if value is not None))


class FacetFilter(django_filters.MultipleChoiceFilter):
    field_class = KnownValuesField


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        message = (
            f"«%(value)s» er ikke et årstall mellom {YEARS[0]} og {YEARS[1]}, "
            "så vi har sett bort fra det."
        )
        super().__init__(min_value=YEARS[0], max_value=YEARS[1], **kwargs)
        self.error_messages["invalid"] = message

    def to_python(self, value):
        if value in self.empty_values or str(value).strip() == "":
            return None
        found = year(value)
        if found is None:
            raise ValidationError(
                self.error_messages["invalid"], params={"value": str(value).strip()[:20]}
            )
        return found

    def validate(self, value):
        pass

    def run_validators(self, value):
        pass  # to_python has checked the range, with the message above


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


class RowFilterField(forms.CharField):
    """One value that `parse` turns into (chip label, QuerySet), or a note if it cannot."""

    def __init__(self, *, parse=None, invalid=None, **kwargs):
        self.parse, self.invalid = parse, invalid
        super().__init__(**kwargs)
        self.validators = []  # a NUL byte gets the note below, not Django's own message

    def to_python(self, value):
        raw = str(value).strip() if value not in self.empty_values else ""
        if not raw:
            return None
        found = None if "\x00" in raw else self.parse(raw[:40])
        if found is None:
            raise ValidationError(self.invalid(raw.replace("\x00", "")[:20]))
        return raw, *found


class RowFilterFilter(django_filters.CharFilter):
    field_class = RowFilterField


class FacetFilterSet(django_filters.FilterSet):
    """The filters of one faceted list; `options` are its facets' known slugs, loaded in
    one query by faceted_page() ({facet: {slug: (key, label, order)}})."""

    facet_list = None

    def __init__(self, data, *, options):
        super().__init__(data)
        for spec in self.facet_list.facets:
            if spec.model is not None:
                known = options[spec.name]
                self.filters[spec.name].extra["known"] = lambda raw, known=known: (
                    raw if raw in known else None
                )

    def chosen(self) -> tuple[dict, list[str]]:
        """(cleaned data with every filter present, notes about what was left out)."""
        form = self.form
        form.is_valid()
        cleaned = {name: form.cleaned_data.get(name) for name in self.filters}
        notes = []
        for spec in self.facet_list.facets:
            known = self.filters[spec.name].field.known
            for raw in dict.fromkeys(self.data.getlist(spec.name)):
                if known(raw) is None:
                    notes.append(
                        f"Vi fant ingen {spec.label.lower()} som heter «{str(raw)[:60]}», "
                        "så det filteret er tatt bort."
                    )
        for name in ("fra", "til", *(f.name for f in self.facet_list.row_filters)):
            notes.extend(str(message) for message in form.errors.get(name, []))
        cleaned["sorter"] = cleaned.get("sorter") or "nyeste"
        return cleaned, notes


def _known(spec):
    if spec.choices:
        values = {str(value) for value, _ in spec.choices}
        return lambda raw: raw if raw in values else None
    if spec.model is None:
        return lambda raw: str(year(raw)) if year(raw) else None
    return None  # set per request from the loaded options


def facet_filterset(facet_list, model) -> type[FacetFilterSet]:
    """The FilterSet of a faceted list: one filter per FacetSpec and RowFilter."""
    filters = {
        spec.name: FacetFilter(label=spec.label, known=_known(spec)) for spec in facet_list.facets
    }
    for row_filter in facet_list.row_filters:
        filters[row_filter.name] = RowFilterFilter(
            parse=row_filter.parse, invalid=row_filter.invalid
        )
    filters["fra"] = YearFilter(label="Fra år")
    filters["til"] = YearFilter(label="Til år")
    filters["sorter"] = django_filters.ChoiceFilter(
        label="Sorter", choices=[(value, label) for value, (label, _) in SORTS.items()]
    )
    meta = type("Meta", (), {"model": model, "fields": []})
    name = f"{model.__name__}Filter"
    return type(name, (FacetFilterSet,), {**filters, "Meta": meta, "facet_list": facet_list})
