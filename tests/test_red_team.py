"""The red team's attacks, kept as a regression suite: each is refused or handled.

Every grouping of an identity number they found goes into every text field of every model,
through the admin's own forms and through the share form. Stale edits, revert, restore and
deletion for personvern have their own files (test_historikk_arbeidsflyt.py, test_races.py);
this suite holds the broad sweep.
"""

import pytest

from skattekiste.eksempler.models import Eksempel
from tests.admin_forms import admin_form, free_text_fields, unchanged_data
from tests.helpers import share
from tests.identity_numbers import RED_TEAM_VARIANTS

pytestmark = pytest.mark.django_db


def test_no_grouping_gets_into_any_text_field_of_any_model_through_the_admin(
    one_of_each_content_model, admin_user
):
    tried = 0
    for obj in one_of_each_content_model:
        form_class = admin_form(obj, admin_user)
        unchanged = unchanged_data(form_class(instance=obj))
        assert form_class(unchanged, instance=obj).is_valid(), type(obj)
        for name in free_text_fields(form_class(instance=obj)):
            for variant in RED_TEAM_VARIANTS:
                form = form_class({**unchanged, name: f"Ref {variant}."}, instance=obj)
                assert not form.is_valid(), (type(obj).__name__, name, variant)
                assert name in form.errors, (type(obj).__name__, name, variant)
                tried += 1
    assert tried > 400


SHARE_TEXT_FIELDS = [
    "tittel",
    "ingress",
    "beskrivelse",
    "sted",
    "hva_fungerte",
    "hva_fungerte_ikke",
    "laering",
    "kilder",
    "kontakt_navn",
    "kontakt_rolle",
    "kontakt_enhet",
    "kontakt_telefon",
]


@pytest.mark.parametrize("variant", RED_TEAM_VARIANTS)
def test_no_grouping_gets_into_any_field_of_the_share_form(employee_client, make_distrikt, variant):
    distrikt = make_distrikt()
    for name in SHARE_TEXT_FIELDS:
        response = share(
            employee_client, distrikt, personvern_sjekket="on", **{name: f"Ref {variant}"}
        )
        assert response.status_code == 200, (name, variant)
        assert f'href="#id_{name}"' in response.content.decode(), (name, variant)
    assert not Eksempel.objects.exists()


def test_a_shared_title_loses_line_breaks_and_the_right_to_left_override(
    employee_client, make_distrikt
):
    response = share(employee_client, make_distrikt(), tittel="Trygghet\r\ni \u202ebyen\u202c")
    assert response.status_code == 302
    assert Eksempel.objects.get().tittel == "Trygghet i byen"
