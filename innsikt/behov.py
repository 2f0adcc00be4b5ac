"""The report's 13 citizen needs: kept apart so innsikt/models.py stays readable."""

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.urls import reverse

from skattekiste.felles import personvern
from skattekiste.felles.fields import PublicSlugField, search_vector_field
from skattekiste.felles.vokabular import SlugNaturalKeyManager


class Behov(models.Model):
    """One of the report's 13 citizen needs («Innbyggernes behov»)."""

    class Kategori(models.TextChoices):
        MOTT = "mott", "…hvordan jeg blir møtt"
        TILGJENGELIG = "tilgjengelig", "…at dere er tilgjengelig"
        FORSTAELIG = "forstaelig", "…at det er forståelig og forutsigbart"
        LOST = "lost", "…å få løst behovet mitt"

    kategori = models.CharField(max_length=20, choices=Kategori.choices)
    tekst = models.CharField(max_length=200)
    slug = PublicSlugField(max_length=120)
    rekkefolge = models.PositiveSmallIntegerField("rekkefølge")
    search_vector = search_vector_field(a=["tekst"])

    objects = SlugNaturalKeyManager()

    class Meta:
        verbose_name = "behov"
        verbose_name_plural = "behov"
        ordering = ["rekkefolge"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="innsikt_behov_unique_slug"),
            personvern.slug_constraint(name="innsikt_behov_slug_no_long_number"),
            models.UniqueConstraint(fields=["rekkefolge"], name="innsikt_behov_unique_rekkefolge"),
            models.CheckConstraint(
                condition=models.Q(kategori__in=["mott", "tilgjengelig", "forstaelig", "lost"]),
                name="innsikt_behov_kategori_valid",
            ),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="innsikt_behov_sok")]

    def __str__(self):
        return self.tekst

    def get_absolute_url(self):
        return reverse("innsikt:list") + f"?behov={self.slug}"

    def natural_key(self):
        return (self.slug,)
