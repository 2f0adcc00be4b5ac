"""The faceted lists' filters: several choices per group, a year range and a sort order,
all in the URL (?tema=eldre&tema=svindel&fra=2019&til=2022&sorter=tittel).

A list names its facets (FacetSpec) and its facet table (FacetList); its FilterSet
(felles/filtersett.py) reads the request and drops values it does not know; faceted_page()
counts with what the FilterSet kept, notes in Norwegian what it dropped, and returns the
page's context.
"""

# Table and column names in the SQL come from code; every value from a request is a parameter.
# ruff: noqa: S608

from dataclasses import dataclass
from functools import partial

from django.core.paginator import Paginator
from django.db import connection

from skattekiste.felles.facets import SORTS, Facet, FacetCounter, Option, Results, querystring
from skattekiste.felles.facets import sort_options as order_options
from skattekiste.felles.filtersett import YEARS, FacetFilterSet

PAGE_SIZE = 20


@dataclass(frozen=True)
class FacetSpec:
    """One filter group. Its URL parameter is also its key prefix in the facet table.

    Options come from `model` (by slug, labelled by `label_field`, in `order_field` order),
    from `choices`, or are years. `shown=False` is a filter without a facet (a source).
    """

    name: str
    label: str
    model: type | None = None
    label_field: str = "navn"
    order_field: str | None = None
    choices: tuple = ()
    order: str = "alpha"
    shown: bool = True


@dataclass(frozen=True)
class RowFilter:
    """A filter on what the facet table does not hold (when an example was published).

    `parse(raw)` gives (chip label, QuerySet of the matching rows) for a value it knows,
    else None; `invalid(raw)` is the note for a value it does not know. One value each.
    `key`: the facet table's key on exactly those rows, if it has one; then the counts are
    read from the pair counts, as for a facet, instead of counted over the matching rows.
    """

    name: str
    parse: object
    invalid: object
    key: str = ""


@dataclass(frozen=True)
class FacetList:
    table: str
    facets: tuple[FacetSpec, ...]
    fetch: object  # function(ids) -> the objects, ready for the cards
    unpaired: tuple[str, ...] = ()
    unit: str = "treff"  # what the counts count, for screen readers: «(3 eksempler)»
    row_filters: tuple[RowFilter, ...] = ()


def _load_options(specs, params) -> dict[str, dict[str, tuple[str, str, int]]]:
    """{facet: {slug: (key, label, order)}} for every model facet, in one query.

    A facet that is not shown (thousands of sources) loads only the slugs in the URL.
    """
    parts, args = [], []
    for spec in specs:
        if spec.model is None:
            continue
        meta = spec.model._meta
        order = meta.get_field(spec.order_field).column if spec.order_field else "0"
        label = meta.get_field(spec.label_field).column
        sql = f'SELECT %s, "id", "slug", "{label}", {order} FROM "{meta.db_table}"'
        args.append(spec.name)
        if not spec.shown:
            sql += ' WHERE "slug" = ANY(%s)'
            # PostgreSQL text cannot hold NUL, and no slug has one: such a value matches nothing.
            args.append([str(v)[:200] for v in params.getlist(spec.name) if "\x00" not in v])
        parts.append(sql)
    options = {spec.name: {} for spec in specs if spec.model is not None}
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), args)
            for name, pk, slug, label, order in cursor.fetchall():
                options[name][slug] = (f"{name}:{pk}", label, order)
    return options


def _groups(facet_list, cleaned, options):
    """({group: keys}, {facet: {value: key}}) of the chosen values the filters kept."""
    groups, chosen = {}, {}
    for spec in facet_list.facets:
        values = cleaned[spec.name] or []
        if spec.model is not None:
            chosen[spec.name] = {value: options[spec.name][value][0] for value in values}
        else:
            chosen[spec.name] = {value: f"{spec.name}:{value}" for value in values}
        groups[spec.name] = list(chosen[spec.name].values())
    return groups, chosen


def _period(cleaned):
    """The year range (fra, til) as the years it spans, or None for no range."""
    start, end = cleaned["fra"], cleaned["til"]
    if start is None and end is None:
        return None
    start, end = start or YEARS[0], end or YEARS[1]
    if start > end:
        start, end = end, start
    return start, end


def _row_filters(facet_list, cleaned, groups):
    """([(sql, params)] conditions on the facet table's id, [(name, value, label)]); a row
    filter with a key in the facet table is added to `groups` instead."""
    conditions, chosen = [], []
    for row_filter in facet_list.row_filters:
        if cleaned[row_filter.name] is None:
            continue
        raw, label, rows = cleaned[row_filter.name]
        if row_filter.key:
            groups[row_filter.name] = [row_filter.key]
        else:
            sql, args = rows.order_by().values("pk").query.sql_with_params()
            conditions.append((f"id IN ({sql})", list(args)))
        chosen.append((row_filter.name, raw, label))
    return conditions, chosen


def _toggle(params, name, selected, option) -> str:
    others = [v for v in selected if v != option.value]
    return querystring(params, **{name: others if option.selected else [*selected, option.value]})


