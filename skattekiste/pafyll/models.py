"""What a person follows, their digest choice and feed link, and what the digest has sent them."""

from django.conf import settings
from django.db import models
from django.http import QueryDict
from django.urls import reverse


class Folging(models.Model):
    """A followed list: examples (a theme, a group, a district, a method or any filtered
    list), a text search, or the insights about a citizen group.

    `sporring` is the list's query string, normalised (queries.normalise), so the same
    choice followed twice is one row.
    """

    class Liste(models.TextChoices):
        EKSEMPLER = "eksempler", "Eksempler"
        INNSIKT = "innsikt", "Innsikt"
        SOK = "sok", "Søk"

    bruker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="folginger"
    )
    liste = models.CharField(max_length=10, choices=Liste.choices, default=Liste.EKSEMPLER)
    sporring = models.CharField("filtre", max_length=500)
    opprettet = models.DateTimeField("fulgt fra", auto_now_add=True)

    class Meta:
        verbose_name = "følging"
        verbose_name_plural = "følginger"
        ordering = ["opprettet", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bruker", "liste", "sporring"], name="skattekiste_folging_liste_unik"
            ),
            models.CheckConstraint(
                condition=models.Q(liste__in=["eksempler", "innsikt", "sok"]),
                name="skattekiste_folging_liste_kjent",
            ),
        ]

    def __str__(self):
        return f"{self.bruker} følger {self.liste}?{self.sporring}"

    def get_absolute_url(self):
        url = {"innsikt": "innsikt:list", "sok": "sok:sok"}.get(self.liste, "eksempler:list")
        return f"{reverse(url)}?{self.sporring}"

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
    # The secret in this person's feed links (feeds.py); a new one stops the old links at once.
    feed_nokkel = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "påfyllmottaker"
        verbose_name_plural = "påfyllmottakere"
        constraints = [
            models.UniqueConstraint(fields=["feed_nokkel"], name="skattekiste_mottaker_feed_unik"),
        ]

    def __str__(self):
        return f"Påfyll for {self.bruker}"

    def get_absolute_url(self):
        return reverse("pafyll:pafyll")


class Utsendt(models.Model):
    """An example or an insight claimed for one person's digest. The unique constraints are
    what make the digest send each at most once per person, whatever runs at the same time."""

    bruker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    eksempel = models.ForeignKey(
        "skattekiste.Eksempel", null=True, on_delete=models.CASCADE, related_name="+"
    )
    innsikt = models.ForeignKey(
        "innsikt.Innsikt", null=True, on_delete=models.CASCADE, related_name="+"
    )
    sendt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "utsendt eksempel"
        verbose_name_plural = "utsendte eksempler"
        constraints = [
            models.UniqueConstraint(fields=["bruker", "eksempel"], name="skattekiste_utsendt_unik"),
            models.UniqueConstraint(
                fields=["bruker", "innsikt"], name="skattekiste_utsendt_innsikt_unik"
            ),
            # Exactly one of the two: a row is an example or an insight.
            models.CheckConstraint(
                condition=models.Q(eksempel__isnull=False, innsikt__isnull=True)
                | models.Q(eksempel__isnull=True, innsikt__isnull=False),
                name="skattekiste_utsendt_en_av",
            ),
        ]

    def __str__(self):
        return f"{self.eksempel_id or self.innsikt_id} til {self.bruker_id}"

    def get_absolute_url(self):
        return reverse("pafyll:pafyll")
