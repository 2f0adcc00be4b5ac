"""The share form in two minutes: the district filled in, the optional parts folded away,
and «Lagre som utkast» to come back to, seen by no one else and checked when it is sent."""

import re
import uuid

import pytest
from django.urls import reverse

from skattekiste.bidra.models import Utkast
from skattekiste.eksempler.models import Eksempel
from tests.helpers import share_form_data

pytestmark = pytest.mark.django_db

URL = "/bidra/"


@pytest.fixture
def distrikt(make_distrikt):
    return make_distrikt(navn="Vest politidistrikt")


def save_draft(client, **fields):
    data = {"innsending_id": str(uuid.uuid4()), "handling": "utkast", **fields}
    return client.post(URL, data)


def checked(content: str, name: str) -> set[str]:
    """The values of the ticked boxes called `name`."""
    return set(re.findall(rf'name="{name}" value="([^"]+)" id="[^"]+" checked', content))


def test_a_first_time_sharer_gets_the_district_list_open_and_nothing_ticked(
    employee_client, distrikt
):
    content = employee_client.get(URL).content.decode()
    assert checked(content, "distrikter") == set()
    assert 'class="brett brett--valgt"' not in content


def test_the_district_is_filled_in_from_the_last_example_shared(
    employee_client, employee, make_innsending, make_distrikt, distrikt
):
    older = make_innsending(by=employee, distrikter=[make_distrikt(navn="Agder politidistrikt")])
    make_innsending(by=employee, distrikter=[distrikt])
    assert older.opprettet < Eksempel.objects.latest("opprettet").opprettet
    content = employee_client.get(URL).content.decode()
    assert checked(content, "distrikter") == {str(distrikt.pk)}
    # Folded away, with the choice in view.
    summary = re.search(r'<details class="brett brett--valgt">\s*<summary>(.*?)</summary>', content)
    assert summary and "Vest politidistrikt" in summary.group(1)


def test_someone_elses_last_district_is_not_filled_in(
    employee_client, make_innsending, make_user, distrikt
):
    make_innsending(by=make_user(), distrikter=[distrikt])
    assert checked(employee_client.get(URL).content.decode(), "distrikter") == set()


def test_optional_parts_are_folded_until_they_are_used(employee_client, distrikt):
    content = employee_client.get(URL).content.decode()
    assert content.count('<details class="brett">') == 4  # methods, learning, who, contact
    response = employee_client.post(
        URL, share_form_data(distrikt, ingress="", hva_fungerte="Kaffen.", handling="send")
    )
    content = response.content.decode()
    # The part with text stays open, and so does nothing else that is empty.
    assert '<details class="brett" open>' in content
    assert content.count('<details class="brett" open>') == 1


def test_the_checkboxes_are_grouped_with_the_national_units_folded(employee_client, make_distrikt):
    make_distrikt(navn="Kripos", type="saerorgan")
    make_distrikt(navn="Øst politidistrikt")
    content = employee_client.get(URL).content.decode()
    assert "<legend>Politidistrikter</legend>" in content
    assert '<details class="valg__gruppe"><summary>Særorganer og nasjonale enheter' in content


def test_a_draft_needs_nothing_filled_in_and_is_listed_under_mine(employee_client, employee):
    response = save_draft(employee_client, tittel="Kaffe på biblioteket")
    assert response.status_code == 302 and response["Location"] == reverse("bidra:mine")
    utkast = Utkast.objects.get()
    assert utkast.eier == employee and utkast.tittel == "Kaffe på biblioteket"
    assert not Eksempel.objects.exists()
    mine = employee_client.get(reverse("bidra:mine")).content.decode()
    assert "Kaffe på biblioteket" in mine and utkast.get_absolute_url() in mine


def test_an_empty_draft_is_listed_with_a_name_a_person_can_read(employee_client):
    save_draft(employee_client)
    assert "Utkast uten tittel" in employee_client.get(reverse("bidra:mine")).content.decode()


