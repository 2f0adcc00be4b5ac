"""What a follow means: its filters read as the list reads them, and the newly published
examples and insights that match. A followed search finds both, as the search page does.

`list_filters` is the ONE place that turns a list's query string into its filters, through
the list's own FilterSet (EksempelFilter). A follow matches a newly published row exactly
as the list would show it: every filter group must share a key with the row's keys in the
facet table, and a filter the facet table does not hold (when it was published, whether it
says what did not work, a text search) is asked of the database for the new rows only.
"""

# Table names in the SQL come from code; every value is a parameter.
# ruff: noqa: S608

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection
from django.http import QueryDict

from innsikt.models import Innsikt
from skattekiste.eksempler.filters import EKSEMPEL_FACETS, EksempelFilter
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.fasettabell import EKSEMPLER
from skattekiste.felles.filters import _groups, _load_options, _period
from skattekiste.pafyll.models import Folging
from skattekiste.sok.query import parse_query
from skattekiste.sok.sql import column, table

# Each list's parameters that make a follow; paging and sort order are not part of one.
FILTERS = {
    Folging.Liste.EKSEMPLER: (
        *("tema", "situasjon", "distrikt", "gruppe", "metode", "aar", "fra", "til"),
        *("publisert", "ikke_virket"),
    ),
    Folging.Liste.INNSIKT: ("gruppe",),
    Folging.Liste.SOK: ("q",),
}
MAX_LENGTH = 500
MAX_SEARCH = 200
# The weekly digest and a first visit look this far back, never further.
LOOKBACK = timedelta(days=31)
MAX_NEW = 200
INNSIKT_FASETT = "innsikt_fasett"


def liste_of(raw) -> str:
    return raw if raw in Folging.Liste.values else Folging.Liste.EKSEMPLER


def normalise(params, liste=Folging.Liste.EKSEMPLER) -> str:
    """The list's filters as a canonical query string: the same choice is the same follow."""
    query = QueryDict(mutable=True)
    if liste == Folging.Liste.SOK:
        text = " ".join(str(params.get("q", "")).replace("\x00", "").split())[:MAX_SEARCH]
        if text:
            query["q"] = text
        return query.urlencode()[:MAX_LENGTH]
    for name in FILTERS[liste]:
        values = sorted({v.strip() for v in params.getlist(name) if v.strip() and "\x00" not in v})
        if values:
            query.setlist(name, values)
    return query.urlencode()[:MAX_LENGTH]


@dataclass
class Followed:
    """A follow, read: its name, the key groups it needs, and whether it still exists.

    `rules` are the (kind, value) filters the facet table cannot answer; `allowed` is the
    new rows that meet them, filled in by match() with `nye` (example ids) and `nye_innsikt`.
    """

    folging: object
    navn: str
    groups: dict = field(default_factory=dict)
    gone: bool = False
    rules: list = field(default_factory=list)
    allowed: set | None = None
    nye: list = field(default_factory=list)
    nye_innsikt: list = field(default_factory=list)

    @property
    def liste(self) -> str:
        return self.folging.liste

    @property
    def antall_nye(self) -> int:
        return len(self.nye) + len(self.nye_innsikt)

    def matches(self, pk: int, keys: set[str]) -> bool:
        if self.gone or (self.allowed is not None and pk not in self.allowed):
            return False
        return all(keys & set(group) for group in self.groups.values())


def options():
    """Every choice of the example list, in one query, for reading many follows."""
    return _load_options(EKSEMPEL_FACETS.facets, QueryDict())


def list_filters(sporring: str, opts) -> tuple[dict[str, list[str]], list[str], list[str]]:
    """(groups of facet keys, chip labels, notes) for a query string of the example list.

    A note means a value the list does not know: something deleted since it was followed.
    """
    params = QueryDict(sporring)
    cleaned, notes = EksempelFilter(params, options=opts).chosen()
    groups, chosen = _groups(EKSEMPEL_FACETS, cleaned, opts)
    period = _period(cleaned)
    if period:
        groups["periode"] = [f"aar:{year}" for year in range(period[0], period[1] + 1)]
    labels = []
    for spec in EKSEMPEL_FACETS.facets:
        for value in chosen[spec.name]:
            if spec.model is not None:
                label = opts[spec.name][value][1]
            elif spec.choices:
                label = str(dict(spec.choices)[value])
            else:
                label = value
            labels.append(f"{spec.label}: {label}")
    if period:
        labels.append(f"År: {period[0]}–{period[1]}")
    for row_filter in EKSEMPEL_FACETS.row_filters:
        if cleaned[row_filter.name] is not None:
            labels.append(cleaned[row_filter.name][1])
    return {name: keys for name, keys in groups.items() if keys}, labels, notes


def _read_one(folging, opts) -> Followed:
    if folging.liste == Folging.Liste.SOK:
        text = QueryDict(folging.sporring).get("q", "")
        return Followed(folging=folging, navn=f"Søk: «{text}»", rules=[("q", text)])
    groups, labels, notes = list_filters(folging.sporring, opts)
    if folging.liste == Folging.Liste.INNSIKT:
        names = [label.split(": ", 1)[-1] for label in labels]
        return Followed(
            folging=folging,
            navn=f"Innsikt om {', '.join(names).lower()}" if names else "All innsikt",
            groups=groups,
            gone=bool(notes) or not groups,
        )
    params = QueryDict(folging.sporring)
    rules = [(name, params[name]) for name in ("publisert", "ikke_virket") if params.get(name)]
    return Followed(
        folging=folging,
        navn=" · ".join(labels) or "Alle eksempler",
        groups=groups,
        gone=bool(notes),
        rules=rules,
    )


