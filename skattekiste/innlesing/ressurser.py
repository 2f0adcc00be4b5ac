"""How examples, insights and sources look as spreadsheet rows (django-import-export resources).

The address (slug) decides whether a row is new or changes what is there; related vocabulary
is named by its address too, so a file reads the same in every database. Every row goes
through the model's own validation and the personvern check of the admin's forms.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from import_export import fields, resources, widgets

from innsikt.models import Behov, Innsikt, Kilde
from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles import personvern
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Tema

# A dry run writes its history in a transaction that is rolled back.
DRY_RUN_REASON = "Prøvelesing fra fil"


class UkjentFil(Exception):
    """The file as a whole cannot be read as this content: the message says why, in Norwegian."""


class SlugListWidget(widgets.ManyToManyWidget):
    """Addresses separated by commas. An unknown one is an error that names it, never dropped."""

    def __init__(self, model, *, navn: str):
        super().__init__(model, separator=",", field="slug")
        self.navn = navn

    def clean(self, value, row=None, **kwargs):
        slugs = [s.strip() for s in str(value or "").split(self.separator) if s.strip()]
        found = list(self.model._default_manager.filter(slug__in=slugs))
        unknown = sorted(set(slugs) - {obj.slug for obj in found})
        if unknown:
            raise ValueError(f"Finner ingen {self.navn} med adressen {', '.join(unknown)}.")
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        # Sorted, so the same links always give the same cell.
        return ",".join(sorted(item.slug for item in value.all()))


class SlugWidget(widgets.ForeignKeyWidget):
    """One related item by its address; an unknown address is an error that names it."""

    def __init__(self, model, *, navn: str):
        super().__init__(model, field="slug")
        self.navn = navn

    def clean(self, value, row=None, **kwargs):
        slug = str(value or "").strip()
        if not slug:
            return None
        found = self.model._default_manager.filter(slug=slug).first()
        if found is None:
            raise ValueError(f"Finner ikke noe {self.navn} med adressen {slug}.")
        return found


def bad_value_message(widget) -> str:
    """The widgets' own messages are English; say what a cell of this kind must hold."""
    if isinstance(widget, widgets.IntegerWidget):
        return "Skriv et helt tall, for eksempel 2024."
    if isinstance(widget, widgets.DateWidget):
        return "Skriv datoen som år-måned-dag, for eksempel 2024-05-31."
    if isinstance(widget, widgets.BooleanWidget):
        return "Skriv 1 for ja eller 0 for nei."
    return "Verdien kan ikke leses."


def slug_list(attribute: str, model, navn: str) -> fields.Field:
    return fields.Field(
        attribute=attribute, column_name=attribute, widget=SlugListWidget(model, navn=navn)
    )


def read_only(attribute: str) -> fields.Field:
    """Exported so the file says it, never imported: publishing goes through the review."""
    return fields.Field(attribute=attribute, column_name=attribute, readonly=True)


