"""Revert an import as a whole, from the history it wrote (django-simple-history)."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import get_history_manager_for_model, get_m2m_reverse_field_name

from skattekiste.felles.historikk import historic_theme_ids, keep_workflow_fields
from skattekiste.felles.vokabular import Tema
from skattekiste.innlesing.models import Innlesing


def _records_by_object(history, reason: str) -> dict[int, object]:
    """The first record the import wrote for each object it touched."""
    first = {}
    for record in history.filter(history_change_reason=reason).order_by("history_date", "pk"):
        first.setdefault(record.id, record)
    return first


def _restore(previous, *, current, reason: str, by) -> None:
    """Put the object back as `previous` had it, links and themes included."""
    instance = previous.instance
    keep_workflow_fields(instance)
    instance.versjon = current.versjon + 1
    instance._change_reason = reason
    instance._history_user = by
    instance.save()
    for field in previous._history_m2m_fields:
        target = get_m2m_reverse_field_name(field)
        ids = [getattr(row, f"{target}_id") for row in getattr(previous, field.name).all()]
        getattr(instance, field.name).set(field.related_model._default_manager.filter(pk__in=ids))
    theme_ids = historic_theme_ids(previous)
    if theme_ids is not None:
        instance.tema.set(list(Tema.objects.filter(pk__in=theme_ids)))


@transaction.atomic
def revert_innlesing(*, innlesing: Innlesing, by) -> int:
    """Undo everything one import did: new rows are deleted, changed rows get their old version.

    Refused as a whole when something the import touched has been changed since, so no one's
    later work is lost in silence. Returns how many objects were put back.
    """
    innlesing = Innlesing.objects.select_for_update().get(pk=innlesing.pk)
    if innlesing.tilbakefort is not None:
        raise ValidationError("Denne innlesingen er allerede tilbakeført.")
    model = apps.get_model(innlesing.modell)
    history = get_history_manager_for_model(model)
    reason = innlesing.endringsgrunn
    first_records = _records_by_object(history, reason)
    latest = {
        record.id: record
        for record in history.filter(id__in=list(first_records))
        .order_by("id", "-history_date", "-pk")
        .distinct("id")
    }
    changed_since = [
        str(record.instance) for record in latest.values() if record.history_change_reason != reason
    ]
    if changed_since:
        raise ValidationError(
            "Innlesingen kan ikke tilbakeføres fordi noe av det er endret etter innlesingen: "
            f"{', '.join(sorted(changed_since))}. Tilbakefør endringene i historikken først."
        )
    undo_reason = f"Tilbakeført innlesing {innlesing.pk}"
    objects = model._default_manager.in_bulk(list(first_records))
    for object_id, first in first_records.items():
        current = objects[object_id]
        previous = first.prev_record
        if previous is None:
            current._change_reason = undo_reason
            current._history_user = by
            current.delete()
        else:
            _restore(previous, current=current, reason=undo_reason, by=by)
    innlesing.tilbakefort = timezone.now()
    innlesing.tilbakefort_av = by
    innlesing.save(update_fields=["tilbakefort", "tilbakefort_av"])
    return len(first_records)
