"""The method map (situation × reach) and the good circle on /metoder/."""

import pytest

from metoder.models import Metode
from metoder.overview import build_circle, build_map

pytestmark = pytest.mark.django_db


def test_the_map_places_every_method_at_least_once(seeded):
    metoder = list(Metode.objects.all())
    kart = build_map(metoder)
    placed = {m.nummer for rad in kart["rader"] for celle in rad["celler"] for m in celle}
    assert placed == set(range(1, 10))


def test_the_map_puts_a_method_in_the_cell_of_its_situation_and_reach(make_metode):
    metode = make_metode(situasjoner=["B"], rekkevidde="mange")
    kart = build_map([metode])
    rows = {rad["situasjon"].value: rad["celler"] for rad in kart["rader"]}
    assert rows["B"][2] == [metode]
    assert rows["A"] == [[], [], []] and rows["C"] == [[], [], []]


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
