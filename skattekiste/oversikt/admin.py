"""The team's settings for the overview: one row, with its history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from skattekiste.felles.admin import ContentAdminMixin
from skattekiste.oversikt.models import Innstilling


@admin.register(Innstilling)
class InnstillingAdmin(ContentAdminMixin, SimpleHistoryAdmin):
    """Redaksjon sets how old is «gammelt» for the overview and the notices on pages."""

    fields = ["fersk_grense_aar"]
    list_display = ["__str__"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Innstilling.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
