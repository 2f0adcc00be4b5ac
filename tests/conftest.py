"""Shared fixtures: users in each role and small factories for content."""

import itertools

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from innsikt.models import Behov, Innsikt, Kilde
from metoder.models import Metode
from skattekiste.models import Distrikt, Eksempel, Innbyggergruppe, Tema
from skattekiste.roles import REDAKSJON

_counter = itertools.count(1)


def _n():
    return next(_counter)


@pytest.fixture
def employee(django_user_model):
    return django_user_model.objects.create_user(username="ansatt", password="pw")


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(username="redaktor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=REDAKSJON))
    return user


@pytest.fixture
def employee_client(client, employee):
    client.force_login(employee)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def make_distrikt():
    def make(**kwargs):
        n = _n()
        defaults = {"navn": f"Distrikt {n}", "slug": f"distrikt-{n}", "kortnavn": f"D{n}"}
        return Distrikt.objects.create(**{**defaults, **kwargs})

    return make


@pytest.fixture
def make_gruppe():
    def make(**kwargs):
        n = _n()
        defaults = {"navn": f"Gruppe {n}", "slug": f"gruppe-{n}", "synonymer": []}
        return Innbyggergruppe.objects.create(**{**defaults, **kwargs})

    return make


@pytest.fixture
def make_tema():
    def make(**kwargs):
        n = _n()
        defaults = {"name": f"Tema {n}", "slug": f"tema-{n}"}
        return Tema.objects.create(**{**defaults, **kwargs})

    return make


@pytest.fixture
def make_metode():
    def make(**kwargs):
        n = kwargs.pop("nummer", None) or (Metode.objects.count() + 1)
        defaults = {
            "nummer": n,
            "navn": f"Metode {n}",
            "slug": f"metode-{n}",
            "ingress": "Slik involverer vi.",
            "rekkevidde": "faa",
            "forstaaelse": "hvorfor",
            "situasjoner": ["A"],
            "faser": ["lytte"],
        }
        return Metode.objects.create(**{**defaults, **kwargs})

    return make


@pytest.fixture
def make_eksempel(make_distrikt):
    def make(*, distrikter=None, tema=(), grupper=(), metoder=(), **kwargs):
        n = _n()
        defaults = {
            "tittel": f"Eksempel {n}",
            "slug": f"eksempel-{n}",
            "ingress": "Politiet inviterte innbyggerne.",
            "aar": 2022,
            "situasjoner": ["A"],
            "status": Eksempel.Status.PUBLISERT,
            "publisert": timezone.now(),
        }
        eksempel = Eksempel.objects.create(**{**defaults, **kwargs})
        eksempel.distrikter.set(distrikter if distrikter is not None else [make_distrikt()])
        if tema:
            eksempel.tema.set(list(tema))
        eksempel.grupper.set(grupper)
        eksempel.metoder.set(metoder)
        return eksempel

    return make


@pytest.fixture
def make_eksempler(make_eksempel, make_distrikt, make_tema, make_gruppe, make_metode):
    """Many published examples spread over a few districts, themes, groups and methods."""

    def make(count):
        distrikter = [make_distrikt() for _ in range(3)]
        temaer = [make_tema() for _ in range(3)]
        grupper = [make_gruppe() for _ in range(3)]
        metoder = [make_metode() for _ in range(2)]
        return [
            make_eksempel(
                distrikter=[distrikter[i % 3]],
                tema=[temaer[i % 3], temaer[(i + 1) % 3]],
                grupper=[grupper[i % 3]],
                metoder=[metoder[i % 2]],
                situasjoner=["A", "B", "C"][: 1 + i % 3],
                aar=2020 + i % 3,
            )
            for i in range(count)
        ]

    return make


@pytest.fixture
def make_kilde():
    def make(**kwargs):
        n = _n()
        defaults = {"tittel": f"Kilde {n}", "slug": f"kilde-{n}", "type": "sporreundersokelse"}
        return Kilde.objects.create(**{**defaults, **kwargs})

    return make


@pytest.fixture
def make_behov():
    def make(**kwargs):
        n = _n()
        defaults = {
            "tekst": f"Behov {n}",
            "slug": f"behov-{n}",
            "kategori": "mott",
            "rekkefolge": n,
        }
        return Behov.objects.create(**{**defaults, **kwargs})

    return make


@pytest.fixture
def make_innsikt(make_kilde):
    def make(*, kilder=None, grupper=(), behov=(), eksempler=(), distrikter=(), **kwargs):
        n = _n()
        defaults = {
            "tittel": f"Funn {n}",
            "slug": f"funn-{n}",
            "forklaring": "Dette fant vi.",
            "dato": timezone.localdate(),
        }
        innsikt = Innsikt.objects.create(**{**defaults, **kwargs})
        innsikt.kilder.set(kilder if kilder is not None else [make_kilde()])
        innsikt.grupper.set(grupper)
        innsikt.behov.set(behov)
        innsikt.eksempler.set(eksempler)
        innsikt.distrikter.set(distrikter)
        return innsikt

    return make
