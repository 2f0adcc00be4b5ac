from django.urls import path

from skattekiste.veiledning import views

app_name = "veiledning"
urlpatterns = [
    path("", views.liste, name="liste"),
    path("<slug:slug>/", views.side, name="side"),
]
