"""The search knows an example's tags: themes, groups, districts and methods are words in it.

The tag words live in the column `emneord`, which PostgreSQL triggers keep right on every
write path; these tests change tags through the ORM, bulk_create, QuerySet.update, the seed
content and the admin, and search afterwards.
"""

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from skattekiste.eksempler.models import Eksempel, EksempelTema
from skattekiste.sok.snippets import MARK_START, MARK_STOP, without_repeats
from tests.admin_forms import admin_form, admin_inline_formsets, unchanged_data

pytestmark = pytest.mark.django_db


def titles(hits):
    return {hit.title for hit in hits if hit.type.key == "eksempel"}


def emneord(eksempel):
    return Eksempel.objects.values_list("emneord", flat=True).get(pk=eksempel.pk)


def test_an_examples_theme_group_district_and_method_are_words_in_its_search_text(
    make_eksempel, make_tema, make_gruppe, make_distrikt, make_metode, find
):
    tema = make_tema(name="Trygg skolevei", slug="trygg-skolevei")
    gruppe = make_gruppe(navn="Pendlere", slug="pendlere")
    distrikt = make_distrikt(navn="Finnmark politidistrikt", slug="finnmark", kortnavn="Finnmark")
    metode = make_metode(navn="Innbyggerpanel", slug="innbyggerpanel")
    make_eksempel(
        tittel="Merket", tema=[tema], grupper=[gruppe], distrikter=[distrikt], metoder=[metode]
    )
    make_eksempel(tittel="Umerket")
    for words in ["skolevei", "pendlere", "finnmark", "innbyggerpanel", "trygg skolevei"]:
        assert titles(find(words)) == {"Merket"}, words


def test_renaming_a_theme_renames_it_in_the_search(make_eksempel, make_tema, find):
    tema = make_tema(name="Trafikk", slug="trafikk")
    eksempel = make_eksempel(tittel="Merket", tema=[tema])
    tema.name = "Sykkelsti"
    tema.save()
    assert "Sykkelsti" in emneord(eksempel)
    assert titles(find("sykkelsti")) == {"Merket"}
    assert titles(find("trafikk")) == set()


@pytest.mark.parametrize("field", ["grupper", "distrikter", "metoder"])
def test_renaming_a_group_district_or_method_renames_it_in_the_search(
    field, make_eksempel, make_gruppe, make_distrikt, make_metode, find
):
    make = {"grupper": make_gruppe, "distrikter": make_distrikt, "metoder": make_metode}[field]
    tag = make(navn="Gammelnavn")
    make_eksempel(tittel="Merket", **{field: [tag]})
    assert titles(find("gammelnavn")) == {"Merket"}
    type(tag).objects.filter(pk=tag.pk).update(navn="Nyttnavn")
    assert titles(find("nyttnavn")) == {"Merket"}
    assert titles(find("gammelnavn")) == set()


def test_unlinking_and_relinking_a_theme_follows_in_the_search(make_eksempel, make_tema, find):
    tema = make_tema(name="Båtliv", slug="batliv")
    eksempel = make_eksempel(tittel="Merket", tema=[tema])
    eksempel.tema.clear()
    assert titles(find("båtliv")) == set()
    EksempelTema.objects.bulk_create([EksempelTema(content_object=eksempel, tag=tema)])
    assert titles(find("båtliv")) == {"Merket"}
    EksempelTema.objects.filter(content_object=eksempel).delete()
    assert "Båtliv" not in emneord(eksempel)
    assert titles(find("båtliv")) == set()


def test_links_made_by_bulk_create_are_searchable(make_eksempel, make_gruppe, find):
    gruppe = make_gruppe(navn="Fritidsfiskere")
    eksempler = [make_eksempel(tittel=f"Nummer {n}", distrikter=[]) for n in range(3)]
    Eksempel.grupper.through.objects.bulk_create(
        [Eksempel.grupper.through(eksempel=e, innbyggergruppe=gruppe) for e in eksempler]
    )
    assert titles(find("fritidsfiskere")) == {"Nummer 0", "Nummer 1", "Nummer 2"}


