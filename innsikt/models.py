from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils.formats import number_format
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from innsikt.behov import Behov
from innsikt.datoer import Datopresisjon, vis_dato
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles import personvern
from skattekiste.felles.fields import PublicSlugField, search_vector_field
from skattekiste.felles.vokabular import (
    Distrikt,
    Innbyggergruppe,
    SlugNaturalKeyManager,
    Tema,
    TemaKobling,
)


class AntallBetyr(models.TextChoices):
    SVAR = "svar", "svar"
    DELTAKERE = "deltakere", "deltakere"
    NAADDE = "naadde", "personer nådd"


class Kilde(models.Model):
    """Where knowledge comes from: a survey, a conversation, a meeting, data …"""

    class Type(models.TextChoices):
        SPORREUNDERSOKELSE = "sporreundersokelse", "Spørreundersøkelse"
        INTERVJU = "intervju", "Intervju eller samtale"
        DIALOGMOTE = "dialogmote", "Dialogmøte"
        OBSERVASJON = "observasjon", "Observasjon eller brukertest"
        INNBYGGERPANEL = "innbyggerpanel", "Innbyggerpanel"
        STATISTIKK = "statistikk", "Statistikk eller bruksdata"
        FORSKNING = "forskning", "Forskning"
        KLAGESAKER = "klagesaker", "Klagesaker"
        ANNET = "annet", "Annet"

    tittel = models.CharField(max_length=200)
    slug = PublicSlugField(max_length=220)
    type = models.CharField("type kilde", max_length=20, choices=Type.choices)
    beskrivelse = models.TextField(blank=True)
    eier = models.CharField("eier eller enhet", max_length=160, blank=True)
    distrikter = models.ManyToManyField(Distrikt, blank=True, related_name="kilder")
    periode = models.CharField(max_length=60, blank=True, help_text="For eksempel «juni 2022».")
    aar = models.PositiveSmallIntegerField("år", null=True, blank=True)
    antall = models.PositiveIntegerField(
        "antall", null=True, blank=True, help_text="Hvis det er kjent. Si under hva tallet teller."
    )
    # Issue 16: «nådde 76 000» is not «76 000 svar»; the number says what the source says.
    antall_betyr = models.CharField(
        "tallet teller",
        max_length=10,
        choices=AntallBetyr.choices,
        blank=True,
        default="",
        db_default="",
    )
    antall_mer_enn = models.BooleanField(
        "mer enn", default=False, db_default=False, help_text="Når kilden sier «mer enn» tallet."
    )
    lenke = models.URLField(max_length=500, blank=True)
    metode = models.ForeignKey(
        "metoder.Metode",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kilder",
        verbose_name="metodekort",
        help_text="Kortet som beskriver hvordan kilden ble til, hvis det finnes.",
    )
    oppdatert = models.DateTimeField("sist endret", auto_now=True)
    search_vector = search_vector_field(a=["tittel"], b=["eier"], c=["beskrivelse"])

    # Optimistic locking (felles/versjon.py): a stale save is refused, never silently lost.
    versjon = models.PositiveIntegerField(default=1, editable=False)
    navn_bestemt = "kilden"

    objects = SlugNaturalKeyManager()
    history = HistoricalRecords(m2m_fields=["distrikter"], excluded_fields=["search_vector"])

    class Meta:
        verbose_name = "kilde"
        verbose_name_plural = "kilder"
        ordering = ["-aar", "tittel"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="innsikt_kilde_unique_slug"),
            personvern.slug_constraint(name="innsikt_kilde_slug_no_long_number"),
            models.CheckConstraint(
                condition=models.Q(
                    type__in=[
                        "sporreundersokelse",
                        "intervju",
                        "dialogmote",
                        "observasjon",
                        "innbyggerpanel",
                        "statistikk",
                        "forskning",
                        "klagesaker",
                        "annet",
                    ]
                ),
                name="innsikt_kilde_type_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(aar__isnull=True) | models.Q(aar__gte=1990, aar__lte=2100),
                name="innsikt_kilde_aar_range",
            ),
            models.CheckConstraint(
                condition=models.Q(antall_betyr__in=["", "svar", "deltakere", "naadde"])
                & (
                    models.Q(antall__isnull=False) | models.Q(antall_betyr="", antall_mer_enn=False)
                ),
                name="innsikt_kilde_antall_betyr_valid",
            ),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="innsikt_kilde_sok")]

    def __str__(self):
        return self.tittel

    def get_absolute_url(self):
        return reverse("innsikt:list") + f"?kilde={self.slug}"

    def natural_key(self):
        return (self.slug,)

    def antall_tekst(self) -> str:
        """The number as the source gives it: «mer enn 10 000 svar», «nådde 76 000 personer»."""
        if self.antall is None:
            return ""
        tall = number_format(self.antall, force_grouping=True)
        mer_enn = "mer enn " if self.antall_mer_enn else ""
        if self.antall_betyr == AntallBetyr.NAADDE:
            return f"nådde {mer_enn}{tall} personer"
        hva = AntallBetyr(self.antall_betyr).label if self.antall_betyr else "svar eller deltakere"
        return f"{mer_enn}{tall} {hva}"


