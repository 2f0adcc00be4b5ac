"""The print-only header in base.html: the address of the page on paper."""

from django import template
from django.core.exceptions import DisallowedHost

register = template.Library()


@register.simple_tag(takes_context=True)
def sideadresse(context) -> str:
    """The page's full address; only the path when the host is not ours (the 400 page)."""
    request = context.get("request")
    if request is None:  # the 500 page is rendered without a request
        return ""
    try:
        return request.build_absolute_uri()
    except DisallowedHost:
        return request.get_full_path()
