"""Template tags for /oversikt/ and for the links into it from other pages."""

import datetime
from html import escape

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from skattekiste.oversikt.kunnskap import eldre_enn_grensen, fersk_grense
from skattekiste.oversikt.queries import hjem_nokkeltall
from skattekiste.oversikt.tabeller import sti

register = template.Library()


def _verdi(verdi) -> str:
    if isinstance(verdi, int):
        # As the «tall» filter writes it (1 234 with a no-break space), without its locale lookups.
        return f"{verdi:,}".replace(",", "\u00a0")
    return escape(str(verdi))


def _celle(celle, tom_tekst: str) -> str:
    url = escape(celle.url)
    if celle.tom:
        inner = f"0 <small>{escape(tom_tekst)}</small>"
        if url:
            inner = f'<a href="{url}">{inner}</a>'
        return f'<td class="hvit-flekk">{inner}</td>'
    if url:
        return f'<td><a href="{url}">{_verdi(celle.verdi)}</a></td>'
    return f"<td>{_verdi(celle.verdi)}</td>"


@register.filter
def tabellrader(tabell):
    """The rows of a table as HTML. Hundreds of cells render far faster as strings here
    than as template nodes; every value and address is escaped on the way in."""
    rows = []
    for rad in tabell.rader:
        head = escape(rad.overskrift)
        if rad.url:
            head = f'<a href="{escape(rad.url)}">{head}</a>'
        cells = "".join(_celle(c, tabell.tom_tekst) for c in rad.celler)
        rows.append(f'<tr><th scope="row">{head}</th>{cells}</tr>')
    return mark_safe("\n".join(rows))  # noqa: S308 - built from escaped parts above


@register.filter
def stolper(diagram):
    """The bars of a chart as SVG, like tabellrader: a few hundred numbers, no template nodes,
    and no locale (an SVG coordinate needs a decimal point, not a comma)."""
    parts = []
    bunn = diagram.grunnlinje
    for s in diagram.stolper:
        parts.append(
            f'<rect x="{s.x}" y="{s.y}" width="{s.bredde}" height="{s.hoyde}" '
            'class="diagram__stolpe"/>'
            f'<text x="{s.tekst_x}" y="{round(s.y - 4, 1)}" class="diagram__verdi" '
            f'text-anchor="middle">{s.verdi}</text>'
            f'<text x="{s.tekst_x}" y="{bunn + 16}" class="diagram__etikett" '
            f'text-anchor="middle">{escape(s.etikett)}</text>'
            f'<text x="{s.tekst_x}" y="{bunn + 32}" class="diagram__etikett" '
            f'text-anchor="middle">{escape(s.underetikett)}</text>'
        )
    return mark_safe("\n".join(parts))  # noqa: S308 - numbers, and labels escaped above


@register.filter
def distriktlenke(distrikt, navn=""):
    """A district's name linking to its overview page («Mitt distrikt»).

    Takes a Distrikt or the dict a list card reads with its row (`for_listing()`)."""
    if isinstance(distrikt, dict):
        slug, fullt_navn = distrikt["slug"], distrikt["navn"]
    else:
        slug, fullt_navn = distrikt.slug, distrikt.navn
    return format_html('<a href="{}">{}</a>', sti("oversikt:distrikt", slug), navn or fullt_navn)


@register.filter
def distriktlenker(distrikter, kort=False):
    """Several districts, each linked, separated by commas; `kort` uses the short names.

    One filter rather than a template loop: list cards name up to twenty districts each."""
    deler = []
    for distrikt in distrikter:
        navn = ""
        if kort:
            navn = distrikt["kortnavn"] if isinstance(distrikt, dict) else distrikt.kortnavn
        deler.append(distriktlenke(distrikt, navn))
    return mark_safe(", ".join(deler))  # noqa: S308 - each part is format_html


@register.inclusion_tag("oversikt/_nokkeltall.html")
def nokkeltall():
    """Two or three of the overview's figures for the home page: one query."""
    return {"tall": hjem_nokkeltall(today=timezone.localdate())}


@register.inclusion_tag("oversikt/_gammel.html")
def gammel(obj):
    """On an example or insight page: says so plainly when the item is from before the limit."""
    today = timezone.localdate()
    dato = getattr(obj, "dato", None)
    aar = dato.year if isinstance(dato, datetime.date) else getattr(obj, "aar", None)
    # The limit is at least one year, so this year's and last year's items never ask for it.
    grense = fersk_grense() if aar is not None and aar < today.year - 1 else None
    return {
        "gammel": grense is not None and eldre_enn_grensen(aar, today, grense),
        "aar": aar,
        "grense": grense,
        "type": "innsikten" if dato else "eksempelet",
    }
