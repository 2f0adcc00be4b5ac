"""Model fields shared by every app."""

import functools
import operator

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core import validators
from django.db import migrations, models

from skattekiste.felles import personvern
from skattekiste.felles.text import slugify_norwegian

SLUG_HELP = (
    "Slutten av lenken til siden, fylt ut fra navnet. Bare små bokstaver a–z, tall og "
    "bindestrek. Endrer du den, virker ikke gamle lenker lenger."
)

# PostgreSQL's Norwegian stemming; the search (skattekiste/sok/) queries with the same.
SEARCH_CONFIG = "norwegian"


def search_vector_field(*, a=(), b=(), c=()):
    """A stored tsvector of the row's own text, weighted title A > ingress B > body C.

    A generated column: PostgreSQL recomputes it on every write path (forms, admin,
    QuerySet.update, bulk_create, raw loaddata), so it can never go stale. Text from
    related rows cannot live here: a column kept by triggers can (Eksempel.emneord).
    """
    parts = [
        SearchVector(*fields, weight=weight, config=SEARCH_CONFIG)
        for weight, fields in (("A", a), ("B", b), ("C", c))
        if fields
    ]
    return models.GeneratedField(
        expression=functools.reduce(operator.add, parts),
        output_field=SearchVectorField(),
        db_persist=True,
        serialize=False,
        verbose_name="søkeindeks",
    )


class PublicSlugField(models.SlugField):
    """A slug for a public URL: never a long number that could be part of an identity number.

    Pair it with `personvern.slug_constraint` so the database refuses what the form would.
    """

    default_validators = [validators.validate_slug, personvern.validate_slug]

    def __init__(self, *args, **kwargs):
        # Editors see «Adresse», not the field's name.
        kwargs.setdefault("verbose_name", "adresse")
        kwargs.setdefault("help_text", SLUG_HELP)
        super().__init__(*args, **kwargs)


def remove_long_numbers_from_slugs(app_label: str, *model_names: str) -> migrations.RunPython:
    """A migration step that cuts long numbers out of stored slugs before the constraint lands."""

    def forwards(apps, schema_editor):
        for model_name in model_names:
            model = apps.get_model(app_label, model_name)
            for obj in model._base_manager.filter(slug__regex=personvern.SLUG_LONG_NUMBER):
                base = slugify_norwegian(obj.slug) or model_name.lower()
                slug, n = base, 1
                while model._base_manager.filter(slug=slug).exclude(pk=obj.pk).exists():
                    n += 1
                    slug = f"{base}-{n}"
                model._base_manager.filter(pk=obj.pk).update(slug=slug)

    return migrations.RunPython(forwards, migrations.RunPython.noop)
