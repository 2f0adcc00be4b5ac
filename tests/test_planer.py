"""/planer/: an employee's plan made from a chooser result or a card, private until shared,
changed with history and without silent overwrites, printed, and turned into an example."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from metoder.models import Husk, Steg
from skattekiste.bidra.workflows import publish_eksempel
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.versjon import StaleVersionError
from skattekiste.planer.models import Deling, Plan, Planpunkt
from skattekiste.planer.workflows import create_plan, save_plan, share_plan
from tests.helpers import login, row_counts, share_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def kort(make_metode):
    """A card with three steps and two «Husk!» tips."""
    metode = make_metode(navn="Holde dialogmøter", slug="holde-dialogmoter", situasjoner=["B"])
    for n, tekst in enumerate(["Finn ut hvem som bør være med", "Inviter", "Si takk"], 1):
        Steg.objects.create(metode=metode, rekkefolge=n, tekst=tekst)
    for n, tekst in enumerate(["Møt folk der de er", "Forklar hvorfor vi spør"], 1):
        Husk.objects.create(metode=metode, rekkefolge=n, tekst=tekst)
    return metode


@pytest.fixture
def kort_to(make_metode):
    """A second card with two steps and one «Husk!» tip."""
    metode = make_metode(navn="Gå en tur", slug="ga-en-tur")
    for n, tekst in enumerate(["Velg en rute", "Gå sammen"], 1):
        Steg.objects.create(metode=metode, rekkefolge=n, tekst=tekst)
    Husk.objects.create(metode=metode, rekkefolge=1, tekst="Ta med kaffe")
    return metode


@pytest.fixture
def make_plan(kort):
    def make(eier, **kwargs):
        return create_plan(
            eier=eier, tittel=kwargs.pop("tittel", "Dialogmøte på Skei"), metoder=[kort], **kwargs
        )

    return make


def edit_data(plan, **overrides):
    """What the edit form posts: the plan's fields, its version and every step as it is."""
    punkter = list(plan.punkter.order_by("rekkefolge"))
    data = {
        "tittel": plan.tittel,
        "metoder": [m.slug for m in plan.metoder.all()],
        "situasjon": plan.situasjon,
        "gruppe": plan.gruppe.slug if plan.gruppe else "",
        "distrikt": plan.distrikt.slug if plan.distrikt else "",
        "notat": plan.notat,
        "versjon_lest": str(plan.versjon),
        "punkt-TOTAL_FORMS": str(len(punkter)),
        "punkt-INITIAL_FORMS": str(len(punkter)),
    }
    for i, p in enumerate(punkter):
        data |= {f"punkt-{i}-id": str(p.pk), f"punkt-{i}-hvem": p.hvem, f"punkt-{i}-notat": p.notat}
        if p.ferdig:
            data[f"punkt-{i}-ferdig"] = "on"
    return data | overrides


# Making a plan


def test_the_chooser_offers_lag_en_plan_with_its_answers_under_every_card(
    employee_client, kort, make_gruppe, make_distrikt
):
    gruppe, distrikt = make_gruppe(slug="ungdom"), make_distrikt(slug="innlandet")
    response = employee_client.get(
        "/kom-i-gang/?situasjon=B&forsta=hvorfor&rekkevidde=fa&gruppe=ungdom&distrikt=innlandet"
    )
    assert (
        'href="/planer/ny/?metode=holde-dialogmoter&amp;situasjon=B&amp;gruppe=ungdom'
        '&amp;distrikt=innlandet"' in response.content.decode()
    )
    assert gruppe and distrikt


def test_every_method_card_offers_lag_en_plan(employee_client, kort):
    response = employee_client.get(kort.get_absolute_url())
    assert 'href="/planer/ny/?metode=holde-dialogmoter"' in response.content.decode()


