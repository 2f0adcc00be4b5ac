"""Hvem kan jeg snakke med?"""

from django.urls import path

from skattekiste.folk import views

app_name = "folk"

urlpatterns = [
    path("", views.folk_list, name="liste"),
]
