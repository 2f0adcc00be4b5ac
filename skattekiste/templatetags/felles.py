"""Template tags for every page. Django finds tag libraries only in an app's templatetags
package; the logic lives in skattekiste.felles."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def tall(value):
    """A whole number grouped in thousands as Norwegian writes it: 1 234 (no-break space)."""
    return number_format(value, force_grouping=True)
