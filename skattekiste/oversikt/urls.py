from django.urls import path

from skattekiste.oversikt import views

app_name = "oversikt"

urlpatterns = [
    path("", views.oversikt, name="oversikt"),
    path("distrikter/<slug:slug>/", views.distrikt, name="distrikt"),
]
