"""Every trigger-kept count stays exact under bulk writes: bulk_create, QuerySet.update and
QuerySet.delete over many rows at once, loaddata and TRUNCATE.

The three count systems (the facet pair tables, the group counts and findings, the
overview's cells) are compared with recounts made in Python from the ORM, never with the
triggers' own SQL. The triggers run once per statement, so these writes touch many rows
in one trigger call: the case the row-by-row tests do not reach.
"""

import datetime

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from innsikt.models import Gruppefunn, Gruppekilde, Gruppetall, Innsikt
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.vokabular import Innbyggergruppe
from tests.test_oversikt_telling import recount as recount_overview
from tests.test_oversikt_telling import stored as stored_overview

pytestmark = pytest.mark.django_db

EksempelDistrikt = Eksempel.distrikter.through
EksempelMetode = Eksempel.metoder.through
EksempelGruppe = Eksempel.grupper.through
EksempelTema = Eksempel.tema.through
InnsiktGruppe = Innsikt.grupper.through
InnsiktKilde = Innsikt.kilder.through
InnsiktBehov = Innsikt.behov.through
InnsiktDistrikt = Innsikt.distrikter.through


def _pairs(keys) -> set[tuple[str, str]]:
    """The pairs one published row counts in, as the pair table defines them."""
    k = ["", *sorted(set(keys))]
    return {(a, b) for a in k for b in k if a != b or a == ""}


def _count_pairs(rows) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for keys in rows:
        for pair in _pairs(keys):
            counts[pair] = counts.get(pair, 0) + 1
    return counts


def recount_example_pairs():
    examples = Eksempel.objects.published().prefetch_related(
        "distrikter", "metoder", "grupper", "tema"
    )
    return _count_pairs(
        [
            *(f"tema:{t.pk}" for t in e.tema.all()),
            *(f"situasjon:{s}" for s in e.situasjoner),
            *(f"distrikt:{d.pk}" for d in e.distrikter.all()),
            *(f"gruppe:{g.pk}" for g in e.grupper.all()),
            *(f"metode:{m.pk}" for m in e.metoder.all()),
            f"aar:{e.aar}",
            # btrim in the trigger strips spaces only.
            *(["ikke_virket:ja"] if e.hva_fungerte_ikke.strip(" ") else []),
        ]
        for e in examples
    )


def recount_insight_pairs():
    insights = Innsikt.objects.published().prefetch_related(
        "grupper", "behov", "kilder", "distrikter"
    )
    # Sources by id are left out of the pairs (too many); their kind is paired.
    return _count_pairs(
        [
            *(f"gruppe:{g.pk}" for g in i.grupper.all()),
            *(f"behov:{b.pk}" for b in i.behov.all()),
            *(f"kildetype:{k.type}" for k in i.kilder.all()),
            *(f"distrikt:{d.pk}" for d in i.distrikter.all()),
            f"aar:{i.dato.year}",
        ]
        for i in insights
    )


