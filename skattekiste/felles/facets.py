"""Facet counts and results for list pages, read from a facet table (felles/fasettabell.py).

Each facet is counted with the other groups' filters applied, so a number says what you get
if you add that choice. Several choices in one group mean «any of them»; groups combine
with «and». Counts are exact: with no filter, or one choice, they are read from the pair
counts that triggers keep up to date; with more, they are counted over the facet table,
whose index narrows the rows first.
"""

# Table and column names in the SQL come from code; every value from a request is a parameter.
# ruff: noqa: S608

from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from itertools import combinations

from django.db import connection
from django.utils.safestring import mark_safe

from skattekiste.felles.text import norwegian_sort_key

# Sort orders of the results: URL value -> (label, ORDER BY over the facet table).
SORTS = {
    "nyeste": ("Nyeste først", "aar DESC, dato DESC, id DESC"),
    "eldste": ("Eldste først", "aar ASC, dato ASC, id ASC"),
    "tittel": ("Tittel (A–Å)", "tittel ASC, id ASC"),
}

# Up to this many choices in one group are counted from the pairs, less the rows that hold
# several of them (found by the index, pair by pair: 15 lookups at 6 choices).
MAX_OVERLAPPING = 6


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    key: str = ""
    # The list with this choice toggled; built only when asked for (most are checkboxes).
    toggle: object = None

    @property
    def url(self) -> str:
        return self.toggle(self) if self.toggle else ""

    def checkbox(self, name: str, index: int, unit: str) -> str:
        """The option as a labelled checkbox. Built here rather than in the template: a list
        holds some 150 of them, and ten template variables each made the page slow. Escaped
        with the standard library's html.escape (what Django's escape calls) without the
        lazy-string wrapper around it, which cost more than the escaping."""
        field_id = f"f-{escape(name)}-{index}"
        return mark_safe(  # noqa: S308 - every value in it is escaped
            f'<input type="checkbox" name="{escape(name)}" value="{escape(str(self.value))}"'
            f' id="{field_id}"{" checked" if self.selected else ""}>'
            f'<label for="{field_id}">{escape(str(self.label))} <span class="antall">'
            f'({self.count:d}<span class="skjult"> {escape(unit)}</span>)</span></label>'
        )


@dataclass
class Facet:
    name: str
    label: str
    options: list[Option] = field(default_factory=list)
    shown: bool = True
    unit: str = "treff"

    @property
    def checkboxes(self) -> list[str]:
        return [
            option.checkbox(self.name, index, self.unit)
            for index, option in enumerate(self.options, start=1)
        ]

    @property
    def selected_options(self):
        return [option for option in self.options if option.selected]

    @property
    def selected_label(self) -> str:
        return ", ".join(option.label for option in self.selected_options)


def querystring(params, **changes) -> str:
    """The current query string with `changes` applied; page is always reset.

    A value may be a list (several choices) or None (the parameter is removed).
    """
    query = params.copy()
    query.pop("page", None)
    for key, value in changes.items():
        if value is None or value == []:
            query.pop(key, None)
        elif isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


