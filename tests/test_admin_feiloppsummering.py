"""The admin's error banner lists every error with a link to its field, in Norwegian."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def summary(content: str) -> str:
    match = re.search(r'<div class="feiloppsummering".*?</div>', content, re.S)
    assert match, "the page has an error summary"
    return match.group(0)


def first_field_focus(content: str) -> str:
    """The script tag by which Django focuses an add form's first field."""
    return re.search(r'<script id="django-admin-form-add-constants"[^>]*>', content).group(0)


def test_an_empty_example_form_lists_each_missing_field_with_a_link(editor_client):
    response = editor_client.post(reverse("admin:skattekiste_eksempel_add"), {})
    assert response.status_code == 200
    content = response.content.decode()
    box = summary(content)
    assert 'role="alert"' in box and 'tabindex="-1"' in box and "autofocus" in box
    assert '<a href="#id_tittel">Tittel: Feltet er påkrevet.</a>' in box
    assert '<a href="#id_ingress">Kort fortalt: Feltet er påkrevet.</a>' in box
    # A group of checkboxes has no element with the field's id: the link goes to the first.
    assert 'href="#id_situasjoner_0"' in box
    # Django's own banner, which names no field, is gone; the title still says «Feil».
    assert 'class="errornote"' not in content
    assert "<title>Feil:" in content
    # The first field does not take the focus from the summary.
    assert "data-model-name" not in first_field_focus(content)


def test_a_form_without_errors_has_no_summary(editor_client):
    content = editor_client.get(reverse("admin:skattekiste_eksempel_add")).content.decode()
    assert "feiloppsummering-tittel" not in content
    assert 'data-model-name="eksempel"' in first_field_focus(content)


def test_a_bad_row_on_a_card_is_named_by_its_row(editor_client, make_metode):
    metode = make_metode()
    data = {
        "nummer": metode.nummer,
        "navn": metode.navn,
        "slug": metode.slug,
        "ingress": metode.ingress,
        "rekkevidde": metode.rekkevidde,
        "forstaaelse": metode.forstaaelse,
        "situasjoner": metode.situasjoner,
        "versjon_lest": metode.versjon,
        "steg-TOTAL_FORMS": 1,
        "steg-INITIAL_FORMS": 0,
        "steg-0-rekkefolge": "",
        "steg-0-tekst": "Finn et sted.",
        "husk-TOTAL_FORMS": 0,
        "husk-INITIAL_FORMS": 0,
    }
    response = editor_client.post(reverse("admin:metoder_metode_change", args=[metode.pk]), data)
    assert response.status_code == 200
    box = summary(response.content.decode())
    assert '<a href="#id_steg-0-rekkefolge">Steg 1, Rekkefølge: Feltet er påkrevet.</a>' in box


def test_a_version_conflict_is_in_the_summary_without_a_link(
    editor_client, make_innsikt, innsikt_admin_data
):
    innsikt = make_innsikt()
    data = innsikt_admin_data(innsikt, versjon_lest=innsikt.versjon)
    type(innsikt).objects.filter(pk=innsikt.pk).update(versjon=innsikt.versjon + 1)
    response = editor_client.post(reverse("admin:innsikt_innsikt_change", args=[innsikt.pk]), data)
    box = summary(response.content.decode())
    assert "<li>" in box and "Noen andre" in box
