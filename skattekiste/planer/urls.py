"""Planer: the employee's kjøreplan for involving citizens."""

from django.urls import path

from skattekiste.planer import views

app_name = "planer"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("ny/", views.plan_ny, name="ny"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/endre/", views.plan_endre, name="endre"),
    path("<int:pk>/deling/", views.plan_deling, name="deling"),
    path("<int:pk>/historikk/", views.plan_historikk, name="historikk"),
]
