from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Now
from django.urls import reverse
from simple_history.models import HistoricalRecords

from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles import personvern
from skattekiste.felles.fields import PublicSlugField, search_vector_field
from skattekiste.felles.vokabular import Innbyggergruppe
from skattekiste.veiledning.tekst import TEKST_HJELP, blocks


class VeiledningManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Veiledning(models.Model):
    """One page of guidance: a topic of the report, in the report's words."""

    nummer = models.PositiveSmallIntegerField(
        "rekkefølge", help_text="Sidens plass i oversikten over veiledningen."
    )
    tittel = models.CharField(max_length=160)
    slug = PublicSlugField(max_length=120)
    ingress = models.TextField("kort fortalt", help_text="Et par setninger fra rapporten.")
    tekst = models.TextField(help_text=TEKST_HJELP)
    metoder = models.ManyToManyField(
        Metode, blank=True, related_name="veiledninger", verbose_name="metodekort"
    )
    eksempler = models.ManyToManyField(Eksempel, blank=True, related_name="veiledninger")
    grupper = models.ManyToManyField(
        Innbyggergruppe, blank=True, related_name="veiledninger", verbose_name="innbyggergrupper"
    )
    # db_default: loaddata saves raw rows, and auto_now does not fill those in.
    oppdatert = models.DateTimeField("sist endret", auto_now=True, db_default=Now())
    search_vector = search_vector_field(a=["tittel"], b=["ingress"], c=["tekst"])
    # Optimistic locking (felles/versjon.py): a stale save is refused, never silently lost.
    versjon = models.PositiveIntegerField(default=1, editable=False)
    navn_bestemt = "veiledningssiden"

    objects = VeiledningManager()
    history = HistoricalRecords(
        m2m_fields=["metoder", "eksempler", "grupper"], excluded_fields=["search_vector"]
    )

    class Meta:
        verbose_name = "veiledningsside"
        verbose_name_plural = "veiledningssider"
        ordering = ["nummer", "tittel"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="skattekiste_veiledning_unique_slug"),
            personvern.slug_constraint(name="skattekiste_veiledning_slug_no_long_number"),
        ]
        indexes = [
            models.Index(fields=["nummer", "tittel"], name="skattekiste_veiledning_orden"),
            GinIndex(fields=["search_vector"], name="skattekiste_veiledning_sok"),
        ]

    def __str__(self):
        return self.tittel

    def get_absolute_url(self):
        return reverse("veiledning:side", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = [
        "metoder.metode",
        "skattekiste.eksempel",
        "skattekiste.innbyggergruppe",
    ]

    def blocks(self):
        return blocks(self.tekst)
