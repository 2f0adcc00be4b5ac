"""The counts on /innsikt/grupper/ come from Gruppetall, which triggers keep up to date.

So does Gruppefunn, the rows the group page walks to find each need's strongest findings:
every test here also compares it with the published insights' group links.

Every test changes content through a normal path (the ORM, m2m managers, bulk_create,
raw SQL as COPY would, the admin) and compares what the page shows with an exact recount.
"""

import pytest
from django.db import connection

from innsikt.models import Gruppefunn, Innsikt, Kilde
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.vokabular import Innbyggergruppe

pytestmark = pytest.mark.django_db


def exact_counts():
    """Insights, examples and sources per group, counted the slow way."""
    counts = {}
    for gruppe in Innbyggergruppe.objects.all():
        innsikter = Innsikt.objects.published().filter(grupper=gruppe)
        counts[gruppe.slug] = (
            innsikter.count(),
            Eksempel.objects.published().filter(grupper=gruppe).count(),
            Kilde.objects.filter(innsikter__in=innsikter).distinct().count(),
        )
    return counts


def kept_findings():
    return set(Gruppefunn.objects.values_list("gruppe_id", "innsikt_id", "styrke", "dato"))


def exact_findings():
    """(group, insight, strength, date) for every published insight's group link."""
    return {
        (g, i.pk, i.styrke, i.dato)
        for i in Innsikt.objects.published().prefetch_related("grupper")
        for g in i.grupper.values_list("pk", flat=True)
    }


def shown_counts(client):
    response = client.get("/innsikt/grupper/")
    assert response.status_code == 200
    return {
        g.slug: (g.antall_innsikter, g.antall_eksempler, g.antall_kilder)
        for g in response.context["grupper"]
    }


@pytest.fixture
def world(make_gruppe, make_kilde, make_innsikt, make_eksempel):
    """Two groups that share a source, one draft and one example."""
    a, b = make_gruppe(slug="a", navn="A"), make_gruppe(slug="b", navn="B")
    k1, k2, k3 = make_kilde(), make_kilde(), make_kilde()
    i1 = make_innsikt(grupper=[a], kilder=[k1, k2])
    i2 = make_innsikt(grupper=[a, b], kilder=[k2])
    utkast = make_innsikt(grupper=[b], kilder=[k3], status=Innsikt.Status.UTKAST)
    eksempel = make_eksempel(grupper=[a])
    return {
        "a": a,
        "b": b,
        "kilder": (k1, k2, k3),
        "i1": i1,
        "i2": i2,
        "utkast": utkast,
        "eksempel": eksempel,
    }


def test_the_group_list_shows_exact_counts_with_drafts_left_out(employee_client, world):
    assert shown_counts(employee_client) == exact_counts()
    assert shown_counts(employee_client)["a"] == (2, 1, 2)
    assert shown_counts(employee_client)["b"] == (1, 0, 1)
    assert kept_findings() == exact_findings()


def test_publishing_and_withdrawing_an_insight_moves_the_counts(employee_client, world):
    world["utkast"].status = Innsikt.Status.PUBLISERT
    world["utkast"].save()
    assert shown_counts(employee_client)["b"] == (2, 0, 2)
    world["i2"].status = Innsikt.Status.UTKAST
    world["i2"].save()
    assert shown_counts(employee_client) == exact_counts()
    assert shown_counts(employee_client)["b"] == (1, 0, 1)
    assert kept_findings() == exact_findings()


def test_a_source_counts_once_however_many_insights_cite_it(employee_client, world):
    k1, k2, _ = world["kilder"]
    world["i2"].kilder.add(k1)
    assert shown_counts(employee_client)["a"] == (2, 1, 2)
    world["i1"].kilder.remove(k1)
    assert shown_counts(employee_client)["a"] == (2, 1, 2)  # i2 still cites k1
    world["i2"].kilder.remove(k1)
    assert shown_counts(employee_client)["a"] == (2, 1, 1)
    assert shown_counts(employee_client) == exact_counts()
    assert kept_findings() == exact_findings()


