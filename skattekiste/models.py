import functools
import operator

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models.functions import Lower, Reverse
from django.urls import reverse
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from skattekiste.felles import personvern
from skattekiste.felles.fields import PublicSlugField
from skattekiste.felles.text import slugify_norwegian


class Situasjon(models.TextChoices):
    """The report's three situations for involving citizens."""

    OPPGAVELOSNING = "A", "A – Oppgaveløsning"
    UTVIKLING = "B", "B – Utvikling"
    STYRING = "C", "C – Styring"


SITUASJON_FORKLARING = {
    "A": "Det daglige arbeidet: forebygging, etterforskning, saksbehandling.",
    "B": "Når vi forbedrer tjenestene og utvikler nye løsninger.",
    "C": "Når vi lager planer, prioriterer og tar beslutninger.",
}


# PostgreSQL's Norwegian stemming; the search (skattekiste/search.py) queries with the same.
SEARCH_CONFIG = "norwegian"


def search_vector_field(*, a=(), b=(), c=()):
    """A stored tsvector of the row's own text, weighted title A > ingress B > body C.

    A generated column: PostgreSQL recomputes it on every write path (forms, admin,
    QuerySet.update, bulk_create, raw loaddata), so it can never go stale. Text from
    related rows (themes, groups) cannot live here; the search expands the query instead.
    """
    parts = [
        SearchVector(*fields, weight=weight, config=SEARCH_CONFIG)
        for weight, fields in (("A", a), ("B", b), ("C", c))
        if fields
    ]
    return models.GeneratedField(
        expression=functools.reduce(operator.add, parts),
        output_field=SearchVectorField(),
        db_persist=True,
        serialize=False,
        verbose_name="søkeindeks",
    )


class SlugNaturalKeyManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Distrikt(models.Model):
    class Type(models.TextChoices):
        POLITIDISTRIKT = "politidistrikt", "Politidistrikt"
        SAERORGAN = "saerorgan", "Særorgan og nasjonal enhet"

    navn = models.CharField(max_length=100)
    slug = PublicSlugField(max_length=100)
    kortnavn = models.CharField(max_length=30, blank=True)
    type = models.CharField(max_length=20, choices=Type.choices, default=Type.POLITIDISTRIKT)

    objects = SlugNaturalKeyManager()

    class Meta:
        verbose_name = "distrikt"
        verbose_name_plural = "distrikter"
        ordering = ["navn"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="skattekiste_distrikt_unique_slug"),
            personvern.slug_constraint(name="skattekiste_distrikt_slug_no_long_number"),
            models.UniqueConstraint(fields=["navn"], name="skattekiste_distrikt_unique_navn"),
            models.CheckConstraint(
                condition=models.Q(type__in=["politidistrikt", "saerorgan"]),
                name="skattekiste_distrikt_type_valid",
            ),
        ]

    def __str__(self):
        return self.navn

    def natural_key(self):
        return (self.slug,)


