"""Personvern: identity numbers are refused everywhere; other personal data must be confirmed.

Every identity number here is synthetic, built by `make_fodselsnummer` from the rules.
"""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from innsikt.models import Innsikt
from skattekiste.bidra.workflows import publish_eksempel
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.personvern import (
    check_fields,
    find_identity_numbers,
    find_warnings,
    identity_number_kind,
)
from skattekiste.oppsett.seed import seed_fixture_paths
from tests.helpers import share

pytestmark = pytest.mark.django_db


def test_a_valid_fodselsnummer_is_found(make_fodselsnummer):
    number = make_fodselsnummer(day=1, month=12, year=90)
    assert identity_number_kind(number) == "fødselsnummer"
    assert find_identity_numbers(f"Han har fnr {number}.") == ["fødselsnummer"]


def test_a_valid_d_nummer_is_found(make_fodselsnummer):
    number = make_fodselsnummer(day=29, month=2, year=4, d_nummer=True)
    assert number[0] in "4567"
    assert identity_number_kind(number) == "D-nummer"


@pytest.mark.parametrize("separator", [" ", "-", "."])
def test_a_number_written_with_a_space_or_dash_is_found(make_fodselsnummer, separator):
    number = make_fodselsnummer()
    assert find_identity_numbers(f"{number[:6]}{separator}{number[6:]}") == ["fødselsnummer"]


def test_a_wrong_check_digit_is_not_an_identity_number(make_fodselsnummer):
    number = make_fodselsnummer()
    wrong = number[:10] + str((int(number[10]) + 1) % 10)
    assert identity_number_kind(wrong) is None
    assert find_identity_numbers(wrong) == []


@pytest.mark.parametrize("day, month", [(32, 1), (31, 4), (30, 2), (15, 13), (0, 5)])
def test_digits_without_a_real_date_are_not_an_identity_number(make_fodselsnummer, day, month):
    assert identity_number_kind(make_fodselsnummer(day=day, month=month)) is None


def test_a_valid_number_inside_a_longer_digit_string_is_not_flagged(make_fodselsnummer):
    number = make_fodselsnummer()
    assert find_identity_numbers(f"Saksnummer 9{number}") == []
    assert find_identity_numbers("Kontonummer 1234.56.78903 og 12345678901") == []


def test_phone_numbers_and_email_addresses_are_warnings():
    assert find_warnings("Ring Kari på 912 34 567.") == ["telefon"]
    assert find_warnings("Mobil +47 41234567") == ["telefon"]
    assert find_warnings("Skriv til kari.nordmann@example.no") == ["epost"]


def test_a_list_of_full_names_is_a_warning_but_places_and_years_are_not():
    assert find_warnings("Med var Kari Nordmann, Ola Hansen og Per Olsen.") == ["navneliste"]
    assert find_warnings("Kari Nordmann var med.") == []
    assert find_warnings("I Gausdal, Voss og Førde kom 300 personer i 2021-2022.") == []


def test_contact_fields_may_hold_a_phone_number_but_never_an_identity_number(make_fodselsnummer):
    report = check_fields(
        {"kontakt_telefon": "912 34 567", "kontakt_navn": make_fodselsnummer()},
        labels={"kontakt_telefon": "Telefon", "kontakt_navn": "Kontaktperson"},
        contact_fields=["kontakt_telefon", "kontakt_navn"],
    )
    assert report.warnings == {}
    assert report.errors == {
        "kontakt_navn": [
            "«Kontaktperson» inneholder et fødselsnummer. Fjern det: Skattekisten skal ikke "
            "ha opplysninger som kan identifisere innbyggere."
        ]
    }


def test_no_seed_fixture_text_contains_an_identity_number():
    for path in seed_fixture_paths():
        for obj in json.loads(path.read_text()):
            for name, value in obj["fields"].items():
                texts = value if isinstance(value, list) else [value]
                for text in texts:
                    if isinstance(text, str):
                        found = find_identity_numbers(text)
                        assert not found, f"{path.name}: {obj['model']} {name}"


# The sharing form


def test_the_sharing_form_refuses_an_identity_number_and_names_the_field(
    employee_client, make_distrikt, make_fodselsnummer
):
    tekst = f"En innbygger ({make_fodselsnummer()}) kom med et godt forslag."
    response = share(employee_client, make_distrikt(), beskrivelse=tekst)
    assert response.status_code == 200
    content = response.content.decode()
    assert "«Fortell mer» inneholder et fødselsnummer." in content
    assert 'href="#id_beskrivelse"' in content
    assert tekst in content
    assert Eksempel.objects.count() == 0


def test_the_sharing_form_refuses_a_d_nummer_in_the_title(
    employee_client, make_distrikt, make_fodselsnummer
):
    response = share(
        employee_client,
        make_distrikt(),
        tittel=f"Møte med {make_fodselsnummer(d_nummer=True)}",
    )
    assert "«Tittel» inneholder et D-nummer." in response.content.decode()
    assert Eksempel.objects.count() == 0


def test_a_phone_number_in_the_text_needs_a_confirmation(employee_client, make_distrikt):
    distrikt = make_distrikt()
    first = share(employee_client, distrikt, hva_fungerte="Folk ringte Kari på 912 34 567.")
    assert first.status_code == 200
    content = first.content.decode()
    assert "«Hva fungerte?» ser ut til å ha et telefonnummer" in content
    assert "Jeg har sjekket at teksten ikke inneholder personopplysninger" in content
    assert 'href="#id_personvern_sjekket"' in content
    assert Eksempel.objects.count() == 0

    second = share(
        employee_client,
        distrikt,
        hva_fungerte="Folk ringte Kari på 912 34 567.",
        personvern_sjekket="on",
    )
    assert second.status_code == 302
    # The submitter's tick lets it through; the team still confirms before publishing.
    assert Eksempel.objects.get().personvern_bekreftet is False


