"""«Del et eksempel» (/bidra/): any employee shares in a few fields; nothing is lost or doubled."""

import re
import smtplib
import uuid
from unittest import mock

import pytest
from django.urls import reverse

from skattekiste.eksempler.models import Eksempel
from tests.helpers import login, share_form_data

pytestmark = pytest.mark.django_db

URL = "/bidra/"


@pytest.fixture
def distrikt(make_distrikt):
    return make_distrikt(navn="Vest politidistrikt")


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_every_page_header_links_to_sharing_an_example(employee_client):
    content = employee_client.get("/eksempler/").content.decode()
    assert f'href="{reverse("bidra:ny")}"' in content
    assert "Del et eksempel" in content


def test_employee_gets_a_short_form_with_five_required_things_and_the_intro_says_so(
    employee_client, employee
):
    employee.first_name, employee.last_name, employee.email = "Kari", "Nordmann", "kari@politiet.no"
    employee.save()
    response = employee_client.get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    required = {name for name, field in form.fields.items() if field.required}
    assert required == {"tittel", "ingress", "distrikter", "aar", "situasjoner"}
    content = response.content.decode()
    assert 'value="Kari Nordmann"' in content and 'value="kari@politiet.no"' in content
    assert 'name="innsending_id"' in content
    assert "metodekortene" in content.lower()
    assert "publikum" not in content.lower()
    assert "Fem ting må fylles ut: tittel, hva dere gjorde, distrikt, år og situasjon." in content


def test_editor_can_share_an_example_too(editor_client):
    assert editor_client.get(URL).status_code == 200


def test_sharing_saves_an_example_waiting_for_review(
    employee_client, employee, distrikt, make_gruppe, make_tema, make_metode
):
    gruppe, tema, metode = make_gruppe(), make_tema(), make_metode()
    response = employee_client.post(
        URL,
        share_form_data(
            distrikt,
            beskrivelse="Vi hadde med kaffe.",
            hva_fungerte="Folk stoppet opp.",
            grupper=[gruppe.pk],
            tema=[tema.pk],
            metoder=[metode.pk],
            kontakt_navn="Kari Nordmann",
        ),
    )
    eksempel = Eksempel.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("bidra:takk", args=[eksempel.pk])
    assert eksempel.status == Eksempel.Status.TIL_VURDERING
    assert eksempel.innsendt is not None and eksempel.publisert is None
    assert eksempel.opprettet_av == employee
    assert eksempel.slug == "politi-i-butikk-pa-skei"
    assert list(eksempel.distrikter.all()) == [distrikt]
    assert list(eksempel.grupper.all()) == [gruppe]
    assert list(eksempel.tema.all()) == [tema]
    assert list(eksempel.metoder.all()) == [metode]
    assert eksempel.kontakt_navn == "Kari Nordmann"


def test_the_thank_you_page_says_what_happens_next(employee_client, distrikt):
    response = employee_client.post(URL, share_form_data(distrikt), follow=True)
    content = response.content.decode()
    assert "Takk for at du delte" in content
    assert "Dette skjer nå" in content
    assert "får du e-post" in content
    assert reverse("bidra:mine") in content


def test_the_team_gets_an_email_about_a_new_example(
    employee_client, distrikt, editor, mailoutbox, django_capture_on_commit_callbacks
):
    editor.email = "redaktor@politiet.no"
    editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        employee_client.post(URL, share_form_data(distrikt))
    eksempel = Eksempel.objects.get()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["redaktor@politiet.no"]
    assert "Politi i butikk på Skei" in mailoutbox[0].subject
    assert reverse("bidra:vurder", args=[eksempel.pk]) in mailoutbox[0].body


