from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from skattekiste.felles import personvern
from skattekiste.felles.fields import PublicSlugField, search_vector_field
from skattekiste.felles.vokabular import Situasjon


class Rekkevidde(models.TextChoices):
    FAA = "faa", "Få"
    FLERE = "flere", "Flere"
    MANGE = "mange", "Mange"


class Forstaaelse(models.TextChoices):
    HVORFOR = "hvorfor", "Forstå «hvorfor»"
    HVA = "hva", "Forstå «hva»"


class Fase(models.TextChoices):
    """The report's good circle: listen, act, learn."""

    LYTTE = "lytte", "Lytte"
    HANDLE = "handle", "Handle"
    LAERE = "laere", "Lære"


class MetodeQuerySet(models.QuerySet):
    def with_cards(self):
        return self.prefetch_related("steg", "husk")


class MetodeManager(models.Manager.from_queryset(MetodeQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Metode(models.Model):
    nummer = models.PositiveSmallIntegerField("kortnummer", help_text="Kortets nummer, 1–9.")
    navn = models.CharField(max_length=120)
    slug = PublicSlugField(max_length=120)
    ingress = models.TextField("innledning", help_text="Teksten øverst på kortet.")
    eksempel = models.TextField("eksempel fra kortet", blank=True)
    eksempel_lenke = models.URLField("lenke til eksempelet", blank=True)
    rekkevidde = models.CharField(
        max_length=5,
        choices=Rekkevidde.choices,
        help_text="Hvor mange innbyggere metoden når: få, flere eller mange.",
    )
    forstaaelse = models.CharField(
        "hjelper oss å forstå",
        max_length=7,
        choices=Forstaaelse.choices,
        help_text="Få innbyggere gir ofte «hvorfor», mange gir «hva».",
    )
    situasjoner = ArrayField(
        models.CharField(max_length=1, choices=Situasjon.choices),
        verbose_name="situasjoner",
        help_text="Situasjonene metoden passer i: A, B og/eller C.",
    )
    faser = ArrayField(
        models.CharField(max_length=6, choices=Fase.choices),
        blank=True,
        default=list,
        help_text="Fasene i den gode sirkelen metoden brukes i.",
    )
    # Issue 16: what the report itself states; the rest is the team's classification.
    rekkevidde_fra_rapporten = models.BooleanField(
        "rekkevidden står i rapportens metodekart",
        default=True,
        help_text="Fjern krysset når rekkevidden er teamets klassifisering, ikke rapportens.",
    )
    faser_fra_rapporten = ArrayField(
        models.CharField(max_length=6, choices=Fase.choices),
        blank=True,
        default=list,
        verbose_name="faser rapporten gir",
        help_text="Fasene rapportens sirkel (eksempelet fra Tønsberg) gir kortet. "
        "Andre faser over er teamets klassifisering.",
    )
    oppdatert = models.DateTimeField("sist endret", auto_now=True)
    # The card's steps and «Husk!» have vectors of their own; the search joins them.
    search_vector = search_vector_field(a=["navn"], b=["ingress"], c=["eksempel"])

    # Optimistic locking (felles/versjon.py): a stale save is refused, never silently lost.
    versjon = models.PositiveIntegerField(default=1, editable=False)
    navn_bestemt = "metodekortet"

    objects = MetodeManager()
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        verbose_name = "metode"
        verbose_name_plural = "metoder"
        ordering = ["nummer"]
        constraints = [
            models.UniqueConstraint(fields=["nummer"], name="metoder_metode_unique_nummer"),
            models.UniqueConstraint(fields=["slug"], name="metoder_metode_unique_slug"),
            personvern.slug_constraint(name="metoder_metode_slug_no_long_number"),
            models.CheckConstraint(
                condition=models.Q(nummer__gte=1, nummer__lte=9), name="metoder_metode_nummer_range"
            ),
            models.CheckConstraint(
                condition=models.Q(rekkevidde__in=["faa", "flere", "mange"]),
                name="metoder_metode_rekkevidde_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(forstaaelse__in=["hvorfor", "hva"]),
                name="metoder_metode_forstaaelse_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(situasjoner__len__gte=1)
                & models.Q(situasjoner__contained_by=["A", "B", "C"]),
                name="metoder_metode_situasjoner_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(faser__contained_by=["lytte", "handle", "laere"]),
                name="metoder_metode_faser_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(faser__contains=models.F("faser_fra_rapporten")),
                name="metoder_metode_faser_fra_rapporten_valid",
            ),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="metoder_metode_sok")]

    def __str__(self):
        return f"{self.nummer}. {self.navn}"

    def get_absolute_url(self):
        return reverse("metoder:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def get_situasjoner_display(self):
        labels = dict(Situasjon.choices)
        return [labels[s] for s in self.situasjoner if s in labels]

    def get_faser_display(self):
        labels = dict(Fase.choices)
        return [labels[f] for f in self.faser if f in labels]

    @property
    def faser_fra_teamet(self):
        """The phases the team gave the card beyond what the report states."""
        labels = dict(Fase.choices)
        return [labels[f] for f in self.faser if f not in self.faser_fra_rapporten]


class KortpunktManager(models.Manager):
    def get_by_natural_key(self, metode_slug, rekkefolge):
        return self.get(metode__slug=metode_slug, rekkefolge=rekkefolge)


class Kortpunkt(models.Model):
    """An ordered line on a card: a step or a «Husk!» tip."""

    metode = models.ForeignKey(Metode, on_delete=models.CASCADE)
    rekkefolge = models.PositiveSmallIntegerField("rekkefølge")
    tekst = models.TextField()
    search_vector = search_vector_field(c=["tekst"])

    objects = KortpunktManager()

    class Meta:
        abstract = True
        ordering = ["metode__nummer", "rekkefolge"]

    def __str__(self):
        return f"{self.rekkefolge}. {self.tekst[:60]}"

    def natural_key(self):
        return (self.metode.slug, self.rekkefolge)

    natural_key.dependencies = ["metoder.metode"]


class Steg(Kortpunkt):
    metode = models.ForeignKey(Metode, on_delete=models.CASCADE, related_name="steg")
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta(Kortpunkt.Meta):
        verbose_name = "steg"
        verbose_name_plural = "steg («Slik gjør du det»)"
        constraints = [
            models.UniqueConstraint(
                fields=["metode", "rekkefolge"], name="metoder_steg_unique_rekkefolge"
            ),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="metoder_steg_sok")]


class Husk(Kortpunkt):
    metode = models.ForeignKey(Metode, on_delete=models.CASCADE, related_name="husk")
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta(Kortpunkt.Meta):
        verbose_name = "husk-punkt"
        verbose_name_plural = "husk-punkter («Husk!»)"
        constraints = [
            models.UniqueConstraint(
                fields=["metode", "rekkefolge"], name="metoder_husk_unique_rekkefolge"
            ),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="metoder_husk_sok")]