# What a card shows of a source: enough to word its number (Kilde.antall_tekst).
KORT_KILDE = ("tittel", "antall", "antall_betyr", "antall_mer_enn")


class InnsiktQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def published(self):
        return self.filter(status=Innsikt.Status.PUBLISERT)

    def for_listing(self):
        """The card shows the sources only, read with the row as JSON (a prefetch built a
        queryset per insight, which cost more than the SQL); the long texts stay behind."""
        kilder = Kilde.objects.filter(innsikter=models.OuterRef("pk")).order_by("-aar", "tittel")
        return self.defer("forklaring", "search_vector", "search_title").annotate(
            kort_kilder=ArraySubquery(kilder.values(json=JSONObject(**{f: f for f in KORT_KILDE})))
        )

    def with_small_lists(self):
        """Groups, needs, districts and themes as JSON arrays on the row itself: four short
        subqueries instead of four prefetches, as the page shows only names and addresses."""

        def names(queryset, order, **fields):
            return ArraySubquery(queryset.order_by(order).values(json=JSONObject(**fields)))

        pk = models.OuterRef("pk")
        return self.annotate(
            grupper_liste=names(
                Innbyggergruppe.objects.filter(innsikter=pk), "navn", navn="navn", slug="slug"
            ),
            behov_liste=names(Behov.objects.filter(innsikter=pk), "rekkefolge", tekst="tekst"),
            distrikter_liste=names(
                Distrikt.objects.filter(innsikter=pk), "navn", navn="navn", slug="slug"
            ),
            tema_liste=names(
                Tema.objects.filter(innsikt_items__content_object=pk), "name", navn="name"
            ),
        )


