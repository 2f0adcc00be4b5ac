"""Model fields shared by every app."""

from django.core import validators
from django.db import migrations, models

from skattekiste.felles import personvern
from skattekiste.felles.text import slugify_norwegian


class PublicSlugField(models.SlugField):
    """A slug for a public URL: never a long number that could be part of an identity number.

    Pair it with `personvern.slug_constraint` so the database refuses what the form would.
    """

    default_validators = [validators.validate_slug, personvern.validate_slug]


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
