"""Search: /sok/ and /api/sok/ (views in views_sok.py, logic in search.py)."""

from django.urls import path

from skattekiste import views_sok

app_name = "sok"

urlpatterns = [
    path("sok/", views_sok.sok, name="sok"),
    path("api/sok/", views_sok.sok_api, name="api"),
]
