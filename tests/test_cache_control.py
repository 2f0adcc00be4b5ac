"""Pages with personal data or drafts are never stored by a browser or a proxy."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(make_eksempel, make_innsending, make_innsikt, make_gruppe):
    eksempel = make_eksempel(kontakt_navn="Kari Nordmann", kontakt_telefon="98765432")
    innsending = make_innsending()
    return [
        reverse("hjem"),
        eksempel.get_absolute_url(),
        reverse("eksempler:list"),
        make_innsikt().get_absolute_url(),
        make_gruppe().get_absolute_url(),
        reverse("bidra:mine"),
        reverse("bidra:detail", args=[innsending.pk]),
        reverse("sok:sok") + "?q=dialog",
        reverse("sok:api") + "?q=dialog",
    ]


def test_every_page_an_employee_sees_is_private_and_not_stored(employee_client, pages):
    for url in pages:
        response = employee_client.get(url)
        cache_control = response.get("Cache-Control", "")
        assert "private" in cache_control and "no-store" in cache_control, url


def test_review_pages_and_the_admin_are_private_and_not_stored(editor_client, make_innsending):
    innsending = make_innsending()
    for url in [
        reverse("bidra:vurdering"),
        reverse("bidra:vurder", args=[innsending.pk]),
        reverse("admin:skattekiste_eksempel_change", args=[innsending.pk]),
    ]:
        assert "no-store" in editor_client.get(url)["Cache-Control"], url


def test_static_files_keep_their_own_caching(client):
    response = client.get("/static/css/base.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