def test_the_team_address_can_come_from_the_environment(
    employee_client, distrikt, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.REDAKSJON_EPOST = ["innbyggerstemmen@politiet.no"]
    with django_capture_on_commit_callbacks(execute=True):
        employee_client.post(URL, share_form_data(distrikt))
    assert mailoutbox[0].to == ["innbyggerstemmen@politiet.no"]


def test_a_title_with_a_line_break_cannot_break_the_email(
    employee_client, distrikt, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.REDAKSJON_EPOST = ["innbyggerstemmen@politiet.no"]
    with django_capture_on_commit_callbacks(execute=True):
        response = employee_client.post(URL, share_form_data(distrikt, tittel="To\r\nlinjer"))
    assert response.status_code == 302
    assert mailoutbox[0].subject.endswith("To linjer")


def test_a_mail_server_failure_does_not_lose_the_example(
    employee_client, distrikt, settings, django_capture_on_commit_callbacks
):
    settings.REDAKSJON_EPOST = ["innbyggerstemmen@politiet.no"]
    with (
        mock.patch("skattekiste.bidra.varsler.send_mail", side_effect=smtplib.SMTPException),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = employee_client.post(URL, share_form_data(distrikt))
    assert response.status_code == 302
    assert Eksempel.objects.count() == 1


def test_a_shared_example_is_hidden_from_browsing_until_it_is_published(
    employee_client, distrikt, make_user
):
    employee_client.post(URL, share_form_data(distrikt))
    eksempel = Eksempel.objects.get()
    other = login(make_user())
    assert "Politi i butikk" not in other.get("/eksempler/").content.decode()
    assert other.get(eksempel.get_absolute_url()).status_code == 404
    assert other.get(reverse("bidra:takk", args=[eksempel.pk])).status_code == 404
    assert "Politi i butikk" not in other.get("/").content.decode()
    # Not even the submitter sees it among the published examples yet.
    assert employee_client.get(eksempel.get_absolute_url()).status_code == 404


def test_a_double_click_saves_one_example(employee_client, distrikt):
    data = share_form_data(distrikt)
    first = employee_client.post(URL, data)
    second = employee_client.post(URL, data)
    assert Eksempel.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_resubmitted_form_says_it_was_already_saved(employee_client, distrikt):
    data = share_form_data(distrikt)
    employee_client.post(URL, data)
    response = employee_client.post(URL, data, follow=True)
    assert "allerede sendt" in response.content.decode()
    assert Eksempel.objects.count() == 1


def test_someone_elses_form_key_does_not_reach_their_example(employee_client, distrikt, make_user):
    data = share_form_data(distrikt)
    employee_client.post(URL, data)
    other = login(make_user())
    response = other.post(URL, data)
    assert response.status_code == 200
    assert "allerede sendt inn" in response.content.decode()
    assert Eksempel.objects.count() == 1


def test_a_form_without_its_key_still_saves(employee_client, distrikt):
    response = employee_client.post(URL, share_form_data(distrikt, innsending_id=""))
    assert response.status_code == 302
    assert Eksempel.objects.get().innsending_id is not None


def test_missing_required_fields_get_a_message_next_to_each_and_the_input_is_kept(
    employee_client,
):
    response = employee_client.post(
        URL, {"beskrivelse": "Dette skrev jeg først.", "innsending_id": str(uuid.uuid4())}
    )
    assert response.status_code == 200
    content = response.content.decode()
    for message in [
        "Skriv en kort tittel.",
        "Skriv kort hva dere gjorde.",
        "Velg minst ett distrikt eller én enhet.",
        "Skriv hvilket år dere gjorde dette.",
        "Velg minst én situasjon.",
    ]:
        assert message in content
    assert "Dette skrev jeg først." in content
    assert "<title>Feil:" in content
    # The summary links to each field, and each field points at its own message.
    assert 'href="#id_tittel"' in content and 'href="#id_distrikter_0"' in content
    assert 'aria-invalid="true"' in content
    assert 'aria-describedby="id_tittel_helptext id_tittel_error"' in content
    assert 'aria-describedby="id_distrikter_helptext id_distrikter_error"' in content
    assert Eksempel.objects.count() == 0


def test_over_long_text_is_refused_with_the_limit_and_kept(employee_client, distrikt):
    long_title = "Lang " * 60
    response = employee_client.post(
        URL, share_form_data(distrikt, tittel=long_title, beskrivelse="x" * 6001)
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Tittelen kan ha høyst 200 tegn. Nå har den 299." in content
    assert "Teksten kan ha høyst 6000 tegn. Nå har den 6001." in content
    assert long_title.strip() in content
    # No maxlength: a browser would cut pasted text silently instead.
    tittel_input = re.search(r'<input[^>]*name="tittel"[^>]*>', content).group()
    assert "maxlength" not in tittel_input
    assert Eksempel.objects.count() == 0


@pytest.mark.parametrize("aar", ["1999", "3000", "tjuetjuetre"])
def test_a_year_outside_the_range_gets_a_plain_message(employee_client, distrikt, aar):
    response = employee_client.post(URL, share_form_data(distrikt, aar=aar))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Skriv et år mellom 2000 og" in content or "Skriv årstallet med fire sifre" in content
    assert f'value="{aar}"' in content


def test_a_wrong_email_gets_a_plain_message(employee_client, distrikt):
    response = employee_client.post(
        URL, share_form_data(distrikt, kontakt_epost="kari.politiet.no")
    )
    assert "Skriv en gyldig e-postadresse" in response.content.decode()


def test_an_unknown_district_is_a_form_error_not_a_crash(employee_client, distrikt):
    response = employee_client.post(URL, share_form_data(distrikt, distrikter=["999999"]))
    assert response.status_code == 200
    assert Eksempel.objects.count() == 0


def test_examples_with_the_same_title_get_their_own_slug(employee_client, distrikt, make_eksempel):
    make_eksempel(tittel="Nærmiljøprat på Ålgård", slug="naermiljoprat-pa-algard")
    employee_client.post(URL, share_form_data(distrikt, tittel="Nærmiljøprat på Ålgård"))
    employee_client.post(URL, share_form_data(distrikt, tittel="Nærmiljøprat på Ålgård"))
    slugs = set(Eksempel.objects.values_list("slug", flat=True))
    assert slugs == {
        "naermiljoprat-pa-algard",
        "naermiljoprat-pa-algard-2",
        "naermiljoprat-pa-algard-3",
    }


def test_a_title_without_letters_still_gets_a_slug(employee_client, distrikt):
    employee_client.post(URL, share_form_data(distrikt, tittel="!!!"))
    assert Eksempel.objects.get().slug == "eksempel"


def test_html_and_script_are_kept_as_text_and_always_shown_escaped(
    employee_client, distrikt, editor, make_user
):
    script = "<script>alert('x')</script>"
    employee_client.post(
        URL,
        share_form_data(
            distrikt,
            tittel=f"<b>Fet</b> {script}",
            ingress=script,
            beskrivelse=script,
            hva_fungerte=script,
            kontakt_navn=script,
            kilder=f"https://politiet.no/{script}",
        ),
    )
    eksempel = Eksempel.objects.get()
    assert eksempel.tittel.startswith("<b>Fet</b>")
    pages = [
        reverse("bidra:takk", args=[eksempel.pk]),
        reverse("bidra:mine"),
        reverse("bidra:detail", args=[eksempel.pk]),
    ]
    for url in pages:
        content = employee_client.get(url).content.decode()
        assert "<script>alert" not in content, url
        assert "&lt;script&gt;" in content, url
    editor_client = login(editor)
    content = editor_client.get(reverse("bidra:vurder", args=[eksempel.pk])).content.decode()
    assert "<script>alert" not in content and "<b>Fet</b>" not in content
    assert "&lt;script&gt;" in content


def test_a_form_with_errors_shows_html_input_escaped(employee_client):
    response = employee_client.post(URL, {"tittel": "<script>alert(1)</script>"})
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_the_sharing_page_runs_a_bounded_number_of_queries(
    employee_client, django_assert_max_num_queries, make_distrikt, make_gruppe, make_tema
):
    for _ in range(20):
        make_distrikt(), make_gruppe(), make_tema()
    # session, user, districts, groups, themes, methods, last districts, 2 permission checks
    with django_assert_max_num_queries(9):
        assert employee_client.get(URL).status_code == 200
