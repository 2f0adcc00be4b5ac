"""Login with the police account against a real OpenID Connect provider on 127.0.0.1.

The provider (django-oauth-toolkit, tests/oidc_leverandor) runs in its own process for the
session; the app talks to it over HTTP as it would to Entra ID. Refusals get a Norwegian
page, are logged without tokens, and leave nobody logged in.
"""

import io
import logging
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from skattekiste.felles.roles import REDAKSJON
from skattekiste.oppsett.logging import JsonFormatter
from tests.oidc import configure, free_port, log_in_at_provider
from tests.oidc_leverandor.serve import EXPIRED_CLIENT, WRONG_AUDIENCE_CLIENT

pytestmark = pytest.mark.django_db


@pytest.fixture
def oidc(settings, oidc_provider):
    configure(settings, oidc_provider)
    return oidc_provider


@pytest.fixture
def log_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logging.getLogger().addHandler(handler)
    try:
        yield lambda: stream.getvalue()
    finally:
        logging.getLogger().removeHandler(handler)


def assert_refused(response, text: str, status: int = 403):
    assert response.status_code == status
    content = response.content.decode()
    assert "Du ble ikke logget inn" in content and text in content
    assert 'lang="nb"' in content and "Traceback" not in content
    assert "_auth_user_id" not in response.wsgi_request.session


def test_the_login_page_offers_the_police_account_first(client, oidc):
    content = client.get("/logg-inn/").content.decode()
    assert content.index("Logg inn med politiets konto") < content.index('name="password"')


def test_without_oidc_the_login_page_has_only_the_password_form(client):
    content = client.get("/logg-inn/").content.decode()
    assert "politiets konto" not in content and 'name="password"' in content
    assert client.get("/logg-inn/politiet/").status_code == 404
    assert client.get("/logg-inn/politiet/svar/?code=x&state=y").status_code == 404


