"""Import and export in the admin: the mixin for the content admins, and the list of imports.

The flow is django-import-export's: choose a file, see a dry run of every row, confirm. The
confirmed import runs again in one transaction; if any row fails then, nothing is written.
"""

import csv
import zipfile

from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from import_export import widgets
from import_export.admin import ImportExportMixin
from import_export.results import RowResult
from tablib import InvalidDimensions, UnsupportedFormat

from skattekiste.felles.admin import GuardedChangeList
from skattekiste.innlesing import formater, forms
from skattekiste.innlesing.models import Innlesing
from skattekiste.innlesing.ressurser import UkjentFil
from skattekiste.innlesing.workflows import revert_innlesing

RESULT_TEXT = {
    RowResult.IMPORT_TYPE_NEW: "Ny",
    RowResult.IMPORT_TYPE_UPDATE: "Endret",
    RowResult.IMPORT_TYPE_SKIP: "Uendret",
    RowResult.IMPORT_TYPE_INVALID: "Feil",
    RowResult.IMPORT_TYPE_ERROR: "Feil",
}


def read_error_message(error: Exception) -> str:
    """Why the file could not be read, for a person: never the exception's English."""
    if isinstance(error, UnicodeDecodeError):
        return (
            "Filen er ikke lagret som UTF-8, så æ, ø og å ville blitt feil. I Excel: "
            "«Lagre som» og velg «CSV UTF-8 (kommadelt)», eller velg XLSX."
        )
    if isinstance(error, InvalidDimensions | csv.Error):
        return (
            "Filen kan ikke leses som CSV: radene har ikke like mange kolonner som "
            "overskriften, eller filen er ødelagt. Åpne den i et regneark og lagre på nytt."
        )
    if isinstance(error, zipfile.BadZipFile | UnsupportedFormat | KeyError | OSError):
        return "Filen kan ikke leses som XLSX. Sjekk at filtypen stemmer med filen."
    return "Filen kan ikke leses. Sjekk at filtypen stemmer med filen, og at den ikke er ødelagt."


def field_label(model, name: str) -> str:
    if name == NON_FIELD_ERRORS:
        return "Hele raden"
    try:
        verbose = model._meta.get_field(name).verbose_name
    except FieldDoesNotExist:
        return name
    return f"{capfirst(verbose)} (kolonne {name})"


def row_errors(model, row) -> list[str]:
    """Each error of one row, with the field it is about, in Norwegian."""
    if row.validation_error is not None:
        error = row.validation_error
        if not hasattr(error, "error_dict"):
            return [f"Hele raden: {message}" for message in error.messages]
        return [
            f"{field_label(model, name)}: {message}"
            for name, field_errors in error.message_dict.items()
            for message in field_errors
        ]
    messages_ = []
    for error in row.errors:
        if isinstance(error.error, IntegrityError):
            messages_.append(
                "Hele raden: bryter en regel i databasen, for eksempel en adresse eller et "
                "navn som allerede er i bruk."
            )
        else:
            messages_.append("Hele raden: kunne ikke leses inn.")
    return messages_


def describe_result(model, result) -> dict:
    """The dry run as the page shows it: one line per row, and errors about the whole file."""
    rows = [
        {
            "nummer": number + 1,  # the spreadsheet's own row number: row 1 is the header
            "resultat": RESULT_TEXT.get(row.import_type, row.import_type),
            "klasse": row.import_type,
            "navn": row.object_repr or "",
            "feil": row_errors(model, row),
        }
        for number, row in enumerate(result.rows, start=1)
    ]
    file_errors = [
        str(error.error)
        if isinstance(error.error, UkjentFil)
        else "Filen kunne ikke leses inn. Sjekk kolonnene og prøv igjen."
        for error in result.base_errors
    ]
    return {
        "rader": rows,
        "filfeil": file_errors,
        "antall": {
            text: sum(1 for r in rows if r["resultat"] == text) for text in RESULT_TEXT.values()
        },
        "har_feil": bool(file_errors) or any(r["feil"] for r in rows),
    }


