"""Redaksjon's screen for the guidance pages: edit, history, revert and restore."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from skattekiste.felles.admin import ContentAdminMixin, RestoreDeletedMixin
from skattekiste.felles.forms import VersionedContentForm
from skattekiste.veiledning.models import Veiledning


class VeiledningAdminForm(VersionedContentForm):
    class Meta:
        model = Veiledning
        fields = "__all__"


@admin.register(Veiledning)
class VeiledningAdmin(ContentAdminMixin, RestoreDeletedMixin, SimpleHistoryAdmin):
    form = VeiledningAdminForm
    list_display = ["nummer", "tittel", "oppdatert"]
    list_display_links = ["nummer", "tittel"]
    search_fields = ["tittel", "ingress", "tekst"]
    prepopulated_fields = {"slug": ["tittel"]}
    readonly_fields = ["oppdatert"]
    filter_horizontal = ["metoder", "grupper"]
    autocomplete_fields = ["eksempler"]
