"""The shared vocabulary every app may use: situations, districts, citizen groups, themes."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.urls import reverse
from taggit.models import TagBase, TaggedItemBase

from skattekiste.felles import personvern
from skattekiste.felles.fields import PublicSlugField, search_vector_field
from skattekiste.felles.text import slugify_norwegian


class Situasjon(models.TextChoices):
    """The report's three situations for involving citizens."""

    OPPGAVELOSNING = "A", "A – Oppgaveløsning"
    UTVIKLING = "B", "B – Utvikling"
    STYRING = "C", "C – Styring"


class Klassifisering(models.TextChoices):
    """Who placed an example in its situations and method cards (issue 16)."""

    RAPPORTEN = "rapporten", "Rapporten sier det"
    TEAMET = "teamet", "Teamets klassifisering, ikke rapportens"
    INNSENDER = "innsender", "Den som delte eksempelet"


SITUASJON_FORKLARING = {
    "A": "Det daglige arbeidet: forebygging, etterforskning, saksbehandling.",
    "B": "Når vi forbedrer tjenestene og utvikler nye løsninger.",
    "C": "Når vi lager planer, prioriterer og tar beslutninger.",
}


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
    # Synonyms are matched at query time (sok/query.py), where they also expand the query.
    search_vector = search_vector_field(a=["navn"], c=["beskrivelse"])

    # Optimistic locking (felles/versjon.py): a stale save is refused, never silently lost.
    versjon = models.PositiveIntegerField(default=1, editable=False)
    navn_bestemt = "gruppen"

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