def stored_pairs(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT a, b, antall FROM {table}_par WHERE antall <> 0")  # noqa: S608
        return {(a, b): n for a, b, n in cursor.fetchall()}


def recount_groups():
    """(group counts, source pairs, findings) from the ORM."""
    tall, kilder, funn = {}, {}, set()
    for g in Innbyggergruppe.objects.all():
        published = Innsikt.objects.published().filter(grupper=g)
        sources = {}
        for i in published.prefetch_related("kilder"):
            funn.add((g.pk, i.pk, i.styrke, i.dato))
            for k in i.kilder.all():
                sources[k.pk] = sources.get(k.pk, 0) + 1
        kilder.update({(g.pk, k): n for k, n in sources.items()})
        examples = Eksempel.objects.published().filter(grupper=g).count()
        row = (published.count(), examples, len(sources))
        if any(row):
            tall[g.pk] = row
    return tall, kilder, funn


def stored_groups():
    tall = {
        t.gruppe_id: (t.innsikter, t.eksempler, t.kilder)
        for t in Gruppetall.objects.all()
        if (t.innsikter, t.eksempler, t.kilder) != (0, 0, 0)
    }
    kilder = {
        (k.gruppe_id, k.kilde_id): k.innsikter for k in Gruppekilde.objects.filter(innsikter__gt=0)
    }
    funn = {(f.gruppe_id, f.innsikt_id, f.styrke, f.dato) for f in Gruppefunn.objects.all()}
    return tall, kilder, funn


def assert_every_count_exact():
    assert stored_overview() == recount_overview()
    assert stored_pairs("skattekiste_eksempel_fasett") == recount_example_pairs()
    assert stored_pairs("innsikt_fasett") == recount_insight_pairs()
    assert stored_groups() == recount_groups()


@pytest.fixture
def world(make_distrikt, make_metode, make_gruppe, make_tema, make_kilde, make_behov):
    return {
        "distrikter": [make_distrikt() for _ in range(3)],
        "metoder": [make_metode() for _ in range(2)],
        "grupper": [make_gruppe() for _ in range(3)],
        "tema": [make_tema() for _ in range(2)],
        "kilder": [make_kilde(type=t) for t in ("intervju", "dialogmote", "intervju")],
        "behov": [make_behov() for _ in range(2)],
        "ny_gruppe": make_gruppe(),
        "nytt_distrikt": make_distrikt(),
    }


def bulk_examples(world, count=24):
    """Examples and every kind of link, each table written in one statement."""
    now = timezone.now()
    examples = Eksempel.objects.bulk_create(
        Eksempel(
            tittel=f"Bulk {i}",
            slug=f"bulk-{i}",
            ingress="Kort.",
            aar=2020 + i % 3,
            situasjoner=["A", "B", "C", "A"][: 1 + i % 4],
            hva_fungerte_ikke="Få kom." if i % 2 else "",
            status="utkast" if i % 5 == 0 else "publisert",
            publisert=None if i % 5 == 0 else now - datetime.timedelta(days=40 * i),
        )
        for i in range(count)
    )
    d, m, g, t = world["distrikter"], world["metoder"], world["grupper"], world["tema"]
    EksempelDistrikt.objects.bulk_create(
        EksempelDistrikt(eksempel=e, distrikt=x)
        for i, e in enumerate(examples)
        for x in d[: 1 + i % 3]
    )
    EksempelMetode.objects.bulk_create(
        EksempelMetode(eksempel=e, metode=m[i % 2]) for i, e in enumerate(examples)
    )
    EksempelGruppe.objects.bulk_create(
        EksempelGruppe(eksempel=e, innbyggergruppe=x)
        for i, e in enumerate(examples)
        for x in g[: i % 3]
    )
    EksempelTema.objects.bulk_create(
        EksempelTema(content_object=e, tag=t[i % 2]) for i, e in enumerate(examples)
    )
    return examples


def bulk_insights(world, count=30):
    insights = Innsikt.objects.bulk_create(
        Innsikt(
            tittel=f"Funn {i}",
            slug=f"bulk-funn-{i}",
            forklaring="Dette fant vi.",
            dato=datetime.date(2019 + i % 4, 1 + i % 12, 1),
            styrke=1 + i % 3,
            fra_gruppen_selv=i % 2 == 0,
            status="utkast" if i % 7 == 0 else "publisert",
        )
        for i in range(count)
    )
    g, k, b, d = world["grupper"], world["kilder"], world["behov"], world["distrikter"]
    InnsiktGruppe.objects.bulk_create(
        InnsiktGruppe(innsikt=x, innbyggergruppe=y)
        for i, x in enumerate(insights)
        for y in g[i % 3 : i % 3 + 1 + i % 2]
    )
    InnsiktKilde.objects.bulk_create(
        InnsiktKilde(innsikt=x, kilde=y) for i, x in enumerate(insights) for y in k[: 1 + i % 3]
    )
    InnsiktBehov.objects.bulk_create(
        InnsiktBehov(innsikt=x, behov=b[i % 2]) for i, x in enumerate(insights) if i % 3
    )
    InnsiktDistrikt.objects.bulk_create(
        InnsiktDistrikt(innsikt=x, distrikt=d[i % 3]) for i, x in enumerate(insights)
    )
    return insights


def test_bulk_created_content_and_links_are_counted_exactly(world):
    bulk_examples(world)
    bulk_insights(world)
    assert_every_count_exact()
    assert stored_overview()[("eksempler", 0, 2020, "")] > 1


def test_updates_of_many_rows_in_one_statement_keep_every_count_exact(world):
    bulk_examples(world)
    bulk_insights(world)
    Eksempel.objects.filter(aar=2021).update(aar=2019, situasjoner=["C"])
    Eksempel.objects.filter(aar=2022).update(status="utkast")
    Eksempel.objects.filter(status="utkast").update(status="publisert", publisert=timezone.now())
    Eksempel.objects.update(tittel="Ny tittel")  # no counted column: nothing moves
    assert_every_count_exact()
    Innsikt.objects.filter(styrke=1).update(styrke=3, dato=datetime.date(2024, 6, 1))
    Innsikt.objects.filter(fra_gruppen_selv=True).update(status="utkast")
    Innsikt.objects.filter(status="utkast", styrke=2).update(status="publisert")
    assert_every_count_exact()
    group = world["grupper"][0]
    InnsiktGruppe.objects.filter(innbyggergruppe=group).update(innbyggergruppe=world["ny_gruppe"])
    EksempelDistrikt.objects.filter(distrikt=world["distrikter"][2]).update(
        distrikt=world["nytt_distrikt"]
    )
    assert_every_count_exact()


def test_deleting_many_rows_and_links_in_one_statement_keeps_every_count_exact(world):
    examples = bulk_examples(world)
    bulk_insights(world)
    EksempelDistrikt.objects.filter(distrikt=world["distrikter"][0]).delete()
    EksempelTema.objects.filter(tag=world["tema"][1]).delete()
    InnsiktKilde.objects.filter(kilde=world["kilder"][0]).delete()
    InnsiktGruppe.objects.filter(innbyggergruppe=world["grupper"][2]).delete()
    assert_every_count_exact()
    Eksempel.objects.filter(pk__in=[e.pk for e in examples[::2]]).delete()
    Innsikt.objects.filter(styrke=2).delete()
    assert_every_count_exact()
    Eksempel.objects.all().delete()
    Innsikt.objects.all().delete()
    assert_every_count_exact()
    assert stored_overview() == {}


def test_loaddata_of_many_rows_with_their_links_is_counted_exactly(world, tmp_path):
    examples = bulk_examples(world, count=10)
    insights = bulk_insights(world, count=10)
    fixture = tmp_path / "innhold.json"
    fixture.write_text(serializers.serialize("json", [*examples, *insights]))
    Eksempel.objects.all().delete()
    Innsikt.objects.all().delete()
    assert_every_count_exact()
    call_command("loaddata", str(fixture), verbosity=0)
    assert Eksempel.objects.count() == 10
    assert_every_count_exact()
    call_command("loaddata", str(fixture), verbosity=0)  # the same rows again: saved over
    assert_every_count_exact()


def test_truncating_a_link_table_counts_the_overview_and_lists_again(world):
    bulk_examples(world)
    bulk_insights(world)
    with connection.cursor() as cursor:
        # The test's transaction defers foreign-key checks; TRUNCATE wants them done.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE skattekiste_eksempel_metoder, innsikt_innsikt_behov")
    assert stored_overview() == recount_overview()
    assert stored_pairs("skattekiste_eksempel_fasett") == recount_example_pairs()
    assert stored_pairs("innsikt_fasett") == recount_insight_pairs()


def test_the_count_triggers_run_once_per_statement_not_once_per_row():
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT tgname FROM pg_trigger
            WHERE NOT tgisinternal AND tgtype & 1 = 1
              AND (tgname LIKE 'oversikt%%' OR tgname LIKE '%%fasett%%'
                   OR tgname LIKE '%%tall%%' OR tgname LIKE '%%funn%%')
            """
        )
        assert cursor.fetchall() == []
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'oversikt%%'")
        assert cursor.fetchone()[0] > 0
