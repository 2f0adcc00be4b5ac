"""The front page, the accessibility statement and the health checks."""

from functools import cache

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from skattekiste.eksempler.models import Eksempel
from skattekiste.eksempler.telling import example_counts
from skattekiste.felles.vokabular import SITUASJON_FORKLARING, Situasjon


@require_safe
def hjem(request):
    # Counts kept by the database on write (eksempler/telling.py): no counting per request.
    counts = example_counts()
    situasjoner = [
        {
            "kode": s.value,
            "navn": s.label,
            "forklaring": SITUASJON_FORKLARING[s.value],
            "antall": counts.situations[s.value],
        }
        for s in Situasjon
    ]
    return render(
        request,
        "sider/hjem.html",
        {
            "antall": counts.total,
            "situasjoner": situasjoner,
            "temaer": counts.themes,
            "nyeste": Eksempel.objects.published().for_listing().order_by("-publisert", "-id")[:6],
        },
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


@cache
def _migrations_in_code() -> frozenset[tuple[str, str]]:
    """Every migration this process's code has; read from disk once, it does not change."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


@login_not_required
@never_cache
def klar(request):
    """Readiness: the database answers and has every migration the code expects.

    Open to all and deliberately terse: no migration names, versions or error text.
    """
    try:
        applied = set(MigrationRecorder(connection).applied_migrations())
    except (DatabaseError, InterfaceError):
        return JsonResponse({"status": "ikke klar", "database": "svarer ikke"}, status=503)
    if _migrations_in_code() - applied:
        return JsonResponse({"status": "ikke klar", "migreringer": "mangler"}, status=503)
    return JsonResponse({"status": "klar"})


@login_not_required
@require_safe
def tilgjengelighet(request):
    # Open to all: someone stopped by a barrier on the login page must be able to report it.
    return render(request, "sider/tilgjengelighet.html", {"team_email": settings.TEAM_EMAIL})