def test_the_new_plan_form_is_filled_in_from_the_chooser_link(
    employee_client, kort, make_gruppe, make_distrikt
):
    make_gruppe(slug="ungdom"), make_distrikt(slug="innlandet")
    response = employee_client.get(
        "/planer/ny/?metode=holde-dialogmoter&situasjon=B&gruppe=ungdom&distrikt=innlandet"
    )
    form = response.context["form"]
    assert form["tittel"].value() == "Plan: Holde dialogmøter"
    assert form["metoder"].value() == ["holde-dialogmoter"]
    assert (form["situasjon"].value(), form["gruppe"].value(), form["distrikt"].value()) == (
        "B",
        "ungdom",
        "innlandet",
    )


@pytest.mark.parametrize(
    "query", ["metode=finnes-ikke", "situasjon=X&gruppe=%00", "distrikt=" + "x" * 500, "metode="]
)
def test_an_odd_link_still_opens_the_new_plan_form(employee_client, kort, query):
    assert employee_client.get(f"/planer/ny/?{query}").status_code == 200


def test_making_a_plan_copies_the_cards_steps_as_a_private_checklist(
    employee, employee_client, kort, make_gruppe
):
    gruppe = make_gruppe(slug="ungdom")
    response = employee_client.post(
        "/planer/ny/",
        {
            "tittel": "Dialogmøte på Skei",
            "metoder": ["holde-dialogmoter"],
            "situasjon": "B",
            "gruppe": "ungdom",
        },
    )
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert (plan.eier, plan.deling, plan.situasjon, plan.gruppe) == (
        employee,
        Deling.PRIVAT,
        "B",
        gruppe,
    )
    assert list(plan.metoder.all()) == [kort]
    assert [p.tekst for p in plan.punkter.all()] == [
        "Finn ut hvem som bør være med",
        "Inviter",
        "Si takk",
    ]
    assert plan.history.count() == 1 and plan.history.first().history_user == employee


def test_a_plan_needs_a_title_and_a_method_and_says_so_in_norwegian(employee_client, kort):
    response = employee_client.post("/planer/ny/", {"tittel": "", "metoder": []})
    content = response.content.decode()
    assert response.status_code == 200 and not Plan.objects.exists()
    assert "Noe må rettes før du kan sende" in content
    assert "Gi planen en kort tittel." in content and "Velg minst én metode." in content


def test_an_identity_number_in_the_title_is_refused(employee_client, kort, make_fodselsnummer):
    response = employee_client.post(
        "/planer/ny/",
        {"tittel": f"Møte med {make_fodselsnummer()}", "metoder": ["holde-dialogmoter"]},
    )
    assert response.status_code == 200 and not Plan.objects.exists()
    assert response.context["form"].has_error("tittel", "personvern_identitet")


# The kjøreplan


def test_the_plan_shows_steps_tips_people_and_the_groups_needs(
    employee, employee_client, make_plan, kort, make_gruppe, make_eksempel, make_innsikt, make_behov
):
    gruppe = make_gruppe(navn="Ungdom", slug="ungdom")
    make_eksempel(
        metoder=[kort], grupper=[gruppe], kontakt_navn="Ola Kontakt", kontakt_enhet="Hamar"
    )
    make_innsikt(grupper=[gruppe], behov=[make_behov(tekst="Bli tatt på alvor")])
    plan = make_plan(employee, gruppe=gruppe)
    content = employee_client.get(plan.get_absolute_url()).content.decode()
    for text in (
        "Inviter",
        "Møt folk der de er",
        "Ola Kontakt",
        "Bli tatt på alvor",
        "Del erfaringen",
    ):
        assert text in content, text


@pytest.mark.parametrize("with_group", [False, True])
def test_the_people_on_a_plan_are_contacts_for_its_own_cards_only(
    employee, employee_client, make_plan, kort, kort_to, make_gruppe, make_eksempel, with_group
):
    gruppe = make_gruppe(navn="Ungdom", slug="ungdom")
    make_eksempel(metoder=[kort], grupper=[gruppe], kontakt_navn="Kari Samme Kort")
    make_eksempel(metoder=[kort_to], grupper=[gruppe], kontakt_navn="Per Annet Kort")
    plan = make_plan(employee, gruppe=gruppe if with_group else None)

    people = employee_client.get(plan.get_absolute_url()).context["folk"]

    assert [p.navn for p in people] == ["Kari Samme Kort"]


