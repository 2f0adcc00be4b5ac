"""Nothing lost: every change is kept with who and what, can be reverted, and deletes come back."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from innsikt.models import Kilde
from metoder.models import Husk, Steg
from skattekiste.eksempler.models import Eksempel
from tests.helpers import login

pytestmark = pytest.mark.django_db


def change_url(eksempel):
    return reverse("admin:skattekiste_eksempel_change", args=[eksempel.pk])


def test_a_change_in_the_admin_records_who_when_and_what(
    editor_client, editor, make_eksempel, eksempel_admin_data
):
    eksempel = make_eksempel(tittel="Gammel tittel")
    editor_client.post(change_url(eksempel), eksempel_admin_data(eksempel, tittel="Ny tittel"))
    latest = eksempel.history.filter(tittel="Ny tittel").earliest("history_date")
    assert latest.history_user == editor
    assert latest.history_change_reason == "Endret i redaksjonsverktøyet"
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "tittel"] == [
        ("tittel", "Gammel tittel", "Ny tittel")
    ]


def test_the_admin_history_page_shows_what_changed_escaped(
    editor_client, make_eksempel, eksempel_admin_data
):
    eksempel = make_eksempel(tittel="<b>Gammel</b>")
    editor_client.post(change_url(eksempel), eksempel_admin_data(eksempel, tittel="Ny tittel"))
    response = editor_client.get(reverse("admin:skattekiste_eksempel_history", args=[eksempel.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "&lt;b&gt;Gammel&lt;/b&gt;" in content and "Ny tittel" in content
    assert "<b>Gammel</b>" not in content
    assert "Endret i redaksjonsverktøyet" in content


def test_an_employee_cannot_read_the_history(employee_client, make_eksempel):
    eksempel = make_eksempel()
    response = employee_client.get(
        reverse("admin:skattekiste_eksempel_history", args=[eksempel.pk])
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_changes_to_method_cards_sources_and_insights_are_recorded(
    editor, make_metode, make_kilde, make_innsikt
):
    metode = make_metode()
    steg = Steg.objects.create(metode=metode, rekkefolge=1, tekst="Finn ut hvem")
    husk = Husk.objects.create(metode=metode, rekkefolge=1, tekst="Si takk")
    kilde, innsikt = make_kilde(), make_innsikt()
    for obj, field, value in [
        (metode, "ingress", "Ny innledning"),
        (steg, "tekst", "Finn ut hvem som eier problemet"),
        (husk, "tekst", "Si takk og fortell hvordan vi tar innspillene videre"),
        (kilde, "beskrivelse", "Svar fra 300 innbyggere"),
        (innsikt, "forklaring", "Ny forklaring"),
    ]:
        setattr(obj, field, value)
        obj._history_user = editor
        obj.save()
        latest = obj.history.latest("history_date")
        assert latest.history_user == editor, obj
        assert field in latest.diff_against(latest.prev_record).changed_fields, obj


def test_a_source_changed_in_the_admin_keeps_its_history(editor_client, editor, make_kilde):
    kilde = make_kilde(tittel="Undersøkelse")
    response = editor_client.post(
        reverse("admin:innsikt_kilde_change", args=[kilde.pk]),
        {
            "tittel": "Undersøkelse 2022",
            "slug": kilde.slug,
            "type": kilde.type,
            "versjon_lest": kilde.versjon,
        },
    )
    assert response.status_code == 302
    assert kilde.history.latest("history_date").history_user == editor
    assert kilde.history.count() >= 2


def test_the_admin_reverts_an_example_to_an_earlier_version_with_its_districts(
    editor_client, make_eksempel, make_distrikt, eksempel_admin_data
):
    gammelt, nytt = make_distrikt(), make_distrikt()
    eksempel = make_eksempel(tittel="Første versjon", distrikter=[gammelt])
    # The newest record of the first version: the one made after its districts were set.
    first = eksempel.history.filter(tittel="Første versjon").latest("history_date")
    editor_client.post(
        change_url(eksempel),
        eksempel_admin_data(eksempel, tittel="Andre versjon", distrikter=[nytt.pk]),
    )
    eksempel.refresh_from_db()
    assert eksempel.tittel == "Andre versjon" and list(eksempel.distrikter.all()) == [nytt]

    revert_url = reverse("admin:skattekiste_eksempel_simple_history", args=[eksempel.pk, first.pk])
    form = editor_client.get(revert_url).context["adminform"].form
    assert form.initial["tittel"] == "Første versjon"
    assert form.initial["distrikter"] == [gammelt.pk]
    assert form.initial["versjon_lest"] == eksempel.versjon

    response = editor_client.post(
        revert_url,
        eksempel_admin_data(
            eksempel,
            tittel=form.initial["tittel"],
            distrikter=form.initial["distrikter"],
            versjon_lest=form.initial["versjon_lest"],
        ),
    )
    assert response.status_code == 302
    eksempel.refresh_from_db()
    assert eksempel.tittel == "Første versjon"
    assert list(eksempel.distrikter.all()) == [gammelt]
    reasons = eksempel.history.values_list("history_change_reason", flat=True)
    assert "Tilbakeført til en tidligere versjon" in reasons


def test_editors_cannot_delete_examples_so_nothing_disappears_by_mistake(
    editor_client, make_eksempel
):
    eksempel = make_eksempel()
    url = reverse("admin:skattekiste_eksempel_delete", args=[eksempel.pk])
    assert editor_client.post(url, {"post": "yes"}).status_code == 403
    assert Eksempel.objects.filter(pk=eksempel.pk).exists()


def test_a_deleted_example_comes_back_as_it_was_with_its_links(
    admin_client, make_eksempel, make_distrikt, make_gruppe
):
    distrikt, gruppe = make_distrikt(), make_gruppe()
    eksempel = make_eksempel(tittel="Slettet ved en feil", distrikter=[distrikt], grupper=[gruppe])
    pk = eksempel.pk
    admin_client.post(reverse("admin:skattekiste_eksempel_delete", args=[pk]), {"post": "yes"})
    assert not Eksempel.objects.filter(pk=pk).exists()

    slettede = reverse("admin:skattekiste_eksempel_slettede")
    listing = admin_client.get(slettede)
    assert listing.status_code == 200 and "Slettet ved en feil" in listing.content.decode()
    response = admin_client.post(
        slettede, {"modell": "skattekiste.eksempel", "id": pk}, follow=True
    )
    assert "«Slettet ved en feil» er gjenopprettet." in response.content.decode()
    eksempel = Eksempel.objects.get(pk=pk)
    assert eksempel.tittel == "Slettet ved en feil"
    assert list(eksempel.distrikter.all()) == [distrikt]
    assert list(eksempel.grupper.all()) == [gruppe]
    assert eksempel.history.latest("history_date").history_change_reason == (
        "Gjenopprettet etter sletting"
    )
    assert "Slettet ved en feil" not in admin_client.get(slettede).content.decode()


def test_a_restore_that_would_clash_is_refused_with_a_message(admin_client, make_eksempel):
    eksempel = make_eksempel(slug="samme-adresse")
    pk = eksempel.pk
    eksempel.delete()
    make_eksempel(slug="samme-adresse")
    response = admin_client.post(
        reverse("admin:skattekiste_eksempel_slettede"),
        {"modell": "skattekiste.eksempel", "id": pk},
        follow=True,
    )
    assert response.status_code == 200
    assert "kan ikke gjenopprettes" in response.content.decode()
    assert not Eksempel.objects.filter(pk=pk).exists()


def test_a_restore_of_something_not_deleted_or_unknown_changes_nothing(admin_client, make_eksempel):
    eksempel = make_eksempel()
    slettede = reverse("admin:skattekiste_eksempel_slettede")
    for data in [
        {"modell": "skattekiste.eksempel", "id": eksempel.pk},
        {"modell": "auth.user", "id": 1},
        {"modell": "skattekiste.eksempel", "id": "abc"},
    ]:
        assert admin_client.post(slettede, data, follow=True).status_code == 200
    assert Eksempel.objects.count() == 1


def test_an_editor_restores_a_deleted_step_on_a_method_card(editor_client, make_metode):
    metode = make_metode()
    steg = Steg.objects.create(metode=metode, rekkefolge=1, tekst="Velg et tema")
    pk = steg.pk
    steg.delete()
    url = reverse("admin:metoder_metode_slettede")
    assert "Velg et tema" in editor_client.get(url).content.decode()
    editor_client.post(url, {"modell": "metoder.steg", "id": pk})
    assert Steg.objects.get(pk=pk).tekst == "Velg et tema"


def test_an_editor_restores_a_deleted_source(editor_client, make_kilde, make_distrikt):
    distrikt = make_distrikt()
    kilde = make_kilde(tittel="Innbyggerpanelet")
    kilde.distrikter.set([distrikt])
    pk = kilde.pk
    kilde.delete()
    editor_client.post(
        reverse("admin:innsikt_kilde_slettede"), {"modell": "innsikt.kilde", "id": pk}
    )
    assert list(Kilde.objects.get(pk=pk).distrikter.all()) == [distrikt]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/skattekiste/eksempel/slettede/",
        "/admin/innsikt/innsikt/slettede/",
        "/admin/metoder/metode/slettede/",
    ],
)
def test_only_the_team_reaches_the_deleted_lists(client, employee, url):
    assert client.get(url)["Location"].startswith("/logg-inn/")
    client.force_login(employee)
    assert client.get(url)["Location"].startswith("/admin/login/")


def test_the_changelist_links_to_the_deleted_examples_and_the_review_queue(editor_client):
    content = editor_client.get(reverse("admin:skattekiste_eksempel_changelist")).content.decode()
    assert reverse("admin:skattekiste_eksempel_slettede") in content
    assert reverse("bidra:vurdering") in content


def test_two_editors_editing_the_same_example_do_not_overwrite_each_other(
    editor, make_user, make_eksempel, eksempel_admin_data
):
    other = make_user(is_staff=True)
    other.groups.add(Group.objects.get(name="Redaksjon"))
    first, second = login(editor), login(other)
    eksempel = make_eksempel(tittel="Start")
    opened_by_second = second.get(change_url(eksempel)).context["adminform"].form.initial

    assert (
        first.post(
            change_url(eksempel), eksempel_admin_data(eksempel, tittel="Førstes")
        ).status_code
        == 302
    )

    data = eksempel_admin_data(
        eksempel, tittel="Andres", versjon_lest=opened_by_second["versjon_lest"]
    )
    response = second.post(change_url(eksempel), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Noen andre har lagret eksempelet etter at du åpnet det" in content
    assert 'value="Andres"' in content
    assert f'name="konflikt_versjon" value="{eksempel.versjon + 1}"' in content
    eksempel.refresh_from_db()
    assert eksempel.tittel == "Førstes"

    # Overwriting after the warning takes the explicit tick, and history keeps both.
    data |= {"konflikt_versjon": eksempel.versjon, "overskriv_versjon": "ja"}
    assert second.post(change_url(eksempel), data).status_code == 302
    eksempel.refresh_from_db()
    assert eksempel.tittel == "Andres"
    assert {"Førstes", "Andres"} <= set(eksempel.history.values_list("tittel", flat=True))


def test_adding_and_removing_a_theme_is_recorded_with_who_did_it(
    editor_client, editor, make_eksempel, make_tema, eksempel_admin_data
):
    gammelt, nytt = make_tema(), make_tema()
    eksempel = make_eksempel(tema=[gammelt])
    editor_client.post(change_url(eksempel), eksempel_admin_data(eksempel, tema=[nytt.pk]))
    assert list(eksempel.tema.all()) == [nytt]
    changes = Eksempel.tema.through.history.filter(content_object_id=eksempel.pk)
    by_editor = {(h.history_type, h.tag_id) for h in changes.filter(history_user=editor)}
    assert by_editor == {("-", gammelt.pk), ("+", nytt.pk)}


def test_reverting_an_example_offers_the_themes_it_had_then(
    editor_client, make_eksempel, make_tema, eksempel_admin_data
):
    gammelt, nytt = make_tema(), make_tema()
    eksempel = make_eksempel(tittel="Første versjon", tema=[gammelt])
    first = eksempel.history.filter(tittel="Første versjon").latest("history_date")
    editor_client.post(
        change_url(eksempel),
        eksempel_admin_data(eksempel, tittel="Andre versjon", tema=[nytt.pk]),
    )
    revert_url = reverse("admin:skattekiste_eksempel_simple_history", args=[eksempel.pk, first.pk])
    form = editor_client.get(revert_url).context["adminform"].form
    assert form.initial["tema"] == [gammelt.pk]
    latest = eksempel.history.latest("history_date")
    latest_url = reverse("admin:skattekiste_eksempel_simple_history", args=[eksempel.pk, latest.pk])
    assert editor_client.get(latest_url).context["adminform"].form.initial["tema"] == [nytt.pk]


def test_a_deleted_example_comes_back_with_its_themes(admin_client, make_eksempel, make_tema):
    temaer = {make_tema(), make_tema()}
    eksempel = make_eksempel(tema=list(temaer))
    pk = eksempel.pk
    admin_client.post(reverse("admin:skattekiste_eksempel_delete", args=[pk]), {"post": "yes"})
    admin_client.post(
        reverse("admin:skattekiste_eksempel_slettede"), {"modell": "skattekiste.eksempel", "id": pk}
    )
    assert set(Eksempel.objects.get(pk=pk).tema.all()) == temaer
