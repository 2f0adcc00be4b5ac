"""The nine method cards: complete content, the card page and its examples."""

import re
from pathlib import Path

import pytest

from metoder.models import Metode
from skattekiste.templatetags.felles import tall

pytestmark = pytest.mark.django_db

# The team's 2022 report, kept byte for byte in the repository so these tests always run.
REPORT = Path(__file__).resolve().parents[1] / "fixtures" / "rapport" / "innbyggerstemmen_2022.txt"


def squash(text):
    joined = re.sub(r"(\w)-\s*\n\s*(?=[a-zæøå])", r"\1", text)  # words hyphenated over lines
    return re.sub(r"\s+", " ", joined).strip()


def test_there_are_nine_cards_numbered_one_to_nine(seeded):
    assert list(Metode.objects.values_list("nummer", flat=True)) == list(range(1, 10))


@pytest.mark.parametrize(
    ("nummer", "steg", "husk"),
    [
        (1, 6, 3),
        (2, 7, 3),
        (3, 7, 3),
        (4, 6, 3),
        (5, 7, 3),
        (6, 6, 2),
        (7, 6, 2),
        (8, 7, 2),
        (9, 6, 2),
    ],
)
def test_each_card_has_every_step_and_tip_of_the_report_in_order(seeded, nummer, steg, husk):
    metode = Metode.objects.get(nummer=nummer)
    assert list(metode.steg.values_list("rekkefolge", flat=True)) == list(range(1, steg + 1))
    assert list(metode.husk.values_list("rekkefolge", flat=True)) == list(range(1, husk + 1))
    assert metode.ingress and metode.eksempel


def test_every_step_and_tip_is_worded_as_in_the_report(seeded):
    report = squash(REPORT.read_text())
    for metode in Metode.objects.prefetch_related("steg", "husk"):
        for punkt in [*metode.steg.all(), *metode.husk.all()]:
            # The report breaks lines mid-sentence; compare the first words, which never wrap.
            start = " ".join(punkt.tekst.split()[:4])
            assert start in report, f"{metode.nummer}: {punkt.tekst}"


def test_the_first_card_opens_with_its_first_step(seeded):
    metode = Metode.objects.get(nummer=1)
    assert metode.steg.first().tekst.startswith("Identifiser et behov for dialog")


def test_anonymous_visitor_is_sent_to_login(client, make_metode):
    metode = make_metode()
    assert client.get(metode.get_absolute_url())["Location"].startswith("/logg-inn/")


def test_the_card_page_shows_numbered_steps_tips_and_example(employee_client, seeded):
    metode = Metode.objects.get(nummer=2)
    content = employee_client.get(metode.get_absolute_url()).content.decode()
    assert "Slik gjør du det" in content and "Husk!" in content
    assert '<ol class="steg">' in content
    assert "Drammen politistasjon" in content
    assert "Få innbyggere" in content


def test_the_card_page_lists_the_published_examples_that_used_it(
    employee_client, make_metode, make_eksempel
):
    metode = make_metode()
    make_eksempel(tittel="Brukte kortet", metoder=[metode])
    make_eksempel(tittel="Utkast med kortet", metoder=[metode], status="utkast", publisert=None)
    content = employee_client.get(metode.get_absolute_url()).content.decode()
    assert "Brukte kortet" in content
    assert "Utkast med kortet" not in content


def test_editor_reads_the_card_too(editor_client, make_metode):
    assert editor_client.get(make_metode().get_absolute_url()).status_code == 200


def test_an_unknown_card_gives_not_found(employee_client):
    assert employee_client.get("/metoder/finnes-ikke/").status_code == 404


def test_the_card_page_shows_the_six_newest_examples_and_links_to_all_of_them(
    employee_client, make_metode, make_eksempel
):
    metode = make_metode(slug="holde-dialogmoter")
    for aar in range(2015, 2023):
        make_eksempel(tittel=f"Dialogmøte {aar}", aar=aar, metoder=[metode])
    make_eksempel(tittel="Utkast 2024", aar=2024, metoder=[metode], status="utkast", publisert=None)
    make_eksempel(tittel="Uten kortet", aar=2024)
    response = employee_client.get(metode.get_absolute_url())
    shown = [eksempel.tittel for eksempel in response.context["eksempler"]]
    assert shown == [f"Dialogmøte {aar}" for aar in range(2022, 2016, -1)]
    content = response.content.decode()
    assert "Dialogmøte 2016" not in content and "Utkast 2024" not in content
    assert (
        '<a href="/eksempler/?metode=holde-dialogmoter">'
        "Se alle 8 eksempler med denne metoden</a>" in content
    )


def test_the_card_page_has_no_see_all_link_when_every_example_is_shown(
    employee_client, make_metode, make_eksempel
):
    metode = make_metode()
    for _ in range(6):
        make_eksempel(metoder=[metode])
    content = employee_client.get(metode.get_absolute_url()).content.decode()
    assert content.count('class="kort__tittel"') == 6
    assert "Se alle" not in content


def test_the_count_of_all_examples_is_written_with_a_space_between_thousands():
    assert tall(1234) == "1\xa0234"
    assert tall(20000) == "20\xa0000"
    assert tall(999) == "999"


def test_the_card_page_runs_the_same_queries_for_few_and_many_examples(
    employee_client, django_assert_max_num_queries, make_metode, make_eksempel
):
    metode = make_metode()
    queries = []
    for total in (3, 30):
        while metode.eksempler.count() < total:
            make_eksempel(metoder=[metode])
        # session, user, card, steps, tips, 6 newest + districts + themes, count, 2 permissions,
        # whether you follow the method
        with django_assert_max_num_queries(12) as captured:
            response = employee_client.get(metode.get_absolute_url())
        assert response.status_code == 200
        queries.append(len(captured))
    assert queries[0] == queries[1]


def test_each_example_links_to_its_methods(employee_client, make_metode, make_eksempel):
    metode = make_metode(navn="Et fast innbyggerpanel")
    eksempel = make_eksempel(metoder=[metode])
    content = employee_client.get(eksempel.get_absolute_url()).content.decode()
    assert f'href="{metode.get_absolute_url()}"' in content


def test_the_print_stylesheet_is_served_and_linked_for_print(employee_client, make_metode):
    content = employee_client.get(make_metode().get_absolute_url()).content.decode()
    assert 'href="/static/css/print.css" media="print"' in content
    css = b"".join(employee_client.get("/static/css/print.css").streaming_content).decode()
    assert "@page" in css and "A4" in css
    assert ".topp" in css  # navigation is hidden on paper


def test_admin_edits_a_card_with_its_steps_and_tips_inline(editor_client, make_metode):
    metode = make_metode()
    response = editor_client.get(f"/admin/metoder/metode/{metode.pk}/change/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "steg-TOTAL_FORMS" in content and "husk-TOTAL_FORMS" in content


def test_employee_cannot_edit_a_card(employee_client, make_metode):
    metode = make_metode()
    response = employee_client.get(f"/admin/metoder/metode/{metode.pk}/change/")
    assert response.status_code == 302


def test_a_changed_card_keeps_its_history(editor, make_metode):
    metode = make_metode(navn="Før")
    metode.navn = "Etter"
    metode.save()
    assert [h.navn for h in metode.history.order_by("history_id")] == ["Før", "Etter"]