def test_my_plans_lists_mine_and_those_shared_with_me_by_name_only(
    employee, employee_client, make_plan, make_user
):
    other = make_user(first_name="Per", last_name="Kollega")
    mine = make_plan(employee, tittel="Min plan")
    til_meg = make_plan(other, tittel="Pers plan til meg")
    share_plan(plan=til_meg, by=other, deling=Deling.NAVNGITT, kolleger=[employee])
    make_plan(other, tittel="Pers private plan")
    share_plan(plan=make_plan(other, tittel="Pers plan til alle"), by=other, deling=Deling.ALLE)
    response = employee_client.get("/planer/")
    assert [p.tittel for p in response.context["mine"]] == [mine.tittel]
    assert [p.tittel for p in response.context["delt"]] == [til_meg.tittel]
    assert "Fra Per Kollega" in response.content.decode()


def test_with_no_plans_the_list_says_how_to_make_one(employee_client):
    content = employee_client.get("/planer/").content.decode()
    assert "Du har ingen planer ennå" in content and "Lag en plan" in content


# Who sees a plan


@pytest.fixture
def roller(employee, editor, make_user, make_plan):
    """The owner's plan, and everyone who might ask for it."""
    return {
        "plan": make_plan(employee),
        "eier": employee,
        "kollega": make_user(username="kollega"),
        "fremmed": make_user(username="fremmed"),
        "redaktor": editor,
    }


def _status(user, plan, name="detail"):
    return login(user).get(reverse(f"planer:{name}", args=[plan.pk])).status_code


def test_a_private_plan_is_the_owners_alone_and_not_found_for_anyone_else(roller):
    plan = roller["plan"]
    assert {n: _status(roller[n], plan) for n in ("eier", "kollega", "fremmed", "redaktor")} == {
        "eier": 200,
        "kollega": 404,
        "fremmed": 404,
        "redaktor": 404,
    }


def test_a_plan_shared_by_name_is_read_by_those_named_and_no_one_else(roller):
    plan = roller["plan"]
    share_plan(plan=plan, by=roller["eier"], deling=Deling.NAVNGITT, kolleger=[roller["kollega"]])
    assert {n: _status(roller[n], plan) for n in ("kollega", "fremmed", "redaktor")} == {
        "kollega": 200,
        "fremmed": 404,
        "redaktor": 404,
    }


def test_a_plan_shared_with_everyone_is_read_by_every_logged_in_person_editors_too(roller, client):
    plan = roller["plan"]
    share_plan(plan=plan, by=roller["eier"], deling=Deling.ALLE)
    assert {n: _status(roller[n], plan) for n in ("kollega", "fremmed", "redaktor")} == {
        "kollega": 200,
        "fremmed": 200,
        "redaktor": 200,
    }
    assert client.get(plan.get_absolute_url())["Location"].startswith("/logg-inn/")


@pytest.mark.parametrize("name", ["endre", "deling"])
def test_only_the_owner_may_change_or_share_a_plan_even_when_it_is_shared(roller, name):
    plan = roller["plan"]
    share_plan(plan=plan, by=roller["eier"], deling=Deling.ALLE)
    assert _status(roller["eier"], plan, name) == 200
    for who in ("kollega", "redaktor"):
        assert _status(roller[who], plan, name) == 404
        response = login(roller[who]).post(
            reverse(f"planer:{name}", args=[plan.pk]), {"tittel": "Tatt over"}
        )
        assert response.status_code == 404
    plan.refresh_from_db()
    assert plan.tittel == "Dialogmøte på Skei" and plan.deling == Deling.ALLE


def test_a_reader_sees_the_plan_without_the_owners_buttons(roller):
    plan = roller["plan"]
    share_plan(plan=plan, by=roller["eier"], deling=Deling.ALLE)
    content = login(roller["kollega"]).get(plan.get_absolute_url()).content.decode()
    assert "Endre planen" not in content and "Del erfaringen" not in content
    assert "Bare eieren kan endre den" in content


