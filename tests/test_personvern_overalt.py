"""Personvern on every path that stores text: every admin form and inline, and the seed files.

The admin forms are built the way the admin builds them (`ModelAdmin.get_form`), filled with
the object's own values, and then one text field at a time gets an identity number.
"""

import json
import shutil

import pytest
from django.contrib import admin
from django.contrib.postgres.forms import SimpleArrayField
from django.core.management import CommandError, call_command
from django.forms import CharField, EmailField, URLField
from django.test import RequestFactory
from django.urls import reverse

from innsikt.models import Behov, Innsikt, Kilde
from metoder.models import Metode
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Tema
from skattekiste.oppsett import seed
from skattekiste.sok.models import Synonym

pytestmark = pytest.mark.django_db

NUMBER = "01.01.90 10046"  # a valid synthetic fødselsnummer, written with separators


@pytest.fixture
def content(
    make_distrikt,
    make_gruppe,
    make_tema,
    make_metode,
    make_kilde,
    make_behov,
    make_innsikt,
    make_eksempel,
):
    """One saved object of every model the team edits in the admin."""
    from metoder.models import Husk, Steg

    metode = make_metode()
    Steg.objects.create(metode=metode, rekkefolge=1, tekst="Inviter.")
    Husk.objects.create(metode=metode, rekkefolge=1, tekst="Vær tydelig.")
    return [
        make_distrikt(),
        make_gruppe(synonymer=["eldre"]),
        make_tema(),
        metode,
        make_kilde(beskrivelse="En undersøkelse."),
        make_behov(),
        make_innsikt(),
        make_eksempel(),
        Synonym.objects.create(ord="svindel", synonymer=["bedrageri"]),
    ]


def _request(editor):
    request = RequestFactory().get("/admin/")
    request.user = editor
    return request


def _data(form) -> dict:
    """What the browser would post back for an unchanged form."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        data[bound.html_name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data


def _text_fields(form):
    return [
        name
        for name, field in form.fields.items()
        if isinstance(field, CharField | SimpleArrayField)
        and not isinstance(field, EmailField | URLField)
        and not field.widget.is_hidden
    ]


def test_every_text_field_of_every_admin_form_refuses_an_identity_number(content, admin_user):
    # A superuser: Redaksjon may only view districts and needs, and sees no form for them.
    request = _request(admin_user)
    checked = set()
    for obj in content:
        model_admin = admin.site._registry[type(obj)]
        form_class = model_admin.get_form(request, obj, change=True)
        unchanged = _data(form_class(instance=obj))
        assert form_class(unchanged, instance=obj).is_valid(), type(obj)
        for name in _text_fields(form_class(instance=obj)):
            form = form_class({**unchanged, name: NUMBER}, instance=obj)
            assert not form.is_valid()
            assert name in form.errors, (type(obj).__name__, name)
            checked.add(f"{type(obj).__name__}.{name}")
    # Every model the team edits, and the fields that matter most, were part of it.
    assert {m.__name__ for m in (Distrikt, Innbyggergruppe, Tema, Metode, Kilde, Behov)} <= {
        key.split(".")[0] for key in checked
    }
    assert {"Innbyggergruppe.synonymer", "Synonym.synonymer", "Innsikt.slug"} <= checked
    assert {"Kilde.beskrivelse", "Metode.ingress", "Tema.name", "Eksempel.tittel"} <= checked


def test_the_identity_number_message_names_the_field(content, editor):
    kilde = next(obj for obj in content if isinstance(obj, Kilde))
    form_class = admin.site._registry[Kilde].get_form(_request(editor), kilde, change=True)
    form = form_class({**_data(form_class(instance=kilde)), "beskrivelse": NUMBER}, instance=kilde)
    assert not form.is_valid()
    assert "inneholder et fødselsnummer" in form.errors["beskrivelse"][0]


def test_a_cards_steps_and_husk_rows_refuse_an_identity_number(content, editor):
    metode = next(obj for obj in content if isinstance(obj, Metode))
    request = _request(editor)
    for formset_class, _inline in admin.site._registry[Metode].get_formsets_with_inlines(
        request, metode
    ):
        unbound = formset_class(instance=metode)
        data = {
            f"{unbound.prefix}-TOTAL_FORMS": str(len(unbound.forms)),
            f"{unbound.prefix}-INITIAL_FORMS": str(len(unbound.initial_forms)),
        }
        for form in unbound.forms:
            data.update(_data(form))
        data[f"{unbound.prefix}-0-tekst"] = f"Ring {NUMBER}"
        formset = formset_class(data, instance=metode)
        assert not formset.is_valid()
        assert "inneholder et fødselsnummer" in formset.forms[0].errors["tekst"][0]


def test_the_admin_refuses_an_identity_number_in_a_source_over_http(editor_client, make_kilde):
    kilde = make_kilde()
    response = editor_client.post(
        reverse("admin:innsikt_kilde_change", args=[kilde.pk]),
        {"tittel": kilde.tittel, "slug": kilde.slug, "type": kilde.type, "eier": NUMBER},
    )
    assert response.status_code == 200
    assert "inneholder et fødselsnummer" in response.content.decode()
    kilde.refresh_from_db()
    assert kilde.eier == ""


def test_a_possible_phone_number_in_a_group_needs_the_confirmation(editor_client, make_gruppe):
    gruppe = make_gruppe()
    url = reverse("admin:skattekiste_innbyggergruppe_change", args=[gruppe.pk])
    data = {"navn": gruppe.navn, "slug": gruppe.slug, "beskrivelse": "Ring 98 76 54 32."}
    assert editor_client.post(url, data).status_code == 200
    assert Innbyggergruppe.objects.get(pk=gruppe.pk).beskrivelse == ""
    assert editor_client.post(url, {**data, "personvern_bekreftet": "on"}).status_code == 302
    assert Innbyggergruppe.objects.get(pk=gruppe.pk).beskrivelse == "Ring 98 76 54 32."


def test_a_title_loses_line_breaks_control_characters_and_bidi_overrides(content, editor):
    kilde = next(obj for obj in content if isinstance(obj, Kilde))
    form_class = admin.site._registry[Kilde].get_form(_request(editor), kilde, change=True)
    data = {**_data(form_class(instance=kilde)), "tittel": "Trygghet\r\ni \u202eByen\u202c\x07"}
    form = form_class(data, instance=kilde)
    assert form.is_valid(), form.errors
    assert form.save().tittel == "Trygghet i Byen"


# Seed files


@pytest.fixture
def fixture_dir(tmp_path, monkeypatch):
    for path in seed.seed_fixture_paths():
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(seed, "FIXTURE_DIR", tmp_path)
    return tmp_path


def test_loading_the_seed_content_refuses_a_file_with_an_identity_number(fixture_dir):
    path = fixture_dir / "02_vokabular.json"
    objects = json.loads(path.read_text())
    objects[0]["fields"]["synonymer"].append("010190 10046")
    path.write_text(json.dumps(objects))
    with pytest.raises(CommandError) as refused:
        call_command("last_innhold", verbosity=0)
    message = str(refused.value)
    assert f"02_vokabular.json: skattekiste.innbyggergruppe «{objects[0]['fields']['slug']}»" in (
        message
    )
    assert "feltet «synonymer» har et fødselsnummer" in message
    assert "10046" not in message
    # Nothing was loaded, not even the files before it.
    assert not Distrikt.objects.exists()
    assert not Behov.objects.exists() and not Innsikt.objects.exists()