class FacetCounter:
    """Counts and results over the facet table `table` for the chosen `groups`.

    `groups` maps a group name to the keys chosen in it (any of them matches); `unpaired`
    are key prefixes the pair counts leave out (their filters are always counted directly).
    `exclusive` are key prefixes a row has at most one of (its year): choices among them
    never overlap, so their pair counts can be added up. `conditions` are (sql, params) that
    every row must meet besides the groups (a filter the pair counts know nothing of).
    """

    def __init__(
        self,
        table: str,
        groups: dict[str, list[str]],
        unpaired=(),
        exclusive=("aar",),
        conditions=(),
    ):
        self.table = table
        self.conditions = list(conditions)
        self.groups = {name: sorted(set(keys)) for name, keys in groups.items() if keys}
        self.unpaired = set(unpaired)
        self.exclusive = set(exclusive)

    def _prefix(self, key: str) -> str:
        return key.split(":", 1)[0]

    def _pair_keys(self, names) -> list[str] | None:
        """The pair counts' `a` values to add up for the groups `names`, or None if the rows
        must be counted."""
        if self.conditions:
            return None
        active = [self.groups[name] for name in names if name in self.groups]
        if not active:
            return [""]
        years = [set(k) for k in active if {self._prefix(key) for key in k} <= self.exclusive]
        other = [k for k in active if {self._prefix(key) for key in k} - self.exclusive]
        if not other:
            # Several groups over the year: a row matches if its one year is in all of them.
            keys = set.intersection(*years)
            return sorted(keys) if len({self._prefix(k) for k in keys}) <= 1 else None
        # One group: «any of a, b» is the pairs of a plus those of b, less the rows with both.
        if years or len(other) != 1 or len(other[0]) > MAX_OVERLAPPING:
            return None
        if {self._prefix(key) for key in other[0]} & self.unpaired:
            return None
        return list(other[0])

    def _overlap_is_small(self, keys, pairs) -> bool:
        """Whether the rows with several of `keys` are few beside those with any of them
        (the pairs tell): if most rows hold several, one pass over them all is cheaper."""
        both = sum(pairs.get(a, {}).get(b, 0) for a, b in combinations(keys, 2))
        return both * 4 <= sum(pairs.get(a, {}).get("", 0) for a in keys)

    def _overlapping(self, keys: tuple[str, ...], tag: int) -> tuple[str, list]:
        """How often the rows holding several of `keys` are counted too often by adding up
        the pairs of each key, per key of those rows (tagged «#tag#key»)."""
        both = " OR ".join(["verdier @> %s::text[]"] * (len(keys) * (len(keys) - 1) // 2))
        sql = (
            f"SELECT '#{tag}#' || v, sum(m - 1)::bigint FROM ("
            "SELECT verdier, (SELECT count(*) FROM unnest(verdier) x WHERE x = ANY(%s)) AS m "
            f"FROM {self.table} WHERE publisert AND ({both})"
            ") r, unnest(r.verdier || ARRAY['']) v WHERE m > 1 GROUP BY v"
        )
        return sql, [list(keys), *(list(pair) for pair in combinations(keys, 2))]

    def _where(self, names) -> tuple[str, list]:
        sql, params = ["publisert"], []
        for condition, condition_params in self.conditions:
            sql.append(condition)
            params += condition_params
        for name in names:
            keys = self.groups.get(name)
            if not keys:
                continue
            if all(key.startswith("aar:") for key in keys):
                # The year has its own column and index: a range is a range scan.
                sql.append("aar = ANY(%s::integer[])")
                params.append([int(key.split(":", 1)[1]) for key in keys])
            else:
                sql.append("verdier && %s::text[]")
                params.append(keys)
        return " AND ".join(sql), params

    def _read_pairs(self, keys) -> dict[str, dict[str, int]]:
        pairs: dict[str, dict[str, int]] = {}
        if keys:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT a, b, antall FROM {self.table}_par WHERE a = ANY(%s) AND antall > 0",
                    [sorted(keys)],
                )
                for a, b, n in cursor.fetchall():
                    pairs.setdefault(a, {})[b] = n
        return pairs

    def _scan(self, plans: dict[str, list[str]], overlaps=()) -> tuple[dict, dict]:
        """Counts the rows for the facets in `plans` (facet -> other groups; '' is the total),
        one pass over the matching rows per distinct set of conditions; and the overlaps of
        each set of keys in `overlaps` ({keys: {key: extra}})."""
        by_condition: dict[tuple, list[str]] = {}
        for name, others in plans.items():
            by_condition.setdefault(tuple(sorted(others)), []).append(name)
        parts, params = [], []
        for others, names in by_condition.items():
            where, where_params = self._where(others)
            wanted = [f"{name}:%" for name in names if name]
            parts.append(
                f"SELECT v, count(*) FROM {self.table}, unnest(verdier || ARRAY['']) v "
                f"WHERE {where} AND (v LIKE ANY(%s) OR (v = '' AND %s)) GROUP BY v"
            )
            params += [*where_params, wanted, "" in names]
        for tag, keys in enumerate(overlaps):
            sql, sql_params = self._overlapping(keys, tag)
            parts.append(sql)
            params += sql_params
        found: dict[str, int] = {}
        scanned: dict[str, dict[str, int]] = {}
        if parts:
            # Each facet's keys come from the one branch that asked for them.
            with connection.cursor() as cursor:
                cursor.execute(" UNION ALL ".join(parts), params)
                for key, n in cursor.fetchall():
                    found[key] = n
        for name in plans:
            prefix = f"{name}:" if name else None
            scanned[name] = {
                k: n for k, n in found.items() if (k.startswith(prefix) if prefix else k == "")
            }
        extra: dict[tuple, dict[str, int]] = {keys: {} for keys in overlaps}
        for tag, keys in enumerate(overlaps):
            mark = f"#{tag}#"
            extra[keys] = {k[len(mark) :]: n for k, n in found.items() if k.startswith(mark)}
        return scanned, extra

    def counts(self, facets: list[str]) -> tuple[dict[str, dict[str, int]], int]:
        """({facet: {key: count}}, total) in at most two queries: the pairs, and one pass
        for what they cannot tell."""
        plans = {name: [g for g in self.groups if g != name] for name in facets}
        plans[""] = list(self.groups)
        pair_keys = {name: self._pair_keys(others) for name, others in plans.items()}
        pairs = self._read_pairs({k for keys in pair_keys.values() if keys for k in keys})
        overlaps = set()
        for name, keys in pair_keys.items():
            if keys and len(keys) > 1 and {self._prefix(k) for k in keys} - self.exclusive:
                if self._overlap_is_small(keys, pairs):
                    overlaps.add(tuple(keys))
                else:
                    pair_keys[name] = None
        overlaps = sorted(overlaps)
        scanned, extra = self._scan(
            {n: o for n, o in plans.items() if pair_keys[n] is None}, overlaps
        )
        result: dict[str, dict[str, int]] = {}
        for name, keys in pair_keys.items():
            if keys is None:
                result[name] = scanned[name]
                continue
            summed: dict[str, int] = {}
            prefix = f"{name}:" if name else None
            for a in keys:
                found = dict(pairs.get(a, {}))
                if prefix and a.startswith(prefix):
                    # Pairs leave out (a, a): the rows with a are (a, '').
                    found[a] = found.get("", 0)
                for b, n in found.items():
                    if b.startswith(prefix) if prefix else b == "":
                        summed[b] = summed.get(b, 0) + n
            for b, n in extra.get(tuple(keys), {}).items():
                if b in summed:
                    summed[b] -= n
            result[name] = {b: n for b, n in summed.items() if n > 0}
        total = result.pop("", {}).get("", 0)
        return result, total

    def newest_published(self, limit: int | None) -> list[int]:
        """The matching ids, most recently published first (a feed, an export)."""
        where, params = self._where(self.groups)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {self.table} WHERE {where} "
                "ORDER BY dato DESC NULLS LAST, id DESC LIMIT %s",
                [*params, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def ids(self, sort: str, offset: int, limit: int) -> list[int]:
        where, params = self._where(self.groups)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {self.table} WHERE {where} "
                f"ORDER BY {SORTS[sort][1]} LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            return [row[0] for row in cursor.fetchall()]


class Results:
    """The results as a sliceable sequence for Django's Paginator; the total is known."""

    ordered = True

    def __init__(self, counter: FacetCounter, sort: str, total: int, fetch):
        self.counter, self.sort, self.total, self.fetch = counter, sort, total, fetch

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Results can only be sliced.")
        start = index.start or 0
        ids = self.counter.ids(self.sort, start, (index.stop or self.total) - start)
        if not ids:
            return []
        by_id = {obj.pk: obj for obj in self.fetch(ids)}
        return [by_id[pk] for pk in ids if pk in by_id]


@lru_cache(maxsize=4096)
def _sort_key(label: str) -> str:
    return norwegian_sort_key(label)


def sort_options(options: list[Option], order: str) -> list[Option]:
    if order == "alpha":
        return sorted(options, key=lambda option: _sort_key(option.label))
    if order == "desc":
        return sorted(options, key=lambda option: option.value, reverse=True)
    return options
