"""Nothing lost: deleted content comes back from its history (django-simple-history).

Revert and restore change content only; the review's decisions (`WORKFLOW_FIELDS`) stay.

simple_history writes a «-» record when a row is deleted; the record before it holds the
last state, including the many-to-many links (they are already gone by the «-» record).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME
from simple_history.utils import get_history_manager_for_model, get_m2m_reverse_field_name

from skattekiste.felles.vokabular import Tema


def deleted_records(model) -> list:
    """The deletion record of each object that is still gone, newest deletion first."""
    pk_name = model._meta.pk.attname
    records = (
        get_history_manager_for_model(model)
        .filter(history_type="-")
        .exclude(**{f"{pk_name}__in": model._default_manager.values("pk")})
        .order_by(pk_name, "-history_date")
        .distinct(pk_name)
        .select_related("history_user")
    )
    return sorted(records, key=lambda record: record.history_date, reverse=True)


def _missing_parent(instance) -> models.ForeignKey | None:
    """Point optional links at nothing when their target is gone; return a required one."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey):
            continue
        value = getattr(instance, field.attname)
        if value is None or field.related_model._default_manager.filter(pk=value).exists():
            continue
        if not field.null:
            return field
        setattr(instance, field.attname, None)
    return None


@transaction.atomic
def restore_deleted(*, model, object_id, by):
    """Recreate a deleted object as it was just before it was deleted, links included."""
    if model._default_manager.filter(pk=object_id).exists():
        raise ValidationError("Dette er ikke slettet, så det er ingenting å gjenopprette.")
    last_state = (
        get_history_manager_for_model(model)
        .filter(**{model._meta.pk.attname: object_id})
        .exclude(history_type="-")
        .order_by("-history_date", "-history_id")
        .first()
    )
    if last_state is None:
        raise ValidationError("Fant ingen tidligere versjon å gjenopprette.")
    instance = last_state.instance
    parent = _missing_parent(instance)
    if parent is not None:
        raise ValidationError(
            f"«{instance}» hører til noe som også er slettet ({parent.verbose_name}). "
            "Gjenopprett det først."
        )
    _as_draft(instance)
    instance._history_user = by
    instance._change_reason = "Gjenopprettet etter sletting"
    try:
        with transaction.atomic():
            instance.save(force_insert=True)
    except IntegrityError:
        raise ValidationError(
            f"«{instance}» kan ikke gjenopprettes fordi noe annet nå har samme navn, nummer "
            "eller adresse. Endre det andre først."
        ) from None
    for field in last_state._history_m2m_fields:
        target = get_m2m_reverse_field_name(field)
        ids = [getattr(row, f"{target}_id") for row in getattr(last_state, field.name).all()]
        # Links to things deleted since then are left out rather than failing the restore.
        still_there = field.related_model._default_manager.filter(pk__in=ids)
        getattr(instance, field.name).set(still_there)
    through = _theme_through(model)
    if through is not None:
        deleted_at = (
            get_history_manager_for_model(model)
            .filter(**{model._meta.pk.attname: object_id}, history_type="-")
            .order_by("-history_date")
            .values_list("history_date", flat=True)
            .first()
        )
        # The theme links removed by the delete itself, just before the object's own record.
        tag_ids = through.history.filter(
            content_object_id=object_id,
            history_type="-",
            history_date__range=(deleted_at - CASCADE_WINDOW, deleted_at),
        ).values_list("tag_id", flat=True)
        instance.tema.set(list(Tema.objects.filter(pk__in=tag_ids)))
    return instance


def _as_draft(instance) -> None:
    """A restored item waits for a new decision: never straight back to published."""
    status = getattr(type(instance), "Status", None)
    if status is None or not hasattr(status, "UTKAST"):
        return
    instance.status = status.UTKAST
    if hasattr(instance, "publisert"):
        instance.publisert = None


def keep_workflow_fields(instance) -> None:
    """Before a revert is saved: status, publication and review stay as they are now."""
    names = getattr(type(instance), "WORKFLOW_FIELDS", ())
    if not names or instance.pk is None:
        return
    current = type(instance)._default_manager.filter(pk=instance.pk).values(*names).first()
    for name, value in (current or {}).items():
        setattr(instance, name, value)


# A delete removes the theme links a moment before the object itself.
CASCADE_WINDOW = datetime.timedelta(seconds=5)


def _theme_through(model):
    """The taggit link model of `model`'s themes, when its history is kept."""
    manager = getattr(model, "tema", None)
    through = getattr(manager, "through", None)
    return through if through is not None and hasattr(through, "history") else None


def historic_theme_ids(record) -> list[int] | None:
    """Theme ids as they stood in `record`'s version, i.e. until the object's next change.

    Themes are saved after the object, so the state at the next version's time (or now)
    is what this version had.
    """
    model = record.instance_type
    through = _theme_through(model)
    if through is None:
        return None
    pk_name = model._meta.pk.attname
    object_id = getattr(record, pk_name)
    later = (
        get_history_manager_for_model(model)
        .filter(**{pk_name: object_id}, history_date__gt=record.history_date)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    if later is None:
        return list(
            through.objects.filter(content_object_id=object_id).values_list("tag_id", flat=True)
        )
    return [row.tag_id for row in through.history.as_of(later).filter(content_object_id=object_id)]


def historic_m2m_initial(instance) -> dict[str, list]:
    """For the admin's «revert» form: the links as they were in that version, not as now."""
    record = getattr(instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
    if record is None:
        return {}
    initial = {
        field.name: [
            getattr(row, f"{get_m2m_reverse_field_name(field)}_id")
            for row in getattr(record, field.name).all()
        ]
        for field in record._history_m2m_fields
    }
    themes = historic_theme_ids(record)
    if themes is not None:
        initial["tema"] = themes
    return initial
