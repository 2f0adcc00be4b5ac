"""The stored search vectors are right after every kind of write, and drafts are never found."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from innsikt.models import Behov, Innsikt, Kilde
from metoder.models import Husk, Metode, Steg
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.vokabular import Innbyggergruppe
from skattekiste.sok.models import SearchWord, Synonym
from skattekiste.sok.types import TYPES

pytestmark = pytest.mark.django_db

SEARCHABLE = [Eksempel, Innbyggergruppe, Metode, Steg, Husk, Innsikt, Kilde, Behov]


def found(find, word, kind="eksempel"):
    return {hit.title for hit in find(word) if hit.type.key == kind}


def published_eksempel(n, **fields):
    return Eksempel(
        tittel=f"Eksempel {n}",
        slug=f"bulk-{n}",
        ingress="Politiet inviterte.",
        aar=2022,
        situasjoner=["A"],
        status=Eksempel.Status.PUBLISERT,
        publisert=timezone.now(),
        **fields,
    )


@pytest.mark.parametrize("model", SEARCHABLE, ids=lambda m: m.__name__)
def test_every_search_vector_is_a_generated_column_with_a_gin_index(model):
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT is_generated FROM information_schema.columns "
            "WHERE table_name = %s AND column_name = 'search_vector'",
            [table],
        )
        assert cursor.fetchone() == ("ALWAYS",)
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            [table, "%USING gin (search_vector)%"],
        )
        assert cursor.fetchall(), f"no GIN index on {table}.search_vector"


def test_a_new_example_is_found_at_once(make_eksempel, find):
    make_eksempel(tittel="Nærmiljøprat", ingress="Kaffe og prat på torget.")
    assert found(find, "torget") == {"Nærmiljøprat"}


def test_editing_and_saving_changes_what_finds_the_example(make_eksempel, find):
    eksempel = make_eksempel(tittel="Før", ingress="Kaffe på torget.")
    eksempel.tittel = "Etter"
    eksempel.ingress = "Vafler i parken."
    eksempel.save()
    assert found(find, "parken") == {"Etter"}
    assert found(find, "torget") == set()


def test_queryset_update_changes_the_vector(make_eksempel, find):
    eksempel = make_eksempel(tittel="Oppdatert", ingress="Kaffe på torget.")
    Eksempel.objects.filter(pk=eksempel.pk).update(laering="Grilling i parken virket best.")
    assert found(find, "grilling") == {"Oppdatert"}


def test_bulk_create_and_bulk_update_fill_the_vectors(find):
    created = Eksempel.objects.bulk_create(
        [published_eksempel(1, beskrivelse="Fotball i hallen."), published_eksempel(2)]
    )
    assert found(find, "fotball") == {"Eksempel 1"}
    created[1].beskrivelse = "Fotball på løkka."
    Eksempel.objects.bulk_update([created[1]], ["beskrivelse"])
    assert found(find, "fotball") == {"Eksempel 1", "Eksempel 2"}


def test_raw_sql_writes_are_indexed_too(make_innsikt, find):
    innsikt = make_innsikt(tittel="Funn om trafikk")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE innsikt_innsikt SET forklaring = 'Syklister ønsker lys.' WHERE id = %s",
            [innsikt.pk],
        )
    assert found(find, "syklister", "innsikt") == {"Funn om trafikk"}


def test_loaddata_which_saves_raw_rows_fills_the_vectors(tmp_path, make_distrikt, find):
    make_distrikt(slug="agder")
    fixture = tmp_path / "eksempel.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "skattekiste.eksempel",
                    "fields": {
                        "tittel": "Fra fixture",
                        "slug": "fra-fixture",
                        "ingress": "Tursti gjennom skogen.",
                        "aar": 2022,
                        "situasjoner": ["A"],
                        "distrikter": [["agder"]],
                        "status": "publisert",
                        "publisert": "2022-12-15T12:00:00Z",
                        "opprettet": "2022-12-15T12:00:00Z",
                        "oppdatert": "2022-12-15T12:00:00Z",
                    },
                }
            ]
        )
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert found(find, "tursti") == {"Fra fixture"}


def test_a_new_step_makes_its_method_card_findable(make_metode, find):
    metode = make_metode(navn="Dialogmøter", ingress="Møt folk.")
    assert found(find, "kakebord", "metode") == set()
    Steg.objects.create(metode=metode, rekkefolge=1, tekst="Sett frem et kakebord.")
    assert found(find, "kakebord", "metode") == {"Dialogmøter"}


@pytest.mark.parametrize(
    "status",
    [
        Eksempel.Status.UTKAST,
        Eksempel.Status.TIL_VURDERING,
        Eksempel.Status.RETURNERT,
        Eksempel.Status.AVVIST,
    ],
)
def test_an_example_that_is_not_published_is_never_found(status, make_eksempel, find):
    make_eksempel(tittel="Hemmelig", ingress="Kaffe på torget.", status=status, publisert=None)
    assert found(find, "torget") == set()
    assert found(find, "hemmelig") == set()


def test_a_draft_insight_is_never_found(make_innsikt, find):
    make_innsikt(tittel="Utkast om trafikk", status=Innsikt.Status.UTKAST)
    assert found(find, "trafikk", "innsikt") == set()


def test_publishing_makes_an_example_findable_and_unpublishing_hides_it(make_eksempel, find):
    eksempel = make_eksempel(
        tittel="Snart ute", ingress="Kaffe på torget.", status="utkast", publisert=None
    )
    eksempel.status, eksempel.publisert = Eksempel.Status.PUBLISERT, timezone.now()
    eksempel.save()
    assert found(find, "torget") == {"Snart ute"}
    Eksempel.objects.filter(pk=eksempel.pk).update(status=Eksempel.Status.UTKAST)
    assert found(find, "torget") == set()


def test_contact_details_are_not_searchable(make_eksempel, find):
    make_eksempel(tittel="Kontakt", kontakt_navn="Kari Nordmann", kontakt_epost="kari@politiet.no")
    assert found(find, "nordmann") == set()


def test_the_search_reads_each_table_under_the_name_its_model_gives(
    rename_tables,
    employee_client,
    make_eksempel,
    make_innsikt,
    make_metode,
    make_gruppe,
    make_synonym,
    search_words,
):
    # A migration may rename any table the search reads: matching, ranking, snippets, the
    # word list, synonyms and suggestions must all follow the models, drafts still hidden.
    metode = make_metode(navn="Holde dialogmøter", ingress="Møt folk.")
    Steg.objects.create(metode=metode, rekkefolge=1, tekst="Sett frem termos på torget.")
    Husk.objects.create(metode=metode, rekkefolge=1, tekst="Ta med pappkrus.")
    make_eksempel(tittel="Torgprat", ingress="Vi serverte kaffe på torget hver lørdag.")
    make_eksempel(
        tittel="Hemmelig",
        ingress="Torget om natten.",
        status=Eksempel.Status.UTKAST,
        publisert=None,
    )
    make_innsikt(tittel="Folk møter politiet på torget")
    make_gruppe(navn="Eldre", beskrivelse="Mange eldre møtes på torget.")
    make_synonym("kaffe", ["kaffi"])
    rename_tables(*(t.model for t in TYPES), Steg, Husk, SearchWord, Synonym)
    assert search_words() > 0

    def search(q):
        response = employee_client.get("/sok/", {"q": q})
        assert response.status_code == 200
        return response

    response = search("torget")
    assert {hit.title for hit in response.context["page"].object_list} == {
        "Torgprat",
        "Folk møter politiet på torget",
        "Holde dialogmøter",
        "Eldre",
    }
    assert "<mark>torget</mark>" in response.content.decode()
    assert [hit.title for hit in search("pappkrus").context["page"].object_list] == [
        "Holde dialogmøter"
    ]
    assert [hit.title for hit in search("kaffi").context["page"].object_list] == ["Torgprat"]
    assert search("lørdga").context["result"].suggestion == "lørdag"
