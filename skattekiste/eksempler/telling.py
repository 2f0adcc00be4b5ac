"""Counts of published examples, kept up to date by PostgreSQL on every write.

The home page and the method cards show how many published examples there are in all, per
situation, per theme and per method. Counting 20 000 examples and 40 000 theme links on
every request grows with the data; these rows are changed by triggers (migration
0013_eksempeltelling) whenever an example, a theme link or a method link changes, so admin
saves, bulk_create, loaddata, QuerySet.update and COPY all keep them right.
"""

from django.db import models
from django.urls import reverse

from skattekiste.felles.vokabular import Situasjon, Tema


class EksempelTellingQuerySet(models.QuerySet):
    def situation_counts(self) -> dict:
        """{"total": n, "A": n, "B": n, "C": n}, as EksempelQuerySet.situation_counts."""
        counts = dict.fromkeys(["total", *Situasjon.values], 0)
        rows = self.filter(art__in=[EksempelTelling.Art.ALLE, EksempelTelling.Art.SITUASJON])
        for art, situasjon, antall in rows.values_list("art", "situasjon", "antall"):
            counts["total" if art == EksempelTelling.Art.ALLE else situasjon] = antall
        return counts

    def popular_themes(self, limit=12) -> list:
        """The themes most published examples have, each with .antall."""
        rows = (
            self.filter(art=EksempelTelling.Art.TEMA, antall__gt=0)
            .select_related("tema")
            .order_by("-antall", "tema__name")[:limit]
        )
        themes = []
        for row in rows:
            row.tema.antall = row.antall
            themes.append(row.tema)
        return themes


class EksempelTelling(models.Model):
    """How many published examples there are in all, or with a situation, theme or method."""

    class Art(models.TextChoices):
        ALLE = "alle", "Alle publiserte eksempler"
        SITUASJON = "situasjon", "Per situasjon"
        TEMA = "tema", "Per tema"
        METODE = "metode", "Per metode"

    art = models.CharField(max_length=10, choices=Art.choices)
    situasjon = models.CharField(max_length=1, choices=Situasjon.choices, null=True, blank=True)
    # No database constraint: the triggers may count a link while its theme is being deleted,
    # and a row for a deleted theme or method is never joined to anything.
    tema = models.ForeignKey(
        Tema,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    metode = models.ForeignKey(
        "metoder.Metode",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="eksempeltellinger",
    )
    antall = models.IntegerField(default=0)

    objects = EksempelTellingQuerySet.as_manager()

    class Meta:
        verbose_name = "telling av eksempler"
        verbose_name_plural = "tellinger av eksempler"
        constraints = [
            # The triggers' ON CONFLICT finds the row by all four, NULL included.
            models.UniqueConstraint(
                fields=["art", "situasjon", "tema", "metode"],
                nulls_distinct=False,
                name="skattekiste_eksempeltelling_unique_key",
            ),
            models.CheckConstraint(
                condition=models.Q(antall__gte=0), name="skattekiste_eksempeltelling_not_negative"
            ),
        ]

    def __str__(self):
        what = self.situasjon or self.tema_id or self.metode_id
        return f"{self.get_art_display()}{f' {what}' if what else ''}: {self.antall}"

    def get_absolute_url(self):
        return reverse("eksempler:list")
