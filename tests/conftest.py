"""Shared fixtures: users in each role and small factories for content."""

import itertools

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from innsikt.models import Behov, Innsikt, Kilde
from metoder.models import Husk, Metode, Steg
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.roles import REDAKSJON
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Tema
from skattekiste.sok.models import Synonym
from tests.identity_numbers import build_identity_number
from tests.oidc import oidc_provider  # noqa: F401 (the login tests' provider, for the session)

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
def seeded(db):
    """The product's own content: the nine cards, the report's insights and the groups."""
    call_command("last_innhold", verbosity=0)


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
            # Published unless a test says otherwise: new insights are drafts by default.
            "status": "publisert",
        }
        innsikt = Innsikt.objects.create(**{**defaults, **kwargs})
        innsikt.kilder.set(kilder if kilder is not None else [make_kilde()])
        innsikt.grupper.set(grupper)
        innsikt.behov.set(behov)
        innsikt.eksempler.set(eksempler)
        innsikt.distrikter.set(distrikter)
        return innsikt

    return make


# Sharing and review


@pytest.fixture
def make_user(django_user_model):
    def make(**kwargs):
        n = _n()
        defaults = {"username": f"bruker{n}", "password": "pw", "email": f"bruker{n}@politiet.no"}
        return django_user_model.objects.create_user(**{**defaults, **kwargs})

    return make


@pytest.fixture
def make_innsending(make_eksempel, employee):
    """An example an employee shared through /bidra/, waiting for the team's review."""

    def make(*, by=None, **kwargs):
        defaults = {
            "status": Eksempel.Status.TIL_VURDERING,
            "publisert": None,
            "innsendt": timezone.now(),
            "opprettet_av": by or employee,
        }
        return make_eksempel(**{**defaults, **kwargs})

    return make


@pytest.fixture
def make_fodselsnummer():
    """A synthetic identity number with valid check digits."""

    def make(*, day=15, month=3, year=85, d_nummer=False, h_nummer=False, first_individ=500):
        for individ in range(first_individ, 1000):
            number = build_identity_number(
                day=day,
                month=month,
                year=year,
                individ=individ,
                d_nummer=d_nummer,
                h_nummer=h_nummer,
            )
            if number:
                return number
        raise AssertionError("no valid number for this date")

    return make


@pytest.fixture
def eksempel_admin_data():
    """What the admin's change form for an example posts, with the example's current values."""

    def data(eksempel, **overrides):
        values = {
            "tittel": eksempel.tittel,
            "slug": eksempel.slug,
            "ingress": eksempel.ingress,
            "beskrivelse": eksempel.beskrivelse,
            "versjon_lest": eksempel.versjon,
            "sted": eksempel.sted,
            "distrikter": [d.pk for d in eksempel.distrikter.all()],
            "aar": eksempel.aar,
            "situasjoner": eksempel.situasjoner,
            "tema": [t.pk for t in eksempel.tema.all()],
            "grupper": [g.pk for g in eksempel.grupper.all()],
            "metoder": [m.pk for m in eksempel.metoder.all()],
            "hva_fungerte": eksempel.hva_fungerte,
            "hva_fungerte_ikke": eksempel.hva_fungerte_ikke,
            "laering": eksempel.laering,
            "kilder": eksempel.kilder,
            "kontakt_navn": eksempel.kontakt_navn,
            "kontakt_rolle": eksempel.kontakt_rolle,
            "kontakt_enhet": eksempel.kontakt_enhet,
            "kontakt_epost": eksempel.kontakt_epost,
            "kontakt_telefon": eksempel.kontakt_telefon,
            "melding_fra_redaksjonen": eksempel.melding_fra_redaksjonen,
        }
        values.update(overrides)
        return values

    return data


@pytest.fixture
def innsikt_admin_data():
    """What the admin's change form for an insight posts, with the insight's current values."""

    def data(innsikt, **overrides):
        return {
            "tittel": innsikt.tittel,
            "slug": innsikt.slug,
            "forklaring": innsikt.forklaring,
            "kilder": [k.pk for k in innsikt.kilder.all()],
            "dato": innsikt.dato.isoformat(),
            "styrke": innsikt.styrke,
            "status": innsikt.status,
            "versjon_lest": innsikt.versjon,
            **overrides,
        }

    return data


# Search


@pytest.fixture
def make_synonym():
    def make(ord, synonymer):
        return Synonym.objects.create(ord=ord, synonymer=list(synonymer))

    return make


@pytest.fixture
def search_words():
    """Rebuild the search's word list from what the test created (as the nightly job does)."""
    from skattekiste.sok.wordlist import refresh_lexicon

    return refresh_lexicon


@pytest.fixture
def find():
    """Search like /sok/ does; returns the hits, best first."""
    from skattekiste.sok.candidates import search
    from skattekiste.sok.query import parse_query

    def run(text):
        return search(parse_query(text)).hits

    return run


@pytest.fixture
def one_of_each_content_model(
    make_distrikt,
    make_gruppe,
    make_tema,
    make_metode,
    make_kilde,
    make_behov,
    make_innsikt,
    make_eksempel,
):
    """One saved object of every model the team edits in the admin."""
    metode = make_metode()
    Steg.objects.create(metode=metode, rekkefolge=1, tekst="Inviter.")
    Husk.objects.create(metode=metode, rekkefolge=1, tekst="Vær tydelig.")
    return [
        make_distrikt(),
        make_gruppe(synonymer=["eldre"]),
        make_tema(),
        metode,
        make_kilde(beskrivelse="En undersøkelse."),
        make_behov(),
        make_innsikt(),
        make_eksempel(),
        Synonym.objects.create(ord="svindel", synonymer=["bedrageri"]),
    ]


@pytest.fixture
def rename_tables(monkeypatch):
    """Give models' tables new names, as a later migration could, until the test ends.

    The rename is undone with the test's transaction. Code that takes its table names from
    the models keeps working; a table name written by hand fails.
    """
    from django.db import connection

    from skattekiste.sok import candidates, snippets, suggestions, tags

    renamed = []

    def forget_cached_names():
        candidates._candidates_sql.cache_clear()
        snippets._snippet_sql.cache_clear()
        suggestions._still_published_sql.cache_clear()
        tags._tags_sql.cache_clear()
        for model in renamed:
            for field in model._meta.concrete_fields:
                field.__dict__.pop("cached_col", None)  # Django keeps the table name here

    def rename(*models):
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            # Deferred foreign key checks would block ALTER TABLE; run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for model in models:
                old = model._meta.db_table
                new = f"omdopt_{old}"
                cursor.execute(f"ALTER TABLE {quote(old)} RENAME TO {quote(new)}")
                monkeypatch.setattr(model._meta, "db_table", new)
                renamed.append(model)
        forget_cached_names()

    yield rename
    forget_cached_names()