def test_the_database_replaces_whatever_is_written_to_the_tag_words(make_eksempel, make_tema):
    eksempel = make_eksempel(tema=[make_tema(name="Rus")], distrikter=[])
    Eksempel.objects.filter(pk=eksempel.pk).update(emneord="noe annet")
    assert emneord(eksempel) == "Rus"
    eksempel.refresh_from_db()
    eksempel.tittel = "Ny tittel"
    eksempel.emneord = "tull"
    eksempel.save()
    assert emneord(eksempel) == "Rus"


def wrong_tag_words() -> int:
    """Examples whose stored tag words differ from a fresh computation, row by row."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM skattekiste_eksempel"
            " WHERE emneord IS DISTINCT FROM skattekiste_eksempel_emneord(id)"
        )
        return cursor.fetchone()[0]


def test_bulk_link_changes_loaddata_and_truncate_keep_every_examples_tag_words_right(
    make_eksempel, make_tema, make_gruppe, make_metode, tmp_path
):
    temaer = [make_tema(name=f"Tema {n}", slug=f"tema-{n}") for n in range(3)]
    gruppe, metode = make_gruppe(navn="Turgåere"), make_metode(navn="Nabolagsmøte")
    eksempler = [make_eksempel(tittel=f"Nummer {n}", distrikter=[]) for n in range(8)]
    through = Eksempel.metoder.through
    through.objects.bulk_create([through(eksempel=e, metode=metode) for e in eksempler])
    EksempelTema.objects.bulk_create(
        [EksempelTema(content_object=e, tag=temaer[n % 3]) for n, e in enumerate(eksempler)]
    )
    assert "Nabolagsmøte" in emneord(eksempler[5]) and wrong_tag_words() == 0
    EksempelTema.objects.filter(tag=temaer[0]).update(tag=temaer[1])  # many rows, one statement
    assert "Tema 0" not in emneord(eksempler[0]) and wrong_tag_words() == 0
    through.objects.filter(eksempel__in=eksempler[:4]).delete()
    assert "Nabolagsmøte" not in emneord(eksempler[0]) and wrong_tag_words() == 0

    dump = tmp_path / "eksempler.json"
    serialized = serializers.serialize("json", eksempler[:2], use_natural_foreign_keys=False)
    dump.write_text(serialized)
    Eksempel.objects.filter(pk__in=[e.pk for e in eksempler[:2]]).delete()
    call_command("loaddata", str(dump), verbosity=0)
    EksempelTema.objects.bulk_create([EksempelTema(content_object=eksempler[0], tag=temaer[2])])
    Eksempel.grupper.through.objects.create(eksempel=eksempler[1], innbyggergruppe=gruppe)
    assert "Turgåere" in emneord(eksempler[1]) and wrong_tag_words() == 0

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE skattekiste_eksempel_metoder")
    assert "Nabolagsmøte" not in emneord(eksempler[7]) and wrong_tag_words() == 0


def test_ungdom_tillit_finds_every_example_tagged_tillit_hos_ungdom(seeded, find):
    tagged = set(
        Eksempel.objects.published()
        .filter(tema__slug="tillit-hos-ungdom")
        .values_list("tittel", flat=True)
    )
    assert len(tagged) == 4
    assert tagged <= titles(find("ungdom tillit"))
    assert tagged <= titles(find("tillit hos ungdom"))


def test_the_search_page_leads_to_the_examples_with_a_matching_theme(seeded, employee_client):
    html = employee_client.get("/sok/", {"q": "ungdom tillit"}).content.decode()
    recount = Eksempel.objects.published().filter(tema__slug="tillit-hos-ungdom").distinct().count()
    url = f"{reverse('eksempler:list')}?tema=tillit-hos-ungdom"
    assert f'<a class="merke merke--lenke" href="{url}">Tema: Tillit hos ungdom' in html
    assert f"({recount}<span" in html


def test_a_tag_count_leaves_out_drafts_and_follows_new_links(
    employee_client, make_eksempel, make_tema
):
    tema = make_tema(name="Fotball", slug="fotball")
    make_eksempel(tittel="Kamp", tema=[tema])
    make_eksempel(tittel="Utkast", tema=[tema], status=Eksempel.Status.UTKAST, publisert=None)
    assert [(t.name, t.count) for t in _tags(employee_client, "fotball")] == [("Fotball", 1)]
    make_eksempel(tittel="Cup", tema=[tema])
    assert [(t.name, t.count) for t in _tags(employee_client, "fotball")] == [("Fotball", 2)]


def test_a_tag_on_very_many_examples_shows_its_exact_count(
    employee_client, make_eksempel, make_tema
):
    tema = make_tema(name="Fotball", slug="fotball")
    for n in range(103):
        make_eksempel(tittel=f"Kamp {n}", tema=[tema])
    Eksempel.objects.filter(tittel="Kamp 0").update(status=Eksempel.Status.AVVIST)
    recount = Eksempel.objects.published().filter(tema=tema).count()
    assert recount == 102
    html = employee_client.get("/sok/", {"q": "fotball"}).content.decode()
    assert f'Tema: Fotball <span class="antall">({recount}<span' in html


def test_the_json_search_lists_the_matching_tags(employee_client, make_eksempel, make_tema):
    make_eksempel(tittel="Kamp", tema=[make_tema(name="Fotball", slug="fotball")])
    data = employee_client.get("/api/sok/", {"q": "fotball"}).json()
    assert data["tags"] == [
        {
            "type": "tema",
            "title": "Tema: Fotball",
            "count": "1",
            "url": "http://testserver/eksempler/?tema=fotball",
        }
    ]


def test_anonymous_visitors_see_no_tags(client, make_eksempel, make_tema):
    make_eksempel(tittel="Kamp", tema=[make_tema(name="Fotball", slug="fotball")])
    assert client.get("/sok/", {"q": "fotball"}).status_code == 302
    assert client.get("/api/sok/", {"q": "fotball"}).status_code == 401


def test_editors_see_the_tags_too(editor_client, make_eksempel, make_tema):
    make_eksempel(tittel="Kamp", tema=[make_tema(name="Fotball", slug="fotball")])
    assert "Tema: Fotball" in editor_client.get("/sok/", {"q": "fotball"}).content.decode()


def test_a_snippet_never_says_the_same_sentence_twice(employee_client, make_eksempel):
    sentence = "Vi inviterte fiskerne til kaffe på kaia en tirsdag."
    make_eksempel(
        tittel="Kaia",
        ingress=sentence,
        beskrivelse=f"{sentence} Mange fiskere kom, og fiskerne ville møtes igjen.",
    )
    hit = employee_client.get("/api/sok/", {"q": "fiskerne"}).json()["results"][0]
    assert hit["snippet"].count("kaffe på kaia") == 1


def test_repeated_sentences_are_dropped_across_and_within_fragments():
    mark = f"{MARK_START}politiet{MARK_STOP}"
    repeated = f"Vi møtte {mark} på torget i byen. Det gikk bra med alle som kom."
    assert without_repeats(f"{repeated} … {repeated}") == repeated
    assert without_repeats(f"A. B. {repeated} {repeated}") == f"A. B. {repeated}"
    assert without_repeats("Ja. Ja. Nei.") == "Ja. Ja. Nei."


def _tags(client, q):
    response = client.get("/sok/", {"q": q})
    return response.context["result"].tags


def test_a_theme_added_in_the_admin_is_found_at_once(
    editor, editor_client, make_eksempel, make_tema, find
):
    eksempel = make_eksempel(tittel="Merket")
    tema = make_tema(name="Nattravn", slug="nattravn")
    form = admin_form(eksempel, editor)(instance=eksempel)
    data = {**unchanged_data(form), "tema": [str(tema.pk)]}
    for formset in admin_inline_formsets(eksempel, editor):
        data.update(unchanged_data(formset.management_form))
    response = editor_client.post(f"/admin/skattekiste/eksempel/{eksempel.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert titles(find("nattravn")) == {"Merket"}
