"""The facet tables the triggers keep: the counts on the lists stay equal to an exact recount
after every kind of write (ORM saves, link changes, bulk_create, deletes, a source's type)."""

import datetime

import pytest
from django.db.models import Count

from innsikt.models import Innsikt, Kilde
from skattekiste.eksempler.models import Eksempel
from tests.helpers import facet

pytestmark = pytest.mark.django_db


def shown(response, name):
    return {o.value: o.count for o in facet(response, name).options}


def exact_insight_groups(**filters):
    rows = (
        Innsikt.objects.published()
        .filter(**filters)
        .values("grupper__slug")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["grupper__slug"]: row["n"] for row in rows if row["grupper__slug"]}


def exact_kinds():
    rows = Innsikt.objects.published().values("kilder__type").annotate(n=Count("pk", distinct=True))
    return {row["kilder__type"]: row["n"] for row in rows}


def test_insight_counts_follow_saves_link_changes_drafts_and_deletes(
    employee_client, make_innsikt, make_gruppe
):
    eldre, ungdom = make_gruppe(slug="eldre"), make_gruppe(slug="ungdom")
    first = make_innsikt(grupper=[eldre])
    second = make_innsikt(grupper=[eldre, ungdom])
    third = make_innsikt(grupper=[ungdom])
    assert shown(employee_client.get("/innsikt/"), "gruppe") == {"eldre": 2, "ungdom": 2}

    first.grupper.add(ungdom)
    second.grupper.remove(eldre)
    third.status = Innsikt.Status.UTKAST
    third.save()
    response = employee_client.get("/innsikt/")
    assert shown(response, "gruppe") == exact_insight_groups() == {"eldre": 1, "ungdom": 2}

    first.delete()
    response = employee_client.get("/innsikt/")
    assert shown(response, "gruppe") == exact_insight_groups() == {"ungdom": 1}
    assert response.context["page"].paginator.count == Innsikt.objects.published().count()


def test_counts_under_one_filter_match_an_exact_recount(employee_client, make_innsikt, make_gruppe):
    eldre, ungdom, barn = (make_gruppe(slug=s) for s in ("eldre", "ungdom", "barn"))
    make_innsikt(grupper=[eldre, ungdom])
    make_innsikt(grupper=[eldre, barn])
    make_innsikt(grupper=[ungdom])
    Innsikt.objects.filter(grupper=barn).update(status=Innsikt.Status.UTKAST)
    response = employee_client.get("/innsikt/?distrikt=&gruppe=eldre")
    assert response.context["page"].paginator.count == 1
    assert shown(response, "gruppe") == exact_insight_groups() == {"eldre": 1, "ungdom": 2}


def test_a_source_changing_type_moves_its_insights_between_kinds(employee_client, make_innsikt):
    kilde = Kilde.objects.create(tittel="Samtaler", slug="samtaler", type="intervju")
    make_innsikt(kilder=[kilde])
    make_innsikt(kilder=[kilde])
    assert shown(employee_client.get("/innsikt/"), "kildetype") == {"intervju": 2}
    kilde.type = "dialogmote"
    kilde.save()
    response = employee_client.get("/innsikt/")
    assert shown(response, "kildetype") == exact_kinds() == {"dialogmote": 2}


def test_bulk_created_examples_and_links_are_counted(employee_client, make_distrikt, make_tema):
    agder = make_distrikt(slug="agder")
    tema = make_tema(slug="tillit")
    now = datetime.datetime.now(datetime.UTC)
    created = Eksempel.objects.bulk_create(
        Eksempel(
            tittel=f"Bulk {i}",
            slug=f"bulk-{i}",
            ingress="Kort.",
            aar=2020 + i % 2,
            situasjoner=["A"],
            status=Eksempel.Status.PUBLISERT,
            publisert=now,
        )
        for i in range(6)
    )
    Eksempel.distrikter.through.objects.bulk_create(
        Eksempel.distrikter.through(eksempel=e, distrikt=agder) for e in created[:4]
    )
    for eksempel in created[:3]:
        eksempel.tema.add(tema)
    response = employee_client.get("/eksempler/")
    assert response.context["page"].paginator.count == 6
    assert shown(response, "distrikt") == {"agder": 4}
    assert shown(response, "tema") == {"tillit": 3}
    assert shown(response, "aar") == {"2021": 3, "2020": 3}
    response = employee_client.get("/eksempler/?tema=tillit&distrikt=agder")
    assert response.context["page"].paginator.count == 3
    Eksempel.objects.filter(pk__in=[e.pk for e in created[:2]]).delete()
    assert shown(employee_client.get("/eksempler/"), "tema") == {"tillit": 1}


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"gruppe": ["g0"]},
        {"gruppe": ["g0", "g1"]},
        {"gruppe": ["g1"], "behov": ["b0"]},
        {"aar": ["2020", "2021"]},
        {"fra": "2019", "til": "2021"},
        {"fra": "2019", "til": "2021", "aar": ["2021", "2022"], "behov": ["b1"]},
        {"kilde": ["k0"]},
        {"kilde": ["k0"], "gruppe": ["g2"]},
    ],
)
def test_every_count_equals_an_exact_recount_whatever_the_choices(
    employee_client, make_innsikt, make_gruppe, make_behov, query
):
    grupper = [make_gruppe(slug=f"g{i}") for i in range(3)]
    behov = [make_behov(slug=f"b{i}") for i in range(2)]
    kilder = [
        Kilde.objects.create(tittel=f"K{i}", slug=f"k{i}", type=t)
        for i, t in enumerate(["intervju", "dialogmote", "intervju"])
    ]
    for i in range(24):
        make_innsikt(
            grupper=grupper[i % 3 : i % 3 + 1 + i % 2],
            behov=behov[: i % 3],
            kilder=[kilder[i % 3], kilder[(i + 1) % 3]][: 1 + i % 2],
            dato=f"{2018 + i % 5}-03-01",
            status="utkast" if i % 7 == 0 else "publisert",
        )
    response = employee_client.get("/innsikt/", query)
    base = Innsikt.objects.published()
    years = range(int(query.get("fra", 1990)), int(query.get("til", 2100)) + 1)
    # Each filter as a subquery, so counting through a relation never reuses its join.
    lookups = {
        "gruppe": "grupper__slug__in",
        "behov": "behov__slug__in",
        "kilde": "kilder__slug__in",
        "aar": "dato__year__in",
        "periode": "dato__year__in",
    }

    def narrow(qs, name, values):
        return qs.filter(pk__in=Innsikt.objects.filter(**{lookups[name]: values}).values("pk"))

    chosen = {k: v for k, v in query.items() if k in lookups}
    if "fra" in query:
        chosen["periode"] = list(years)

    def narrowed(skip=None):
        qs = base
        for name, values in chosen.items():
            if name != skip:
                qs = narrow(qs, name, values)
        return qs.distinct()

    assert response.context["page"].paginator.count == narrowed().count()
    exact = {
        "gruppe": ("grupper__slug", lambda v: v),
        "behov": ("behov__slug", lambda v: v),
        "kildetype": ("kilder__type", lambda v: v),
        "aar": ("dato__year", str),
    }
    for name, (path, as_value) in exact.items():
        rows = narrowed(skip=name).order_by().values(path).annotate(n=Count("pk", distinct=True))
        expected = {as_value(r[path]): r["n"] for r in rows if r[path] is not None}
        # A chosen option stays on the page even when nothing else matches it.
        assert {k: n for k, n in shown(response, name).items() if n} == expected, name
