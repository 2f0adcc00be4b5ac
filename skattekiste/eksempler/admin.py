"""The team's admin for examples: edit, publish, unpublish, history and restore."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from skattekiste.bidra.overganger import OVERGANGER
from skattekiste.bidra.workflows import publish_eksempel, unpublish_eksempel
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles import personvern
from skattekiste.felles.admin import (
    ContentAdminMixin,
    RestoreDeletedMixin,
    SituasjonFilter,
    is_revert,
    tema_field,
)
from skattekiste.felles.forms import VersionedContentForm
from skattekiste.felles.historikk import historic_m2m_initial
from skattekiste.felles.vokabular import Situasjon
from skattekiste.innlesing.admin import InnlesingAdminMixin
from skattekiste.innlesing.ressurser import EksempelResource


class EksempelAdminForm(VersionedContentForm):
    situasjoner = forms.MultipleChoiceField(
        choices=Situasjon.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="A oppgaveløsning (daglig drift), B utvikling, C styring.",
    )

    personvern_contact_fields = personvern.EKSEMPEL_CONTACT_FIELDS

    class Meta:
        model = Eksempel
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tema"] = tema_field(Eksempel)
        # A post without the field (a form from before it existed) keeps the stored value.
        self.fields["klassifisert_av"].required = False
        if self.instance.pk:
            self.initial["tema"] = [t.pk for t in self.instance.tema.all()]
            self.initial.update(historic_m2m_initial(self.instance))

    def clean_klassifisert_av(self):
        return self.cleaned_data.get("klassifisert_av") or self.instance.klassifisert_av


@admin.register(Eksempel)
class EksempelAdmin(
    InnlesingAdminMixin, ContentAdminMixin, RestoreDeletedMixin, SimpleHistoryAdmin
):
    form = EksempelAdminForm
    resource_classes = [EksempelResource]
    list_display = [
        "tittel",
        "status",
        "innsendt",
        "aar",
        "situasjoner_vist",
        "sted",
        "oppdatert",
        "oppdatert_av",
    ]
    list_filter = [
        "status",
        SituasjonFilter,
        "aar",
        "distrikter",
        "grupper",
        "metoder",
        "klassifisert_av",
    ]
    list_select_related = ["oppdatert_av"]
    search_fields = ["tittel", "ingress", "beskrivelse", "sted", "kontakt_navn"]
    prepopulated_fields = {"slug": ["tittel"]}
    autocomplete_fields = ["distrikter", "grupper", "metoder"]
    # Status changes go through the workflows (review page and actions): they notify people.
    readonly_fields = [
        "status",
        "vurdering",
        "innsendt",
        "publisert",
        "opprettet",
        "oppdatert",
        "opprettet_av",
        "oppdatert_av",
    ]
    actions = ["publiser", "avpubliser"]
    date_hierarchy = "opprettet"
    fieldsets = [
        (None, {"fields": ["tittel", "slug", "ingress", "beskrivelse", "versjon_lest"]}),
        (
            "Hvor, når og hva",
            {
                "fields": [
                    "sted",
                    "distrikter",
                    "aar",
                    "situasjoner",
                    "tema",
                    "grupper",
                    "metoder",
                    "klassifisert_av",
                ]
            },
        ),
        ("Erfaringer", {"fields": ["hva_fungerte", "hva_fungerte_ikke", "laering", "kilder"]}),
        (
            "Hvem kan jeg snakke med?",
            {
                "fields": [
                    "kontakt_navn",
                    "kontakt_rolle",
                    "kontakt_enhet",
                    "kontakt_epost",
                    "kontakt_telefon",
                ]
            },
        ),
        (
            "Vurdering og personvern",
            {
                "fields": [
                    "status",
                    "vurdering",
                    "innsendt",
                    "melding_fra_redaksjonen",
                    "personvern_bekreftet",
                ]
            },
        ),
        (
            "Historikk",
            {"fields": ["publisert", "opprettet", "opprettet_av", "oppdatert", "oppdatert_av"]},
        ),
    ]

    @admin.display(description="situasjon")
    def situasjoner_vist(self, obj):
        return ", ".join(obj.situasjoner)

    @admin.display(description="vurdering")
    def vurdering(self, obj):
        if obj.pk is None:
            return "–"
        return format_html(
            '<a href="{}">Publiser, send tilbake eller avvis</a>',
            reverse("bidra:vurder", args=[obj.pk]),
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "vurdering_url": reverse("bidra:vurdering")}
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.opprettet_av = request.user
        obj.oppdatert_av = request.user
        obj._change_reason = (
            "Tilbakeført til en tidligere versjon"
            if is_revert(request)
            else "Endret i redaksjonsverktøyet"
        )
        super().save_model(request, obj, form, change)

    def _move_each(self, request, queryset, *, navn, workflow):
        """One example at a time, so one the table refuses does not stop the others."""
        overgang = OVERGANGER[navn]
        moved = 0
        for eksempel in queryset:
            try:
                workflow(eksempel=eksempel, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    f"«{eksempel}» er ikke {overgang.utfort}: {' '.join(error.messages)}",
                    messages.ERROR,
                )
            else:
                moved += 1
        if moved:
            antall = "1 eksempel" if moved == 1 else f"{moved} eksempler"
            self.message_user(request, f"{antall} er {overgang.utfort}.", messages.SUCCESS)

    @admin.action(
        description=f"{OVERGANGER['publiser'].etikett} valgte eksempler", permissions=["change"]
    )
    def publiser(self, request, queryset):
        self._move_each(request, queryset, navn="publiser", workflow=publish_eksempel)

    @admin.action(
        description=f"{OVERGANGER['avpubliser'].etikett} valgte eksempler (gjør dem til utkast)",
        permissions=["change"],
    )
    def avpubliser(self, request, queryset):
        self._move_each(request, queryset, navn="avpubliser", workflow=unpublish_eksempel)
