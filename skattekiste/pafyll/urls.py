from django.urls import path

from skattekiste.pafyll import views

app_name = "pafyll"

urlpatterns = [
    path("", views.pafyll, name="pafyll"),
    path("folg/", views.folg, name="folg"),
    path("slutt/", views.slutt, name="slutt"),
    path("stopp/<str:token>/", views.stopp, name="stopp"),
    path("feed/ny-nokkel/", views.ny_feed_nokkel, name="ny_feed_nokkel"),
    path("feed/<str:nokkel>/eksempler/", views.eksempel_feed, name="eksempel_feed"),
    path("feed/<str:nokkel>/innsikt/<slug:gruppe>/", views.innsikt_feed, name="innsikt_feed"),
]
