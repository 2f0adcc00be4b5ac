"""One confirmed import from a file: what it did, so it can be found in the history and reverted."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Innlesing(models.Model):
    class Modell(models.TextChoices):
        EKSEMPEL = "skattekiste.eksempel", "eksempler"
        INNSIKT = "innsikt.innsikt", "innsikter"
        KILDE = "innsikt.kilde", "kilder"

    modell = models.CharField("innhold", max_length=30, choices=Modell.choices)
    filnavn = models.CharField("fil", max_length=255)
    lest_inn = models.DateTimeField("lest inn", auto_now_add=True)
    lest_inn_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="lest inn av",
    )
    nye = models.PositiveIntegerField(default=0)
    endrede = models.PositiveIntegerField(default=0)
    uendrede = models.PositiveIntegerField(default=0)
    tilbakefort = models.DateTimeField("tilbakeført", null=True, blank=True)
    tilbakefort_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="tilbakeført av",
    )

    class Meta:
        verbose_name = "innlesing fra fil"
        verbose_name_plural = "innlesinger fra fil"
        ordering = ["-lest_inn", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    modell__in=["skattekiste.eksempel", "innsikt.innsikt", "innsikt.kilde"]
                ),
                name="skattekiste_innlesing_modell_valid",
            ),
        ]

    def __str__(self):
        return f"{self.filnavn} ({self.get_modell_display()}, innlesing {self.pk})"

    def get_absolute_url(self):
        return reverse("admin:skattekiste_innlesing_change", args=[self.pk])

    @property
    def endringsgrunn(self) -> str:
        """The change reason on every history record the import wrote; revert finds them by it."""
        return f"Lest inn fra fil (innlesing {self.pk})"