def test_linking_and_unlinking_groups_moves_the_counts(employee_client, world):
    world["i1"].grupper.add(world["b"])
    world["i2"].grupper.remove(world["a"])
    world["eksempel"].grupper.set([world["b"]])
    assert shown_counts(employee_client) == exact_counts()
    world["i1"].grupper.clear()
    assert shown_counts(employee_client) == exact_counts()
    assert kept_findings() == exact_findings()


def test_deleting_insights_sources_examples_and_groups_keeps_the_counts_right(
    employee_client, world, make_gruppe
):
    world["i1"].delete()
    world["kilder"][1].delete()
    world["eksempel"].delete()
    assert shown_counts(employee_client) == exact_counts()
    world["b"].delete()
    assert shown_counts(employee_client) == exact_counts()
    Innsikt.objects.filter(grupper=world["a"]).delete()
    assert shown_counts(employee_client) == exact_counts() == {"a": (0, 0, 0)}
    assert kept_findings() == exact_findings()


def test_withdrawing_an_example_and_bulk_updates_move_the_counts(employee_client, world):
    Eksempel.objects.filter(pk=world["eksempel"].pk).update(status=Eksempel.Status.UTKAST)
    Innsikt.objects.update(status=Innsikt.Status.PUBLISERT)
    assert shown_counts(employee_client) == exact_counts()
    assert shown_counts(employee_client)["a"] == (2, 0, 2)
    assert kept_findings() == exact_findings()


def test_bulk_create_and_raw_sql_inserts_are_counted(employee_client, world, make_kilde):
    a, b = world["a"], world["b"]
    kilde = make_kilde()
    nye = Innsikt.objects.bulk_create(
        Innsikt(
            tittel=f"Bulk {n}",
            slug=f"bulk-{n}",
            forklaring="x",
            dato="2024-01-01",
            status=Innsikt.Status.PUBLISERT,
        )
        for n in range(5)
    )
    Innsikt.grupper.through.objects.bulk_create(
        Innsikt.grupper.through(innsikt=i, innbyggergruppe=g) for i in nye for g in (a, b)
    )
    Innsikt.kilder.through.objects.bulk_create(
        Innsikt.kilder.through(innsikt=i, kilde=kilde) for i in nye
    )
    assert shown_counts(employee_client) == exact_counts()
    # As COPY or a restore would: rows straight into the link table.
    table = connection.ops.quote_name(Eksempel.grupper.through._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (eksempel_id, innbyggergruppe_id) VALUES (%s, %s)",  # noqa: S608
            [world["eksempel"].pk, b.pk],
        )
    assert shown_counts(employee_client) == exact_counts()
    assert shown_counts(employee_client)["b"] == (6, 1, 2)
    assert kept_findings() == exact_findings()


def test_saving_an_insight_in_the_admin_keeps_the_counts_right(
    editor_client, world, innsikt_admin_data
):
    utkast = world["utkast"]
    data = innsikt_admin_data(
        utkast,
        status=Innsikt.Status.PUBLISERT,
        grupper=[world["a"].pk, world["b"].pk],
        personvern_bekreftet="on",
    )
    response = editor_client.post(f"/admin/innsikt/innsikt/{utkast.pk}/change/", data)
    assert response.status_code == 302
    assert response["Location"] == "/admin/innsikt/innsikt/"
    utkast.refresh_from_db()
    assert utkast.status == Innsikt.Status.PUBLISERT
    assert shown_counts(editor_client) == exact_counts()
    assert shown_counts(editor_client)["a"] == (3, 1, 3)
    assert kept_findings() == exact_findings()


def test_changing_strength_or_date_moves_the_finding_on_the_group_page(employee_client, world):
    i1, i2 = world["i1"], world["i2"]
    Innsikt.objects.filter(pk=i1.pk).update(styrke=3, dato="2020-01-01")
    Innsikt.objects.filter(pk=i2.pk).update(styrke=1, dato="2025-01-01")
    assert kept_findings() == exact_findings()
    response = employee_client.get(world["a"].get_absolute_url())
    shown = [i.pk for i in response.context["summary"].kort_fortalt]
    assert shown == [i1.pk, i2.pk]
    i2.refresh_from_db()
    i2.styrke = 3
    i2.save()
    response = employee_client.get(world["a"].get_absolute_url())
    assert [i.pk for i in response.context["summary"].kort_fortalt] == [i2.pk, i1.pk]
    assert kept_findings() == exact_findings()
