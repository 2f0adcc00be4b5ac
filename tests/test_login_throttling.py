"""django-axes locks a username on one address after repeated wrong passwords."""

from datetime import timedelta

import pytest
from axes.exceptions import AxesBackendRequestParameterRequired
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.utils import timezone

pytestmark = pytest.mark.django_db


def fail_to_log_in(client, times, username="ansatt"):
    return [
        client.post("/logg-inn/", {"username": username, "password": "feil"}) for _ in range(times)
    ]


def test_wrong_passwords_below_the_limit_only_give_the_usual_message(client, employee):
    responses = fail_to_log_in(client, settings.AXES_FAILURE_LIMIT - 1)
    assert [r.status_code for r in responses] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert "brukernavn og passord" in responses[-1].content.decode().lower()


def test_too_many_wrong_passwords_lock_the_login_with_a_norwegian_page(client, employee):
    response = fail_to_log_in(client, settings.AXES_FAILURE_LIMIT)[-1]
    assert response.status_code == 429
    content = response.content.decode()
    assert "For mange forsøk på å logge inn" in content
    assert "stengt i 15 minutter" in content
    assert 'lang="nb"' in content and 'class="bunn"' in content  # the site's layout


def test_a_locked_login_refuses_even_the_right_password(client, employee):
    fail_to_log_in(client, settings.AXES_FAILURE_LIMIT)
    response = client.post("/logg-inn/", {"username": "ansatt", "password": "pw"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_opens_again_after_the_cool_off(client, employee):
    fail_to_log_in(client, settings.AXES_FAILURE_LIMIT)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    response = client.post("/logg-inn/", {"username": "ansatt", "password": "pw"})
    assert response.status_code == 302


def test_one_locked_username_does_not_lock_out_a_colleague(client, employee, editor):
    fail_to_log_in(client, settings.AXES_FAILURE_LIMIT)
    response = client.post("/logg-inn/", {"username": "redaktor", "password": "pw"})
    assert response.status_code == 302


def test_the_admin_login_is_throttled_too(client, editor):
    fail_to_log_in_admin = [
        client.post("/admin/login/", {"username": "redaktor", "password": "feil"})
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert fail_to_log_in_admin[-1].status_code == 429


def test_authenticating_without_the_request_is_refused_so_no_attempt_goes_uncounted(employee):
    # Tests log in with force_login (no authenticate) or client.login(request=...).
    with pytest.raises(AxesBackendRequestParameterRequired):
        authenticate(username="ansatt", password="pw")
    request = RequestFactory().post("/logg-inn/")
    assert authenticate(request=request, username="ansatt", password="pw") == employee
