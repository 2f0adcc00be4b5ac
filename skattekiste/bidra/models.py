"""An employee's unfinished share form: «Lagre som utkast» on /bidra/.

A draft is not an example. It has none of an example's rules (it may lack a title or a
district), no status and no history, and it lives in its own table, so nothing that lists,
searches, reviews or publishes examples can ever see it. Sending it creates the example
through the normal workflow, with every check, and deletes the draft.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse


class UtkastQuerySet(models.QuerySet):
    def of(self, user):
        """This person's drafts, last saved first."""
        return self.filter(eier=user).order_by("-oppdatert", "-id")


class Utkast(models.Model):
    # The share form's idempotency key, so sending a draft twice still makes one example.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    eier = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="eier"
    )
    tittel = models.CharField(max_length=200, blank=True)
    # The form's fields as cleaned: text as text, choices as lists of ids.
    data = models.JSONField(default=dict)
    opprettet = models.DateTimeField(auto_now_add=True)
    oppdatert = models.DateTimeField(auto_now=True)

    objects = UtkastQuerySet.as_manager()

    class Meta:
        verbose_name = "utkast"
        verbose_name_plural = "utkast"
        indexes = [models.Index(fields=["eier", "-oppdatert"], name="skattekiste_utkast_eier")]

    def __str__(self):
        return self.tittel or "Utkast uten tittel"

    def get_absolute_url(self):
        return f"{reverse('bidra:ny')}?utkast={self.pk}"

    def form_initial(self) -> dict:
        """What the share form starts from; empty fields get the form's own suggestions."""
        return {name: value for name, value in self.data.items() if value not in (None, "", [])}
