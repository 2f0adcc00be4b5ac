"""The overview's counts (Telling) stay exactly right whatever path changes the content.

Each test changes content through a normal path (ORM saves, link changes, QuerySet.update,
bulk_create, deletes, the review workflow, loaddata) and compares every stored cell with a
recount made in Python from the ORM, independent of the triggers' SQL.
"""

import datetime

import pytest
from django.core import serializers
from django.core.management import call_command
from django.utils import timezone

from innsikt.models import Innsikt
from skattekiste.bidra.workflows import publish_eksempel
from skattekiste.eksempler.models import Eksempel
from skattekiste.oversikt.models import Telling

pytestmark = pytest.mark.django_db


def recount() -> dict[tuple, int]:
    """Every cell counted from the published content with the ORM, in Python."""
    cells: dict[tuple, int] = {}

    def add(maal, distrikt, aar, nokkel=""):
        key = (maal, distrikt, aar, str(nokkel))
        cells[key] = cells.get(key, 0) + 1

    examples = Eksempel.objects.published().prefetch_related(
        "distrikter", "metoder", "grupper", "tema"
    )
    for e in examples:
        pub = timezone.localtime(e.publisert)
        for d in [0, *(d.pk for d in e.distrikter.all())]:
            add("eksempler", d, e.aar)
            if e.hva_fungerte_ikke.strip():
                add("ikke_fungerte", d, e.aar)
            for s in set(e.situasjoner):
                add("situasjon", d, e.aar, s)
            add("maaned", d, pub.year, f"{pub.month:02d}")
            for m in e.metoder.all():
                add("metode", d, e.aar, m.pk)
            for g in e.grupper.all():
                add("gruppe", d, e.aar, g.pk)
            for t in e.tema.all():
                add("tema", d, e.aar, t.pk)
    for i in Innsikt.objects.published().prefetch_related("grupper"):
        for g in ["", *(g.pk for g in i.grupper.all())]:
            add("innsikt", 0, i.dato.year, g)
            if i.styrke == 3:
                add("innsikt_sterk", 0, i.dato.year, g)
            if i.styrke == 2:
                add("innsikt_middels", 0, i.dato.year, g)
            if i.fra_gruppen_selv:
                add("innsikt_egen", 0, i.dato.year, g)
    return cells


def stored() -> dict[tuple, int]:
    return {
        (t.maal, t.distrikt, t.aar, t.nokkel): t.antall
        for t in Telling.objects.filter(antall__gt=0)
    }


@pytest.fixture
def content(make_eksempel, make_distrikt, make_metode, make_gruppe, make_tema, make_innsikt):
    d1, d2 = make_distrikt(), make_distrikt()
    m1, m2 = make_metode(), make_metode()
    g1 = make_gruppe()
    t1 = make_tema()
    e1 = make_eksempel(
        distrikter=[d1, d2],
        situasjoner=["A", "B"],
        metoder=[m1, m2],
        grupper=[g1],
        tema=[t1],
        aar=2025,
        hva_fungerte_ikke="Få kom.",
    )
    e2 = make_eksempel(distrikter=[d1], situasjoner=["C"], metoder=[m2], aar=2024)
    utkast = make_eksempel(
        distrikter=[d2], situasjoner=["A"], metoder=[m1], status="utkast", publisert=None
    )
    i1 = make_innsikt(grupper=[g1], styrke=3, fra_gruppen_selv=True)
    return {"d": [d1, d2], "m": [m1, m2], "g": g1, "e": [e1, e2], "utkast": utkast, "i": i1}


def test_the_counts_match_a_recount_after_creating_content(content):
    assert stored() == recount()
    assert stored()[("eksempler", 0, 2025, "")] == 1  # one example in two districts


def test_a_draft_is_not_counted_until_it_is_published(content):
    utkast = content["utkast"]
    assert ("situasjon", content["d"][1].pk, 2022, "A") not in stored()
    utkast.status, utkast.publisert = "publisert", timezone.now()
    utkast.save()
    assert stored() == recount()
    assert stored()[("situasjon", content["d"][1].pk, 2022, "A")] == 1


def test_changing_links_year_and_situations_keeps_the_counts_right(content, make_distrikt):
    e1, e2 = content["e"]
    e1.distrikter.remove(content["d"][0])
    e1.distrikter.add(make_distrikt())
    e1.metoder.clear()
    e1.tema.clear()
    e2.aar, e2.situasjoner, e2.hva_fungerte_ikke = 2026, ["A", "C"], "Ingen kom."
    e2.save()
    assert stored() == recount()


def test_update_unpublish_and_delete_keep_the_counts_right(content):
    e1, e2 = content["e"]
    Eksempel.objects.filter(pk=e2.pk).update(aar=2020)
    assert stored() == recount()
    Eksempel.objects.filter(pk=e1.pk).update(status="utkast")
    assert stored() == recount()
    Eksempel.objects.filter(pk=e2.pk).delete()
    assert stored() == recount()
    assert stored() == {k: v for k, v in recount().items() if k[0].startswith("innsikt")}


def test_the_review_workflow_counts_a_published_submission(make_innsending, make_metode):
    innsending = make_innsending(metoder=[make_metode()])
    assert stored() == recount() == {}
    publish_eksempel(eksempel=innsending, personvern_bekreftet=True)
    assert stored() == recount()
    assert sum(v for k, v in stored().items() if k[0] == "eksempler" and k[1] == 0) == 1


def test_bulk_create_and_loaddata_are_counted(content, tmp_path):
    e1 = content["e"][0]
    Eksempel.objects.bulk_create(
        [
            Eksempel(
                tittel=f"Bulk {n}",
                slug=f"bulk-{n}",
                ingress="x",
                aar=2023,
                situasjoner=["B"],
                status="publisert",
                publisert=timezone.now(),
            )
            for n in range(3)
        ]
    )
    assert stored() == recount()
    fixture = tmp_path / "eksempel.json"
    fixture.write_text(serializers.serialize("json", [e1]))
    Eksempel.objects.filter(pk=e1.pk).update(status="utkast")
    call_command("loaddata", str(fixture), verbosity=0)
    assert stored() == recount()


def test_insights_are_counted_by_group_strength_voice_and_year(content, make_innsikt):
    g = content["g"]
    i1 = content["i"]
    make_innsikt(grupper=[g], styrke=2, dato=datetime.date(2019, 12, 31))
    make_innsikt(grupper=[g], status="utkast")
    assert stored() == recount()
    i1.styrke, i1.fra_gruppen_selv, i1.dato = 1, False, datetime.date(2020, 1, 1)
    i1.save()
    i1.grupper.clear()
    assert stored() == recount()
    Innsikt.objects.all().delete()
    assert {k for k in stored() if k[0].startswith("innsikt")} == set()
