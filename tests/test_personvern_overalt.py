"""Personvern on every path that stores text: every admin form and inline, and the seed files.

Every field of every model against every grouping is in test_red_team.py.
"""

import json
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from innsikt.models import Behov, Innsikt, Kilde
from metoder.models import Metode
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe
from skattekiste.oppsett import seed
from tests.admin_forms import admin_form, admin_inline_formsets, unchanged_data

pytestmark = pytest.mark.django_db

NUMBER = "01.01.90 10046"  # a valid synthetic fødselsnummer, written with separators


def test_the_identity_number_message_names_the_field(one_of_each_content_model, editor):
    kilde = next(obj for obj in one_of_each_content_model if isinstance(obj, Kilde))
    form_class = admin_form(kilde, editor)
    data = {**unchanged_data(form_class(instance=kilde)), "beskrivelse": NUMBER}
    form = form_class(data, instance=kilde)
    assert not form.is_valid()
    assert "inneholder et fødselsnummer" in form.errors["beskrivelse"][0]


def test_a_cards_steps_and_husk_rows_refuse_an_identity_number(one_of_each_content_model, editor):
    metode = next(obj for obj in one_of_each_content_model if isinstance(obj, Metode))
    for formset_class in admin_inline_formsets(metode, editor):
        unbound = formset_class(instance=metode)
        data = {
            f"{unbound.prefix}-TOTAL_FORMS": str(len(unbound.forms)),
            f"{unbound.prefix}-INITIAL_FORMS": str(len(unbound.initial_forms)),
        }
        for form in unbound.forms:
            data.update(unchanged_data(form))
        data[f"{unbound.prefix}-0-tekst"] = f"Ring {NUMBER}"
        formset = formset_class(data, instance=metode)
        assert not formset.is_valid()
        assert "inneholder et fødselsnummer" in formset.forms[0].errors["tekst"][0]


def test_the_admin_refuses_an_identity_number_in_a_source_over_http(editor_client, make_kilde):
    kilde = make_kilde()
    response = editor_client.post(
        reverse("admin:innsikt_kilde_change", args=[kilde.pk]),
        {
            "tittel": kilde.tittel,
            "slug": kilde.slug,
            "type": kilde.type,
            "eier": NUMBER,
            "versjon_lest": kilde.versjon,
        },
    )
    assert response.status_code == 200
    assert "inneholder et fødselsnummer" in response.content.decode()
    kilde.refresh_from_db()
    assert kilde.eier == ""


def test_a_possible_phone_number_in_a_group_needs_the_confirmation(editor_client, make_gruppe):
    gruppe = make_gruppe()
    url = reverse("admin:skattekiste_innbyggergruppe_change", args=[gruppe.pk])
    data = {
        "navn": gruppe.navn,
        "slug": gruppe.slug,
        "beskrivelse": "Ring 98 76 54 32.",
        "versjon_lest": gruppe.versjon,
    }
    assert editor_client.post(url, data).status_code == 200
    assert Innbyggergruppe.objects.get(pk=gruppe.pk).beskrivelse == ""
    assert editor_client.post(url, {**data, "personvern_bekreftet": "on"}).status_code == 302
    assert Innbyggergruppe.objects.get(pk=gruppe.pk).beskrivelse == "Ring 98 76 54 32."


def test_a_title_loses_line_breaks_control_characters_and_bidi_overrides(
    one_of_each_content_model, editor
):
    kilde = next(obj for obj in one_of_each_content_model if isinstance(obj, Kilde))
    form_class = admin_form(kilde, editor)
    data = {
        **unchanged_data(form_class(instance=kilde)),
        "tittel": "Trygghet\r\ni \u202eByen\u202c\x07",
    }
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
