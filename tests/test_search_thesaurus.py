"""The team keeps the search's thesaurus (Synonym) in the admin; the search uses it at once."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from skattekiste.felles.roles import REDAKSJON
from skattekiste.sok.models import SearchWord, Synonym

pytestmark = pytest.mark.django_db


def test_the_team_may_add_change_and_view_synonyms_but_not_delete_them():
    codenames = set(
        Group.objects.get(name=REDAKSJON)
        .permissions.filter(content_type__model="synonym")
        .values_list("codename", flat=True)
    )
    assert codenames == {"add_synonym", "change_synonym", "view_synonym"}


def test_an_employee_cannot_open_the_thesaurus_in_the_admin(employee_client):
    response = employee_client.get(reverse("admin:skattekiste_synonym_changelist"))
    assert response.status_code == 302


def test_an_editor_adds_a_synonym_in_the_admin_and_the_search_uses_it(
    editor_client, make_eksempel, find
):
    make_eksempel(tittel="Nabolaget", ingress="Vi gikk rundt i nabolaget.")
    assert find("grendelag") == []
    response = editor_client.post(
        reverse("admin:skattekiste_synonym_add"),
        {"ord": "nabolag", "synonymer": "grendelag,lokalmiljø"},
    )
    assert response.status_code == 302
    assert Synonym.objects.get(ord="nabolag").synonymer == ["grendelag", "lokalmiljø"]
    assert [hit.title for hit in find("grendelag")] == ["Nabolaget"]


def test_the_same_word_cannot_be_entered_twice_in_any_case(make_synonym):
    from django.db import IntegrityError

    make_synonym("svindel", ["bedrageri"])
    with pytest.raises(IntegrityError):
        make_synonym("Svindel", ["lureri"])


def test_the_seed_content_brings_a_starting_thesaurus_and_builds_the_word_list(seeded):
    assert Synonym.objects.filter(ord="svindel").exists()
    assert SearchWord.objects.filter(word="innbyggerne").exists()


def test_rebuilding_the_word_list_twice_changes_nothing(make_eksempel, search_words):
    make_eksempel(tittel="Torget", ingress="Kaffe og prat på torget.")
    search_words()
    first = list(SearchWord.objects.order_by("word").values_list("pk", "word", "stem", "ndoc"))
    call_command("oppdater_sokeord", verbosity=0)
    assert list(SearchWord.objects.order_by("word").values_list("pk", "word", "stem", "ndoc")) == (
        first
    )
    assert ("torget", "torg") in {(w, s) for _, w, s, _ in first}
