"""The import and export forms in Norwegian, with the size limit and the personvern confirmation."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from import_export.forms import ConfirmImportForm, ExportForm, ImportForm

from skattekiste.felles import personvern


def size_text(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


class InnlesingForm(ImportForm):
    personvern_bekreftet = forms.BooleanField(
        required=False,
        label=personvern.CONFIRM_LABEL,
        help_text="Kryss av når prøvelesingen har vist advarsler om mulige personopplysninger "
        "(telefonnumre, e-postadresser, lister med navn) og du har sjekket dem.",
    )

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["import_file"].label = "Fil"
        self.fields["import_file"].help_text = (
            f"CSV (UTF-8) eller XLSX, høyst {size_text(settings.IMPORT_MAX_FILE_BYTES)}. "
            "Første rad er kolonnenavnene. Last ned en fil først og bruk den som mal."
        )
        self.fields["format"].label = "Filtype"
        self.fields["format"].choices = [
            ("", "Velg filtype") if value == "" else (value, label.upper())
            for value, label in self.fields["format"].choices
        ]
        self.fields["resource"].label = "Innhold"

    def clean_import_file(self):
        import_file = self.cleaned_data["import_file"]
        # Refused before a byte of it is parsed.
        if import_file.size > settings.IMPORT_MAX_FILE_BYTES:
            raise ValidationError(
                f"Filen er for stor: {size_text(import_file.size)}. Grensen er "
                f"{size_text(settings.IMPORT_MAX_FILE_BYTES)}. Del den i flere filer og les "
                "dem inn én etter én.",
                code="for_stor",
            )
        return import_file


class BekreftForm(ConfirmImportForm):
    """The confirmation carries the editor's personvern answer from the dry run."""

    personvern_bekreftet = forms.BooleanField(required=False, widget=forms.HiddenInput())


class EksportForm(ExportForm):
    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["format"].label = "Filtype"
        self.fields["format"].choices = [
            ("", "Velg filtype") if value == "" else (value, label.upper())
            for value, label in self.fields["format"].choices
        ]
        self.fields["resource"].label = "Innhold"
