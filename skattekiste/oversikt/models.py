"""The counts the overview reads, kept right on write by PostgreSQL triggers.

Counting coverage over 20 000 examples and 200 000 insights at read time takes 50–800 ms;
reading these cells takes about 1 ms. The triggers (migration 0013) run on every insert,
update and delete of examples, insights and their links, whatever made the change: the
admin, the review workflow, bulk_create, loaddata or COPY. Only published content counts.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Maal(models.TextChoices):
    """What a cell counts. Examples by their year (aar); insights by the year of their date."""

    EKSEMPLER = "eksempler", "publiserte eksempler"
    IKKE_FUNGERTE = "ikke_fungerte", "eksempler som sier hva som ikke fungerte"
    SITUASJON = "situasjon", "eksempler per situasjon (nøkkel: A, B, C)"
    METODE = "metode", "eksempler per metode (nøkkel: metodens id)"
    GRUPPE = "gruppe", "eksempler per innbyggergruppe (nøkkel: gruppens id)"
    TEMA = "tema", "eksempler per tema (nøkkel: temaets id)"
    # By the year and month of publishing, not the example's own year.
    MAANED = "maaned", "eksempler publisert per måned (nøkkel: 01–12)"
    INNSIKT = "innsikt", "publiserte innsikter (nøkkel: gruppens id, tom for alle)"
    INNSIKT_STERK = "innsikt_sterk", "innsikter med bredt grunnlag"
    INNSIKT_MIDDELS = "innsikt_middels", "innsikter fra noen stemmer"
    INNSIKT_EGEN = "innsikt_egen", "innsikter fra gruppens egen stemme"


ALLE_DISTRIKTER = 0


class Telling(models.Model):
    """How many published items fall in one cell: (what, district, year, key)."""

    maal = models.CharField(max_length=20, choices=Maal.choices)
    # 0 is every district together: an example in two districts counts once there.
    distrikt = models.BigIntegerField(default=ALLE_DISTRIKTER)
    aar = models.SmallIntegerField("år")
    nokkel = models.CharField(max_length=20, blank=True, default="")
    antall = models.IntegerField(default=0)

    class Meta:
        verbose_name = "telling til oversikten"
        verbose_name_plural = "tellinger til oversikten"
        constraints = [
            models.UniqueConstraint(
                fields=["maal", "distrikt", "aar", "nokkel"],
                name="skattekiste_telling_unique_celle",
            ),
            models.CheckConstraint(
                condition=models.Q(antall__gte=0), name="skattekiste_telling_antall_positivt"
            ),
        ]

    def __str__(self):
        return f"{self.maal} {self.distrikt} {self.aar} {self.nokkel}: {self.antall}"

    def get_absolute_url(self):
        return reverse("oversikt:oversikt") + f"?aar={self.aar}"


FERSK_GRENSE_STANDARD = 3


class Innstilling(models.Model):
    """The team's settings for the overview: one row (pk 1), edited by Redaksjon in the admin."""

    fersk_grense_aar = models.PositiveSmallIntegerField(
        "grense for gammelt innhold (år)",
        default=FERSK_GRENSE_STANDARD,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Innsikt, kilder og eksempler fra før dette antall år regnes som gamle. "
        "Velg fra 1 til 20 år.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "innstilling for oversikten"
        verbose_name_plural = "innstillinger for oversikten"
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="skattekiste_innstilling_en_rad"),
            models.CheckConstraint(
                condition=models.Q(fersk_grense_aar__gte=1, fersk_grense_aar__lte=20),
                name="skattekiste_innstilling_grense_1_20",
                violation_error_message="Velg en grense fra 1 til 20 år.",
            ),
        ]

    def __str__(self):
        return f"Gammelt innhold: eldre enn {self.fersk_grense_aar} år"

    def save(self, *args, **kwargs):
        self.pk = 1  # there is only ever one row
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("oversikt:oversikt") + "#ferskhet"
