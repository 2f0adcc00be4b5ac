from django.urls import path

from skattekiste.pafyll import views

app_name = "pafyll"

urlpatterns = [
    path("", views.pafyll, name="pafyll"),
    path("folg/", views.folg, name="folg"),
    path("slutt/", views.slutt, name="slutt"),
    path("stopp/<str:token>/", views.stopp, name="stopp"),
]
