"""Template tags for the admin's own templates; the words live in skattekiste.felles."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

from skattekiste.felles.admintekster import add_title, error_summary

register = template.Library()


@register.filter
def legg_til(verbose_name):
    """{{ opts.verbose_name|legg_til }}: «Legg til nytt eksempel»."""
    return add_title(verbose_name)


@register.filter
def feltnavn(opts, name):
    """{{ opts|feltnavn:"ingress" }}: «Kort fortalt», the label editors know the field by."""
    try:
        return capfirst(opts.get_field(name).verbose_name)
    except (FieldDoesNotExist, AttributeError):
        return name


@register.inclusion_tag("admin/includes/feiloppsummering.html")
def admin_feiloppsummering(adminform, inline_admin_formsets=()):
    form = getattr(adminform, "form", None)
    formsets = [inline.formset for inline in inline_admin_formsets or ()]
    return {"feil": error_summary(form, formsets)}
