"""Every URL pattern, found by walking the resolver, is guarded.

Anonymous visitors are sent to a login page everywhere except the few open pages; employees
reach no admin page and change nothing by posting; editors work in the admin; and every POST
without a CSRF token is refused.
"""

import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse

pytestmark = pytest.mark.django_db

# Open without login: the two login forms, the health check and the accessibility statement.
PUBLIC = {"login", "helse", "tilgjengelighet", "admin:login"}
# Skipped by LoginRequiredMiddleware but checking the login themselves: a 401 in JSON for tools.
OWN_LOGIN_CHECK = {"sok:api"}
# Posting here is the point: logging in and out, and employees sharing examples.
EMPLOYEE_FORMS = {"login", "logout", "bidra:ny", "bidra:endre"}
# Forms outside the admin for the editorial team only (reviewing shared examples).
EDITOR_FORMS = {"bidra:vurder"}

ROUTE_SAMPLES = {"slug": "finnes-ikke", "int": "1", "path": "1", "str": "1"}
REGEX_SAMPLES = {"app_label": "skattekiste", "url": "finnes-ikke/"}


@dataclass(frozen=True)
class Route:
    pattern: str
    namespace: str | None
    name: str | None
    callback: object

    @property
    def label(self) -> str:
        if self.name:
            return f"{self.namespace}:{self.name}" if self.namespace else self.name
        return self.pattern

    @property
    def is_admin(self) -> bool:
        return self.namespace == "admin"

    def sample_path(self) -> str:
        """A concrete path for the pattern, with sample values in its converters and groups."""
        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: REGEX_SAMPLES[m.group(1)], self.pattern)
        path = re.sub(r"\([^)]*\)", "1", path)
        path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: ROUTE_SAMPLES[m.group(1) or "str"], path)
        return "/" + path.replace("^", "").replace("$", "")


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n) or None
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield Route(prefix + str(pattern.pattern), namespace, pattern.name, pattern.callback)


def all_routes() -> list[Route]:
    routes = [
        route
        for route in walk(get_resolver().url_patterns)
        if not route.pattern.startswith("static/")
    ]
    assert len(routes) > 20, "the resolver walk found too few URL patterns"
    return routes


def database_snapshot() -> dict[str, int]:
    """Rows per model, leaving out the tables that logging in and out are meant to change."""
    skip = {"sessions", "axes"}
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in skip
    }


POST_DATA = {
    "tittel": "Endret av en uvedkommende",
    "navn": "Endret",
    "name": "Endret",
    "slug": "endret",
    "ingress": "Endret",
    "status": "publisert",
    "_save": "Lagre",
}


def test_every_sample_path_resolves_to_its_own_pattern():
    wrong = [
        (route.label, route.sample_path())
        for route in all_routes()
        if resolve(route.sample_path()).func != route.callback
    ]
    assert wrong == []


def test_only_the_open_pages_are_marked_as_open():
    marked_open = {
        route.label for route in all_routes() if not getattr(route.callback, "login_required", True)
    }
    assert marked_open == PUBLIC | OWN_LOGIN_CHECK


def test_anonymous_visitors_are_sent_to_a_login_page_from_every_other_url(client):
    wrong = []
    for route in all_routes():
        path = route.sample_path()
        response = client.get(path)
        if route.label in PUBLIC | OWN_LOGIN_CHECK:
            expected = 200 if route.label in PUBLIC else 401
            if response.status_code != expected:
                wrong.append((path, response.status_code))
            continue
        location = response.get("Location", "")
        if response.status_code != 302 or not location.startswith(("/logg-inn/", "/admin/login/")):
            wrong.append((path, response.status_code, location))
    assert wrong == []


def test_employees_reach_no_admin_page(employee_client):
    wrong = []
    for route in all_routes():
        if not route.is_admin or route.label in {"admin:login", "admin:logout"}:
            continue
        path = route.sample_path()
        response = employee_client.get(path)
        location = response.get("Location", "")
        if response.status_code != 302 or not location.startswith("/admin/login/"):
            wrong.append((path, response.status_code, location))
    assert wrong == []