def test_coming_back_to_a_draft_shows_what_was_written(employee_client, distrikt, make_metode):
    metode = make_metode()
    save_draft(
        employee_client,
        tittel="Kaffe på biblioteket",
        ingress="Vi satt der hver tirsdag.",
        distrikter=[distrikt.pk],
        metoder=[metode.pk],
        aar="2024",
    )
    utkast = Utkast.objects.get()
    response = employee_client.get(utkast.get_absolute_url())
    content = response.content.decode()
    assert 'value="Kaffe på biblioteket"' in content
    assert "Vi satt der hver tirsdag." in content
    assert checked(content, "distrikter") == {str(distrikt.pk)}
    assert checked(content, "metoder") == {str(metode.pk)}
    assert 'value="2024"' in content
    assert f'name="innsending_id" value="{utkast.pk}"' in content


def test_sending_a_draft_makes_one_example_for_review_and_the_draft_is_gone(
    employee_client, employee, distrikt
):
    data = share_form_data(distrikt)
    save_draft(employee_client, **{**data, "handling": "utkast"})
    utkast = Utkast.objects.get()
    response = employee_client.post(
        URL, {**data, "innsending_id": str(utkast.pk), "handling": "send"}
    )
    eksempel = Eksempel.objects.get()
    assert response["Location"] == reverse("bidra:takk", args=[eksempel.pk])
    assert eksempel.status == Eksempel.Status.TIL_VURDERING
    assert eksempel.innsending_id == utkast.pk and eksempel.opprettet_av == employee
    assert not Utkast.objects.exists()


def test_sending_from_a_draft_address_works_even_when_the_draft_is_gone(employee_client, distrikt):
    save_draft(employee_client, tittel="Kaffe")
    utkast = Utkast.objects.get()
    key, address = utkast.pk, utkast.get_absolute_url()
    utkast.delete()  # sent from another tab
    data = share_form_data(distrikt, innsending_id=str(key), handling="send")
    response = employee_client.post(address, data)
    assert response.status_code == 302
    assert Eksempel.objects.filter(innsending_id=key).exists()


def test_a_draft_is_never_seen_by_anyone_else(employee_client, client, editor, make_user, distrikt):
    save_draft(employee_client, tittel="Hemmelig utkast", distrikter=[distrikt.pk])
    utkast = Utkast.objects.get()
    other = make_user()
    client.force_login(other)
    assert client.get(utkast.get_absolute_url()).status_code == 404
    assert "Hemmelig utkast" not in client.get(reverse("bidra:mine")).content.decode()
    client.force_login(editor)
    assert client.get(utkast.get_absolute_url()).status_code == 404
    for url in [reverse("bidra:vurdering"), "/eksempler/", "/sok/?q=Hemmelig"]:
        assert "Hemmelig utkast" not in client.get(url).content.decode(), url


def test_someone_elses_draft_is_not_overwritten_by_posting_its_key(
    employee_client, client, make_user
):
    save_draft(employee_client, tittel="Mitt utkast")
    utkast = Utkast.objects.get()
    client.force_login(make_user())
    response = client.post(
        URL, {"innsending_id": str(utkast.pk), "handling": "utkast", "tittel": "Overtatt"}
    )
    assert response.status_code == 200
    assert "Dette utkastet er ikke ditt." in response.content.decode()
    utkast.refresh_from_db()
    assert utkast.tittel == "Mitt utkast"


def test_an_identity_number_is_never_saved_in_a_draft_and_the_text_is_kept(
    employee_client, make_fodselsnummer
):
    number = make_fodselsnummer()
    response = save_draft(employee_client, tittel="Møte", ingress=f"Jenta med {number} kom.")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_ingress_error"' in content
    assert 'value="Møte"' in content
    assert not Utkast.objects.exists()


def test_a_warning_waits_until_the_draft_is_sent_and_is_checked_then(employee_client, distrikt):
    data = share_form_data(distrikt, ingress="Ring Kari på 912 34 567.")
    save_draft(employee_client, **{**data, "handling": "utkast"})
    utkast = Utkast.objects.get()
    response = employee_client.post(
        URL, {**data, "innsending_id": str(utkast.pk), "handling": "send"}
    )
    assert response.status_code == 200
    assert "Sjekk personvernet" in response.content.decode()
    assert not Eksempel.objects.exists() and Utkast.objects.exists()