def test_without_local_login_there_is_no_password_form_and_posting_one_is_refused(
    client, oidc, settings, employee
):
    settings.LOCAL_LOGIN = False
    content = client.get("/logg-inn/").content.decode()
    assert "Logg inn med politiets konto" in content and 'name="password"' not in content
    response = client.post("/logg-inn/", {"username": "ansatt", "password": "pw"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_the_login_uses_pkce_state_and_nonce(client, oidc):
    location = client.get("/logg-inn/politiet/")["Location"]
    query = parse_qs(urlsplit(location).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["state"] and query["nonce"] and query["response_type"] == ["code"]


def test_first_login_creates_the_user_from_the_claims_and_maps_the_editor_group(
    client, oidc, django_user_model, log_lines
):
    callback = log_in_at_provider(client, oidc, "kari")
    response = client.get(callback)
    assert response.status_code == 302 and response["Location"] == "/eksempler/"
    user = django_user_model.objects.get(pk=client.session["_auth_user_id"])
    assert (user.first_name, user.last_name, user.email) == ("Kari", "Nordmann", "kari@politiet.no")
    assert user.is_staff and user.groups.filter(name=REDAKSJON).exists()
    assert not user.has_usable_password()
    query = parse_qs(urlsplit(callback).query)
    logged = log_lines()
    assert '"sti": "/logg-inn/politiet/svar/"' in logged and f'"user_id": {user.pk}' in logged
    for secret in (query["code"][0], query["state"][0], "Nordmann", "kari@politiet.no"):
        assert secret not in logged  # no code, state, token, name or e-mail


def test_an_employee_outside_the_group_gets_no_editing_rights(client, oidc, django_user_model):
    client.get(log_in_at_provider(client, oidc, "ola"))
    user = django_user_model.objects.get(pk=client.session["_auth_user_id"])
    assert not user.is_staff and not user.groups.exists()


def test_removal_from_the_group_removes_editing_rights_at_the_next_login(
    oidc, django_user_model, oidc_provider
):
    first = Client()
    first.get(log_in_at_provider(first, oidc, "kari"))
    user = django_user_model.objects.get(pk=first.session["_auth_user_id"])
    user.first_name = "Gammelt navn"
    user.save()
    oidc_provider.remove_from_group("kari")
    try:
        second = Client()
        second.get(log_in_at_provider(second, oidc, "kari"))
        user.refresh_from_db()
        assert not user.is_staff and not user.groups.filter(name=REDAKSJON).exists()
        assert user.first_name == "Kari"  # later logins update the name too
        assert django_user_model.objects.filter(username=user.username).count() == 1
    finally:
        Group.objects.get(name=REDAKSJON)  # the app's group stays; only the membership went


def test_logout_ends_the_session_here_and_at_the_provider(client, oidc):
    client.get(log_in_at_provider(client, oidc, "ola"))
    response = client.post("/logg-ut/")
    assert "_auth_user_id" not in client.session
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{oidc.issuer}/logout/"
    query = parse_qs(location.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/logg-inn/"]
    assert query["id_token_hint"]


def test_a_state_that_does_not_match_is_refused(client, oidc, log_lines):
    callback = log_in_at_provider(client, oidc, "kari")
    forged = callback.replace("state=", "state=forfalsket")
    assert_refused(client.get(forged), "startet i en annen fane")
    assert "OIDC-innlogging avvist: tilstand" in log_lines()


def test_a_callback_without_a_login_started_here_is_refused(client, oidc, oidc_provider):
    callback = log_in_at_provider(Client(), oidc, "kari")  # started in another browser
    assert_refused(client.get(callback), "startet i en annen fane")


def test_a_token_from_another_issuer_is_refused(client, oidc, settings, log_lines):
    callback = log_in_at_provider(client, oidc, "kari")
    # Discovery checked the issuer when the login started; the token's own `iss` is checked now.
    settings.OIDC_ISSUER = "https://login.microsoftonline.com/en-annen/v2.0"
    assert_refused(client.get(callback), "feil utsteder")
    assert "OIDC-innlogging avvist: utsteder" in log_lines()


def test_a_token_for_another_audience_is_refused(client, settings, oidc_provider):
    configure(settings, oidc_provider, client_id=WRONG_AUDIENCE_CLIENT)
    callback = log_in_at_provider(client, oidc_provider, "kari")
    assert_refused(client.get(callback), "feil mottaker")


def test_an_expired_token_is_refused(client, settings, oidc_provider):
    configure(settings, oidc_provider, client_id=EXPIRED_CLIENT)
    callback = log_in_at_provider(client, oidc_provider, "kari")
    assert_refused(client.get(callback), "utløpt")


def test_a_token_with_another_nonce_is_refused(client, oidc):
    callback = log_in_at_provider(client, oidc, "kari")
    state = parse_qs(urlsplit(callback).query)["state"][0]
    session = client.session
    session["oidc_states"][state]["nonce"] = "en-annen-nonce"
    session.save()
    assert_refused(client.get(callback), "hørte ikke til denne innloggingen")


def test_a_provider_that_is_down_gives_a_page_not_a_500(client, oidc, settings):
    callback = log_in_at_provider(client, oidc, "kari")
    settings.OIDC_OP_TOKEN_ENDPOINT = f"http://127.0.0.1:{free_port()}/o/token/"
    assert_refused(client.get(callback), "svarer ikke", status=503)


def test_a_login_cancelled_at_the_provider_is_refused(client, oidc):
    client.get("/logg-inn/politiet/")
    state = next(iter(client.session["oidc_states"]))
    response = client.get(f"/logg-inn/politiet/svar/?error=access_denied&state={state}")
    assert_refused(response, "avbrutt")


def test_a_code_used_twice_is_refused(client, oidc):
    callback = log_in_at_provider(client, oidc, "ola")
    client.get(callback)
    client.post("/logg-ut/")
    assert_refused(client.get(callback), "startet i en annen fane")


def test_a_local_account_is_never_taken_over_by_an_identity_with_its_name(
    client, oidc, settings, django_user_model
):
    settings.OIDC_CLAIM_USERNAME = "preferred_username"
    django_user_model.objects.create_user(username="kari", password="lokalt-passord")
    assert_refused(client.get(log_in_at_provider(client, oidc, "kari")), "Kontoen din")


def test_without_local_login_the_admin_sends_people_to_the_police_account(client, oidc, settings):
    settings.LOCAL_LOGIN = False
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/logg-inn/?next=/admin/"
    assert "Logg inn med politiets konto" in response.content.decode()


def test_with_local_login_the_admin_keeps_its_password_form(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 200 and 'name="password"' in response.content.decode()


def test_the_providers_addresses_come_from_its_discovery_document(client, oidc, settings):
    assert not settings.OIDC_OP_AUTHORIZATION_ENDPOINT and not settings.OIDC_OP_TOKEN_ENDPOINT
    client.get(log_in_at_provider(client, oidc, "ola"))  # authorize, token, keys, userinfo
    assert client.session["_auth_user_id"]
    location = client.post("/logg-ut/")["Location"]
    assert location.startswith(f"{oidc.issuer}/logout/?")  # end_session_endpoint, discovered


def test_a_discovery_document_that_names_another_issuer_is_refused(client, oidc, settings):
    settings.OIDC_ISSUER = "https://login.microsoftonline.com/en-annen/v2.0"
    assert_refused(client.get("/logg-inn/politiet/"), "feil utsteder")


def test_a_provider_down_at_discovery_gives_a_page_not_a_500(client, oidc, settings, log_lines):
    settings.OIDC_DISCOVERY_URL = f"http://127.0.0.1:{free_port()}/.well-known/openid-configuration"
    assert_refused(client.get("/logg-inn/politiet/"), "svarer ikke", status=503)
    assert "OIDC-innlogging avvist: nede" in log_lines()


def test_a_password_login_never_waits_for_a_provider_that_is_down(client, oidc, settings, employee):
    settings.OIDC_DISCOVERY_URL = f"http://127.0.0.1:{free_port()}/.well-known/openid-configuration"
    response = client.post("/logg-inn/", {"username": "ansatt", "password": "pw"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(employee.pk)
