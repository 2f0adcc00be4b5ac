"""/pafyll/: what you follow and what is new there; follow, stop following, stop the e-mail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from skattekiste.pafyll import feeds, queries, workflows
from skattekiste.pafyll.models import Folging, Mottaker


def _back(request) -> str:
    target = request.POST.get("neste", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("pafyll:pafyll")


@require_http_methods(["GET", "POST"])
def pafyll(request):
    if request.method == "POST":
        pa = request.POST.get("epost") == "pa"
        workflows.set_email(bruker=request.user, pa=pa)
        messages.success(
            request,
            "Du får e-post hver uke om det som er nytt."
            if pa
            else "Du får ikke lenger e-post fra Påfyll.",
        )
        return redirect("pafyll:pafyll")
    mottaker = workflows.visit(bruker=request.user)
    since = mottaker.forrige_besok or mottaker.sist_besokt - queries.LOOKBACK
    followed = queries.read(Folging.objects.filter(bruker=request.user), queries.options())
    ids, innsikt_ids = [], []
    if followed:
        innsikt = queries.wants_insights(f.liste for f in followed)
        innsikt_rows = queries.insights_since(since) if innsikt else []
        ids = queries.match(followed, queries.published_since(since), innsikt_rows=innsikt_rows)
        innsikt_ids = queries.matched_insights(followed, innsikt_rows)
    by_id = queries.examples(ids) if ids else {}
    innsikt_by_id = queries.insights(innsikt_ids) if innsikt_ids else {}
    return render(
        request,
        "pafyll/pafyll.html",
        {
            "mottaker": mottaker,
            "since": since,
            "followed": followed,
            "nye": [by_id[pk] for pk in ids if pk in by_id],
            "nye_innsikt": [innsikt_by_id[pk] for pk in innsikt_ids if pk in innsikt_by_id],
            "feeds": feeds.links(followed, mottaker.feed_nokkel) if mottaker.feed_nokkel else [],
        },
    )


@require_POST
def folg(request):
    liste = queries.liste_of(request.POST.get("liste"))
    sporring = queries.normalise(request.POST, liste)
    notes = queries.notes_for(liste=liste, sporring=sporring)
    if notes:
        # Something deleted, or nothing to follow: say so, and follow nothing.
        messages.error(request, " ".join(notes) + " Du følger derfor ikke dette.")
        return redirect(_back(request))
    workflows.follow(bruker=request.user, sporring=sporring, liste=liste)
    messages.success(request, "Du følger nå dette. Det nye ser du på Påfyll-siden.")
    return redirect(_back(request))


@require_POST
def slutt(request):
    liste = queries.liste_of(request.POST.get("liste"))
    sporring = queries.normalise(request.POST, liste)
    if workflows.unfollow(bruker=request.user, sporring=sporring, liste=liste):
        messages.success(request, "Du følger ikke lenger dette.")
    else:
        messages.info(request, "Du fulgte ikke dette, så ingenting er endret.")
    return redirect(_back(request))


@login_not_required
@csrf_exempt  # the signed token is the credential; a mail client's one-click POST has no cookie
@require_http_methods(["GET", "POST"])
def stopp(request, token):
    """The e-mail's stop link: opening it stops the e-mail at once and offers to undo.
    A POST does the same (RFC 8058's List-Unsubscribe-Post); a POST with «angre» undoes."""
    context = {"token": token}
    pa = request.method == "POST" and "angre" in request.POST
    try:
        workflows.stop_by_token(token=token, pa=pa)
    except signing.SignatureExpired:
        context["feil"] = "Lenken er for gammel."
    except (signing.BadSignature, ValueError):
        context["feil"] = "Lenken er ikke gyldig. Kanskje ble den delt opp i e-posten?"
    context["pa"] = pa
    return render(request, "pafyll/stopp.html", context, status=400 if "feil" in context else 200)


# The feeds open with the secret key in their address, not a login (feeds.py).
eksempel_feed = login_not_required(require_safe(feeds.NyeEksempler()))
innsikt_feed = login_not_required(require_safe(feeds.NyInnsikt()))


@require_POST
def ny_feed_nokkel(request):
    had_one = Mottaker.objects.filter(bruker=request.user, feed_nokkel__isnull=False).exists()
    workflows.renew_feed_key(bruker=request.user)
    messages.success(
        request,
        "Du har fått nye feed-lenker. De gamle virker ikke lenger, så bytt dem i feedleseren."
        if had_one
        else "Feed-lenkene dine er klare.",
    )
    return redirect(reverse("pafyll:pafyll") + "#feed")
