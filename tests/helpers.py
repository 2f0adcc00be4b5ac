"""Small functions several test files share: reading responses and the database, logging in,
and the data the sharing forms post."""

import uuid

from django.apps import apps
from django.test import Client
from django.urls import reverse


def facet(response, name):
    """The facet called `name` on a faceted list page."""
    return next(f for f in response.context["facets"] if f.name == name)


def titles(response) -> set[str]:
    """The titles on the current page of a list."""
    return {obj.tittel for obj in response.context["page"].object_list}


def row_counts(*, skip_apps=()) -> dict[str, int]:
    """Rows per model, to show that a request wrote nothing; `skip_apps` are left out."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in skip_apps
    }


def login(user) -> Client:
    """A new client logged in as `user`, for a second person in the same test."""
    client = Client()
    client.force_login(user)
    return client


def share_form_data(distrikt, **overrides) -> dict:
    """What the «Del et eksempel» form posts: the required fields and a fresh form key."""
    return {
        "tittel": "Politi i butikk på Skei",
        "ingress": "Vi sto i matbutikken en lørdag og snakket med dem som handlet.",
        "distrikter": [distrikt.pk],
        "aar": "2023",
        "situasjoner": ["A"],
        "innsending_id": str(uuid.uuid4()),
        **overrides,
    }


def share(client, distrikt, **fields):
    """Post the «Del et eksempel» form as `client`, with `fields` changed or added."""
    return client.post(reverse("bidra:ny"), share_form_data(distrikt, **fields))


def edit_form_data(eksempel, **overrides) -> dict:
    """What the form for changing a returned example posts, with its current values."""
    return {
        "tittel": eksempel.tittel,
        "ingress": eksempel.ingress,
        "distrikter": [d.pk for d in eksempel.distrikter.all()],
        "aar": str(eksempel.aar),
        "situasjoner": eksempel.situasjoner,
        "versjon_lest": str(eksempel.versjon),
        **overrides,
    }
