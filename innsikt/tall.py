"""Tables PostgreSQL triggers keep up to date for the group pages (migrations 0010, 0012).

Admin saves, bulk_create, loaddata and COPY all go through the triggers. No foreign keys
in the database: a row may outlive what it points at for a moment, and is then never read.
"""

from django.db import models

from skattekiste.felles.vokabular import Innbyggergruppe


class Gruppetall(models.Model):
    """How many published insights, examples and sources one citizen group has.

    Kept up to date by PostgreSQL triggers (migration 0010), so admin saves, bulk_create,
    loaddata and COPY all count; /innsikt/grupper/ reads 31 rows instead of counting
    400 000 links. No foreign key: a row may outlive its group, and is then never read.
    """

    gruppe = models.OneToOneField(
        Innbyggergruppe,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="tall",
    )
    innsikter = models.IntegerField(default=0)
    eksempler = models.IntegerField(default=0)
    kilder = models.IntegerField(default=0)

    class Meta:
        verbose_name = "tall for en innbyggergruppe"
        verbose_name_plural = "tall for innbyggergruppene"

    def __str__(self):
        return f"{self.gruppe_id}: {self.innsikter} innsikter, {self.kilder} kilder"


class Gruppekilde(models.Model):
    """How many published insights about a group cite a source (triggers keep it).

    A group's source count is how many of its rows are above zero; the triggers move
    Gruppetall.kilder when a row goes from 0 to 1 or back.
    """

    gruppe = models.ForeignKey(
        Innbyggergruppe, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    kilde = models.ForeignKey(
        "innsikt.Kilde", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    innsikter = models.IntegerField(default=0)

    class Meta:
        verbose_name = "kilde for en innbyggergruppe"
        verbose_name_plural = "kilder for innbyggergruppene"
        constraints = [
            models.UniqueConstraint(
                fields=["gruppe", "kilde"], name="innsikt_gruppekilde_unique_pair"
            ),
        ]

    def __str__(self):
        return f"{self.gruppe_id}/{self.kilde_id}: {self.innsikter}"


class Gruppefunn(models.Model):
    """A published insight about a group, with what the group page sorts it by.

    The group page walks one group's rows in the index below, strongest and newest first,
    so each need's few findings cost a few index rows however large the group or rare
    the need is. Kept by triggers on the insights and their group links (migration 0012).
    """

    gruppe = models.ForeignKey(
        Innbyggergruppe,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    innsikt = models.ForeignKey(
        "innsikt.Innsikt", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    styrke = models.PositiveSmallIntegerField()
    dato = models.DateField()

    class Meta:
        verbose_name = "funn om en innbyggergruppe"
        verbose_name_plural = "funn om innbyggergruppene"
        constraints = [
            models.UniqueConstraint(
                fields=["gruppe", "innsikt"], name="innsikt_gruppefunn_unique_pair"
            ),
        ]
        indexes = [
            models.Index(
                fields=["gruppe", "-styrke", "-dato", "-innsikt"],
                name="innsikt_gruppefunn_rekkefolge",
            ),
        ]

    def __str__(self):
        return f"{self.gruppe_id}/{self.innsikt_id}"
