from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from skattekiste import views

admin.site.site_header = "Skattekisten – redaksjon"
admin.site.site_title = "Skattekisten"
admin.site.index_title = "Innhold"

urlpatterns = [
    path("", views.hjem, name="hjem"),
    path("eksempler/", include("skattekiste.urls_eksempler")),
    path("metoder/", include("metoder.urls")),
    path("innsikt/", include("innsikt.urls")),
    path("", include("skattekiste.urls_sok")),
    path("bidra/", include("skattekiste.urls_bidra")),
    path("helse/", views.helse, name="helse"),
    path("tilgjengelighet/", views.tilgjengelighet, name="tilgjengelighet"),
    path(
        "logg-inn/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
