"""A fødselsnummer, D-nummer or H-nummer is found in any grouping, and never reaches a URL.

The red team's variants are here word for word; Hypothesis writes thousands more.
"""

import json

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from innsikt.models import Innsikt
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.personvern import find_identity_numbers, find_warnings
from skattekiste.felles.text import slugify_norwegian
from skattekiste.oppsett.seed import seed_fixture_paths
from tests.helpers import share
from tests.identity_numbers import RED_TEAM_VARIANTS, build_identity_number

NUMBER = "01019010046"  # a valid synthetic fødselsnummer, the red team's own


@pytest.mark.parametrize("text", [*RED_TEAM_VARIANTS, "０１０１９０１００４６"])
def test_the_red_teams_groupings_are_all_found(text):
    assert find_identity_numbers(f"Møte med {text} i går") == ["fødselsnummer"]


def test_an_h_nummer_is_found(make_fodselsnummer):
    assert find_identity_numbers(make_fodselsnummer(h_nummer=True)) == ["H-nummer"]


_SEPARATORS = st.sampled_from(
    [
        " ",
        "  ",
        ".",
        "-",
        " - ",
        "/",
        "_",
        "\t",
        "\n",
        "\u00a0",
        "\u2009",
        "\u2013",
        "\u2014",
        "\u200b",
        "\u00ad",
        "\u2212",
        ", ",
    ]
)


@st.composite
def valid_numbers(draw):
    kind = draw(st.sampled_from(["fødselsnummer", "D-nummer", "H-nummer"]))
    number = build_identity_number(
        day=draw(st.integers(1, 28)),
        month=draw(st.integers(1, 12)),
        year=draw(st.integers(0, 99)),
        individ=draw(st.integers(0, 999)),
        d_nummer=kind == "D-nummer",
        h_nummer=kind == "H-nummer",
    )
    assume(number is not None)
    return kind, number


@st.composite
def grouped(draw, number):
    cuts = sorted(draw(st.sets(st.integers(1, len(number) - 1), max_size=5)))
    groups = [number[a:b] for a, b in zip([0, *cuts], [*cuts, len(number)], strict=True)]
    text = groups[0]
    for group in groups[1:]:
        text += draw(_SEPARATORS) + group
    return text


@settings(max_examples=1500, deadline=None)
@given(data=st.data(), before=st.sampled_from(["", "Fnr ", "Han (", "ring meg, "]))
def test_every_valid_number_in_any_grouping_is_found(data, before):
    kind, number = data.draw(valid_numbers())
    text = before + data.draw(grouped(number)) + " i dag."
    assert kind in find_identity_numbers(text)


_ORDINARY = st.one_of(
    # years and year ranges
    st.integers(1950, 2030).map(str),
    st.tuples(st.integers(1990, 2030), st.integers(1990, 2030)).map(lambda t: f"{t[0]}–{t[1]}"),
    # Norwegian phone numbers in their usual groupings
    st.integers(20_000_000, 99_999_999)
    .map(str)
    .map(
        lambda n: st.sampled_from(
            [n, f"{n[:3]} {n[3:5]} {n[5:]}", f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:]}"]
        )
    )
    .flatmap(lambda s: s),
    # case numbers and counts
    st.tuples(st.integers(2000, 2030), st.integers(1, 99_999)).map(lambda t: f"{t[0]}/{t[1]:05d}"),
    st.integers(0, 999_999).map(lambda n: f"{n:,}".replace(",", " ")),
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_ORDINARY, min_size=1, max_size=3))
def test_years_phone_numbers_case_numbers_and_counts_are_not_identity_numbers(parts):
    # One number per sentence, as people write them.
    text = ". ".join(f"Vi hadde {part} på listen" for part in parts)
    assert find_identity_numbers(text) == []


def test_no_text_in_the_seed_corpus_is_taken_for_an_identity_number():
    texts = 0
    for path in seed_fixture_paths():
        for obj in json.loads(path.read_text()):
            for value in obj["fields"].values():
                for text in value if isinstance(value, list) else [value]:
                    if isinstance(text, str):
                        texts += 1
                        assert find_identity_numbers(text) == [], (path.name, obj["model"], text)
    assert texts > 1000


@pytest.mark.parametrize("text", ["9876 5432", "98-76-54-32", "987.65.432", "+47 987 65 432"])
def test_the_phone_warning_knows_the_common_groupings(text):
    assert find_warnings(f"Ring {text} etter klokka fire.") == ["telefon"]


def test_two_years_side_by_side_are_not_a_phone_number():
    assert find_warnings("Prosjektet gikk 2019 2020 og 2021-2022.") == []


# Slugs


def test_a_slug_never_keeps_a_long_number_from_the_title():
    assert slugify_norwegian("Møte med 010190 10046 på Voss") == "mote-med-pa-voss"
    assert slugify_norwegian("Dialogmøte 2023") == "dialogmote-2023"


@pytest.mark.django_db
def test_the_database_refuses_a_slug_with_six_digits_in_a_row(make_eksempel):
    eksempel = make_eksempel()
    with pytest.raises(IntegrityError), transaction.atomic():
        Eksempel.objects.filter(pk=eksempel.pk).update(slug="mote-med-010190")


@pytest.mark.django_db
def test_the_sharing_form_refuses_a_grouped_number_in_the_title(employee_client, make_distrikt):
    response = share(employee_client, make_distrikt(), tittel="Møte med 01.01.90 10046")
    assert response.status_code == 200
    assert "«Tittel» inneholder et fødselsnummer." in response.content.decode()
    assert not Eksempel.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "slug, message",
    [
        ("funn-123456", "Adressen kan ikke ha seks eller flere sifre på rad"),
        (f"funn-{NUMBER}", "«Adresse» inneholder et fødselsnummer."),
    ],
)
def test_the_admin_refuses_a_slug_with_a_long_number_next_to_the_field(
    editor_client, make_innsikt, innsikt_admin_data, slug, message
):
    innsikt = make_innsikt()
    response = editor_client.post(
        reverse("admin:innsikt_innsikt_change", args=[innsikt.pk]),
        innsikt_admin_data(innsikt, slug=slug),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_slug_error"' in content and message in content
    assert Innsikt.objects.get(pk=innsikt.pk).slug == innsikt.slug