def read(folginger, opts) -> list[Followed]:
    return [_read_one(folging, opts) for folging in folginger]


def wants_insights(listes) -> bool:
    """Whether any of these follows can match an insight: worth reading the new ones."""
    return any(liste in (Folging.Liste.INNSIKT, Folging.Liste.SOK) for liste in listes)


def notes_for(*, liste: str, sporring: str) -> list[str]:
    """Why a follow cannot be made (a value that does not exist, an empty search), in Norwegian."""
    if liste == Folging.Liste.SOK:
        return [] if sporring else ["Skriv noe å søke etter før du følger søket."]
    _, _, notes = list_filters(sporring, options())
    if liste == Folging.Liste.INNSIKT and not notes and not sporring:
        notes = ["Velg en innbyggergruppe å følge innsikten om."]
    return notes


def published_since(since) -> list[tuple[int, object, set[str]]]:
    """(id, published, keys) of the examples published after `since`, newest first."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, dato, verdier FROM {EKSEMPLER} "
            "WHERE publisert AND dato > %s ORDER BY dato DESC, id DESC LIMIT %s",
            [since, MAX_NEW],
        )
        return [(pk, dato, set(keys)) for pk, dato, keys in cursor.fetchall()]


def insights_since(since) -> list[tuple[int, object, set[str]]]:
    """(id, published, keys) of the insights published after `since`, newest first."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT i.id, i.publisert, f.verdier FROM {table(Innsikt)} i "
            f"JOIN {INNSIKT_FASETT} f ON f.id = i.id "
            "WHERE i.status = 'publisert' AND i.publisert > %s "
            "ORDER BY i.publisert DESC, i.id DESC LIMIT %s",
            [since, MAX_NEW],
        )
        return [(pk, dato, set(keys)) for pk, dato, keys in cursor.fetchall()]


def _searched(model, text: str, ids: list[int]) -> set[int]:
    """The ids among `ids` of rows of `model` that the search for `text` finds."""
    query = parse_query(text)
    if query.useless or not ids:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column(model, 'pk')} FROM {table(model)} "
            f"WHERE {column(model, 'pk')} = ANY(%s) "
            f"AND {column(model, 'search_vector')} @@ %s::tsquery",
            [ids, query.tsquery()],
        )
        return {row[0] for row in cursor.fetchall()}


def _allowed(kind: str, value: str, ids: list[int]) -> set[int]:
    """The ids among `ids` that meet one filter the facet table does not hold."""
    if kind == "q":
        return _searched(Eksempel, value, ids)
    row_filter = next(f for f in EKSEMPEL_FACETS.row_filters if f.name == kind)
    found = row_filter.parse(value[:40])
    if found is None:
        return set()
    return set(found[1].filter(pk__in=ids).values_list("pk", flat=True))


def match(followed: list[Followed], rows, *, innsikt_rows=(), since_follow=False) -> list[int]:
    """Fills each follow's `nye` and `nye_innsikt` with the matching ids; returns the matched
    example ids, newest first (matched_insights gives the insights).

    With `since_follow`, a row counts for a follow only if published after it began.
    """
    ids = [pk for pk, _, _ in rows]
    innsikt_ids = [pk for pk, _, _ in innsikt_rows]
    cache: dict[tuple[str, str], set[int]] = {}
    searched: dict[str, set[int]] = {}
    matched = {}
    for item in followed:
        if item.rules:
            item.allowed = set(ids)
            for rule in item.rules:
                if rule not in cache:
                    cache[rule] = _allowed(*rule, ids) if ids else set()
                item.allowed &= cache[rule]
        start = item.folging.opprettet if since_follow else None
        if item.liste == Folging.Liste.INNSIKT:
            item.nye_innsikt = [
                pk for pk, keys in _since(innsikt_rows, start) if item.matches(pk, keys)
            ]
            continue
        item.nye = [pk for pk, keys in _since(rows, start) if item.matches(pk, keys)]
        matched.update(dict.fromkeys(item.nye, True))
        if item.liste == Folging.Liste.SOK:
            text = item.rules[0][1]
            if text not in searched:
                searched[text] = _searched(Innsikt, text, innsikt_ids)
            found = searched[text]
            item.nye_innsikt = [pk for pk, _ in _since(innsikt_rows, start) if pk in found]
    return [pk for pk in ids if pk in matched]


def _since(rows, start) -> list[tuple[int, set[str]]]:
    """(id, keys) of the rows published after `start`; all of them when it is None."""
    return [(pk, keys) for pk, dato, keys in rows if start is None or dato > start]


def matched_insights(followed: list[Followed], innsikt_rows) -> list[int]:
    found = {pk for item in followed for pk in item.nye_innsikt}
    return [pk for pk, _, _ in innsikt_rows if pk in found]


def examples(ids) -> dict[int, Eksempel]:
    return {e.pk: e for e in Eksempel.objects.published().filter(pk__in=ids).for_listing()}


def insights(ids) -> dict[int, Innsikt]:
    return {i.pk: i for i in Innsikt.objects.published().filter(pk__in=ids).for_listing()}


def for_email(ids) -> dict[int, Eksempel]:
    """Just what the e-mail shows, in one query."""
    fields = ("slug", "tittel", "aar", "ingress")
    return {e.pk: e for e in Eksempel.objects.published().filter(pk__in=ids).only(*fields)}


def insights_for_email(ids) -> dict[int, Innsikt]:
    fields = ("slug", "tittel", "dato", "dato_presisjon")
    return {i.pk: i for i in Innsikt.objects.published().filter(pk__in=ids).only(*fields)}
