"""The skattekiste's examples: Eksempel, its queries and its themes."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import connections, models
from django.db.models.expressions import RawSQL
from django.db.models.functions import JSONObject, Trim
from django.urls import reverse
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from skattekiste.felles import personvern
from skattekiste.felles.fasettabell import EKSEMPLER
from skattekiste.felles.fields import PublicSlugField, search_vector_field
from skattekiste.felles.text import slugify_norwegian
from skattekiste.felles.vokabular import (
    Distrikt,
    Innbyggergruppe,
    Klassifisering,
    Situasjon,
)

# What a card does not show: most of what a list page fetched and turned into Python.
CARD_LEAVES_OUT = ["beskrivelse", "hva_fungerte", "hva_fungerte_ikke", "laering", "kilder"]
CARD_LEAVES_OUT += ["melding_fra_redaksjonen", "search_vector", "search_title"]
# «Lignende eksempler» (related_to); table names come from code, values are parameters.
_KEYS = f"""ARRAY(SELECT k FROM {EKSEMPLER} o, unnest(o.verdier) k
    WHERE o.id = %s AND split_part(k, ':', 1) IN ('tema', 'gruppe'))"""  # noqa: S608
_RELATED_SQL = f"""SELECT f.id FROM {EKSEMPLER} f
    WHERE f.publisert AND f.id <> %s AND cardinality({_KEYS}) > 0 AND f.verdier && {_KEYS}
    ORDER BY f.aar DESC, f.dato DESC, f.id DESC LIMIT %s"""  # noqa: S608


class EksempelQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Eksempel.Status.PUBLISERT)

    def for_listing(self):
        """What a card shows, in one query: the districts and themes as JSON arrays on the
        row (two prefetches built a queryset per example, which cost more than the SQL)."""
        pk = models.OuterRef("pk")
        return self.defer(*CARD_LEAVES_OUT).annotate(
            kort_distrikter=ArraySubquery(
                Distrikt.objects.filter(eksempler=pk)
                .order_by("navn")
                .values(json=JSONObject(navn="navn", kortnavn="kortnavn", slug="slug"))
            ),
            kort_tema=ArraySubquery(
                EksempelTema.objects.filter(content_object=pk)
                .order_by("tag__name")
                .values(json=JSONObject(name="tag__name"))
            ),
        )

    def published_in(self, year: int, quarter: int | None = None, month: int | None = None):
        """Published in that year, quarter or month, Norwegian time, as the overview counts."""
        tz = ZoneInfo(settings.TIME_ZONE)
        first = month or (1 if quarter is None else 3 * quarter - 2)
        last = month or (12 if quarter is None else first + 2)
        start = datetime.datetime(year, first, 1, tzinfo=tz)
        end = datetime.datetime(year + last // 12, last % 12 + 1, 1, tzinfo=tz)
        return self.filter(publisert__gte=start, publisert__lt=end)

    def says_what_did_not_work(self):
        """«Hva fungerte ikke» holds more than blanks: the overview's indicator «examples
        that say what did not work» counts these (btrim in its trigger, TRIM here)."""
        return self.alias(_ikke_virket=Trim("hva_fungerte_ikke")).exclude(_ikke_virket="")

    def newest_first(self):
        return self.order_by("-aar", "-publisert", "-id")

    def related_to(self, eksempel, limit=4):
        """Other published examples sharing a theme or a citizen group, newest first.

        From the facet table: its newest-first index is walked, each row's keys tested
        against the example's own «tema:» and «gruppe:» keys, and PostgreSQL stops after
        `limit` rows (under 1 ms). EXISTS over the link tables was hashed over every example
        sharing a theme first (up to 11 000 rows, 10–30 ms at 20 000 examples).
        """
        ids = RawSQL(_RELATED_SQL, [eksempel.pk, eksempel.pk, eksempel.pk, limit])  # noqa: S611
        return self.filter(pk__in=ids).newest_first()

    def situation_counts(self) -> dict:
        """{"total": n, "A": n, "B": n, "C": n} in one query."""
        return self.aggregate(
            total=models.Count("pk"),
            **{
                s.value: models.Count("pk", filter=models.Q(situasjoner__contains=[s.value]))
                for s in Situasjon
            },
        )

    def submitted_by(self, user):
        """What this person shared through /bidra/, newest first."""
        return self.filter(opprettet_av=user).order_by("-opprettet", "-id")

    def awaiting_review(self):
        """The review queue: oldest submission first, so nobody waits longest."""
        return self.filter(status=Eksempel.Status.TIL_VURDERING).order_by("innsendt", "id")

    def returned(self):
        return self.filter(status=Eksempel.Status.RETURNERT).order_by("-oppdatert", "-id")

    def for_review(self):
        return self.select_related("opprettet_av").prefetch_related("distrikter")

    @staticmethod
    def slug_base(title: str) -> str:
        return slugify_norwegian(title)[:200].strip("-") or "eksempel"

    def lock_slug(self, title: str) -> None:
        """Until this transaction ends, others taking a slug from the same title wait.

        Without it, ten people sharing one title at once each see the same free slug and
        all but one fail on the unique index, however often they retry.
        """
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))",
                [f"{Eksempel._meta.db_table}.slug:{self.slug_base(title)}"],
            )

    def free_slug(self, title: str, *, exclude_pk=None) -> str:
        """A slug from the title that no other example has: «tittel», «tittel-2», …"""
        base = self.slug_base(title)
        taken = set(
            self.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True)
        )
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug


class EksempelManager(models.Manager.from_queryset(EksempelQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Eksempel(models.Model):
    class Status(models.TextChoices):
        UTKAST = "utkast", "Utkast"
        TIL_VURDERING = "til_vurdering", "Til vurdering"
        RETURNERT = "returnert", "Sendt tilbake for endring"
        AVVIST = "avvist", "Avvist"
        PUBLISERT = "publisert", "Publisert"

    # What the review decides: history's revert and restore never change these.
    WORKFLOW_FIELDS = (
        "status",
        "publisert",
        "innsendt",
        "melding_fra_redaksjonen",
        "personvern_bekreftet",
        "innsending_id",
        "opprettet_av",
    )

    tittel = models.CharField(max_length=200)
    slug = PublicSlugField(max_length=220, db_index=False)  # indexed in Meta
    ingress = models.TextField(
        "kort fortalt",
        max_length=600,
        help_text="Et par setninger om hva som ble gjort. Vises i listene og øverst på siden.",
    )
    beskrivelse = models.TextField(blank=True, help_text="Hva dere gjorde, og hvordan det gikk.")
    sted = models.CharField(
        max_length=120, blank=True, help_text="For eksempel Fagernes eller Voss."
    )
    # Blank when the source names no district or unit: never a guess shown as fact.
    distrikter = models.ManyToManyField(Distrikt, related_name="eksempler", blank=True)
    aar = models.PositiveSmallIntegerField("år")
    situasjoner = ArrayField(
        models.CharField(max_length=1, choices=Situasjon.choices),
        verbose_name="situasjoner",
        help_text="A oppgaveløsning, B utvikling, C styring.",
    )
    tema = TaggableManager(
        through="skattekiste.EksempelTema",
        blank=True,
        verbose_name="temaer",
        help_text="Skill med komma.",
    )
    grupper = models.ManyToManyField(
        Innbyggergruppe, blank=True, related_name="eksempler", verbose_name="innbyggergrupper"
    )
    metoder = models.ManyToManyField(
        "metoder.Metode", blank=True, related_name="eksempler", verbose_name="metoder"
    )
    # Issue 16: the seed's situations and cards are the team's reading, not the report's.
    klassifisert_av = models.CharField(
        "situasjoner og metoder valgt av",
        max_length=9,
        choices=Klassifisering.choices,
        default=Klassifisering.INNSENDER,
        db_default=Klassifisering.INNSENDER,
    )
    hva_fungerte = models.TextField("hva fungerte", blank=True)
    hva_fungerte_ikke = models.TextField("hva fungerte ikke", blank=True)
    laering = models.TextField("hva vi lærte", blank=True)
    kontakt_navn = models.CharField("kontaktperson", max_length=120, blank=True)
    kontakt_rolle = models.CharField("rolle", max_length=120, blank=True)
    kontakt_enhet = models.CharField("enhet", max_length=120, blank=True)
    kontakt_epost = models.EmailField("e-post", blank=True)
    kontakt_telefon = models.CharField("telefon", max_length=30, blank=True)
    kilder = models.TextField(
        "kilder og lenker", blank=True, help_text="Én kilde eller lenke per linje."
    )
    # New content is a draft until the review publishes it, also when written in SQL.
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.UTKAST, db_default=Status.UTKAST
    )
    publisert = models.DateTimeField("publisert", null=True, blank=True)
    innsendt = models.DateTimeField("sendt til vurdering", null=True, blank=True)
    melding_fra_redaksjonen = models.TextField(
        "melding fra redaksjonen",
        blank=True,
        help_text="Vises for den som delte eksempelet når det sendes tilbake eller avvises.",
    )
    personvern_bekreftet = models.BooleanField(
        "personvern sjekket",
        default=False,
        help_text="Redaksjonen har sett advarslene om mulige personopplysninger og bekreftet.",
    )
    # Optimistic locking (skattekiste.felles.versjon): a save with an older version is
    # refused, not silently lost. The message names the example «eksempelet».
    versjon = models.PositiveIntegerField(default=1, editable=False)
    navn_bestemt = "eksempelet"
    # Idempotency key from the sharing form: a double-click never makes two examples.
    innsending_id = models.UUIDField(null=True, blank=True, editable=False)
    opprettet = models.DateTimeField("dato opprettet", auto_now_add=True)
    oppdatert = models.DateTimeField("sist endret", auto_now=True)
    opprettet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="opprettet av",
    )
    oppdatert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="sist endret av",
    )
    # The names of the example's themes, groups, districts and methods, so the search finds
    # it by its tags. Kept by PostgreSQL triggers (migration 0013): any value written here
    # is replaced, and a rename or a new link anywhere updates it, whatever did the write.
    emneord = models.TextField("emneord", blank=True, default="", editable=False)
    # Contact details are left out on purpose: search finds what was done, not people.
    search_vector = search_vector_field(
        a=["tittel"],
        b=["ingress", "sted", "emneord"],
        c=["beskrivelse", "hva_fungerte", "hva_fungerte_ikke", "laering", "kilder"],
    )
    # The title alone, so the search can take title hits first without ranking every match.
    search_title = search_vector_field(a=["tittel"])

    objects = EksempelManager()
    history = HistoricalRecords(
        m2m_fields=["distrikter", "grupper", "metoder"],
        excluded_fields=["search_vector", "search_title", "emneord"],
    )

    class Meta:
        verbose_name = "eksempel"
        verbose_name_plural = "eksempler"
        ordering = ["-aar", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="skattekiste_eksempel_unique_slug"),
            personvern.slug_constraint(name="skattekiste_eksempel_slug_no_long_number"),
            models.UniqueConstraint(
                fields=["innsending_id"], name="skattekiste_eksempel_unique_innsending"
            ),
            models.CheckConstraint(
                condition=models.Q(aar__gte=2000, aar__lte=2100),
                name="skattekiste_eksempel_aar_range",
            ),
            models.CheckConstraint(
                condition=models.Q(klassifisert_av__in=["rapporten", "teamet", "innsender"]),
                name="skattekiste_eksempel_klassifisert_av_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(situasjoner__len__gte=1)
                & models.Q(situasjoner__contained_by=["A", "B", "C"]),
                name="skattekiste_eksempel_situasjoner_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["utkast", "til_vurdering", "returnert", "avvist", "publisert"]
                ),
                name="skattekiste_eksempel_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(tittel="") & ~models.Q(slug=""),
                name="skattekiste_eksempel_tittel_not_empty",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="publisert") | models.Q(publisert__isnull=False),
                name="skattekiste_eksempel_published_has_date",
            ),
        ]
        indexes = [
            # The unique constraint indexes slug; free_slug's LIKE 'x%' needs this one.
            models.Index(
                fields=["slug"], opclasses=["varchar_pattern_ops"], name="skattekiste_eks_slug_like"
            ),
            # newest_first() in index order: «the newest 4 or 6 of a theme or method» reads
            # examples newest first and stops, instead of sorting a whole year.
            models.Index(
                fields=["status", "-aar", "-publisert", "-id"], name="skattekiste_eks_nyeste"
            ),
            # The home page's newest published examples.
            models.Index(
                fields=["-publisert", "-id"],
                condition=models.Q(status="publisert"),
                name="skattekiste_eks_publisert",
            ),
            # Facet counts read only (status, id, aar, situasjoner) of every published example,
            # so they can scan this narrow index alone instead of the wide table.
            models.Index(
                fields=["status", "id"],
                include=["aar", "situasjoner"],
                name="skattekiste_eks_status_id",
            ),
            # The people to talk to (/kom-i-gang/, /folk/): only published rows with a contact,
            # newest first, so finding them never reads the examples without one; with the
            # contact in it, /folk/'s filters read this index alone, not the wide table.
            models.Index(
                fields=["-aar", "-publisert", "-id"],
                include=["kontakt_epost", "kontakt_navn", "kontakt_enhet"],
                condition=models.Q(status="publisert") & ~models.Q(kontakt_navn=""),
                name="skattekiste_eks_kontakt_med",
            ),
            # Shared through /bidra/: the overview's median time to a decision reads these.
            models.Index(
                fields=["innsendt"],
                name="skattekiste_eks_innsendt",
                condition=models.Q(innsendt__isnull=False),
            ),
            # Partial: drafts are never in the index the search uses.
            GinIndex(
                fields=["search_vector"],
                name="skattekiste_eksempel_sok",
                condition=models.Q(status="publisert"),
            ),
            GinIndex(
                fields=["search_title"],
                name="skattekiste_eksempel_sok_tit",
                condition=models.Q(status="publisert"),
            ),
        ]

    def __str__(self):
        return self.tittel

    def get_absolute_url(self):
        return reverse("eksempler:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def card_districts(self):
        """A card's districts: read with the row by for_listing(), else the manager."""
        return self.kort_distrikter if hasattr(self, "kort_distrikter") else self.distrikter.all()

    @property
    def card_themes(self):
        return self.kort_tema if hasattr(self, "kort_tema") else self.tema.all()

    def get_situasjoner_display(self):
        labels = dict(Situasjon.choices)
        return [labels[s] for s in self.situasjoner if s in labels]

    @property
    def kilde_linjer(self):
        return [line.strip() for line in self.kilder.splitlines() if line.strip()]


# The theme links, in a module of their own so this one stays readable.
from skattekiste.eksempler.tema import EksempelTema  # noqa: E402, F401
