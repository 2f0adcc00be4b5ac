"""How many published examples there are in all, per situation and per theme.

Read from the example list's pair counts (felles/fasettabell.py), which PostgreSQL keeps up
to date on every write: the home page never counts 20 000 examples per request.
"""

from dataclasses import dataclass

from django.db import connections, router
from django.db.models.expressions import RawSQL

from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.fasettabell import EKSEMPLER, unfiltered_counts
from skattekiste.felles.text import norwegian_sort_key
from skattekiste.felles.vokabular import Situasjon, Tema


@dataclass
class ExampleCounts:
    total: int
    situations: dict  # {"A": n, "B": n, "C": n}
    themes: list  # Tema objects with .antall, most examples first


def example_counts(*, themes=12) -> ExampleCounts:
    """All published examples, per situation, and the `themes` themes most of them have:
    one read of the pair counts and one of the themes."""
    counts = unfiltered_counts(EKSEMPLER, prefixes=["situasjon:", "tema:"])
    antall = {int(key[5:]): n for key, n in counts.items() if key.startswith("tema:")}
    chosen = list(Tema.objects.filter(pk__in=antall))
    for tema in chosen:
        tema.antall = antall[tema.pk]
    chosen.sort(key=lambda tema: (-tema.antall, norwegian_sort_key(tema.name)))
    return ExampleCounts(
        total=counts.get("", 0),
        situations={s: counts.get(f"situasjon:{s}", 0) for s in Situasjon.values},
        themes=chosen[:themes],
    )


def popular_themes(limit=12) -> list:
    """The `limit` themes most published examples have, with .antall: one query that reads
    each theme's pair count (the search's start page)."""
    # Only our own table names go into the SQL; nothing from a request.
    pairs, tema = f"{EKSEMPLER}_par", Tema._meta.db_table
    sql = f"SELECT p.antall FROM {pairs} p WHERE p.a = '' AND p.b = 'tema:' || {tema}.id"  # noqa: S608
    antall = RawSQL(sql, ())  # noqa: S611
    themes = Tema.objects.annotate(antall=antall).filter(antall__gt=0)
    return list(themes.order_by("-antall", "name")[:limit])


def awaiting_review_count() -> int:
    """How many examples wait for review: the editors' menu shows it on every page.

    One indexed count (skattekiste_eks_status_id), written out: the ORM took longer to build
    it than PostgreSQL took to run it.
    """
    table = connections["default"].ops.quote_name(Eksempel._meta.db_table)
    with connections[router.db_for_read(Eksempel)].cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {table} WHERE status = %s",  # noqa: S608 - name from the model
            [Eksempel.Status.TIL_VURDERING],
        )
        return cursor.fetchone()[0]
