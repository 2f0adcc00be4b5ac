"""Admin for the shared vocabulary, and what every app's admin reuses."""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import ActionLocation, IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html

from skattekiste.felles import sletting
from skattekiste.felles.admintekster import LabelledInlineFormSet, add_title, publication_note
from skattekiste.felles.forms import ContentForm, VersionedContentForm
from skattekiste.felles.historikk import deleted_records, keep_workflow_fields, restore_deleted
from skattekiste.felles.sletting import PersonvernSletting, delete_for_personvern
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Situasjon, Tema


class GuardedChangeList(ChangeList):
    """A date drill-down with an absurd year (?opprettet__year=99999999999) is bad input."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


def is_revert(request) -> bool:
    """Saving the form of an older version from the history page."""
    return request.resolver_match.url_name.endswith("_simple_history")


@admin.action(description="Slett av personvernhensyn (kan ikke angres)", permissions=["personvern"])
def slett_av_personvernhensyn(modeladmin, request, queryset):
    """Ask first; then delete each item with its history, leaving only an audit line."""
    if request.POST.get("bekreftet") != "ja":
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": "Slett av personvernhensyn",
            "opts": modeladmin.model._meta,
            "objects": queryset,
            "action": "slett_av_personvernhensyn",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/personvern_slett.html", context)
    count = 0
    for obj in queryset:
        delete_for_personvern(obj=obj, by=request.user)
        count += 1
    modeladmin.message_user(
        request,
        f"{count} slettet av personvernhensyn, med historikken. Det kan ikke gjenopprettes.",
        messages.SUCCESS,
    )
    return None


class NorwegianInlineAdminFormSet(helpers.InlineAdminFormSet):
    """«Legg til nytt steg» under a card's rows, not Django's one phrase for every noun."""

    def inline_formset_data(self):
        data = json.loads(super().inline_formset_data())
        data["options"]["addText"] = add_title(self.opts.verbose_name)
        return json.dumps(data)


class LabelledTabularInline(admin.TabularInline):
    """A table of rows whose fields are named for screen readers and axe."""

    formset = LabelledInlineFormSet


class ContentAdminMixin:
    """What every admin of content shares: the personvern form, a changelist that holds,
    revert that leaves the review's decisions alone, and deletion for personvern."""

    form = ContentForm
    change_form_template = "admin/innhold/change_form.html"

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {"title": add_title(self.model._meta.verbose_name), **(extra_context or {})}
        return super().add_view(request, form_url, extra_context)

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_admin_formsets = super().get_inline_formsets(
            request, formsets, inline_instances, obj
        )
        for inline_admin_formset in inline_admin_formsets:
            # Django builds these itself; only the text of the add button differs.
            inline_admin_formset.__class__ = NorwegianInlineAdminFormSet
        return inline_admin_formsets

    def response_add(self, request, obj, post_url_continue=None):
        request.lagret_innhold = obj
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        request.lagret_innhold = obj
        return super().response_change(request, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # The save message of content with a status says whether it is published.
        obj = getattr(request, "lagret_innhold", None)
        if level == messages.SUCCESS and hasattr(obj, "status"):
            message = format_html("{} {}", message, publication_note(obj))
        super().message_user(request, message, level, *args, **kwargs)

    def get_changelist(self, request, **kwargs):
        return GuardedChangeList

    def has_personvern_permission(self, request):
        return request.user.has_perm(f"skattekiste.{sletting.PERMISSION}")

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        action = self.get_action(slett_av_personvernhensyn, action_location)
        if action is not None and actions is not None and self.has_personvern_permission(request):
            actions[action.name] = action
        return actions

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Atomic like the change form, so the version check holds its row lock until the save.
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        if change and "versjon_lest" in form.cleaned_data:
            # The form checked versjon_lest against the locked row, so this is the next one.
            obj.versjon = form.cleaned_data["versjon_lest"] + 1
        if change and is_revert(request):
            keep_workflow_fields(obj)
            messages.info(
                request,
                "Innholdet er tilbakeført. Status og publisering er som før tilbakeføringen.",
            )
        super().save_model(request, obj, form, change)


class SituasjonFilter(admin.SimpleListFilter):
    title = "situasjon"
    parameter_name = "situasjon"

    def lookups(self, request, model_admin):
        return Situasjon.choices

    def queryset(self, request, queryset):
        if self.value() in Situasjon.values:
            return queryset.filter(situasjoner__contains=[self.value()])
        return queryset


def tema_field(model):
    """Themes as an autocomplete list instead of taggit's free-text box."""
    return forms.ModelMultipleChoiceField(
        queryset=Tema.objects.all(),
        required=False,
        label="Temaer",
        widget=AutocompleteSelectMultiple(model._meta.get_field("tema"), admin.site),
        help_text="Søk og velg. Nye temaer legges til under «Temaer».",
    )


class RestoreDeletedMixin:
    """«Slettede …» on the changelist: deleted objects come back from their history."""

    change_list_template = "admin/gjenopprett/change_list.html"
    # Further models restored from this page, for example a card's steps.
    restorable_models = ()

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "slettede/",
                self.admin_site.admin_view(self.deleted_view),
                name=f"{opts.app_label}_{opts.model_name}_slettede",
            ),
            *super().get_urls(),
        ]

    def restorable_for(self, request):
        return [
            model
            for model in (self.model, *self.restorable_models)
            if request.user.has_perm(
                f"{model._meta.app_label}.{get_permission_codename('add', model._meta)}"
            )
        ]

    def deleted_view(self, request):
        restorable = self.restorable_for(request)
        if not restorable:
            raise PermissionDenied
        if request.method == "POST":
            model = {m._meta.label_lower: m for m in restorable}.get(request.POST.get("modell"))
            object_id = request.POST.get("id", "")
            if model is None or not object_id.isdigit():
                messages.error(request, "Velg noe å gjenopprette fra listen.")
                return redirect(request.path)
            try:
                obj = restore_deleted(model=model, object_id=int(object_id), by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                self.log_addition(request, obj, "Gjenopprettet etter sletting")
                messages.success(request, f"«{obj}» er gjenopprettet.")
            return redirect(request.path)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"Slettede {opts.verbose_name_plural}",
            "opts": opts,
            "grupper": [(model._meta, deleted_records(model)) for model in restorable],
        }
        return TemplateResponse(request, "admin/gjenopprett/slettede.html", context)


@admin.register(Distrikt)
class DistriktAdmin(ContentAdminMixin, admin.ModelAdmin):
    list_display = ["navn", "kortnavn", "type"]
    list_filter = ["type"]
    search_fields = ["navn", "kortnavn"]
    prepopulated_fields = {"slug": ["navn"]}


@admin.register(Innbyggergruppe)
class InnbyggergruppeAdmin(ContentAdminMixin, admin.ModelAdmin):
    form = VersionedContentForm
    list_display = ["navn", "synonymer_vist"]
    search_fields = ["navn", "beskrivelse"]
    prepopulated_fields = {"slug": ["navn"]}

    @admin.display(description="også kalt")
    def synonymer_vist(self, obj):
        return ", ".join(obj.synonymer)


@admin.register(Tema)
class TemaAdmin(ContentAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PersonvernSletting)
class PersonvernSlettingAdmin(admin.ModelAdmin):
    """The audit lines: read only, and they name no content."""

    list_display = ["slettet", "modell", "objekt_id", "slettet_av"]
    list_filter = ["modell"]
    date_hierarchy = "slettet"

    def get_changelist(self, request, **kwargs):
        return GuardedChangeList

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
