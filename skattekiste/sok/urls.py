"""Search: /sok/ and /api/sok/ (views in views.py)."""

from django.urls import path

from skattekiste.sok import views

app_name = "sok"

urlpatterns = [
    path("sok/", views.sok, name="sok"),
    path("api/sok/", views.sok_api, name="api"),
]
