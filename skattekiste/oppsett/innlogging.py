"""The login and logout views, and the callbacks django-axes calls from the login."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render

from skattekiste.oppsett.oidc import provider_logout_url


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes calls this when logins are locked: say why, in Norwegian, in the layout."""
    return render(
        request,
        "registration/sperret.html",
        {
            "forsok": settings.AXES_FAILURE_LIMIT,
            "minutter": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )


def login_attempt_username(request, credentials=None):
    """The username django-axes records: cut to the user model's length.

    Axes stores the raw POSTed name in a 255-character column; a longer one (hostile or
    pasted by mistake) would otherwise turn a failed login into a server error.
    """
    if credentials and credentials.get("username") is not None:
        username = credentials["username"]
    else:
        username = request.POST.get("username", "")
    return str(username)[:150]


class Innlogging(auth_views.LoginView):
    """The login page: the police account first when OIDC is set up, local passwords if allowed."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, oidc=settings.OIDC_ENABLED, lokal=settings.LOCAL_LOGIN
        )

    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_LOGIN:
            # Production without local passwords: there is no form to post.
            return self.render_to_response(self.get_context_data(), status=403)
        return super().post(request, *args, **kwargs)


class Utlogging(auth_views.LogoutView):
    """Ends the local session and, where the provider supports it, the provider's session."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        provider = provider_logout_url(request, id_token)
        return redirect(provider) if provider else response
