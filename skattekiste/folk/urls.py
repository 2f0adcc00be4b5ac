"""Hvem kan jeg snakke med?"""

from django.urls import path

from skattekiste.folk import views

app_name = "folk"

urlpatterns = [
    path("", views.folk_list, name="liste"),
    path("<int:nr>/", views.person_detail, name="person"),
    path("kontakt/<slug:slug>/", views.kontakt, name="kontakt"),
]
