from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import DatabaseError, InterfaceError, connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from skattekiste.filters import EksempelFilter
from skattekiste.models import SITUASJON_FORKLARING, Eksempel, Situasjon

PAGE_SIZE = 20


@require_safe
def hjem(request):
    published = Eksempel.objects.published()
    counts = published.situation_counts()
    situasjoner = [
        {
            "kode": s.value,
            "navn": s.label,
            "forklaring": SITUASJON_FORKLARING[s.value],
            "antall": counts[s.value],
        }
        for s in Situasjon
    ]
    return render(
        request,
        "skattekiste/hjem.html",
        {
            "antall": counts["total"],
            "situasjoner": situasjoner,
            "temaer": published.popular_themes(),
            "nyeste": published.for_listing().order_by("-publisert", "-id")[:6],
        },
    )


@require_safe
def eksempel_list(request):
    filterset = EksempelFilter(request.GET, queryset=Eksempel.objects.published())
    page = Paginator(filterset.qs.for_listing().newest_first(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    facets = filterset.facets(request.GET)
    return render(
        request,
        "skattekiste/eksempel_list.html",
        {
            "page": page,
            "facets": facets,
            "active": [facet for facet in facets if facet.selected_label],
            "notes": filterset.invalid_messages(),
        },
    )


@require_safe
def eksempel_detail(request, slug):
    eksempel = get_object_or_404(
        Eksempel.objects.published().prefetch_related("distrikter", "tema", "grupper", "metoder"),
        slug=slug,
    )
    return render(
        request,
        "skattekiste/eksempel_detail.html",
        {"eksempel": eksempel, "relaterte": Eksempel.objects.published().related_to(eksempel)},
    )


@login_not_required
@never_cache
def helse(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except (DatabaseError, InterfaceError):  # InterfaceError: a connection that was lost
        return JsonResponse({"status": "feil", "database": "svarer ikke"}, status=503)
    return JsonResponse({"status": "ok", "database": "svarer"})


@login_not_required
@require_safe
def tilgjengelighet(request):
    # Open to all: someone stopped by a barrier on the login page must be able to report it.
    return render(request, "skattekiste/tilgjengelighet.html", {"team_email": settings.TEAM_EMAIL})


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
