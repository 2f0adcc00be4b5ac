"""What a follow means: its filters read as the example list reads them, and the newly
published examples that match.

`list_filters` is the ONE place that turns a list's query string into its filters, through
the list's own FilterSet (EksempelFilter). A follow matches a newly published
example exactly as the list would show it: every filter group must share a key with the
example's row in the facet table.
"""

# Table names in the SQL come from code; every value is a parameter.
# ruff: noqa: S608

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection
from django.http import QueryDict

from skattekiste.eksempler.filters import EKSEMPEL_FACETS, EksempelFilter
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.fasettabell import EKSEMPLER
from skattekiste.felles.filters import _groups, _load_options, _period

# The example list's filter parameters; paging and sort order are not part of a follow.
FILTERS = ("tema", "situasjon", "distrikt", "gruppe", "metode", "aar", "fra", "til")
MAX_LENGTH = 500
# The weekly digest and a first visit look this far back, never further.
LOOKBACK = timedelta(days=31)
MAX_NEW = 200


def normalise(params) -> str:
    """The list's filters as a canonical query string: the same choice is the same follow."""
    query = QueryDict(mutable=True)
    for name in FILTERS:
        values = sorted({v.strip() for v in params.getlist(name) if v.strip() and "\x00" not in v})
        if values:
            query.setlist(name, values)
    return query.urlencode()[:MAX_LENGTH]


@dataclass
class Followed:
    """A follow, read: its name, the key groups it needs, and whether it still exists."""

    folging: object
    navn: str
    groups: dict = field(default_factory=dict)
    gone: bool = False
    nye: list = field(default_factory=list)

    def matches(self, keys: set[str]) -> bool:
        return not self.gone and all(keys & set(group) for group in self.groups.values())


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
    return {name: keys for name, keys in groups.items() if keys}, labels, notes


def read(folginger, opts) -> list[Followed]:
    out = []
    for folging in folginger:
        groups, labels, notes = list_filters(folging.sporring, opts)
        out.append(
            Followed(
                folging=folging,
                navn=" · ".join(labels) or "Alle eksempler",
                groups=groups,
                gone=bool(notes),
            )
        )
    return out


def published_since(since) -> list[tuple[int, object, set[str]]]:
    """(id, published, keys) of the examples published after `since`, newest first."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, dato, verdier FROM {EKSEMPLER} "
            "WHERE publisert AND dato > %s ORDER BY dato DESC, id DESC LIMIT %s",
            [since, MAX_NEW],
        )
        return [(pk, dato, set(keys)) for pk, dato, keys in cursor.fetchall()]


def match(followed: list[Followed], rows, *, since_follow=False) -> list[int]:
    """Fills each follow's `nye` with the matching ids; returns all matched ids, newest first.

    With `since_follow`, an example counts for a follow only if published after it began.
    """
    matched = {}
    for item in followed:
        start = item.folging.opprettet if since_follow else None
        item.nye = [
            pk for pk, dato, keys in rows if (start is None or dato > start) and item.matches(keys)
        ]
        for pk in item.nye:
            matched[pk] = True
    return [pk for pk, _, _ in rows if pk in matched]


def examples(ids) -> dict[int, Eksempel]:
    return {e.pk: e for e in Eksempel.objects.published().filter(pk__in=ids).for_listing()}


def for_email(ids) -> dict[int, Eksempel]:
    """Just what the e-mail shows, in one query."""
    fields = ("slug", "tittel", "aar", "ingress")
    return {e.pk: e for e in Eksempel.objects.published().filter(pk__in=ids).only(*fields)}
