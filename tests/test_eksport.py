"""Downloads of the filtered lists: every matching example or insight (not one page) as
CSV with a BOM or as JSON, streamed, with the filters in the file name, formula-looking
cells escaped, drafts never, and contact details for the logged-in employees who may see
them on the pages."""

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from skattekiste.eksempler.models import Eksempel

pytestmark = pytest.mark.django_db

EKSEMPLER_CSV = reverse("eksempler:eksport_csv")
EKSEMPLER_JSON = reverse("eksempler:eksport_json")
INNSIKT_CSV = reverse("innsikt:eksport_csv")
INNSIKT_JSON = reverse("innsikt:eksport_json")


def body(response) -> str:
    assert response.streaming, "a list download streams"
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response) -> list[list[str]]:
    text = body(response)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.fixture
def eldre_list(make_tema, make_eksempel):
    """25 examples about the elderly (more than one page), 3 others and a draft."""
    eldre, annet = make_tema(name="Eldre"), make_tema(name="Annet")
    for n in range(25):
        make_eksempel(tittel=f"Eldre {n}", tema=[eldre], kontakt_epost=f"k{n}@politiet.no")
    for n in range(3):
        make_eksempel(tittel=f"Annet {n}", tema=[annet])
    make_eksempel(tittel="Utkast om eldre", tema=[eldre], status=Eksempel.Status.UTKAST)
    return eldre


def test_the_csv_holds_exactly_the_filtered_list_not_one_page(employee_client, eldre_list):
    params = {"tema": eldre_list.slug}
    listed = employee_client.get(reverse("eksempler:list"), params).context["page"]
    assert listed.paginator.count == 25 and len(listed.object_list) == 20
    response = employee_client.get(EKSEMPLER_CSV, params)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="skattekisten-eksempler-{eldre_list.slug}.csv"'
    )
    header, *rows = csv_rows(response)
    assert header[:3] == ["Tittel", "Lenke", "År"] and "E-post" in header
    assert len(rows) == listed.paginator.count
    titles = {row[0] for row in rows}
    assert titles == {f"Eldre {n}" for n in range(25)}
    assert [row[0] for row in rows[:20]] == [e.tittel for e in listed.object_list]
    assert "k0@politiet.no" in {row[header.index("E-post")] for row in rows}


def test_the_json_holds_the_same_rows(employee_client, eldre_list):
    response = employee_client.get(EKSEMPLER_JSON, {"tema": eldre_list.slug, "page": "2"})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].endswith(f'eksempler-{eldre_list.slug}.json"')
    items = json.loads(body(response))
    assert len(items) == 25
    assert items[0]["tema"] == ["Eldre"] and items[0]["lenke"].startswith("http")
    assert "Utkast om eldre" not in {item["tittel"] for item in items}


def test_an_example_downloads_with_every_field_and_link_in_the_pages_order(
    employee_client, make_eksempel, make_distrikt, make_tema, make_gruppe, make_metode
):
    eksempel = make_eksempel(
        tittel="Kafé med politiet",
        situasjoner=["A", "B"],
        distrikter=[make_distrikt(navn="Øst"), make_distrikt(navn="Agder")],
        tema=[make_tema(name="Tillit"), make_tema(name="Eldre")],
        grupper=[make_gruppe(navn="Ungdom"), make_gruppe(navn="Eldre")],
        metoder=[make_metode(nummer=7, navn="Dialogmøte"), make_metode(nummer=2, navn="Ung")],
        kontakt_navn="Kari Nordmann",
        kontakt_epost="kari@politiet.no",
    )
    (item,) = json.loads(body(employee_client.get(EKSEMPLER_JSON)))
    assert item["lenke"].endswith(eksempel.get_absolute_url())
    assert item["situasjoner"] == ["A – Oppgaveløsning", "B – Utvikling"]
    assert item["distrikter"] == ["Agder", "Øst"] and item["tema"] == ["Eldre", "Tillit"]
    assert item["grupper"] == ["Eldre", "Ungdom"] and item["metoder"] == ["Ung", "Dialogmøte"]
    assert (item["kontakt_navn"], item["kontakt_epost"]) == ("Kari Nordmann", "kari@politiet.no")
    assert item["aar"] == eksempel.aar and item["laering"] == eksempel.laering


def test_an_insight_downloads_with_every_link_in_the_pages_order(
    employee_client, make_innsikt, make_gruppe, make_behov, make_kilde, make_distrikt, make_tema
):
    innsikt = make_innsikt(
        tittel="Unge vil ha chat",
        styrke=3,
        fra_gruppen_selv=True,
        grupper=[make_gruppe(navn="Ungdom"), make_gruppe(navn="Elever")],
        behov=[
            make_behov(tekst="Svar raskt", rekkefolge=2),
            make_behov(tekst="Bli sett", rekkefolge=1),
        ],
        kilder=[
            make_kilde(tittel="Eldre kilde", aar=2019),
            make_kilde(tittel="Ny kilde", aar=2023),
        ],
        distrikter=[make_distrikt(navn="Vest")],
    )
    innsikt.tema.set([make_tema(name="Tillit"), make_tema(name="Digitalt")])
    (item,) = json.loads(body(employee_client.get(INNSIKT_JSON)))
    assert item["lenke"].endswith(innsikt.get_absolute_url())
    assert (item["styrke"], item["fra_gruppen_selv"]) == (innsikt.get_styrke_display(), "ja")
    assert item["grupper"] == ["Elever", "Ungdom"] and item["behov"] == ["Bli sett", "Svar raskt"]
    assert item["kilder"] == ["Ny kilde", "Eldre kilde"] and item["distrikter"] == ["Vest"]
    assert item["tema"] == ["Digitalt", "Tillit"] and item["forklaring"] == innsikt.forklaring


