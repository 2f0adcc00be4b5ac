"""Build the admin's own forms for an object, the way the admin does, and fill them back."""

from django.contrib import admin
from django.contrib.postgres.forms import SimpleArrayField
from django.forms import CharField, EmailField, URLField
from django.test import RequestFactory


def admin_form(obj, user):
    """The admin's change form class for `obj`, as `user` would get it."""
    request = RequestFactory().get("/admin/")
    request.user = user
    return admin.site._registry[type(obj)].get_form(request, obj, change=True)


def admin_inline_formsets(obj, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    model_admin = admin.site._registry[type(obj)]
    return [formset for formset, _ in model_admin.get_formsets_with_inlines(request, obj)]


def unchanged_data(form) -> dict:
    """What the browser posts back for a form nobody changed."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        data[bound.html_name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data


def free_text_fields(form) -> list[str]:
    """The fields where a person types text: where an identity number could go."""
    return [
        name
        for name, field in form.fields.items()
        if isinstance(field, CharField | SimpleArrayField)
        and not isinstance(field, EmailField | URLField)
        and not field.widget.is_hidden
    ]
