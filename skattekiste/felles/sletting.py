"""Deletion for personvern: the item and every copy of it in the history go, for good.

An ordinary deletion keeps the history, so anything can be restored. When an item holds
personal data, that history is the problem: this deletion removes the item, its history
rows, the history of its parts (themes, a card's steps) and the admin log lines that quote
it. What remains is an audit line saying what kind of item, which id, who and when.
"""

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import reverse
from simple_history.utils import get_history_manager_for_model

PERMISSION = "slett_av_personvernhensyn"


class PersonvernSletting(models.Model):
    """An audit line for one deletion for personvern, without any of the content."""

    modell = models.CharField(max_length=100, help_text="For eksempel skattekiste.eksempel.")
    objekt_id = models.PositiveBigIntegerField("id")
    slettet = models.DateTimeField("dato slettet", auto_now_add=True)
    slettet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "sletting av personvernhensyn"
        verbose_name_plural = "slettinger av personvernhensyn"
        ordering = ["-slettet", "-id"]
        permissions = [(PERMISSION, "Kan slette innhold og historikk av personvernhensyn")]
        indexes = [
            models.Index(fields=["modell", "objekt_id"], name="skattekiste_pvsletting_objekt")
        ]

    def __str__(self):
        return f"{self.modell} {self.objekt_id}, slettet {self.slettet:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("admin:skattekiste_personvernsletting_change", args=[self.pk])


def _has_history(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


@transaction.atomic
def delete_for_personvern(*, obj, by) -> PersonvernSletting:
    """Delete `obj` with its history; it cannot be restored. Returns the audit line."""
    model, pk = type(obj), obj.pk
    content_type = ContentType.objects.get_for_model(model)
    # Parts with a history of their own: themes on the item, a card's steps and «Husk!».
    parts = [
        (relation.related_model, relation.field.attname)
        for relation in model._meta.related_objects
        if relation.one_to_many and _has_history(relation.related_model)
    ]
    obj.delete()
    # After the delete: it wrote «-» records with the full text, and those must go too.
    get_history_manager_for_model(model).filter(**{model._meta.pk.attname: pk}).delete()
    for part_model, attname in parts:
        get_history_manager_for_model(part_model).filter(**{attname: pk}).delete()
    LogEntry.objects.filter(content_type=content_type, object_id=str(pk)).delete()
    return PersonvernSletting.objects.create(
        modell=model._meta.label_lower, objekt_id=pk, slettet_av=by
    )