def test_sharing_names_colleagues_by_username_or_email_and_making_it_private_again_ends_it(
    roller,
):
    plan, eier, kollega = roller["plan"], roller["eier"], roller["kollega"]
    kollega.email = "kollega@politiet.no"
    kollega.save()
    url = reverse("planer:deling", args=[plan.pk])
    response = login(eier).post(url, {"deling": "navngitt", "kolleger": "kollega@politiet.no\n"})
    assert response.status_code == 302
    assert _status(kollega, plan) == 200
    login(eier).post(url, {"deling": "privat", "kolleger": ""})
    assert _status(kollega, plan) == 404


def test_sharing_with_an_unknown_colleague_says_who_was_not_found(roller):
    plan = roller["plan"]
    response = login(roller["eier"]).post(
        reverse("planer:deling", args=[plan.pk]),
        {"deling": "navngitt", "kolleger": "kollega\nukjent"},
    )
    content = response.content.decode()
    assert response.status_code == 200 and "«ukjent»" in content and "Noe må rettes" in content
    plan.refresh_from_db()
    assert plan.deling == Deling.PRIVAT


def test_sharing_by_name_without_a_name_asks_for_one(roller):
    response = login(roller["eier"]).post(
        reverse("planer:deling", args=[roller["plan"].pk]), {"deling": "navngitt", "kolleger": " "}
    )
    assert "Skriv minst én kollega" in response.content.decode()


# Changing a plan


