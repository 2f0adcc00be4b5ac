"""What a person follows, their digest choice, and which examples the digest has sent them."""

from django.conf import settings
from django.db import models
from django.http import QueryDict
from django.urls import reverse


class Folging(models.Model):
    """A followed example list: a theme, a group, a district, a method or any filtered list.

    `sporring` is the list's query string, normalised (queries.normalise), so the same
    choice followed twice is one row.
    """

    bruker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="folginger"
    )
    sporring = models.CharField("filtre", max_length=500)
    opprettet = models.DateTimeField("fulgt fra", auto_now_add=True)

    class Meta:
        verbose_name = "følging"
        verbose_name_plural = "følginger"
        ordering = ["opprettet", "id"]
        constraints = [
            models.UniqueConstraint(fields=["bruker", "sporring"], name="skattekiste_folging_unik"),
        ]

    def __str__(self):
        return f"{self.bruker} følger ?{self.sporring}"

    def get_absolute_url(self):
        return f"{reverse('eksempler:list')}?{self.sporring}"

    @property
    def felter(self) -> list[tuple[str, str]]:
        """The filters as form fields, for the «Slutt å følge» button."""
        return [(k, v) for k, values in QueryDict(self.sporring).lists() for v in values]


class Mottaker(models.Model):
    """One person's Påfyll: their visits to /pafyll/ and whether the weekly e-mail is on."""

    bruker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pafyll"
    )
    epost_pa = models.BooleanField("ukentlig e-post", default=True)
    # What /pafyll/ calls new: published after the visit before this one.
    forrige_besok = models.DateTimeField(null=True, blank=True)
    sist_besokt = models.DateTimeField(null=True, blank=True)
    sist_epost = models.DateTimeField("siste e-post", null=True, blank=True)

    class Meta:
        verbose_name = "påfyllmottaker"
        verbose_name_plural = "påfyllmottakere"

    def __str__(self):
        return f"Påfyll for {self.bruker}"

    def get_absolute_url(self):
        return reverse("pafyll:pafyll")


class Utsendt(models.Model):
    """An example claimed for one person's digest. The unique constraint is what makes the
    digest send each example at most once per person, whatever runs at the same time."""

    bruker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    eksempel = models.ForeignKey("skattekiste.Eksempel", on_delete=models.CASCADE, related_name="+")
    sendt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "utsendt eksempel"
        verbose_name_plural = "utsendte eksempler"
        constraints = [
            models.UniqueConstraint(fields=["bruker", "eksempel"], name="skattekiste_utsendt_unik"),
        ]

    def __str__(self):
        return f"{self.eksempel_id} til {self.bruker_id}"

    def get_absolute_url(self):
        return reverse("pafyll:pafyll")
