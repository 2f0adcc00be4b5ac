"""Sharing an example (/bidra/) and the team's review of what comes in (/bidra/vurdering/)."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from skattekiste.bidra import overganger
from skattekiste.bidra.forms import (
    DelEksempelForm,
    EndreInnsendingForm,
    SlettUtkastForm,
    UtkastForm,
)
from skattekiste.bidra.models import Utkast
from skattekiste.bidra.vurdering import review_actions, review_forms
from skattekiste.bidra.workflows import resubmit_eksempel, save_draft, submit_eksempel
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles import personvern
from skattekiste.felles.versjon import StaleVersionError, offer_current_version
from skattekiste.planer.queries import plan_to_change, share_initial

can_review = permission_required("skattekiste.change_eksempel", raise_exception=True)

REVIEW_DONE = {
    "publiser": "«{}» er publisert.",
    "returner": "«{}» er sendt tilbake med meldingen din.",
    "avvis": "«{}» er avvist, og begrunnelsen er sendt til den som delte det.",
}


@require_http_methods(["GET", "POST"])
def del_eksempel(request):
    if request.POST.get("handling") == "utkast":
        return _save_draft(request)
    # Only when opening it: a post to ?utkast= whose draft was sent meanwhile must not 404.
    utkast = _own_draft(request) if request.method == "GET" else None
    initial = {"innsending_id": uuid.uuid4()}
    if utkast is not None:
        initial = {**utkast.form_initial(), "innsending_id": utkast.pk}
    fra_plan = request.method == "GET" and request.GET.get("plan", "").isdigit()
    if fra_plan and utkast is None:
        # «Del erfaringen» from the owner's plan: its key makes the example the plan's.
        initial = share_initial(plan_to_change(request.user, int(request.GET["plan"])))
    form = DelEksempelForm(request.POST or None, user=request.user, initial=initial)
    if fra_plan:
        form.open_folds = ("laering",)  # what worked, what did not, what was learned
    if request.method == "POST" and form.is_valid():
        try:
            eksempel, created = submit_eksempel(
                by=request.user,
                innsending_id=form.cleaned_data["innsending_id"] or uuid.uuid4(),
                data=form.shared_data(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not created:
                messages.info(
                    request, "Skjemaet var allerede sendt, så eksempelet er lagret én gang."
                )
            return redirect("bidra:takk", pk=eksempel.pk)
    return render(request, "bidra/del_eksempel.html", {"form": form, "utkast": utkast})


def _own_draft(request):
    """The draft named by ?utkast=, if it is this person's; anyone else's is not found."""
    raw = request.GET.get("utkast")
    if not raw:
        return None
    try:
        pk = uuid.UUID(raw)
    except ValueError:
        raise Http404("Fant ikke utkastet.") from None
    return get_object_or_404(Utkast.objects.of(request.user), pk=pk)


def _save_draft(request):
    form = UtkastForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            save_draft(
                by=request.user,
                utkast_id=form.cleaned_data["innsending_id"] or uuid.uuid4(),
                data=form.draft_data(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "Utkastet er lagret. Bare du kan se det. Du finner det her under «Mine».",
            )
            return redirect("bidra:mine")
    return render(request, "bidra/del_eksempel.html", {"form": form, "utkast": None})


def takk(request, pk):
    eksempel = get_object_or_404(Eksempel.objects.submitted_by(request.user), pk=pk)
    return render(request, "bidra/takk.html", {"eksempel": eksempel})


@require_http_methods(["GET", "POST"])
def mine(request):
    if request.method == "POST":
        form = SlettUtkastForm(request.POST)
        if form.is_valid():
            deleted, _ = (
                Utkast.objects.of(request.user).filter(pk=form.cleaned_data["utkast"]).delete()
            )
            if deleted:
                messages.success(request, "Utkastet er slettet.")
        return redirect("bidra:mine")
    return render(
        request,
        "bidra/mine.html",
        {
            "utkast": Utkast.objects.of(request.user),
            "eksempler": Eksempel.objects.submitted_by(request.user),
        },
    )


def innsending_detail(request, pk):
    eksempel = get_object_or_404(
        Eksempel.objects.submitted_by(request.user).prefetch_related(
            "distrikter", "grupper", "metoder", "tema"
        ),
        pk=pk,
    )
    return render(request, "bidra/innsending_detail.html", {"eksempel": eksempel})


@require_http_methods(["GET", "POST"])
def endre_innsending(request, pk):
    eksempel = get_object_or_404(Eksempel.objects.submitted_by(request.user), pk=pk)
    if overganger.refusal(eksempel, "send_igjen") is not None:
        messages.info(
            request, "Du kan bare endre et eksempel når redaksjonen har sendt det tilbake."
        )
        return redirect("bidra:detail", pk=eksempel.pk)
    if request.method == "POST":
        # One transaction: the version checked by the form stays locked until the save.
        with transaction.atomic():
            form = EndreInnsendingForm(request.POST, instance=eksempel, user=request.user)
            if form.is_valid():
                try:
                    resubmit_eksempel(
                        eksempel=eksempel,
                        by=request.user,
                        versjon=form.cleaned_data["versjon_lest"],
                        data=form.shared_data(),
                    )
                except StaleVersionError as error:
                    form.add_error(None, str(error))
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, "Endringene er sendt til redaksjonen.")
                    return redirect("bidra:takk", pk=eksempel.pk)
    else:
        form = EndreInnsendingForm(instance=eksempel, user=request.user)
    return render(request, "bidra/endre.html", {"form": form, "eksempel": eksempel})


@can_review
def vurdering_list(request):
    return render(
        request,
        "bidra/vurdering_list.html",
        {
            "venter": Eksempel.objects.awaiting_review().for_review(),
            "returnert": Eksempel.objects.returned().for_review(),
        },
    )


@can_review
@require_http_methods(["GET", "POST"])
def vurder(request, pk):
    eksempel = get_object_or_404(
        Eksempel.objects.for_review().prefetch_related("grupper", "metoder", "tema"), pk=pk
    )
    handling = request.POST.get("handling") if request.method == "POST" else None
    forms = review_forms(eksempel, request.POST, handling=handling)
    form = forms.get(handling)
    actions = review_actions(eksempel)
    # An action the page does not offer (any more): the table says why, above the forms.
    avslag = None
    if form is not None and handling not in actions:
        avslag = overganger.refusal(eksempel, handling)
    elif form is not None and form.is_valid():
        try:
            form.perform(eksempel=eksempel, by=request.user)
        except StaleVersionError:
            offer_current_version(form, eksempel.versjon)
            form.add_error(
                None,
                "Eksempelet ble endret mens du så på det. Siden viser nå den nye versjonen. "
                "Se over den før du prøver igjen.",
            )
        except ValidationError as error:
            if error.code == "overgang":
                # Someone moved it on meanwhile; the workflow reloaded it, so show it as it is.
                avslag, actions = error.message, review_actions(eksempel)
            else:
                field = "personvern_bekreftet" if error.code == "personvern_ubekreftet" else None
                form.add_error(field, error)
        else:
            messages.success(request, REVIEW_DONE[handling].format(eksempel.tittel))
            return redirect("bidra:vurdering")
    return render(
        request,
        "bidra/vurder.html",
        {
            "eksempel": eksempel,
            "forms": forms,
            "actions": actions,
            "avslag": avslag,
            "feil": avslag is not None or (form is not None and bool(form.errors)),
            "personvern": personvern.check_eksempel(eksempel),
        },
    )