class Innbyggergruppe(models.Model):
    navn = models.CharField(max_length=100)
    slug = PublicSlugField(max_length=100)
    synonymer = ArrayField(
        models.CharField(max_length=60),
        blank=True,
        default=list,
        help_text="Andre ord folk bruker om gruppen, skilt med komma.",
    )
    beskrivelse = models.TextField("kort beskrivelse", blank=True)
    # Synonyms are matched at query time (search.py), where they also expand the query.
    search_vector = search_vector_field(a=["navn"], c=["beskrivelse"])

    objects = SlugNaturalKeyManager()

    class Meta:
        verbose_name = "innbyggergruppe"
        verbose_name_plural = "innbyggergrupper"
        ordering = ["navn"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], name="skattekiste_innbyggergruppe_unique_slug"
            ),
            models.UniqueConstraint(
                fields=["navn"], name="skattekiste_innbyggergruppe_unique_navn"
            ),
            personvern.slug_constraint(name="skattekiste_innbyggergruppe_slug_no_long_number"),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="skattekiste_gruppe_sok")]

    def __str__(self):
        return self.navn

    def get_absolute_url(self):
        return reverse("innsikt:gruppe", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class Tema(TagBase):
    """A theme (django-taggit tag) shared by examples and insights."""

    natural_key_fields = ["slug"]

    class Meta:
        verbose_name = "tema"
        verbose_name_plural = "temaer"
        ordering = ["name"]
        constraints = [personvern.slug_constraint(name="skattekiste_tema_slug_no_long_number")]

    def slugify(self, tag, i=None):
        slug = slugify_norwegian(tag) or "tema"
        return slug if i is None else f"{slug}_{i}"

    def get_absolute_url(self):
        return reverse("eksempler:list") + f"?tema={self.slug}"


class EksempelQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Eksempel.Status.PUBLISERT)

    def for_listing(self):
        return self.prefetch_related("distrikter", "tema")

    def newest_first(self):
        return self.order_by("-aar", "-publisert", "-id")

    def related_to(self, eksempel, limit=4):
        """Other examples sharing a theme or a citizen group."""
        tema_ids = [t.pk for t in eksempel.tema.all()]
        gruppe_ids = [g.pk for g in eksempel.grupper.all()]
        return (
            self.exclude(pk=eksempel.pk)
            .filter(models.Q(tema__in=tema_ids) | models.Q(grupper__in=gruppe_ids))
            .distinct()
            .prefetch_related("distrikter", "tema")
            .newest_first()[:limit]
        )

    def situation_counts(self) -> dict:
        """{"total": n, "A": n, "B": n, "C": n} in one query."""
        return self.aggregate(
            total=models.Count("pk"),
            **{
                s.value: models.Count("pk", filter=models.Q(situasjoner__contains=[s.value]))
                for s in Situasjon
            },
        )

    def popular_themes(self, limit=12):
        return (
            Tema.objects.filter(eksempel_items__content_object__in=self.values("pk"))
            .annotate(antall=models.Count("eksempel_items", distinct=True))
            .order_by("-antall", "name")[:limit]
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

    def free_slug(self, title: str, *, exclude_pk=None) -> str:
        """A slug from the title that no other example has: «tittel», «tittel-2», …"""
        base = slugify_norwegian(title)[:200].strip("-") or "eksempel"
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

    tittel = models.CharField(max_length=200)
    slug = PublicSlugField(max_length=220)
    ingress = models.TextField(max_length=600, help_text="Et par setninger om hva som ble gjort.")
    beskrivelse = models.TextField(blank=True)
    sted = models.CharField(
        max_length=120, blank=True, help_text="For eksempel Fagernes eller Voss."
    )
    distrikter = models.ManyToManyField(Distrikt, related_name="eksempler")
    aar = models.PositiveSmallIntegerField("år")
    situasjoner = ArrayField(
        models.CharField(max_length=1, choices=Situasjon.choices),
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
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UTKAST)
    publisert = models.DateTimeField(null=True, blank=True)
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
    # Optimistic locking: a save with an older version is refused, not silently lost.
    versjon = models.PositiveIntegerField(default=1, editable=False)
    # Idempotency key from the sharing form: a double-click never makes two examples.
    innsending_id = models.UUIDField(null=True, blank=True, editable=False)
    opprettet = models.DateTimeField(auto_now_add=True)
    oppdatert = models.DateTimeField(auto_now=True)
    opprettet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    oppdatert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Contact details are left out on purpose: search finds what was done, not people.
    search_vector = search_vector_field(
        a=["tittel"],
        b=["ingress", "sted"],
        c=["beskrivelse", "hva_fungerte", "hva_fungerte_ikke", "laering", "kilder"],
    )
    # The title alone, so the search can take title hits first without ranking every match.
    search_title = search_vector_field(a=["tittel"])

    objects = EksempelManager()
    history = HistoricalRecords(
        m2m_fields=["distrikter", "grupper", "metoder"],
        excluded_fields=["search_vector", "search_title"],
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
            models.Index(fields=["status", "-aar"], name="skattekiste_eks_status_aar"),
            # Facet counts read only (status, id, aar, situasjoner) of every published example:
            # an index-only scan of this instead of the wide table (24 ms → 2 ms at 20 000).
            models.Index(
                fields=["status", "id"],
                include=["aar", "situasjoner"],
                name="skattekiste_eks_status_id",
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

    def get_situasjoner_display(self):
        labels = dict(Situasjon.choices)
        return [labels[s] for s in self.situasjoner if s in labels]

    @property
    def kilde_linjer(self):
        return [line.strip() for line in self.kilder.splitlines() if line.strip()]


class TemaKoblingManager(models.Manager):
    def get_by_natural_key(self, owner_slug, tema_slug):
        return self.get(content_object__slug=owner_slug, tag__slug=tema_slug)


class TemaKobling(TaggedItemBase):
    """A theme on something with a slug; fixtures name it by (owner slug, theme slug)."""

    objects = TemaKoblingManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (self.content_object.slug, self.tag.slug)


class EksempelTema(TemaKobling):
    content_object = models.ForeignKey(Eksempel, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tema, on_delete=models.CASCADE, related_name="eksempel_items")

    # Themes are taggit links, not an M2M field simple_history can follow; keeping history
    # on the link rows records who added or removed a theme, and lets a revert find them.
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tema på eksempel"
        verbose_name_plural = "temaer på eksempler"
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="skattekiste_eksempeltema_unique_pair"
            ),
        ]

    def natural_key(self):
        return super().natural_key()

    natural_key.dependencies = ["skattekiste.eksempel", "skattekiste.tema"]


class SynonymManager(models.Manager):
    def get_by_natural_key(self, ord):
        return self.get(ord=ord)


class Synonym(models.Model):
    """Words that mean the same to someone searching; the team keeps the list in the admin."""

    ord = models.CharField(max_length=60, help_text="Et ord eller uttrykk, for eksempel «svindel».")
    synonymer = ArrayField(
        models.CharField(max_length=60),
        help_text="Ord som betyr det samme, skilt med komma. Et søk på ett av ordene finner alle.",
    )

    objects = SynonymManager()

    class Meta:
        verbose_name = "synonym i søket"
        verbose_name_plural = "synonymer i søket"
        ordering = ["ord"]
        constraints = [
            models.UniqueConstraint(Lower("ord"), name="skattekiste_synonym_unique_ord"),
        ]

    def __str__(self):
        return self.ord

    def natural_key(self):
        return (self.ord,)


class SearchWord(models.Model):
    """A word in the published content, with its stem and how many texts use it.

    Rebuilt from the content by `search.refresh_lexicon()`; the search uses it to split
    compounds, to fix inflections the stemmer gets wrong and to suggest «Mente du …?».
    Only published text goes in, so a suggestion never reveals a draft.
    """

    # "C" collation: byte order, so prefix ranges and LIKE 'x%' can use the indexes.
    word = models.CharField(max_length=60, db_collation="C")
    stem = models.CharField(max_length=60, db_collation="C")
    ndoc = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["word"], name="skattekiste_searchword_unique_word"),
        ]
        indexes = [
            models.Index(fields=["stem"], name="skattekiste_searchword_stem"),
            # Compounds that end with a word: nettpatrulje for «patrulje».
            models.Index(Reverse("stem"), name="skattekiste_searchword_rstem"),
        ]

    def __str__(self):
        return self.word
