from django.apps import AppConfig


class InnsiktConfig(AppConfig):
    name = "innsikt"
    verbose_name = "Innsiktsbanken"
