"""Template tags for every page. Django finds tag libraries only in an app's templatetags
package; the logic lives in skattekiste.felles."""

from django import template
from django.utils.formats import number_format

from skattekiste.eksempler.telling import awaiting_review_count
from skattekiste.felles.meny import main_menu, mine_tabs

register = template.Library()


@register.inclusion_tag("includes/hovedmeny.html", takes_context=True)
def hovedmeny(context):
    request = context.get("request")
    resolver_match = getattr(request, "resolver_match", None)
    # One indexed count, only for those who see the queue's entry.
    counts = {"bidra:vurdering": awaiting_review_count}
    return {"meny": main_menu(user=context["user"], resolver_match=resolver_match, counts=counts)}


@register.inclusion_tag("includes/mine_faner.html", takes_context=True)
def mine_faner(context):
    resolver_match = getattr(context.get("request"), "resolver_match", None)
    return {"faner": mine_tabs(resolver_match=resolver_match)}


@register.filter
def tall(value):
    """A whole number grouped in thousands as Norwegian writes it: 1 234 (no-break space)."""
    return number_format(value, force_grouping=True)
