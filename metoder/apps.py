from django.apps import AppConfig


class MetoderConfig(AppConfig):
    name = "metoder"
    verbose_name = "Metodekort"
