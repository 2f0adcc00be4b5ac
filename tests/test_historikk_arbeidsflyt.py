"""History respects the review: revert and restore never publish or unpublish, and a deletion
for personvern leaves no copy of the content anywhere."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from innsikt.models import Innsikt
from metoder.models import Metode, Steg
from skattekiste.eksempler.models import Eksempel, EksempelTema
from skattekiste.felles.sletting import PersonvernSletting

pytestmark = pytest.mark.django_db


def _revert(client, eksempel, record, eksempel_admin_data):
    url = reverse("admin:skattekiste_eksempel_simple_history", args=[eksempel.pk, record.pk])
    form = client.get(url).context["adminform"].form
    # Status and publication are read-only in the form: the old version's values come along.
    return client.post(
        url,
        eksempel_admin_data(
            eksempel, tittel=form.initial["tittel"], versjon_lest=form.initial["versjon_lest"]
        ),
    )


def test_reverting_a_published_example_to_a_draft_version_keeps_it_published(
    editor_client, make_eksempel, eksempel_admin_data
):
    eksempel = make_eksempel(tittel="Utkastet", status=Eksempel.Status.UTKAST, publisert=None)
    draft = eksempel.history.latest("history_date")
    Eksempel.objects.filter(pk=eksempel.pk).update(
        tittel="Publisert tittel", status=Eksempel.Status.PUBLISERT, publisert="2024-01-01T10:00Z"
    )
    eksempel.refresh_from_db()

    response = _revert(editor_client, eksempel, draft, eksempel_admin_data)

    assert response.status_code == 302
    eksempel.refresh_from_db()
    assert eksempel.tittel == "Utkastet"
    assert eksempel.status == Eksempel.Status.PUBLISERT
    assert eksempel.publisert.year == 2024


def test_reverting_a_withdrawn_example_to_its_published_version_does_not_republish_it(
    editor_client, make_eksempel, eksempel_admin_data
):
    eksempel = make_eksempel(tittel="Publisert versjon")
    published = eksempel.history.latest("history_date")
    Eksempel.objects.filter(pk=eksempel.pk).update(
        tittel="Trukket tilbake", status=Eksempel.Status.UTKAST
    )
    eksempel.refresh_from_db()

    _revert(editor_client, eksempel, published, eksempel_admin_data)

    eksempel.refresh_from_db()
    assert eksempel.tittel == "Publisert versjon"
    assert eksempel.status == Eksempel.Status.UTKAST
    assert not Eksempel.objects.published().filter(pk=eksempel.pk).exists()


@pytest.mark.parametrize("factory", ["make_eksempel", "make_innsikt"])
def test_a_restored_item_comes_back_as_a_draft_with_who_restored_it(
    request, admin_client, editor_client, editor, factory
):
    obj = request.getfixturevalue(factory)(tittel="Slettet", status="publisert")
    model = type(obj)
    opts = model._meta
    admin_client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk]), {"post": "yes"}
    )
    editor_client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_slettede"),
        {"modell": opts.label_lower, "id": obj.pk},
    )
    restored = model.objects.get(pk=obj.pk)
    assert restored.status == model.Status.UTKAST
    assert restored.history.latest("history_date").history_user == editor


# Deletion for personvern


def _delete_for_personvern(client, model, objects, *, confirmed=True):
    opts = model._meta
    data = {"action": "slett_av_personvernhensyn", ACTION_CHECKBOX_NAME: [o.pk for o in objects]}
    if confirmed:
        data["bekreftet"] = "ja"
    return client.post(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), data)


def test_deletion_for_personvern_asks_first_and_deletes_nothing_until_confirmed(
    editor_client, make_eksempel
):
    eksempel = make_eksempel(tittel="Har personopplysninger")
    response = _delete_for_personvern(editor_client, Eksempel, [eksempel], confirmed=False)
    assert response.status_code == 200
    assert "kan ikke gjenopprettes" in response.content.decode()
    assert Eksempel.objects.filter(pk=eksempel.pk).exists()


def test_deletion_for_personvern_removes_the_example_its_history_and_its_log(
    editor_client, editor, make_eksempel, make_tema, eksempel_admin_data
):
    eksempel = make_eksempel(tittel="Møtet med Kari", tema=[make_tema()])
    editor_client.post(
        reverse("admin:skattekiste_eksempel_change", args=[eksempel.pk]),
        eksempel_admin_data(eksempel, beskrivelse="Kari Nordmann sa noe."),
        follow=True,
    )
    pk = eksempel.pk
    assert Eksempel.history.filter(id=pk).exists()
    assert LogEntry.objects.filter(object_id=str(pk)).exists()

    response = _delete_for_personvern(editor_client, Eksempel, [eksempel])

    assert response.status_code == 302
    editor_client.get(response["Location"])  # shows (and uses up) the confirmation
    assert not Eksempel.objects.filter(pk=pk).exists()
    assert not Eksempel.history.filter(id=pk).exists()
    assert not EksempelTema.history.filter(content_object_id=pk).exists()
    assert not LogEntry.objects.filter(object_id=str(pk), object_repr__contains="Kari").exists()
    audit = PersonvernSletting.objects.get()
    assert (audit.modell, audit.objekt_id, audit.slettet_av) == ("skattekiste.eksempel", pk, editor)
    assert "Kari" not in str(audit)
    # Nothing left to restore.
    listing = editor_client.get(reverse("admin:skattekiste_eksempel_slettede"))
    assert "Møtet med Kari" not in listing.content.decode()


def test_deletion_for_personvern_takes_a_cards_steps_and_their_history_too(
    admin_client, make_metode
):
    metode = make_metode()
    Steg.objects.create(metode=metode, rekkefolge=1, tekst="Ring Kari på 98 76 54 32.")
    _delete_for_personvern(admin_client, Metode, [metode])
    assert not Steg.history.filter(metode_id=metode.pk).exists()
    assert not Metode.history.filter(id=metode.pk).exists()


def test_employees_and_editors_without_the_permission_cannot_delete_for_personvern(
    employee_client, make_innsikt, django_user_model, client
):
    innsikt = make_innsikt()
    assert _delete_for_personvern(employee_client, Innsikt, [innsikt]).status_code == 302
    staff = django_user_model.objects.create_user("ansatt2", password="pw", is_staff=True)
    client.force_login(staff)
    assert _delete_for_personvern(client, Innsikt, [innsikt]).status_code == 403
    assert Innsikt.objects.filter(pk=innsikt.pk).exists()
    assert not PersonvernSletting.objects.exists()
