"""Callbacks django-axes calls from the login (see AXES_* in settings)."""

from django.conf import settings
from django.shortcuts import render


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
