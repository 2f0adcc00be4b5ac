"""The print-only identification in base.html and the «Skriv ut» button, without a browser.

Page counts on A4 are measured in a real browser: tests/e2e/test_utskrift.py."""

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

pytestmark = pytest.mark.django_db


def test_every_page_carries_a_print_header_with_its_full_address_and_date(employee_client):
    content = employee_client.get("/metoder/?x=1").content.decode()
    with translation.override("nb"):
        today = date_format(timezone.localdate(), "j. F Y")
    assert '<div class="utskrift utskrift--hode">' in content
    assert f"Adresse: http://testserver/metoder/?x=1<br>Hentet {today}" in content
    assert "Kilde: Skattekisten, Team Innbyggerstemmen i Politidirektoratet." in content


def test_a_method_card_printout_names_the_report_as_its_source(employee_client, make_metode):
    metode = make_metode(nummer=3)
    content = employee_client.get(metode.get_absolute_url()).content.decode()
    assert (
        "Kilde: Metodekort 3 i Skattekisten, fra Team Innbyggerstemmens rapport "
        "«Innbyggerstemmen – hva vi har lært 2022», Politidirektoratet." in content
    )


def test_the_login_page_is_identified_on_paper_too(client):
    assert "Adresse: http://testserver/logg-inn/" in client.get("/logg-inn/").content.decode()


def test_a_request_for_a_foreign_host_gets_the_400_page_with_only_the_path(client):
    response = client.get("/logg-inn/?neste=1", HTTP_HOST="angriper.example")
    assert response.status_code == 400
    content = response.content.decode()
    assert "Adresse: /logg-inn/?neste=1<br>" in content
    assert "angriper.example" not in content


@pytest.mark.parametrize("role", ["employee_client", "editor_client"])
def test_the_print_button_is_hidden_until_its_script_runs(request, role, make_metode):
    client = request.getfixturevalue(role)
    content = client.get(make_metode().get_absolute_url()).content.decode()
    assert '<p class="skriv-ut ikke-skriv" data-skriv-ut hidden>' in content
    assert '<script src="/static/js/skriv-ut.js" defer></script>' in content
    assert "onclick" not in content  # the CSP allows no inline script


def test_the_print_script_is_served(employee_client):
    response = employee_client.get("/static/js/skriv-ut.js")
    assert response.status_code == 200
    assert b"window.print()" in b"".join(response.streaming_content)