def test_the_admin_login_page_tells_an_employee_they_lack_access(employee_client):
    content = employee_client.get("/admin/login/").content.decode()
    assert "ansatt" in content and "tilgang" in content
    assert 'href="/admin/skattekiste/' not in content


@pytest.mark.parametrize("role", ["employee_client", "editor_client"])
def test_posting_to_any_page_that_is_not_a_form_changes_nothing(
    request, role, make_eksempel, make_innsikt, make_metode
):
    client = request.getfixturevalue(role)
    make_eksempel(), make_innsikt(), make_metode()
    before = database_snapshot()
    wrong = []
    for route in all_routes():
        if route.label in EMPLOYEE_FORMS:
            continue
        if role == "editor_client" and (route.is_admin or route.label in EDITOR_FORMS):
            continue  # editing is what these are for; see the editor tests below
        response = client.post(route.sample_path(), POST_DATA)
        refused = response.status_code == 403
        editor_only = role == "employee_client" and route.label in EDITOR_FORMS
        if (
            response.status_code >= 500
            or database_snapshot() != before
            or (editor_only and not refused)
        ):
            wrong.append((route.label, response.status_code))
    assert wrong == []


@pytest.fixture
def one_of_everything(make_eksempel, make_innsikt, make_metode, make_behov, make_gruppe, make_tema):
    """At least one row for every model the admin shows."""
    make_eksempel(tema=[make_tema()], grupper=[make_gruppe()], metoder=[make_metode()])
    make_innsikt(behov=[make_behov()])


def admin_pages(model):
    opts = model._meta
    base = f"admin:{opts.app_label}_{opts.model_name}"
    obj = model._default_manager.order_by("pk").first()
    pages = {"view": [reverse(f"{base}_changelist")], "add": [reverse(f"{base}_add")]}
    if obj is not None:
        pages["view"] += [
            reverse(f"{base}_change", args=[obj.pk]),
            reverse(f"{base}_history", args=[obj.pk]),
        ]
        pages["delete"] = [reverse(f"{base}_delete", args=[obj.pk])]
    return pages


def test_editors_open_exactly_the_admin_pages_their_group_allows(
    editor, editor_client, one_of_everything
):
    wrong = []
    for model in admin.site._registry:
        opts = model._meta
        for action, urls in admin_pages(model).items():
            codenames = ["view", "change"] if action == "view" else [action]
            allowed = any(
                editor.has_perm(f"{opts.app_label}.{c}_{opts.model_name}") for c in codenames
            )
            for url in urls:
                status = editor_client.get(url).status_code
                if status != (200 if allowed else 403):
                    wrong.append((url, status, "allowed" if allowed else "refused"))
    assert wrong == []
    assert editor_client.get("/admin/").status_code == 200


def test_an_editor_can_add_a_group_of_citizens_in_the_admin(editor_client):
    from skattekiste.models import Innbyggergruppe

    response = editor_client.get("/admin/skattekiste/innbyggergruppe/add/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {
        name: field.initial if field.initial is not None else ""
        for name, field in form.fields.items()
    }
    data |= {"navn": "Eldre over 80", "slug": "eldre-over-80", "_save": "Lagre"}
    response = editor_client.post("/admin/skattekiste/innbyggergruppe/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Innbyggergruppe.objects.filter(slug="eldre-over-80").exists()


def test_an_employee_cannot_add_anything_through_the_admin(employee_client):
    from skattekiste.models import Innbyggergruppe

    response = employee_client.post(
        "/admin/skattekiste/innbyggergruppe/add/",
        {"navn": "Eldre over 80", "slug": "eldre-over-80", "_save": "Lagre"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not Innbyggergruppe.objects.filter(slug="eldre-over-80").exists()


@pytest.mark.parametrize("role", [None, "employee", "editor"])
def test_every_post_without_a_csrf_token_is_refused(request, role):
    client = Client(enforce_csrf_checks=True)
    if role:
        client.force_login(request.getfixturevalue(role))
    before = database_snapshot()
    wrong = [
        (route.label, status)
        for route in all_routes()
        if (status := client.post(route.sample_path(), POST_DATA).status_code) != 403
    ]
    assert wrong == []
    assert database_snapshot() == before
    assert Group.objects.filter(name="Redaksjon").exists()