class Innsikt(models.Model):
    """One finding about citizens, stated plainly, with its evidence and sources."""

    class Styrke(models.IntegerChoices):
        ENKELTHISTORIE = 1, "Enkelthistorie – må ses sammen med annen innsikt"
        NOEN_STEMMER = 2, "Noen stemmer – samtaler, møter eller observasjon"
        BREDT_GRUNNLAG = 3, "Bredt grunnlag – mange svar eller data"

    class Status(models.TextChoices):
        UTKAST = "utkast", "Utkast"
        PUBLISERT = "publisert", "Publisert"

    # What the editors decide: history's revert and restore never change these.
    WORKFLOW_FIELDS = ("status", "personvern_bekreftet")

    tittel = models.CharField("funn", max_length=240, help_text="Funnet sagt enkelt, i én setning.")
    slug = PublicSlugField(max_length=240, db_index=False)  # the unique constraint indexes it
    forklaring = models.TextField("forklaring og grunnlag")
    kilder = models.ManyToManyField(Kilde, related_name="innsikter")
    grupper = models.ManyToManyField(
        Innbyggergruppe, blank=True, related_name="innsikter", verbose_name="innbyggergrupper"
    )
    behov = models.ManyToManyField(Behov, blank=True, related_name="innsikter")
    tema = TaggableManager(
        through="innsikt.InnsiktTema",
        blank=True,
        verbose_name="temaer",
        help_text="Skill med komma.",
    )
    distrikter = models.ManyToManyField(Distrikt, blank=True, related_name="innsikter")
    dato = models.DateField(
        help_text="Når innsikten ble samlet eller publisert. Vet du bare året, skriv 1.1. det året."
    )
    # Issue 16: the report gives years only; a made-up day is never shown as a fact.
    dato_presisjon = models.CharField(
        "hva vi vet om datoen",
        max_length=3,
        choices=Datopresisjon.choices,
        default=Datopresisjon.DAG,
        db_default=Datopresisjon.DAG,
        help_text="Velg «Bare året» når kilden bare sier året. Da viser vi bare året.",
    )
    styrke = models.PositiveSmallIntegerField(
        "hvor solid", choices=Styrke.choices, default=Styrke.NOEN_STEMMER
    )
    fra_gruppen_selv = models.BooleanField(
        "fra gruppens egen stemme",
        default=False,
        help_text="Kryss av når innsikten kommer direkte fra innbyggerne i gruppen.",
    )
    eksempler = models.ManyToManyField(Eksempel, blank=True, related_name="innsikter")
    personvern_bekreftet = models.BooleanField(
        "personvern sjekket",
        default=False,
        help_text="Redaksjonen har sett advarslene om mulige personopplysninger og bekreftet.",
    )
    # A new insight is a draft until an editor publishes it, also when written in SQL.
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.UTKAST,
        db_default=Status.UTKAST,
        help_text="Et utkast ser bare redaksjonen. Velg «Publisert» når innsikten er klar.",
    )
    opprettet = models.DateTimeField("dato opprettet", auto_now_add=True)
    # When it last became published, what Påfyll calls new: set by a trigger (migration 0022).
    publisert = models.DateTimeField("publisert", null=True, blank=True, editable=False)
    oppdatert = models.DateTimeField("sist endret", auto_now=True)
    oppdatert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="sist endret av",
    )
    search_vector = search_vector_field(a=["tittel"], c=["forklaring"])
    # The finding alone, so the search can take title hits first without ranking every match.
    search_title = search_vector_field(a=["tittel"])

    # Optimistic locking (felles/versjon.py): a stale save is refused, never silently lost.
    versjon = models.PositiveIntegerField(default=1, editable=False)
    navn_bestemt = "innsikten"

    objects = InnsiktQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=["kilder", "grupper", "behov", "distrikter", "eksempler"],
        excluded_fields=["search_vector", "search_title", "publisert"],
    )

    class Meta:
        verbose_name = "innsikt"
        verbose_name_plural = "innsikter"
        ordering = ["-dato", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="innsikt_innsikt_unique_slug"),
            personvern.slug_constraint(name="innsikt_innsikt_slug_no_long_number"),
            models.CheckConstraint(
                condition=models.Q(styrke__in=[1, 2, 3]), name="innsikt_innsikt_styrke_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["utkast", "publisert"]),
                name="innsikt_innsikt_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(tittel="") & ~models.Q(slug=""),
                name="innsikt_innsikt_tittel_not_empty",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="publisert") | models.Q(publisert__isnull=False),
                name="innsikt_innsikt_publisert_har_tid",
            ),
            # A year-only date is stored as 1 January, so no day is invented.
            models.CheckConstraint(
                condition=models.Q(dato_presisjon="dag")
                | models.Q(dato_presisjon="aar", dato__month=1, dato__day=1),
                name="innsikt_innsikt_dato_presisjon_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-dato"], name="innsikt_innsikt_status_dato"),
            models.Index(fields=["-oppdatert"], name="innsikt_innsikt_oppdatert"),
            models.Index(
                fields=["-publisert", "-id"],
                name="innsikt_innsikt_nyeste",
                condition=models.Q(status="publisert"),
            ),
            # Capped counts per group check each linked insight is published: one index
            # probe each, instead of a merge join over every insight's row.
            models.Index(
                fields=["id"],
                name="innsikt_innsikt_publisert",
                condition=models.Q(status="publisert"),
            ),
            # Partial: drafts are never in the index the search uses.
            GinIndex(
                fields=["search_vector"],
                name="innsikt_innsikt_sok",
                condition=models.Q(status="publisert"),
            ),
            GinIndex(
                fields=["search_title"],
                name="innsikt_innsikt_sok_tittel",
                condition=models.Q(status="publisert"),
            ),
        ]

    def __str__(self):
        return self.tittel

    def get_absolute_url(self):
        return reverse("innsikt:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.dato and self.dato_presisjon == Datopresisjon.AAR:
            self.dato = self.dato.replace(month=1, day=1)

    @property
    def dato_tekst(self):
        """«30. juni 2022», or «2022» when only the year is known."""
        return vis_dato(self.dato, self.dato_presisjon, "j. F Y")

    @property
    def dato_kort(self):
        """«juni 2022» on a card, or «2022» when only the year is known."""
        return vis_dato(self.dato, self.dato_presisjon, "F Y")

    @property
    def card_sources(self):
        """A card's sources: unsaved Kilde objects from for_listing()'s row, else the manager."""
        kort = getattr(self, "kort_kilder", None)
        return self.kilder.all() if kort is None else [Kilde(**kilde) for kilde in kort]

    @property
    def styrke_klarsprak(self):
        """How solid the finding is, in words a reader needs no key for."""
        return STYRKE_KLARSPRAK[self.styrke]

    def natural_key(self):
        return (self.slug,)


# The editors keep their terms («Noen stemmer», «Bredt grunnlag»); readers get these.
STYRKE_KLARSPRAK = {
    Innsikt.Styrke.BREDT_GRUNNLAG: "Godt underbygd: mange svar eller data",
    Innsikt.Styrke.NOEN_STEMMER: "Noe underbygd: noen samtaler, møter eller observasjoner",
    Innsikt.Styrke.ENKELTHISTORIE: "Én enkelt historie: må ses sammen med annen innsikt",
}


class InnsiktTema(TemaKobling):
    content_object = models.ForeignKey(Innsikt, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tema, on_delete=models.CASCADE, related_name="innsikt_items")

    # See EksempelTema: history on the link rows keeps theme changes.
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tema på innsikt"
        verbose_name_plural = "temaer på innsikter"
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="innsikt_innsikttema_unique_pair"
            ),
        ]

    def natural_key(self):
        return super().natural_key()

    natural_key.dependencies = ["innsikt.innsikt", "skattekiste.tema"]


# Tables the database keeps up to date for the group pages (triggers, migrations 0010, 0012).
from innsikt.tall import Gruppefunn, Gruppekilde, Gruppetall  # noqa: E402, F401
