"""No edit is lost silently: two editors in two sessions, on every content model they share.

The second save is refused and shows the other editor's version beside one's own, field by
field; saving anyway takes an explicit tick. Pressing save twice is not enough.
"""

import pytest
from django.test import Client
from django.urls import reverse

from innsikt.models import Innsikt, Kilde
from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.vokabular import Innbyggergruppe
from tests.admin_forms import unchanged_data

pytestmark = pytest.mark.django_db

# model, the field both editors change, and how to make one
CASES = [
    (Eksempel, "ingress", "make_eksempel"),
    (Innsikt, "forklaring", "make_innsikt"),
    (Kilde, "beskrivelse", "make_kilde"),
    (Metode, "ingress", "make_metode"),
    (Innbyggergruppe, "beskrivelse", "make_gruppe"),
]


@pytest.fixture
def two_editors(editor, django_user_model):
    second = django_user_model.objects.create_user("redaktor2", password="pw", is_staff=True)
    second.groups.set(editor.groups.all())
    first_client, second_client = Client(), Client()
    first_client.force_login(editor)
    second_client.force_login(second)
    return first_client, second_client


def _url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _open(client, obj) -> dict:
    """The form as this editor's browser holds it, inlines included."""
    response = client.get(_url(obj))
    assert response.status_code == 200
    data = unchanged_data(response.context["adminform"].form)
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update(unchanged_data(management))
        for form in formset.formset.forms:
            data.update(unchanged_data(form))
    return data


@pytest.mark.parametrize(("model", "field", "factory"), CASES)
def test_a_stale_save_is_refused_and_shows_both_versions(
    request, two_editors, model, field, factory
):
    first, second = two_editors
    obj = request.getfixturevalue(factory)()
    first_form, second_form = _open(first, obj), _open(second, obj)

    saved = first.post(_url(obj), {**first_form, field: "Den første redaktørens tekst."})
    assert saved.status_code == 302

    refused = second.post(_url(obj), {**second_form, field: "Den andre redaktørens tekst."})
    assert refused.status_code == 200
    content = refused.content.decode()
    assert "Noen andre har lagret" in content
    assert "Den første redaktørens tekst." in content  # theirs
    assert "Den andre redaktørens tekst." in content  # yours, still in the form and the table
    assert getattr(model.objects.get(pk=obj.pk), field) == "Den første redaktørens tekst."


@pytest.mark.parametrize(("model", "field", "factory"), CASES)
def test_pressing_save_again_does_not_overwrite_but_the_explicit_tick_does(
    request, two_editors, model, field, factory
):
    first, second = two_editors
    obj = request.getfixturevalue(factory)()
    first_form, second_form = _open(first, obj), _open(second, obj)
    first.post(_url(obj), {**first_form, field: "Først."})
    mine = {**second_form, field: "Min tekst."}

    refused = second.post(_url(obj), mine)
    konflikt = refused.context["adminform"].form.konflikt_versjon
    assert second.post(_url(obj), mine).status_code == 200  # again: still refused
    assert getattr(model.objects.get(pk=obj.pk), field) == "Først."

    confirmed = second.post(
        _url(obj), {**mine, "konflikt_versjon": konflikt, "overskriv_versjon": "ja"}
    )
    assert confirmed.status_code == 302
    saved = model.objects.get(pk=obj.pk)
    assert getattr(saved, field) == "Min tekst."
    assert saved.versjon == konflikt + 1


def test_a_tick_for_an_older_conflict_does_not_overwrite_a_newer_save(two_editors, make_kilde):
    first, second = two_editors
    kilde = make_kilde()
    first_form, second_form = _open(first, kilde), _open(second, kilde)
    first.post(_url(kilde), {**first_form, "beskrivelse": "En."})
    refused = second.post(_url(kilde), {**second_form, "beskrivelse": "Min."})
    konflikt = refused.context["adminform"].form.konflikt_versjon
    first.post(_url(kilde), {**_open(first, kilde), "beskrivelse": "To."})  # saves again

    response = second.post(
        _url(kilde),
        {
            **second_form,
            "beskrivelse": "Min.",
            "konflikt_versjon": konflikt,
            "overskriv_versjon": "ja",
        },
    )
    assert response.status_code == 200
    assert Kilde.objects.get(pk=kilde.pk).beskrivelse == "To."
