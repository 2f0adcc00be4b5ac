"""Every URL pattern, found by walking the resolver, is guarded on a real page.

Each route is visited with real objects in its parameters (an example, a submission, a card,
an insight, a group, and a row of every model the admin shows), so the guard is tested where
the view's own logic runs, not on a 404. Anonymous visitors are sent to a login page
everywhere except the few open pages; employees get every page except the team's, which
refuse them, and reach no admin page; editors get every page; posting changes nothing outside
the forms; and every POST without a CSRF token is refused.
"""

import re
from dataclasses import dataclass

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from taggit.models import Tag

from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.sletting import PersonvernSletting
from skattekiste.folk.models import Person, Sparringpartner
from skattekiste.innlesing.models import Innlesing
from skattekiste.pafyll.workflows import renew_feed_key, stop_token
from skattekiste.planer.workflows import create_plan
from skattekiste.sok.models import Synonym
from skattekiste.veiledning.models import Veiledning
from tests.helpers import login, row_counts

pytestmark = pytest.mark.django_db

# Open without login: the two login forms, the health checks, the accessibility statement,
# Påfyll's signed stop link and its feeds (opened by a secret key in the address).
FEEDS = {"pafyll:eksempel_feed", "pafyll:innsikt_feed"}
PUBLIC = {"login", "helse", "klar", "tilgjengelighet", "admin:login", "pafyll:stopp", *FEEDS}
# A POST without a CSRF token is the point: a mail client's one-click stop (RFC 8058).
CSRF_EXEMPT = {"pafyll:stopp"}
# Skipped by LoginRequiredMiddleware but checking the login themselves: a 401 in JSON for tools.
OWN_LOGIN_CHECK = {"sok:api"}
# Login with the police account: open, and 404 while OIDC is not configured (as here);
# tests/test_oidc.py covers them against a real provider.
OIDC = {"oidc_authentication_init", "oidc_authentication_callback"}
# Posting here is the point: logging in and out, and employees sharing examples.
EMPLOYEE_FORMS = {
    "login",
    "logout",
    "bidra:ny",
    "bidra:endre",
    "pafyll:pafyll",
    "pafyll:folg",
    "pafyll:slutt",
    "pafyll:stopp",
    "planer:ny",
    "planer:endre",
    "planer:deling",
    "pafyll:ny_feed_nokkel",
    "folk:sparring_ny",
    "folk:sparring_endre",
    "folk:sparring_fjern",
}
# Forms outside the admin for the editorial team only (reviewing shared examples).
EDITOR_FORMS = {"bidra:vurder"}
# Pages outside the admin for the editorial team only: an employee gets a 403.
EDITOR_PAGES = {"bidra:vurdering", "bidra:vurder"}
# Where a logged-in person gets something else than a page: the login form sends them on,
# logging out, following and stopping to follow take a POST, and an example's contact
# redirects to the person's page.
LOGGED_IN_ANSWERS = {
    "login": 302,
    "logout": 405,
    "pafyll:folg": 405,
    "pafyll:slutt": 405,
    "pafyll:ny_feed_nokkel": 405,
    # An example's contact: on to their page in /folk/.
    "folk:kontakt": 302,
    # Removing a sparring entry takes a POST.
    "folk:sparring_fjern": 405,
} | dict.fromkeys(OIDC, 404)
# The tables that logging in and out are meant to change.
LOGIN_RECORDS = {"sessions", "axes"}


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

    @property
    def admin_model(self):
        """The model of an admin route under admin/<app>/<model>/, or None."""
        match = re.match(r"admin/(\w+)/(\w+)/", self.pattern)
        if not match:
            return None
        try:
            return apps.get_model(*match.groups())
        except LookupError:  # admin/password_change/done/ and the like
            return None

    def path(self, values: dict[str, str], positional=()) -> str:
        """A concrete path: `values` in the named parameters, `positional` in unnamed groups."""
        unnamed = iter(positional)

        def value(match):
            name = match.group(1)
            assert name in values, f"no real object for <{name}> in {self.label}"
            return values[name]

        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", value, self.pattern)
        path = re.sub(r"\([^)]*\)", lambda m: next(unnamed), path)
        path = re.sub(r"<(?:\w+:)?(\w+)>", value, path)
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


