"""The counts of published examples the database keeps on write match an exact recount,
whichever way the content changed: ORM, workflows, admin, bulk_create, update, COPY, TRUNCATE."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from metoder.models import Metode
from skattekiste.bidra.workflows import publish_eksempel, unpublish_eksempel
from skattekiste.eksempler.models import Eksempel, EksempelTema
from skattekiste.eksempler.telling import example_counts
from skattekiste.felles.fasettabell import EKSEMPLER, unfiltered_counts
from skattekiste.felles.vokabular import Situasjon, Tema

pytestmark = pytest.mark.django_db

Status = Eksempel.Status


def exact_counts() -> dict:
    """Counted the slow way, from the examples themselves."""
    published = Eksempel.objects.published()
    counts = {"total": published.count()}
    for s in Situasjon.values:
        counts[s] = published.filter(situasjoner__contains=[s]).count()
    for tema in Tema.objects.all():
        n = published.filter(tema=tema).count()
        if n:
            counts[f"tema {tema.name}"] = n
    for metode in Metode.objects.all():
        counts[f"metode {metode.slug}"] = published.filter(metoder=metode).count()
    return counts


def kept_counts() -> dict:
    """What the pages show: the rows the triggers keep."""
    kept = example_counts(themes=1000)
    counts = {"total": kept.total} | kept.situations
    for tema in kept.themes:
        counts[f"tema {tema.name}"] = tema.antall
    methods = unfiltered_counts(EKSEMPLER, prefixes=["metode:"])
    for metode in Metode.objects.all():
        counts[f"metode {metode.slug}"] = methods.get(f"metode:{metode.pk}", 0)
    return counts


@pytest.fixture
def content(make_eksempel, make_tema, make_metode):
    eldre, skole = make_tema(name="Eldre"), make_tema(name="Skole")
    kort = make_metode(slug="dialog")
    return {
        "eldre": eldre,
        "skole": skole,
        "kort": kort,
        "publisert": make_eksempel(situasjoner=["A", "B"], tema=[eldre, skole], metoder=[kort]),
        "utkast": make_eksempel(
            status=Status.UTKAST, publisert=None, situasjoner=["C"], tema=[eldre], metoder=[kort]
        ),
    }


def test_counts_leave_out_drafts_and_count_each_situation_theme_and_method(content):
    assert kept_counts() == exact_counts()
    assert kept_counts()["total"] == 1
    assert kept_counts()["tema Eldre"] == 1
    assert kept_counts()["metode dialog"] == 1


def test_publishing_and_unpublishing_through_the_workflows_change_the_counts(content):
    publish_eksempel(eksempel=content["utkast"])
    assert kept_counts() == exact_counts()
    assert kept_counts()["C"] == 1 and kept_counts()["tema Eldre"] == 2
    unpublish_eksempel(eksempel=content["publisert"])
    assert kept_counts() == exact_counts()
    assert kept_counts()["total"] == 1


def test_the_admin_publish_action_changes_the_counts(editor_client, content):
    editor_client.post(
        reverse("admin:skattekiste_eksempel_changelist"),
        {"action": "publiser", "_selected_action": [content["utkast"].pk]},
    )
    assert kept_counts() == exact_counts()
    assert kept_counts()["metode dialog"] == 2


def test_changing_themes_methods_and_situations_changes_the_counts(content, make_metode):
    eksempel = content["publisert"]
    eksempel.tema.set([content["skole"]])
    eksempel.metoder.set([make_metode(slug="panel")])
    eksempel.situasjoner = ["C", "C"]
    eksempel.save()
    assert kept_counts() == exact_counts()
    assert "tema Eldre" not in {k for k, v in kept_counts().items() if v}
    assert kept_counts()["metode panel"] == 1 and kept_counts()["C"] == 1


def test_deleting_examples_and_themes_changes_the_counts(content):
    content["publisert"].delete()
    assert kept_counts() == exact_counts()
    assert kept_counts()["total"] == 0
    content["eldre"].delete()
    assert kept_counts() == exact_counts()


def test_queryset_update_and_bulk_create_keep_the_counts(content, make_distrikt):
    Eksempel.objects.filter(pk=content["utkast"].pk).update(
        status=Status.PUBLISERT, publisert=timezone.now()
    )
    assert kept_counts() == exact_counts()
    made = Eksempel.objects.bulk_create(
        Eksempel(
            tittel=f"Masse {n}",
            slug=f"masse-{n}",
            ingress="Mange på en gang.",
            aar=2024,
            situasjoner=["B"],
            status=Status.PUBLISERT,
            publisert=content["publisert"].publisert,
        )
        for n in range(5)
    )
    EksempelTema.objects.bulk_create(
        EksempelTema(content_object=e, tag=content["skole"]) for e in made
    )
    Eksempel.metoder.through.objects.bulk_create(
        Eksempel.metoder.through(eksempel=e, metode=content["kort"]) for e in made
    )
    assert kept_counts() == exact_counts()
    assert kept_counts()["tema Skole"] == 6


def test_links_written_before_their_example_are_counted_when_it_is_published(content):
    # Foreign keys are checked at commit: loaddata and COPY may write links first.
    eksempel = content["utkast"]
    EksempelTema.objects.filter(content_object=eksempel).delete()
    EksempelTema.objects.create(content_object=eksempel, tag=content["skole"])
    Eksempel.objects.filter(pk=eksempel.pk).update(
        status=Status.PUBLISERT, publisert=timezone.now()
    )
    assert kept_counts() == exact_counts()
    assert kept_counts()["tema Skole"] == 2


def test_copy_and_truncate_keep_the_counts(content, make_tema):
    table = EksempelTema._meta.db_table
    ny = make_tema(name="Nytt")
    copy_sql = f"COPY {table} (content_object_id, tag_id) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
        copy.write_row((content["publisert"].pk, ny.pk))
        copy.write_row((content["utkast"].pk, ny.pk))
    assert kept_counts() == exact_counts()
    assert kept_counts()["tema Nytt"] == 1
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the copied rows' deferred checks
        cursor.execute(f"TRUNCATE {table}")
    assert kept_counts() == exact_counts()
    assert "tema Eldre" not in kept_counts()


def test_the_report_content_loaded_with_loaddata_is_counted(db):
    call_command("last_innhold", verbosity=0)
    assert Eksempel.objects.published().exists()
    assert kept_counts() == exact_counts()
