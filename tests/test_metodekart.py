"""The method map (situation × reach) and the good circle on /metoder/."""

import pytest

from metoder.models import Metode
from metoder.overview import build_circle, build_map

pytestmark = pytest.mark.django_db


def test_the_map_places_every_method_at_least_once(seeded):
    metoder = list(Metode.objects.all())
    kart = build_map(metoder)
    placed = {
        m.nummer for rad in kart["rader"] for celle in rad["celler"] for m in celle["metoder"]
    }
    assert placed == set(range(1, 10))


def test_the_map_puts_a_method_in_the_cell_of_its_situation_and_reach(make_metode):
    metode = make_metode(situasjoner=["B"], rekkevidde="mange")
    kart = build_map([metode])
    rows = {rad["situasjon"].value: [c["metoder"] for c in rad["celler"]] for rad in kart["rader"]}
    assert rows["B"][2] == [metode]
    assert rows["A"] == [[], [], []] and rows["C"] == [[], [], []]


def test_every_column_of_the_report_map_names_its_reach_and_why_or_what(employee_client, seeded):
    kart = employee_client.get("/metoder/").context["kart"]
    labels = [(k["rekkevidde"].label, k["tekst"]) for k in kart["kolonner"]]
    # Card 4 (dialogue meetings, «hvorfor») and card 6 (the panel, «hva») reach «flere».
    assert labels == [
        ("Få", "forstå «hvorfor»"),
        ("Flere", "forstå «hvorfor» og «hva»"),
        ("Mange", "forstå «hva»"),
    ]


def test_a_column_takes_its_why_or_what_from_the_cards_in_it(make_metode):
    make_metode(rekkevidde="flere", forstaaelse="hva")
    kart = build_map(list(Metode.objects.all()))
    assert [k["tekst"] for k in kart["kolonner"]] == [
        "forstå «hvorfor»",
        "forstå «hva»",
        "forstå «hva»",
    ]


def test_each_cell_names_its_column_for_the_narrow_layout_and_each_card_its_why_or_what(
    employee_client, seeded
):
    content = employee_client.get("/metoder/").content.decode()
    assert '<span class="kart__kolonne">Flere innbyggere – forstå «hvorfor» og «hva»</span>' in (
        content
    )
    dialog = Metode.objects.get(nummer=4)
    assert (
        f'<a href="{dialog.get_absolute_url()}">4. {dialog.navn}</a> '
        '<span class="hjelp">forstå «hvorfor»</span>' in content
    )


def test_the_circle_lists_methods_per_phase_and_the_three_mistakes(make_metode):
    lytte = make_metode(faser=["lytte"])
    handle = make_metode(faser=["handle", "laere"])
    sirkel = build_circle([lytte, handle])
    by_phase = {del_["fase"].value: del_["metoder"] for del_ in sirkel["faser"]}
    assert by_phase == {"lytte": [lytte], "handle": [handle], "laere": [handle]}
    assert [t["navn"] for t in sirkel["tabber"]] == ["Ikke lytte", "Ikke handle", "Ikke lære"]


def test_anonymous_visitor_is_sent_to_login(client):
    assert client.get("/metoder/")["Location"].startswith("/logg-inn/")


def test_the_map_page_shows_why_and_what_at_the_two_ends(employee_client, seeded):
    content = employee_client.get("/metoder/").content.decode()
    assert "forstå «hvorfor»" in content and "forstå «hva»" in content
    assert "Tre klassiske tabber" in content
    for metode in Metode.objects.all():
        assert metode.get_absolute_url() in content


def test_editor_sees_the_map_too(editor_client):
    assert editor_client.get("/metoder/").status_code == 200


def test_the_map_page_runs_a_fixed_number_of_queries(
    employee_client, django_assert_max_num_queries, seeded
):
    with django_assert_max_num_queries(5):
        employee_client.get("/metoder/")