class InnholdResource(resources.ModelResource):
    """What the three resources share: natural keys, validation, personvern and history."""

    # Fields that may hold a name, phone number or e-mail address without a warning.
    personvern_contact_fields: tuple[str, ...] = ()
    # Many-to-many fields that must have at least one item, as in the admin's form.
    required_lists: tuple[str, ...] = ()

    class Meta:
        # Subclasses' Meta adds to these (django-import-export reads the base's options first).
        import_id_fields = ["slug"]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def __init__(self, *, innlesing=None, personvern_bekreftet=False, **kwargs):
        super().__init__(**kwargs)
        self.innlesing = innlesing
        self.personvern_bekreftet = personvern_bekreftet

    @classmethod
    def columns(cls) -> list[str]:
        return [field.column_name for field in cls().get_export_fields()]

    def before_import(self, dataset, **kwargs):
        headers = [str(h or "").strip() for h in dataset.headers or []]
        if "slug" not in headers:
            raise UkjentFil(
                "Filen mangler kolonnen «slug» (adressen). Den avgjør om en rad er ny eller "
                "endrer noe som finnes. Last ned en fil først og bruk den som mal."
            )
        unknown = [h for h in headers if h not in self.columns()]
        if unknown:
            raise UkjentFil(
                f"Filen har kolonner Skattekisten ikke kjenner: {', '.join(unknown)}. "
                f"Kolonnene kan være: {', '.join(self.columns())}."
            )
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        # An empty XLSX cell is None; in a CSV file it is "", and so it is for the model.
        for column, value in row.items():
            if value is None:
                row[column] = ""
        super().before_import_row(row, **kwargs)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        try:
            super().import_field(field, instance, row, is_m2m, **kwargs)
        except (ValueError, ArithmeticError) as error:
            if isinstance(field.widget, SlugListWidget | SlugWidget):
                raise
            raise ValueError(bad_value_message(field.widget)) from error

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Lists are saved after the row; read them now, so a bad address is the row's error.
        for field in self.get_import_fields():
            if not isinstance(field.widget, widgets.ManyToManyWidget):
                continue
            if field.column_name in row:
                try:
                    items = field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
                    continue
            else:
                items = None if instance.pk else []
            if field.attribute in self.required_lists and items == []:
                label = instance._meta.get_field(field.attribute).verbose_name
                errors[field.attribute] = [f"Velg minst én i «{label}»."]
        if errors:
            raise ValidationError(errors)

    def text_fields(self) -> list[str]:
        return [
            field.attribute
            for field in self.get_import_fields()
            if isinstance(
                self._meta.model._meta.get_field(field.attribute),
                models.CharField | models.TextField,
            )
        ]

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's validation, then the admin form's personvern check (rows to be saved)."""
        errors = dict(import_validation_errors or {})
        report = personvern.check_instance(
            instance, fields=self.text_fields(), contact_fields=self.personvern_contact_fields
        )
        for name, messages in report.errors.items():
            errors.setdefault(name, []).extend(messages)
        if report.warnings and not self.personvern_bekreftet:
            errors.setdefault(NON_FIELD_ERRORS, []).append(report.confirmation_message())
        elif report.warnings and hasattr(instance, "personvern_bekreftet"):
            # As the form saves its ticked box: the team has seen the warnings.
            instance.personvern_bekreftet = True
        super().validate_instance(instance, errors, validate_unique)

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk is not None:
            # The admin's version check: an editor with the form open is told it changed.
            instance.versjon += 1
        instance._change_reason = self.innlesing.endringsgrunn if self.innlesing else DRY_RUN_REASON
        user = kwargs.get("user")
        if user is not None and hasattr(instance, "oppdatert_av_id"):
            instance.oppdatert_av = user
            if instance.pk is None and hasattr(instance, "opprettet_av_id"):
                instance.opprettet_av = user


class EksempelResource(InnholdResource):
    distrikter = slug_list("distrikter", Distrikt, "distrikt")
    tema = slug_list("tema", Tema, "tema")
    grupper = slug_list("grupper", Innbyggergruppe, "innbyggergruppe")
    metoder = slug_list("metoder", Metode, "metode")
    status = read_only("status")

    personvern_contact_fields = personvern.EKSEMPEL_CONTACT_FIELDS

    class Meta:
        model = Eksempel
        name = "Eksempler"
        fields = [
            "slug",
            "tittel",
            "ingress",
            "beskrivelse",
            "sted",
            "distrikter",
            "aar",
            "situasjoner",
            "tema",
            "grupper",
            "metoder",
            "hva_fungerte",
            "hva_fungerte_ikke",
            "laering",
            "kilder",
            "kontakt_navn",
            "kontakt_rolle",
            "kontakt_enhet",
            "kontakt_epost",
            "kontakt_telefon",
            "status",
        ]
        export_order = fields


class KildeResource(InnholdResource):
    distrikter = slug_list("distrikter", Distrikt, "distrikt")
    metode = fields.Field(
        attribute="metode", column_name="metode", widget=SlugWidget(Metode, navn="metodekort")
    )

    class Meta:
        model = Kilde
        name = "Kilder"
        fields = [
            "slug",
            "tittel",
            "type",
            "beskrivelse",
            "eier",
            "distrikter",
            "periode",
            "aar",
            "antall",
            "antall_betyr",
            "antall_mer_enn",
            "lenke",
            "metode",
        ]
        export_order = fields


class InnsiktResource(InnholdResource):
    kilder = slug_list("kilder", Kilde, "kilde")
    grupper = slug_list("grupper", Innbyggergruppe, "innbyggergruppe")
    behov = slug_list("behov", Behov, "behov")
    tema = slug_list("tema", Tema, "tema")
    distrikter = slug_list("distrikter", Distrikt, "distrikt")
    eksempler = slug_list("eksempler", Eksempel, "eksempel")
    status = read_only("status")

    required_lists = ("kilder",)

    class Meta:
        model = Innsikt
        name = "Innsikter"
        fields = [
            "slug",
            "tittel",
            "forklaring",
            "kilder",
            "grupper",
            "behov",
            "tema",
            "distrikter",
            "dato",
            "dato_presisjon",
            "styrke",
            "fra_gruppen_selv",
            "eksempler",
            "status",
        ]
        export_order = fields