@pytest.fixture
def one_of_everything(
    make_eksempel,
    make_innsending,
    make_innsikt,
    make_metode,
    make_gruppe,
    make_tema,
    make_behov,
    employee,
    editor,
) -> dict:
    """A row of every model the admin shows, and the objects the site's pages are about."""
    gruppe, metode = make_gruppe(), make_metode()
    eksempel = make_eksempel(
        tema=[make_tema()], grupper=[gruppe], metoder=[metode], kontakt_navn="Kari Nordmann"
    )
    innsikt = make_innsikt(grupper=[gruppe], behov=[make_behov()], eksempler=[eksempel])
    # Sent back, so its owner may open the edit form, and still in the team's queue.
    innsendinger = {
        user: make_innsending(by=user, status=Eksempel.Status.RETURNERT)
        for user in (employee, editor)
    }
    # Each person's own plan: only its owner may open the pages that change it.
    planer = {
        user: create_plan(eier=user, tittel="En plan", metoder=[metode])
        for user in (employee, editor)
    }
    sparring = {
        user: Sparringpartner.objects.create(bruker=user, navn="Kari", kan_hjelpe_med="Dialog.")
        for user in (employee, editor)
    }
    veiledning = Veiledning.objects.create(
        nummer=1, tittel="Ti erfaringer", slug="ti-erfaringer", ingress="Kort.", tekst="Tekst."
    )
    Tag.objects.create(name="Et løst merke", slug="et-lost-merke")
    Synonym.objects.create(ord="svindel", synonymer=["bedrageri"])
    PersonvernSletting.objects.create(modell="skattekiste.eksempel", objekt_id=1, slettet_av=editor)
    Innlesing.objects.create(
        modell="skattekiste.eksempel", filnavn="eksempler.csv", lest_inn_av=editor
    )
    login_record = {
        "user_agent": "test",
        "ip_address": "10.0.0.1",
        "username": "en-annen",
        "http_accept": "*/*",
        "path_info": "/logg-inn/",
    }
    AccessAttempt.objects.create(**login_record, get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**login_record)
    AccessFailureLog.objects.create(**login_record)
    return {
        "eksempel": eksempel,
        "innsendinger": innsendinger,
        "planer": planer,
        "sparring": sparring,
        "by_slug": {
            "eksempler:detail": eksempel,
            "metoder:detail": metode,
            "innsikt:detail": innsikt,
            "innsikt:gruppe": gruppe,
            "oversikt:distrikt": eksempel.distrikter.first(),
            "veiledning:side": veiledning,
            "folk:kontakt": eksempel,
        },
    }


@pytest.fixture
def real_paths(one_of_everything, employee, editor):
    """paths(owner) -> {route: path}, each path about a real object; `owner` (the employee
    unless given) shared the submission the /bidra/ pages show."""
    eksempel = one_of_everything["eksempel"]
    innsendinger = one_of_everything["innsendinger"]
    sparring = one_of_everything["sparring"]
    by_slug = one_of_everything["by_slug"]
    # Made now, so the walk itself adds no rows.
    feed_keys = {user: renew_feed_key(bruker=user) for user in (employee, editor)}

    def sample_path(route, owner) -> str:
        model = route.admin_model
        if model is not None:
            obj = model._default_manager.order_by("pk").first()
            assert obj is not None, f"no {model._meta.label} to open {route.label} with"
            # A revision page takes the object and one of its history records.
            revision = []
            if route.name and route.name.endswith("_simple_history"):
                revision = [str(obj.pk), str(obj.history.latest("history_date").pk)]
            return route.path({"object_id": str(obj.pk), "id": str(obj.pk)}, revision)
        mine = one_of_everything["planer"] if route.label.startswith("planer:") else innsendinger
        values = {
            "pk": str(mine[owner].pk),
            "content_type_id": str(ContentType.objects.get_for_model(Eksempel).pk),
            "object_id": str(eksempel.pk),
            "app_label": "skattekiste",
            "url": "finnes-ikke/",  # the admin's catch-all for unknown addresses
            "token": stop_token(owner),
            "nokkel": feed_keys[owner],
            "gruppe": by_slug["innsikt:gruppe"].slug,
            "nr": str(Person.objects.get().pk),
            "sparring": str(sparring[owner].pk),
        }
        if route.label in by_slug:
            values["slug"] = by_slug[route.label].slug
        return route.path(values)

    def paths(owner=None) -> dict[Route, str]:
        return {route: sample_path(route, owner or employee) for route in all_routes()}

    return paths


