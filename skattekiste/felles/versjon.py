"""Optimistic locking: a save from a form opened before someone else's save is refused.

A model takes part with a `versjon` field (a PositiveIntegerField, default 1, not editable)
and `navn_bestemt`, its name in the definite form («eksempelet»), for the message. Every
write locks the row and counts `versjon` one up (`lock_version`); a form carries the
version the person saw (`versjon_field`, `VersjonFormMixin`).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction


def stale_message(model) -> str:
    navn = model.navn_bestemt
    return (
        f"Noen andre har lagret {navn} etter at du åpnet det, så endringene dine er ikke "
        "lagret. Det du skrev, står fortsatt i skjemaet, og oversikten viser hva som er "
        "forskjellig. Vil du likevel erstatte den andres endringer med dine, krysser du av for "
        "det og lagrer på nytt."
    )


class StaleVersionError(Exception):
    """Someone saved the object after this person opened it."""

    def __init__(self, model):
        super().__init__(stale_message(model))


def current_version(model, pk, *, lock: bool) -> int:
    rows = model._default_manager.filter(pk=pk)
    if lock:
        rows = rows.select_for_update()
    return rows.values_list("versjon", flat=True).get()


def lock_version(instance, *, versjon: int | None = None) -> None:
    """Lock the row, refuse an outdated `versjon`, reload the row and count one version up.

    Must run inside a transaction; the lock holds until it ends.
    """
    model = instance._meta.model
    current = current_version(model, instance.pk, lock=True)
    if versjon is not None and versjon != current:
        raise StaleVersionError(model)
    instance.refresh_from_db()
    instance.versjon = current + 1


def versjon_field():
    """The version the person saw when the form was opened."""
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


def offer_current_version(form, versjon: int) -> None:
    """After a conflict, a second press on save is a deliberate choice to overwrite."""
    form.data = form.data.copy()
    form.data[form.add_prefix("versjon_lest")] = str(versjon)


# Posted by the conflict box (includes/versjonskonflikt.html), never by the normal form.
CONFLICT_VERSION = "konflikt_versjon"
OVERWRITE = "overskriv_versjon"


def _shown(value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, list | tuple | set):
        return ", ".join(sorted(str(item) for item in value))
    return str(value)


class VersjonFormMixin:
    """For a ModelForm with a `versjon_lest = versjon_field()`: refuse the save when someone
    else saved the object after this form was opened.

    After a conflict the form lists the fields the other person changed, theirs beside this
    person's (`konflikt`), and saving anyway needs the explicit tick in the conflict box.
    Nothing is overwritten by pressing save twice.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.konflikt = []
        self.konflikt_versjon = None
        if self.instance.pk and not self.is_bound:
            # From the database, not the instance: a history revert starts from an old copy.
            self.initial["versjon_lest"] = current_version(
                self._meta.model, self.instance.pk, lock=False
            )

    def _differences(self, cleaned_data) -> list[tuple[str, str, str]]:
        """(label, saved by the other person, yours) for each field that differs."""
        saved = self._meta.model._default_manager.get(pk=self.instance.pk)
        rows = []
        for name, field in self.fields.items():
            if name == "versjon_lest" or field.widget.is_hidden or name not in cleaned_data:
                continue
            try:
                theirs = field.prepare_value(self._saved_value(saved, name))
            except (AttributeError, ValueError):
                continue
            yours = field.prepare_value(cleaned_data[name])
            if _shown(_display(field, theirs)) != _shown(_display(field, yours)):
                rows.append(
                    (
                        str(field.label or name),
                        _shown(_display(field, theirs)),
                        _shown(_display(field, yours)),
                    )
                )
        return rows

    @staticmethod
    def _saved_value(saved, name):
        value = getattr(saved, name)
        if hasattr(value, "all"):  # a many-to-many manager
            return list(value.all())
        return value

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and not self.instance._state.adding:
            # Inside a transaction the row stays locked until the save, so no one slips in.
            in_transaction = transaction.get_connection().in_atomic_block
            current = current_version(self._meta.model, self.instance.pk, lock=in_transaction)
            if cleaned_data.get("versjon_lest") != current:
                confirmed = self.data.get(OVERWRITE) == "ja" and self.data.get(
                    CONFLICT_VERSION
                ) == str(current)
                if confirmed:
                    cleaned_data["versjon_lest"] = current
                    return cleaned_data
                self.konflikt = self._differences(cleaned_data)
                self.konflikt_versjon = current
                raise ValidationError(stale_message(self._meta.model), code="versjon")
        return cleaned_data


def _display(field, value):
    """Choices and objects as people read them, not as ids."""
    choices = getattr(field, "choices", None)
    if choices is None:
        return value
    labels = {str(key): label for key, label in choices if not isinstance(label, list | tuple)}
    if isinstance(value, list | tuple):
        return [labels.get(str(item), item) for item in value]
    return labels.get(str(value), value)
