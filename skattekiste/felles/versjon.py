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
        f"lagret. Det du skrev, står fortsatt i skjemaet. Åpne {navn} i en ny fane for å se "
        "hva som er endret. Vil du likevel erstatte den andres endringer med dine, trykker du "
        "på lagre-knappen en gang til."
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


class VersjonFormMixin:
    """For a ModelForm with a `versjon_lest = versjon_field()`: refuse the save when someone
    else saved the object after this form was opened."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # From the database, not the instance: a history revert starts from an old copy.
            self.initial["versjon_lest"] = current_version(
                self._meta.model, self.instance.pk, lock=False
            )

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and not self.instance._state.adding:
            # Inside a transaction the row stays locked until the save, so no one slips in.
            in_transaction = transaction.get_connection().in_atomic_block
            current = current_version(self._meta.model, self.instance.pk, lock=in_transaction)
            if cleaned_data.get("versjon_lest") != current:
                offer_current_version(self, current)
                raise ValidationError(stale_message(self._meta.model), code="versjon")
        return cleaned_data
