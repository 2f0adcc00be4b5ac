"""Root URLs: each feature brings its own urls.py."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

admin.site.site_header = "Skattekisten – redaksjon"
admin.site.site_title = "Skattekisten"
admin.site.index_title = "Innhold"

urlpatterns = [
    path("", include("skattekiste.sider.urls")),
    path("eksempler/", include("skattekiste.eksempler.urls")),
    path("metoder/", include("metoder.urls")),
    path("innsikt/", include("innsikt.urls")),
    path("", include("skattekiste.sok.urls")),
    path("bidra/", include("skattekiste.bidra.urls")),
    path("oversikt/", include("skattekiste.oversikt.urls")),
    path("pafyll/", include("skattekiste.pafyll.urls")),
    path(
        "logg-inn/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
