"""Root URLs: each feature brings its own urls.py."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.urls import include, path

from skattekiste.oppsett import oidc
from skattekiste.oppsett.innlogging import Innlogging, Utlogging

admin.site.site_header = "Skattekisten – redaksjon"
admin.site.site_title = "Skattekisten"
admin.site.index_title = "Innhold"
_admin_password_login = admin.site.login


@login_not_required
def admin_login(request, extra_context=None):
    """Without local passwords (LOCAL_LOGIN=0) the admin's password form cannot work: our login."""
    if not settings.LOCAL_LOGIN:
        return redirect_to_login(request.GET.get("next", "/admin/"), "login")
    return _admin_password_login(request, extra_context)


admin.site.login = admin_login

urlpatterns = [
    path("", include("skattekiste.sider.urls")),
    path("eksempler/", include("skattekiste.eksempler.urls")),
    path("metoder/", include("metoder.urls")),
    path("innsikt/", include("innsikt.urls")),
    path("", include("skattekiste.sok.urls")),
    path("bidra/", include("skattekiste.bidra.urls")),
    path("oversikt/", include("skattekiste.oversikt.urls")),
    path("kom-i-gang/", include("skattekiste.komigang.urls")),
    path("folk/", include("skattekiste.folk.urls")),
    path("planer/", include("skattekiste.planer.urls")),
    path("logg-inn/", Innlogging.as_view(), name="login"),
    path("logg-ut/", Utlogging.as_view(), name="logout"),
    # Login with the police account (OpenID Connect); 404 unless configured.
    path("logg-inn/politiet/", oidc.OIDCLogin.as_view(), name="oidc_authentication_init"),
    path("veiledning/", include("skattekiste.veiledning.urls")),
    path("pafyll/", include("skattekiste.pafyll.urls")),
    path(
        "logg-inn/politiet/svar/",
        oidc.OIDCCallback.as_view(),
        name="oidc_authentication_callback",
    ),
    path("admin/", admin.site.urls),
]
