"""Form widgets written out in Python rather than through Django's widget templates.

Django renders a template per widget, and per option of a list: the share form's 120
options took most of its page's 150–250 ms, and a plan's checklist of 40 fields a third
of its edit page. Avkrysninger and Nedtrekk are the long lists (40 px touch targets,
optionally in groups); PythonWidgetRenderer writes the plain inputs and text areas of
every form, the admin's too, exactly as Django's own templates would.
"""

from html import escape

from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

ROW = (
    '<div class="valg__rad"><input type="checkbox" name="{}" value="{}" id="{}"{}>'
    '<label for="{}">{}</label></div>'
)


def _escaped(value) -> str:
    """conditional_escape: HTML as it is, anything else escaped (the same escaping)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


class Avkrysninger(forms.CheckboxSelectMultiple):
    """Checkboxes numbered id_<name>_0, _1, … across groups, so `_0` is always the first.

    `grupper` is [(legend, {values}, folded)]: the choices stay one flat list for the field
    (and for the version conflict's labels); only the page shows them in groups. A folded
    group is a closed <details> until one of its boxes is ticked: fewer tab stops.
    """

    def __init__(self, attrs=None, choices=(), *, kolonner=False):
        super().__init__(attrs, choices)
        self.kolonner = kolonner
        self.grupper = None

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        base_id = attrs.get("id") or f"id_{name}"
        chosen = {str(v) for v in (value or [])}
        # One pass over the choices: a model field runs a query per pass (and list() adds a COUNT).
        choices = [choice for choice in self.choices]  # noqa: C416 - list() would also count them
        numbers = iter(range(len(choices)))

        def rows(options):
            # Each value escaped as format_html_join would, without its lazy-text wrapper
            # per argument: 120 options × 6 values were a fifth of the edit page's time.
            html = "".join(
                ROW.format(
                    *map(_escaped, (name, v, option_id)),
                    " checked" if str(v) in chosen else "",
                    *map(_escaped, (option_id, label)),
                )
                for v, label in options
                for option_id in [f"{base_id}_{next(numbers)}"]
            )
            return mark_safe(html)  # noqa: S308 - every value above is escaped

        if not self.grupper:
            body = rows(choices)
        else:
            parts = []
            for legend, values, folded in self.grupper:
                options = [(v, label) for v, label in choices if v in values]
                inner = rows(options)
                if folded:
                    is_open = " open" if any(str(v) in chosen for v, _ in options) else ""
                    parts.append(
                        format_html(
                            '<details class="valg__gruppe"{}><summary>{}</summary>{}</details>',
                            is_open,
                            legend,
                            inner,
                        )
                    )
                else:
                    parts.append(
                        format_html(
                            '<fieldset class="valg__gruppe"><legend>{}</legend>{}</fieldset>',
                            legend,
                            inner,
                        )
                    )
            body = format_html_join("", "{}", ((part,) for part in parts))
        css = "valg valg--kolonner" if self.kolonner else "valg"
        return format_html('<div id="{}" class="{}">{}</div>', base_id, css, body)


class Nedtrekk(forms.Select):
    """A select list written out in Python, for the same reason as Avkrysninger: Django's
    widget templates render a template per option, most of a form page's time."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = set(self.format_value(value))
        options = "".join(
            f'<option value="{_escaped(v)}"{" selected" if str(v) in chosen else ""}>'
            f"{_escaped(label)}</option>"
            for v, label in self.choices
        )
        # flatatt escapes the attributes; every option value and label is escaped above.
        return mark_safe(f'<select name="{_escaped(name)}"{flatatt(attrs)}>{options}</select>')  # noqa: S308


# Django's templates for these are input.html with the widget's type: nothing else.
_INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("text", "email", "url", "number", "password", "hidden", "date", "checkbox")
)
_TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"


def _attrs_html(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: False leaves the attribute out, True writes it bare."""
    return "".join(
        f" {_escaped(name)}" if value is True else f' {_escaped(name)}="{_escaped(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class PythonWidgetRenderer(DjangoTemplates):
    """Django's form renderer, but inputs and text areas are written here (the same HTML,
    tested against the templates); every other widget goes through its template."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name in _INPUT_TEMPLATES:
            value = "" if widget["value"] is None else f' value="{_escaped(widget["value"])}"'
            return SafeString(
                f'<input type="{_escaped(widget["type"])}" name="{_escaped(widget["name"])}"'
                f"{value}{_attrs_html(widget['attrs'])}>"
            )
        if template_name == _TEXTAREA_TEMPLATE:
            text = _escaped(widget["value"]) if widget["value"] else ""
            return SafeString(
                f'<textarea name="{_escaped(widget["name"])}"{_attrs_html(widget["attrs"])}>'
                f"\n{text}</textarea>"
            )
        return super().render(template_name, context, request)
