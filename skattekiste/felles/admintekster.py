"""The admin's words for editors: «nytt» or «ny», whether a save is published, which
fields need fixing, and names for the fields in a card's rows."""

from dataclasses import dataclass

from django.forms.models import BaseInlineFormSet
from django.utils.text import capfirst

# Nouns that take «nytt» (neuter); every other noun in the admin takes «ny».
NEUTER_NOUNS = frozenset(
    {"eksempel", "tema", "synonym", "steg", "husk-punkt", "behov", "distrikt", "tagg"}
)


def add_title(verbose_name: str) -> str:
    """«Legg til nytt eksempel», «Legg til ny innsikt»."""
    noun = str(verbose_name).split(" ", 1)[0].lower()
    return f"Legg til {'nytt' if noun in NEUTER_NOUNS else 'ny'} {verbose_name}"


def publication_note(obj) -> str:
    """One sentence for the save message: is this visible to everyone now?"""
    if obj.status == "publisert":
        return "Det er publisert og vises for alle som er logget inn."
    if obj.status == "utkast":
        return "Det er et utkast og vises ikke for andre før det er publisert."
    return f"Det er ikke publisert: status er «{obj.get_status_display()}»."


@dataclass(frozen=True)
class Feil:
    """One line in the error summary; `anchor` is the id of the field to go to, if any."""

    tekst: str
    anchor: str = ""


def _field_anchor(bound_field) -> str:
    # A group of checkboxes has no element with the field's own id; go to the first box.
    if bound_field.field.widget.use_fieldset and bound_field.auto_id:
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or ""


def _form_errors(form, prefix: str = "") -> list[Feil]:
    errors = [Feil(f"{prefix}{error}") for error in form.non_field_errors()]
    for bound_field in form:
        for error in bound_field.errors:
            label = capfirst(str(bound_field.label or bound_field.name))
            anchor = "" if bound_field.is_hidden else _field_anchor(bound_field)
            errors.append(Feil(f"{prefix}{label}: {error}", anchor))
    return errors


def error_summary(form, formsets=()) -> list[Feil]:
    """Every error on the page, in the order of the page, each with a link to its field."""
    errors = _form_errors(form) if form is not None else []
    for formset in formsets:
        noun = capfirst(str(formset.model._meta.verbose_name))
        errors += [Feil(str(error)) for error in formset.non_form_errors()]
        for index, inline_form in enumerate(formset.forms, start=1):
            errors += _form_errors(inline_form, prefix=f"{noun} {index}, ")
    return errors


class LabelledInlineFormSet(BaseInlineFormSet):
    """A table row's fields have no <label>; name each by its column and row number."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            label = capfirst(str(field.label or name))
            row = "" if index is None else f" (rad {index + 1})"
            field.widget.attrs.setdefault("aria-label", f"{label}{row}")