class InnlesingAdminMixin(ImportExportMixin):
    """«Les inn fra fil» and «Last ned som fil» on a content admin; Redaksjon only."""

    formats = formater.FORMATS
    from_encoding = "utf-8-sig"
    # With a BOM, so Excel opens æøå right.
    to_encoding = "utf-8-sig"
    import_form_class = forms.InnlesingForm
    confirm_form_class = forms.BekreftForm
    export_form_class = forms.EksportForm
    import_template_name = "admin/innlesing/import.html"
    export_template_name = "admin/innlesing/export.html"
    import_export_change_list_template = "admin/innlesing/change_list.html"
    # The history (django-simple-history) records every row; no second log.
    skip_admin_log = True

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_change_permission(request)

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        return {
            "innlesing": getattr(request, "innlesing", None),
            "personvern_bekreftet": bool(
                getattr(form, "cleaned_data", {}).get("personvern_bekreftet")
            ),
        }

    def get_export_resource_kwargs(self, request, **kwargs):
        return {}

    def get_import_data_kwargs(self, **kwargs):
        # A row the model refuses stops the whole confirmed import, not just that row.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["personvern_bekreftet"] = import_form.cleaned_data.get(
                "personvern_bekreftet", False
            )
        return initial

    def get_export_queryset(self, request):
        # One query per list for the whole file, not one per row.
        resource = self.get_export_resource_classes(request)[0]
        lists = [
            field.attribute
            for field in resource().get_export_fields()
            if isinstance(field.widget, widgets.ManyToManyWidget)
        ]
        return super().get_export_queryset(request).prefetch_related(*lists)

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error("import_file", read_error_message(e))

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None)
        if context is not None:
            context["title"] = f"Les inn {self.model._meta.verbose_name_plural} fra fil"
            if context.get("result") is not None:
                context["provelesing"] = describe_result(self.model, context["result"])
            context["kolonner"] = [
                field.column_name
                for field in self.get_import_resource_classes(request)[0]().get_import_fields()
            ]
        return response

    def export_action(self, request):
        response = super().export_action(request)
        context = getattr(response, "context_data", None)
        if context is not None:
            context["title"] = f"Last ned {self.model._meta.verbose_name_plural} som fil"
        return response

    def process_dataset(self, dataset, form, request, **kwargs):
        with transaction.atomic():
            request.innlesing = Innlesing.objects.create(
                modell=self.model._meta.label_lower,
                filnavn=str(form.cleaned_data.get("original_file_name") or "")[:255],
                lest_inn_av=request.user,
            )
            result = super().process_dataset(dataset, form, request, **kwargs)
            if result.has_errors() or result.has_validation_errors():
                transaction.set_rollback(True)
                return result
            totals = result.totals
            request.innlesing.nye = totals[RowResult.IMPORT_TYPE_NEW]
            request.innlesing.endrede = totals[RowResult.IMPORT_TYPE_UPDATE]
            request.innlesing.uendrede = totals[RowResult.IMPORT_TYPE_SKIP]
            request.innlesing.save(update_fields=["nye", "endrede", "uendrede"])
        return result

    def process_result(self, result, request):
        opts = self.model._meta
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                "Ingenting ble lest inn: filen gir feil nå, selv om prøvelesingen var i orden "
                "(noe kan ha blitt endret i mellomtiden). Les den inn på nytt og se på feilene.",
            )
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        innlesing = request.innlesing
        messages.success(
            request,
            format_html(
                "Lest inn fra «{}»: {} nye, {} endret og {} uendret. "
                '<a href="{}">Innlesingen</a> kan tilbakeføres som helhet.',
                innlesing.filnavn,
                innlesing.nye,
                innlesing.endrede,
                innlesing.uendrede,
                innlesing.get_absolute_url(),
            ),
        )
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))


@admin.action(description="Tilbakefør valgte innlesinger", permissions=["change"])
def tilbakefor(modeladmin, request, queryset):
    for innlesing in queryset:
        try:
            count = revert_innlesing(innlesing=innlesing, by=request.user)
        except ValidationError as error:
            modeladmin.message_user(
                request, f"«{innlesing}»: {' '.join(error.messages)}", messages.ERROR
            )
        else:
            modeladmin.message_user(
                request, f"«{innlesing}» er tilbakeført ({count} endret tilbake).", messages.SUCCESS
            )


@admin.register(Innlesing)
class InnlesingAdmin(admin.ModelAdmin):
    """What each import did, read only; the action reverts an import as a whole."""

    list_display = ["lest_inn", "modell", "filnavn", "lest_inn_av", "nye", "endrede", "uendrede"]
    list_display += ["tilbakefort"]
    list_filter = ["modell"]
    list_select_related = ["lest_inn_av"]
    actions = [tilbakefor]
    readonly_fields = [
        "modell",
        "filnavn",
        "lest_inn",
        "lest_inn_av",
        "nye",
        "endrede",
        "uendrede",
        "tilbakefort",
        "tilbakefort_av",
    ]
    fields = readonly_fields

    def get_changelist(self, request, **kwargs):
        return GuardedChangeList

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