def test_the_owner_ticks_steps_and_writes_who_and_when_with_history(
    employee, employee_client, make_plan
):
    plan = make_plan(employee)
    data = edit_data(
        plan,
        notat="Målet er å høre ungdommen.",
        **{"punkt-0-ferdig": "on", "punkt-0-hvem": "Kari", "punkt-0-naar": "15.03.2027"},
    )
    response = employee_client.post(reverse("planer:endre", args=[plan.pk]), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    first = plan.punkter.order_by("rekkefolge").first()
    assert (plan.notat, plan.versjon) == ("Målet er å høre ungdommen.", 2)
    assert (first.ferdig, first.hvem, str(first.naar)) == (True, "Kari", "2027-03-15")
    assert plan.history.count() == 2 and plan.history.first().history_user == employee
    assert first.history.count() == 2 and first.history.first().history_user == employee
    # Steps nobody touched get no new history.
    assert plan.punkter.order_by("rekkefolge").last().history.count() == 1


def test_a_save_from_a_stale_tab_is_refused_in_norwegian_and_keeps_what_was_written(
    employee, employee_client, make_plan
):
    plan = make_plan(employee)
    url = reverse("planer:endre", args=[plan.pk])
    first_tab, second_tab = edit_data(plan), edit_data(plan)  # both opened at version 1
    assert employee_client.post(url, first_tab | {"tittel": "Første fane"}).status_code == 302
    response = employee_client.post(
        url, second_tab | {"tittel": "Andre fane", "notat": "Mitt notat"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Noen andre har lagret planen etter at du åpnet det" in content
    assert "Mitt notat" in content and 'value="Andre fane"' in content
    assert ("Tittel", "Første fane", "Andre fane") in response.context["form"].konflikt
    plan.refresh_from_db()
    assert (plan.tittel, plan.notat, plan.versjon) == ("Første fane", "", 2)


def test_overwriting_after_a_conflict_needs_the_explicit_tick(employee, employee_client, make_plan):
    plan = make_plan(employee)
    url = reverse("planer:endre", args=[plan.pk])
    stale = edit_data(plan)
    employee_client.post(url, stale | {"tittel": "Første fane"})
    response = employee_client.post(
        url, stale | {"tittel": "Andre fane", "konflikt_versjon": "2", "overskriv_versjon": "ja"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.tittel, plan.versjon) == ("Andre fane", 3)


def test_an_identity_number_in_a_steps_note_is_refused_next_to_the_field(
    employee, employee_client, make_plan, make_fodselsnummer
):
    plan = make_plan(employee)
    response = employee_client.post(
        reverse("planer:endre", args=[plan.pk]),
        edit_data(plan, **{"punkt-1-notat": f"Gjelder {make_fodselsnummer()}"}),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["punkter"].forms[1].has_error("notat", "personvern_identitet")
    assert 'href="#id_punkt-1-notat"' in content and "Steg 2:" in content
    assert not plan.punkter.filter(notat__contains="Gjelder").exists()


@pytest.mark.parametrize("field", ["notat", "punkt-2-notat", "punkt-0-hvem"])
def test_a_phone_number_anywhere_needs_a_confirmation_before_it_is_saved(
    employee, employee_client, make_plan, field
):
    plan = make_plan(employee)
    url = reverse("planer:endre", args=[plan.pk])
    data = edit_data(plan, **{field: "Ring 912 34 567"})
    response = employee_client.post(url, data)
    assert response.status_code == 200
    assert "Sjekk personvernet" in response.content.decode()
    plan.refresh_from_db()
    assert plan.versjon == 1
    assert employee_client.post(url, data | {"personvern_bekreftet": "on"}).status_code == 302


def test_a_bad_date_gets_a_norwegian_message(employee, employee_client, make_plan):
    plan = make_plan(employee)
    response = employee_client.post(
        reverse("planer:endre", args=[plan.pk]), edit_data(plan, **{"punkt-0-naar": "i morgen"})
    )
    assert "Skriv datoen som dd.mm.åååå" in response.content.decode()


def test_a_step_of_another_plan_cannot_be_changed_through_mine(
    employee, employee_client, make_plan, make_user
):
    mine, theirs = make_plan(employee), make_plan(make_user())
    other_step = theirs.punkter.first()
    data = edit_data(mine, **{"punkt-0-id": str(other_step.pk), "punkt-0-hvem": "Inntrenger"})
    response = employee_client.post(reverse("planer:endre", args=[mine.pk]), data)
    assert response.status_code < 500
    other_step.refresh_from_db()
    assert other_step.hvem == ""


# Changing a plan's methods


def _steps(plan):
    return [p.tekst for p in plan.punkter.order_by("rekkefolge")]


def test_choosing_another_method_adds_its_steps_after_the_ones_the_plan_has(
    employee, employee_client, make_plan, kort, kort_to
):
    plan = make_plan(employee)
    url = reverse("planer:endre", args=[plan.pk])
    form = employee_client.get(url).content.decode()
    assert 'value="holde-dialogmoter" id="id_metoder_0" checked' in form
    assert 'value="ga-en-tur" id="id_metoder_1">' in form
    data = edit_data(plan, metoder=["holde-dialogmoter", "ga-en-tur"])
    response = employee_client.post(url, data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert list(plan.metoder.order_by("nummer")) == [kort, kort_to]
    assert _steps(plan) == [
        "Finn ut hvem som bør være med",
        "Inviter",
        "Si takk",
        "Velg en rute",
        "Gå sammen",
    ]
    assert [p.rekkefolge for p in plan.punkter.filter(metode=kort_to)] == [4, 5]
    assert plan.versjon == 2
    content = employee_client.get(plan.get_absolute_url()).content.decode()
    assert "Gå sammen" in content and "Ta med kaffe" in content  # its steps and «Husk!»


def test_taking_a_method_away_drops_its_untouched_steps_and_keeps_those_written_in(
    employee, employee_client, kort, kort_to
):
    plan = create_plan(eier=employee, tittel="Møte og tur", metoder=[kort, kort_to])
    url = reverse("planer:endre", args=[plan.pk])
    employee_client.post(url, edit_data(plan, **{"punkt-0-hvem": "Kari"}))
    plan.refresh_from_db()
    # Taking the first card away while ticking its third step in the same save.
    data = edit_data(plan, metoder=["ga-en-tur"], **{"punkt-2-ferdig": "on"})
    response = employee_client.post(url, data, follow=True)
    plan.refresh_from_db()
    assert list(plan.metoder.all()) == [kort_to]
    assert _steps(plan) == ["Finn ut hvem som bør være med", "Si takk", "Velg en rute", "Gå sammen"]
    deleted = Planpunkt.history.get(tekst="Inviter", history_type="-")
    assert deleted.history_user == employee
    content = response.content.decode()
    assert "Stegene du hadde skrevet i fra Holde dialogmøter, er beholdt." in content
    assert "Møt folk der de er" not in content and "Ta med kaffe" in content


def test_taking_away_a_method_nobody_wrote_in_just_says_the_plan_is_saved(
    employee, employee_client, kort, kort_to
):
    plan = create_plan(eier=employee, tittel="Møte og tur", metoder=[kort, kort_to])
    response = employee_client.post(
        reverse("planer:endre", args=[plan.pk]),
        edit_data(plan, metoder=["holde-dialogmoter"]),
        follow=True,
    )
    assert _steps(plan) == ["Finn ut hvem som bør være med", "Inviter", "Si takk"]
    content = response.content.decode()
    assert "Planen er lagret." in content and "er beholdt" not in content


def test_choosing_a_method_again_does_not_copy_the_steps_it_kept(employee, kort, kort_to):
    plan = create_plan(eier=employee, tittel="Møte og tur", metoder=[kort, kort_to])
    first = plan.punkter.get(tekst="Finn ut hvem som bør være med")
    punkter = {first.pk: {"ferdig": True, "notat": "", "hvem": "", "naar": None}}
    save_plan(plan=plan, by=employee, versjon=1, data={"metoder": [kort_to]}, punkter=punkter)
    save_plan(plan=plan, by=employee, versjon=2, data={"metoder": [kort_to, kort]}, punkter={})
    assert _steps(plan) == [
        "Finn ut hvem som bør være med",
        "Velg en rute",
        "Gå sammen",
        "Inviter",
        "Si takk",
    ]


def test_a_plan_without_a_method_gets_a_norwegian_error_and_nothing_changes(
    employee, employee_client, make_plan, kort
):
    plan = make_plan(employee)
    before = row_counts(skip_apps=["sessions"])
    response = employee_client.post(
        reverse("planer:endre", args=[plan.pk]), edit_data(plan, metoder=[])
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("metoder", "required")
    content = response.content.decode()
    assert "Velg minst én metode." in content and 'href="#id_metoder_0"' in content
    with pytest.raises(ValidationError, match="Velg minst én metode."):
        save_plan(plan=plan, by=employee, versjon=1, data={"metoder": []}, punkter={})
    plan.refresh_from_db()
    assert (plan.versjon, list(plan.metoder.all()), len(_steps(plan))) == (1, [kort], 3)
    assert row_counts(skip_apps=["sessions"]) == before


def test_a_stale_tab_changing_methods_is_refused_and_writes_nothing(
    employee, employee_client, make_plan, kort, kort_to
):
    plan = make_plan(employee)
    url = reverse("planer:endre", args=[plan.pk])
    stale = edit_data(plan)
    assert employee_client.post(url, stale | {"tittel": "Første fane"}).status_code == 302
    before = row_counts(skip_apps=["sessions"])
    response = employee_client.post(url, stale | {"metoder": ["ga-en-tur"]})
    assert response.status_code == 200
    assert "Noen andre har lagret planen etter at du åpnet det" in response.content.decode()
    assert ("Metoder", "1. Holde dialogmøter", "2. Gå en tur") in response.context["form"].konflikt
    with pytest.raises(StaleVersionError):
        save_plan(plan=plan, by=employee, versjon=1, data={"metoder": [kort_to]}, punkter={})
    plan.refresh_from_db()
    assert (plan.versjon, list(plan.metoder.all()), len(_steps(plan))) == (2, [kort], 3)
    assert row_counts(skip_apps=["sessions"]) == before


def test_only_the_owner_changes_a_plans_methods(
    employee, employee_client, make_plan, make_user, kort, kort_to
):
    plan = make_plan(employee)
    url = reverse("planer:endre", args=[plan.pk])
    data = edit_data(plan, metoder=["ga-en-tur"])
    fremmed = login(make_user(username="fremmed"))
    before = row_counts(skip_apps=["sessions", "axes"])
    assert fremmed.post(url, data).status_code == 404
    assert row_counts(skip_apps=["sessions", "axes"]) == before
    assert employee_client.post(url, data).status_code == 302
    assert list(plan.metoder.all()) == [kort_to]
    assert _steps(plan) == ["Velg en rute", "Gå sammen"]


# Del erfaringen


def test_del_erfaringen_opens_the_share_form_filled_in_from_the_plan(
    employee, employee_client, make_plan, kort, make_gruppe, make_distrikt
):
    gruppe, distrikt = make_gruppe(), make_distrikt()
    plan = make_plan(employee, situasjon="B", gruppe=gruppe, distrikt=distrikt)
    response = employee_client.get(reverse("bidra:ny") + f"?plan={plan.pk}")
    form = response.context["form"]
    assert form["tittel"].value() == "Dialogmøte på Skei"
    assert [int(v) for v in form["distrikter"].value()] == [distrikt.pk]
    assert form["situasjoner"].value() == ["B"]
    assert [int(v) for v in form["grupper"].value()] == [gruppe.pk]
    assert [int(v) for v in form["metoder"].value()] == [kort.pk]
    assert str(form["innsending_id"].value()) == str(plan.innsending_id)
    assert form.apne["laering"]  # what worked, what did not, what was learned


def test_del_erfaringen_from_someone_elses_plan_is_not_found(employee_client, make_plan, make_user):
    plan = make_plan(make_user())
    share_plan(plan=plan, by=plan.eier, deling=Deling.ALLE)
    assert employee_client.get(reverse("bidra:ny") + f"?plan={plan.pk}").status_code == 404


def test_the_shared_experience_goes_to_review_and_the_plan_links_to_it_once_published(
    employee, employee_client, editor, make_plan, make_distrikt
):
    distrikt = make_distrikt()
    plan = make_plan(employee, distrikt=distrikt)
    data = share_form_data(
        distrikt,
        tittel=plan.tittel,
        innsending_id=str(plan.innsending_id),
        hva_fungerte="Folk kom.",
        laering="Start tidligere.",
    )
    response = employee_client.post(reverse("bidra:ny"), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    eksempel = Eksempel.objects.get(innsending_id=plan.innsending_id)
    assert eksempel.status == Eksempel.Status.TIL_VURDERING
    content = employee_client.get(plan.get_absolute_url()).content.decode()
    assert (
        "Du har sendt erfaringen til redaksjonen" in content and "Del erfaringen</a>" not in content
    )
    publish_eksempel(eksempel=eksempel, by=editor)
    content = employee_client.get(plan.get_absolute_url()).content.decode()
    assert f'href="{eksempel.get_absolute_url()}"' in content


# Query counts


def test_the_plan_pages_run_a_fixed_number_of_queries(
    employee, employee_client, make_plan, make_gruppe, make_user, django_assert_max_num_queries
):
    plans = [make_plan(employee, gruppe=make_gruppe()) for _ in range(5)]
    for _ in range(3):
        other = make_user()
        share_plan(plan=make_plan(other), by=other, deling=Deling.NAVNGITT, kolleger=[employee])
    plan = plans[0]
    pages = {
        # session + user, menu rights, my plans and their cards, plans shared with me, theirs
        "/planer/": 8,
        # + the plan, its cards, tips and steps, people, findings and their needs, the example
        plan.get_absolute_url(): 11,
        reverse("planer:endre", args=[plan.pk]): 9,
        reverse("planer:deling", args=[plan.pk]): 6,
        reverse("planer:ny") + "?metode=holde-dialogmoter": 8,
        # the share form's own queries, and the plan it is filled in from
        reverse("bidra:ny") + f"?plan={plan.pk}": 11,
    }
    for url, most in pages.items():
        with django_assert_max_num_queries(most):
            assert employee_client.get(url).status_code == 200