def test_the_confirmation_box_is_only_there_when_something_was_found(employee_client):
    assert "personvern_sjekket" not in employee_client.get(reverse("bidra:ny")).content.decode()


# Admin forms


def test_the_admin_refuses_an_identity_number_in_an_example(
    editor_client, make_eksempel, eksempel_admin_data, make_fodselsnummer
):
    eksempel = make_eksempel()
    url = reverse("admin:skattekiste_eksempel_change", args=[eksempel.pk])
    response = editor_client.post(
        url, eksempel_admin_data(eksempel, laering=f"Fnr {make_fodselsnummer()}")
    )
    assert response.status_code == 200
    assert "«Hva vi lærte» inneholder et fødselsnummer." in response.content.decode()
    eksempel.refresh_from_db()
    assert eksempel.laering == ""


def test_the_admin_asks_the_editor_to_confirm_an_email_address_in_the_text(
    editor_client, make_eksempel, eksempel_admin_data
):
    eksempel = make_eksempel()
    url = reverse("admin:skattekiste_eksempel_change", args=[eksempel.pk])
    data = eksempel_admin_data(eksempel, beskrivelse="Spør kari@example.no")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "ser ut til å ha en e-postadresse" in response.content.decode()
    response = editor_client.post(url, {**data, "personvern_bekreftet": "on"})
    assert response.status_code == 302
    eksempel.refresh_from_db()
    assert eksempel.beskrivelse == "Spør kari@example.no" and eksempel.personvern_bekreftet


def test_the_admin_refuses_an_identity_number_in_an_insight(
    editor_client, make_innsikt, make_fodselsnummer, innsikt_admin_data
):
    innsikt = make_innsikt()
    url = reverse("admin:innsikt_innsikt_change", args=[innsikt.pk])
    response = editor_client.post(
        url, innsikt_admin_data(innsikt, forklaring=f"Sagt av {make_fodselsnummer()}.")
    )
    assert response.status_code == 200
    assert "«Forklaring og grunnlag» inneholder et fødselsnummer." in response.content.decode()
    innsikt.refresh_from_db()
    assert innsikt.forklaring == "Dette fant vi."


def test_the_admin_saves_an_insight_with_warnings_once_confirmed(
    editor_client, make_innsikt, innsikt_admin_data
):
    innsikt = make_innsikt()
    url = reverse("admin:innsikt_innsikt_change", args=[innsikt.pk])
    data = innsikt_admin_data(
        innsikt, forklaring="Kari Nordmann, Ola Hansen og Per Olsen sa det samme."
    )
    assert editor_client.post(url, data).status_code == 200
    assert Innsikt.objects.get(pk=innsikt.pk).forklaring == "Dette fant vi."
    assert editor_client.post(url, {**data, "personvern_bekreftet": "on"}).status_code == 302
    assert Innsikt.objects.get(pk=innsikt.pk).personvern_bekreftet


# Publishing


def test_publishing_refuses_an_example_with_an_identity_number(
    make_innsending, make_fodselsnummer, editor
):
    eksempel = make_innsending(hva_fungerte_ikke=f"Vi skrev ned {make_fodselsnummer()}.")
    with pytest.raises(ValidationError, match="«Hva fungerte ikke» inneholder et fødselsnummer"):
        publish_eksempel(eksempel=eksempel, by=editor, personvern_bekreftet=True)
    eksempel.refresh_from_db()
    assert eksempel.status == Eksempel.Status.TIL_VURDERING


def test_the_review_page_asks_for_confirmation_before_publishing_possible_personal_data(
    editor_client, make_innsending
):
    eksempel = make_innsending(beskrivelse="Ring 22 33 44 55 for å melde deg på.")
    url = reverse("bidra:vurder", args=[eksempel.pk])
    page = editor_client.get(url).content.decode()
    assert "ser ut til å ha et telefonnummer" in page
    response = editor_client.post(
        url, {"handling": "publiser", "publiser-versjon_lest": eksempel.versjon}
    )
    assert response.status_code == 200
    assert 'href="#id_publiser-personvern_bekreftet"' in response.content.decode()
    eksempel.refresh_from_db()
    assert eksempel.status == Eksempel.Status.TIL_VURDERING

    response = editor_client.post(
        url,
        {
            "handling": "publiser",
            "publiser-versjon_lest": eksempel.versjon,
            "publiser-personvern_bekreftet": "on",
        },
    )
    assert response.status_code == 302
    eksempel.refresh_from_db()
    assert eksempel.status == Eksempel.Status.PUBLISERT and eksempel.personvern_bekreftet


def test_the_admin_publish_action_skips_an_example_with_an_identity_number(
    editor_client, make_innsending, make_fodselsnummer
):
    good = make_innsending(tittel="Godt eksempel")
    bad = make_innsending(tittel="Har fnr", beskrivelse=make_fodselsnummer())
    response = editor_client.post(
        reverse("admin:skattekiste_eksempel_changelist"),
        {"action": "publiser", "_selected_action": [good.pk, bad.pk]},
        follow=True,
    )
    content = response.content.decode()
    assert "«Har fnr» er ikke publisert" in content
    good.refresh_from_db(), bad.refresh_from_db()
    assert good.status == Eksempel.Status.PUBLISERT
    assert bad.status == Eksempel.Status.TIL_VURDERING
    assert good.publisert <= timezone.now()