def _facets(facet_list, params, options, chosen, counts):
    facets = []
    for spec in facet_list.facets:
        selected = chosen[spec.name]
        found = counts.get(spec.name, {})
        if spec.model is not None:
            labels = options[spec.name]
        elif spec.choices:
            labels = {
                v: (f"{spec.name}:{v}", str(lbl), i) for i, (v, lbl) in enumerate(spec.choices)
            }
        else:
            years = {key.split(":", 1)[1] for key in found} | set(selected)
            labels = {y: (f"{spec.name}:{y}", y, 0) for y in years}
        options_out = []
        for value, (key, label, order) in labels.items():
            is_selected = value in selected
            count = found.get(key, 0)
            if not count and not is_selected:
                continue
            options_out.append(
                (
                    order,
                    Option(
                        value=value,
                        label=label,
                        count=count,
                        selected=is_selected,
                        key=key,
                        toggle=partial(_toggle, params, spec.name, list(selected)),
                    ),
                )
            )
        options_out.sort(key=lambda pair: pair[0])
        facet = Facet(name=spec.name, label=spec.label, shown=spec.shown, unit=facet_list.unit)
        facet.options = order_options([option for _, option in options_out], spec.order)
        facets.append(facet)
    return facets


@dataclass(frozen=True)
class _Selection:
    """What a list's parameters choose, read once through the list's FilterSet."""

    options: dict
    cleaned: dict
    notes: list
    chosen: dict
    period: tuple | None
    row_chosen: list
    counter: FacetCounter


def _select(filterset_class: type[FacetFilterSet], params) -> _Selection:
    facet_list = filterset_class.facet_list
    options = _load_options(facet_list.facets, params)
    cleaned, notes = filterset_class(params, options=options).chosen()
    groups, chosen = _groups(facet_list, cleaned, options)
    period = _period(cleaned)
    if period:
        groups["periode"] = [f"aar:{year}" for year in range(period[0], period[1] + 1)]
    conditions, row_chosen = _row_filters(facet_list, cleaned, groups)
    counter = FacetCounter(
        facet_list.table, groups, unpaired=facet_list.unpaired, conditions=conditions
    )
    return _Selection(options, cleaned, notes, chosen, period, row_chosen, counter)


def list_counter(filterset_class: type[FacetFilterSet], params) -> tuple[FacetCounter, list, str]:
    """(counter over exactly the rows the list shows for `params`, the chosen filters' values
    for a file name, the sort order): what a list's export and feed read, through the list's
    own FilterSet."""
    selection = _select(filterset_class, params)
    facets = filterset_class.facet_list.facets
    values = [value for spec in facets for value in selection.chosen[spec.name]]
    if selection.period:
        values.append(f"{selection.period[0]}-{selection.period[1]}")
    values += [raw for _, raw, _ in selection.row_chosen]
    return selection.counter, values, selection.cleaned["sorter"]


def faceted_page(request, filterset_class: type[FacetFilterSet]) -> dict:
    """The context of a faceted list page: one page of results, the facets with their
    counts, the chosen filters as removable chips, the sort order and notes about values
    that were ignored. `filterset_class` is the list's FilterSet (facet_filterset)."""
    facet_list = filterset_class.facet_list
    params = request.GET
    selection = _select(filterset_class, params)
    options, chosen, counter = selection.options, selection.chosen, selection.counter
    period, row_chosen, notes = selection.period, selection.row_chosen, selection.notes
    sort = selection.cleaned["sorter"]
    shown = [spec.name for spec in facet_list.facets if spec.shown]
    counts, total = counter.counts(shown)
    facets = _facets(facet_list, params, options, chosen, counts)
    chips = [
        (f"{facet.label}: {option.label}", option.url)
        for facet in facets
        for option in facet.selected_options
    ]
    if period:
        label = f"{period[0]}–{period[1]}" if period[0] != period[1] else str(period[0])
        chips.append((f"År: {label}", querystring(params, fra=None, til=None)))
    chips += [(label, querystring(params, **{name: None})) for name, _, label in row_chosen]
    results = Results(counter, sort, total, facet_list.fetch)
    return {
        "page": Paginator(results, PAGE_SIZE).get_page(params.get("page")),
        "facets": [facet for facet in facets if facet.shown],
        "active": [facet for facet in facets if facet.selected_options],
        "chips": chips,
        # Choices without a facet on the page (a source) ride along when the form is sent.
        "hidden_choices": [
            (facet.name, option.value)
            for facet in facets
            if not facet.shown
            for option in facet.selected_options
        ]
        + [(name, value) for name, value, _ in row_chosen],
        "chosen_count": len(chips),
        "sorts": [(value, label) for value, (label, _) in SORTS.items()],
        "sort": sort,
        "period": period,
        "year_bounds": YEARS,
        "fra": str(period[0]) if period and period[0] != YEARS[0] else "",
        "til": str(period[1]) if period and period[1] != YEARS[1] else "",
        "notes": notes,
    }
