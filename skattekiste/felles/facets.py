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

from django.db import connection

from skattekiste.felles.text import norwegian_sort_key

# Sort orders of the results: URL value -> (label, ORDER BY over the facet table).
SORTS = {
    "nyeste": ("Nyeste først", "aar DESC, dato DESC, id DESC"),
    "eldste": ("Eldste først", "aar ASC, dato ASC, id ASC"),
    "tittel": ("Tittel (A–Å)", "tittel ASC, id ASC"),
}


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    url: str
    key: str = ""


@dataclass
class Facet:
    name: str
    label: str
    options: list[Option] = field(default_factory=list)
    shown: bool = True

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
    """

    def __init__(self, table: str, groups: dict[str, list[str]], unpaired=()):
        self.table = table
        self.groups = {name: sorted(set(keys)) for name, keys in groups.items() if keys}
        self.unpaired = set(unpaired)

    def _pair_key(self, names) -> str | None:
        """The pair count's `a` for the groups `names`, or None if they must be counted."""
        active = [self.groups[name] for name in names if name in self.groups]
        if not active:
            return ""
        if len(active) == 1 and len(active[0]) == 1:
            key = active[0][0]
            if key.split(":", 1)[0] not in self.unpaired:
                return key
        return None

    def _where(self, names) -> tuple[str, list]:
        sql, params = ["publisert"], []
        for name in names:
            if name in self.groups:
                sql.append("verdier && %s::text[]")
                params.append(self.groups[name])
        return " AND ".join(sql), params

    def counts(self, facets: list[str]) -> tuple[dict[str, dict[str, int]], int]:
        """({facet: {key: count}}, total) in at most two queries."""
        plans = {name: [g for g in self.groups if g != name] for name in facets}
        plans[""] = list(self.groups)
        pair_keys = {name: self._pair_key(others) for name, others in plans.items()}
        wanted = sorted({key for key in pair_keys.values() if key is not None})
        pairs: dict[str, dict[str, int]] = {}
        if wanted:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT a, b, antall FROM {self.table}_par WHERE a = ANY(%s) AND antall > 0",
                    [wanted],
                )
                for a, b, n in cursor.fetchall():
                    pairs.setdefault(a, {})[b] = n
        parts, params = [], []
        for name, others in plans.items():
            if pair_keys[name] is not None:
                continue
            where, where_params = self._where(others)
            if name:
                parts.append(
                    f"SELECT %s, v, count(*) FROM {self.table}, unnest(verdier) v "
                    f"WHERE {where} AND v LIKE %s GROUP BY v"
                )
                params += [name, *where_params, f"{name}:%"]
            else:
                parts.append(f"SELECT %s, '', count(*) FROM {self.table} WHERE {where}")
                params += ["", *where_params]
        scanned: dict[str, dict[str, int]] = {}
        if parts:
            with connection.cursor() as cursor:
                cursor.execute(" UNION ALL ".join(parts), params)
                for name, key, n in cursor.fetchall():
                    scanned.setdefault(name, {})[key] = n
        result = {}
        for name in facets:
            if pair_keys[name] is None:
                result[name] = scanned.get(name, {})
            else:
                prefix = f"{name}:"
                found = pairs.get(pair_keys[name], {})
                result[name] = {k: n for k, n in found.items() if k.startswith(prefix)}
        if pair_keys[""] is None:
            total = scanned.get("", {}).get("", 0)
        else:
            total = pairs.get(pair_keys[""], {}).get("", 0)
        return result, total

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


def sort_options(options: list[Option], order: str) -> list[Option]:
    if order == "alpha":
        return sorted(options, key=lambda option: norwegian_sort_key(option.label))
    if order == "desc":
        return sorted(options, key=lambda option: option.value, reverse=True)
    return options