POST_DATA = {
    "tittel": "Endret av en uvedkommende",
    "navn": "Endret",
    "name": "Endret",
    "slug": "endret",
    "ingress": "Endret",
    "status": "publisert",
    "_save": "Lagre",
}


def test_every_sample_path_resolves_to_its_own_pattern(real_paths):
    wrong = [
        (route.label, path)
        for route, path in real_paths().items()
        if resolve(path).func != route.callback
    ]
    assert wrong == []


def test_only_the_open_pages_are_marked_as_open():
    marked_open = {
        route.label for route in all_routes() if not getattr(route.callback, "login_required", True)
    }
    assert marked_open == PUBLIC | OWN_LOGIN_CHECK | OIDC


def test_anonymous_visitors_are_sent_to_a_login_page_from_every_other_url(client, real_paths):
    wrong = []
    for route, path in real_paths().items():
        response = client.get(path)
        if route.label in PUBLIC | OWN_LOGIN_CHECK | OIDC:
            expected = (
                200 if route.label in PUBLIC else 401 if route.label in OWN_LOGIN_CHECK else 404
            )
            if response.status_code != expected:
                wrong.append((path, response.status_code))
            continue
        location = response.get("Location", "")
        if response.status_code != 302 or not location.startswith(("/logg-inn/", "/admin/login/")):
            wrong.append((path, response.status_code, location))
    assert wrong == []


@pytest.mark.parametrize("role", ["employee", "editor"])
def test_every_page_outside_the_admin_opens_for_whom_it_is_for(request, real_paths, role):
    user = request.getfixturevalue(role)
    client = login(user)
    wrong = []
    for route, path in real_paths(user).items():
        if route.is_admin:
            continue  # see the employee and editor tests of the admin
        if route.label in LOGGED_IN_ANSWERS:
            expected = LOGGED_IN_ANSWERS[route.label]
        elif role == "employee" and route.label in EDITOR_PAGES:
            expected = 403
        else:
            expected = 200
        status = client.get(path).status_code
        if status != expected:
            wrong.append((route.label, path, status, expected))
    assert wrong == []


def test_employees_reach_no_admin_page(employee_client, real_paths):
    wrong = []
    for route, path in real_paths().items():
        if not route.is_admin or route.label in {"admin:login", "admin:logout"}:
            continue
        response = employee_client.get(path)
        location = response.get("Location", "")
        if response.status_code != 302 or not location.startswith("/admin/login/"):
            wrong.append((path, response.status_code, location))
    assert wrong == []


def test_the_admin_login_page_tells_an_employee_they_lack_access(employee_client):
    content = employee_client.get("/admin/login/").content.decode()
    assert "ansatt" in content and "tilgang" in content
    assert 'href="/admin/skattekiste/' not in content


@pytest.mark.parametrize("role", ["employee", "editor"])
def test_posting_to_any_page_that_is_not_a_form_changes_nothing(request, role, real_paths):
    user = request.getfixturevalue(role)
    client = login(user)
    before = row_counts(skip_apps=LOGIN_RECORDS)
    wrong = []
    for route, path in real_paths(user).items():
        if route.label in EMPLOYEE_FORMS:
            continue
        if role == "editor" and (route.is_admin or route.label in EDITOR_FORMS):
            continue  # editing is what these are for; see the editor tests below
        response = client.post(path, POST_DATA)
        refused = response.status_code == 403
        editor_only = role == "employee" and route.label in EDITOR_FORMS
        if (
            response.status_code >= 500
            or row_counts(skip_apps=LOGIN_RECORDS) != before
            or (editor_only and not refused)
        ):
            wrong.append((route.label, response.status_code))
    assert wrong == []


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
def test_every_post_without_a_csrf_token_is_refused(request, role, real_paths):
    client = Client(enforce_csrf_checks=True)
    user = request.getfixturevalue(role) if role else None
    if user:
        client.force_login(user)
    before = row_counts(skip_apps=LOGIN_RECORDS)
    # The stop link answers without one.
    expected = dict.fromkeys(CSRF_EXEMPT, 200)
    wrong = [
        (route.label, status)
        for route, path in real_paths(user).items()
        if (status := client.post(path, POST_DATA).status_code) != expected.get(route.label, 403)
    ]
    assert wrong == []
    assert row_counts(skip_apps=LOGIN_RECORDS) == before
    assert Group.objects.filter(name="Redaksjon").exists()