def test_a_bad_year_in_a_draft_gets_a_message_next_to_it_and_nothing_is_lost(employee_client):
    response = save_draft(employee_client, tittel="Kaffe", aar="to tusen")
    content = response.content.decode()
    assert 'id="id_aar_error"' in content and "fire sifre" in content
    assert 'value="Kaffe"' in content and 'value="to tusen"' in content
    assert not Utkast.objects.exists()


def test_a_form_already_sent_cannot_become_a_draft(employee_client, distrikt):
    data = share_form_data(distrikt, handling="send")
    employee_client.post(URL, data)
    response = employee_client.post(URL, {**data, "handling": "utkast"})
    assert "allerede sendt til redaksjonen" in response.content.decode()
    assert not Utkast.objects.exists() and Eksempel.objects.count() == 1


def test_saving_a_draft_twice_keeps_one_draft_with_the_newest_text(employee_client):
    key = str(uuid.uuid4())
    save_draft(employee_client, innsending_id=key, tittel="Første")
    save_draft(employee_client, innsending_id=key, tittel="Andre")
    assert list(Utkast.objects.values_list("tittel", flat=True)) == ["Andre"]


@pytest.mark.parametrize("value", ["ikke-en-uuid", str(uuid.uuid4())])
def test_an_unknown_draft_address_is_not_found_not_a_crash(employee_client, value):
    assert employee_client.get(f"{URL}?utkast={value}").status_code == 404


def test_a_draft_can_be_deleted_by_its_owner_only(employee_client, client, make_user):
    save_draft(employee_client, tittel="Kladd")
    utkast = Utkast.objects.get()
    client.force_login(make_user())
    client.post(reverse("bidra:mine"), {"utkast": str(utkast.pk)})
    assert Utkast.objects.exists()
    employee_client.force_login(utkast.eier)
    response = employee_client.post(reverse("bidra:mine"), {"utkast": str(utkast.pk)})
    assert response["Location"] == reverse("bidra:mine")
    assert not Utkast.objects.exists()


def test_deleting_with_a_broken_key_is_not_a_crash(employee_client):
    response = employee_client.post(reverse("bidra:mine"), {"utkast": "x"})
    assert response.status_code == 302


def test_an_anonymous_visitor_cannot_save_a_draft(client):
    response = client.post(URL, {"handling": "utkast", "tittel": "Nei"})
    assert response.status_code == 302 and response["Location"].startswith("/logg-inn/")
    assert not Utkast.objects.exists()


def test_an_editor_can_keep_drafts_too(editor_client):
    save_draft(editor_client, tittel="Redaksjonens kladd")
    assert "Redaksjonens kladd" in editor_client.get(reverse("bidra:mine")).content.decode()


def test_a_draft_page_runs_a_bounded_number_of_queries(
    employee_client, django_assert_max_num_queries, distrikt
):
    save_draft(employee_client, tittel="Kaffe", distrikter=[distrikt.pk])
    url = Utkast.objects.get().get_absolute_url()
    # session, user, draft, districts, groups, themes, methods, 2 permission checks
    with django_assert_max_num_queries(9):
        assert employee_client.get(url).status_code == 200


def test_changing_a_returned_example_fills_in_its_relations_in_one_query(
    employee_client,
    employee,
    make_innsending,
    make_gruppe,
    make_tema,
    make_metode,
    django_assert_max_num_queries,
):
    eksempel = make_innsending(
        by=employee,
        status="returnert",
        grupper=[make_gruppe()],
        tema=[make_tema()],
        metoder=[make_metode()],
    )
    # session, user, example, its relations, districts, groups, themes, methods, version,
    # 2 permission checks
    with django_assert_max_num_queries(11):
        response = employee_client.get(reverse("bidra:endre", args=[eksempel.pk]))
    content = response.content.decode()
    for name, related in [
        ("distrikter", eksempel.distrikter.get()),
        ("grupper", eksempel.grupper.get()),
        ("tema", eksempel.tema.get()),
        ("metoder", eksempel.metoder.get()),
    ]:
        assert checked(content, name) == {str(related.pk)}, name