def test_a_formula_looking_cell_is_escaped_so_a_spreadsheet_never_runs_it(
    employee_client, make_eksempel
):
    make_eksempel(tittel='=HYPERLINK("http://ond.example","Klikk")', ingress="+47 2222")
    make_eksempel(tittel="@SUM(1)", ingress="-1", sted="\tTab", kilder="\rCR")
    header, *rows = csv_rows(employee_client.get(EKSEMPLER_CSV))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://ond.example","Klikk")' in cells
    for cell in ("'+47 2222", "'@SUM(1)", "'-1", "'\tTab", "'\rCR"):
        assert cell in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    # JSON is data, not a spreadsheet: the text is kept as written.
    items = json.loads(body(employee_client.get(EKSEMPLER_JSON)))
    assert '=HYPERLINK("http://ond.example","Klikk")' in {item["tittel"] for item in items}


def test_every_filter_of_the_list_is_in_the_download_and_its_name(employee_client, make_eksempel):
    make_eksempel(tittel="Med lærdom", hva_fungerte_ikke="Få kom.", aar=2021)
    make_eksempel(tittel="Uten lærdom", aar=2021)
    make_eksempel(tittel="Med lærdom, men gammelt", hva_fungerte_ikke="Regn.", aar=2015)
    params = {"ikke_virket": "ja", "fra": "2019", "til": "2022", "situasjon": "A"}
    response = employee_client.get(EKSEMPLER_CSV, params)
    assert 'filename="skattekisten-eksempler-a-2019-2022-ja.csv"' in response["Content-Disposition"]
    _, *rows = csv_rows(response)
    assert [row[0] for row in rows] == ["Med lærdom"]


def test_the_insight_list_downloads_as_csv_and_json_with_all_matching_rows(
    employee_client, make_gruppe, make_innsikt
):
    ungdom = make_gruppe(navn="Ungdom")
    for n in range(22):
        make_innsikt(tittel=f"Funn om unge {n}", grupper=[ungdom])
    make_innsikt(tittel="Annet funn")
    make_innsikt(tittel="Utkast om unge", grupper=[ungdom], status="utkast")
    params = {"gruppe": ungdom.slug}
    count = employee_client.get(reverse("innsikt:list"), params).context["page"].paginator.count
    response = employee_client.get(INNSIKT_CSV, params)
    assert f'filename="skattekisten-innsikt-{ungdom.slug}.csv"' in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header[0] == "Funn" and len(rows) == count == 22
    assert all(row[header.index("Innbyggergrupper")] == "Ungdom" for row in rows)
    items = json.loads(body(employee_client.get(INNSIKT_JSON, params)))
    assert len(items) == 22 and items[0]["grupper"] == ["Ungdom"]


def test_the_list_pages_link_to_their_downloads_with_the_filters(
    employee_client, eldre_list, make_innsikt
):
    make_innsikt()
    page = employee_client.get(reverse("eksempler:list"), {"tema": eldre_list.slug})
    content = page.content.decode()
    assert f'href="{EKSEMPLER_CSV}?tema={eldre_list.slug}"' in content
    assert f'href="{EKSEMPLER_JSON}?tema={eldre_list.slug}"' in content
    assert f'href="{INNSIKT_CSV}"' in employee_client.get(reverse("innsikt:list")).content.decode()


@pytest.mark.parametrize("url", [EKSEMPLER_CSV, EKSEMPLER_JSON, INNSIKT_CSV, INNSIKT_JSON])
def test_anonymous_visitors_are_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/logg-inn/")


@pytest.mark.parametrize("role", ["employee", "editor"])
def test_employees_and_editors_download_with_contact_details(request, role, make_eksempel):
    client = Client()
    client.force_login(request.getfixturevalue(role))
    make_eksempel(kontakt_navn="Kari Nordmann", kontakt_telefon="22 22 22 22")
    header, row = csv_rows(client.get(EKSEMPLER_CSV))
    assert row[header.index("Kontaktperson")] == "Kari Nordmann"
    assert row[header.index("Telefon")] == "22 22 22 22"


def test_bad_filters_give_the_list_without_them_never_a_500(employee_client, make_eksempel):
    make_eksempel(tittel="Et eksempel")
    params = {"tema": "finnes-ikke", "fra": "tull", "publisert": "x\x00", "sorter": "ond"}
    response = employee_client.get(EKSEMPLER_CSV, params)
    assert response.status_code == 200
    _, *rows = csv_rows(response)
    assert [row[0] for row in rows] == ["Et eksempel"]


def test_a_download_of_many_rows_reads_few_queries(
    employee_client, eldre_list, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        rows = csv_rows(employee_client.get(EKSEMPLER_CSV, {"tema": eldre_list.slug}))
    assert len(rows) == 26
