"""/planer/: the employee's plans. Only the owner changes or shares a plan; those it is
shared with read it; for everyone else, editors too, it does not exist (404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from skattekiste.felles import personvern
from skattekiste.felles.text import join_norwegian
from skattekiste.felles.versjon import StaleVersionError
from skattekiste.planer import queries
from skattekiste.planer.forms import (
    DelingForm,
    NyPlanForm,
    PlanForm,
    initial_from_query,
    step_formset,
)
from skattekiste.planer.historikk import plan_history
from skattekiste.planer.models import Deling
from skattekiste.planer.workflows import create_plan, save_plan, share_plan


@require_safe
def plan_list(request):
    return render(
        request,
        "planer/plan_list.html",
        {
            "mine": queries.my_plans(request.user),
            "delt": queries.plans_shared_with(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_ny(request):
    if request.method == "POST":
        form = NyPlanForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            plan = create_plan(
                eier=request.user,
                tittel=data["tittel"],
                metoder=data["metoder"],
                situasjon=data["situasjon"],
                gruppe=data["gruppe"],
                distrikt=data["distrikt"],
            )
            messages.success(request, "Planen er laget. Bare du kan se den til du deler den.")
            return redirect(plan)
    else:
        form = NyPlanForm(initial=initial_from_query(request.GET))
    return render(request, "planer/plan_ny.html", {"form": form})


@require_safe
def plan_detail(request, pk):
    plan = queries.plan_to_read(request.user, pk)
    return render(
        request,
        "planer/plan_detail.html",
        {"plan": plan, "eier": plan.eier_id == request.user.pk, **queries.plan_context(plan)},
    )


def _step_warnings(formset) -> personvern.Report:
    report = personvern.Report()
    for form in formset.forms:
        for name, found in form.personvern.warnings.items():
            report.warnings.setdefault(f"{form.prefix}-{name}", []).extend(found)
    return report


@require_http_methods(["GET", "POST"])
def plan_endre(request, pk):
    plan = queries.plan_to_change(request.user, pk)
    if request.method != "POST":
        form, punkter = PlanForm(instance=plan), step_formset(plan)
        return render(request, "planer/plan_endre.html", _edit_context(plan, form, punkter))
    # One transaction: the version the form checked stays locked until the save.
    with transaction.atomic():
        form, punkter = PlanForm(request.POST, instance=plan), step_formset(plan, request.POST)
        if form.is_valid() and punkter.is_valid():
            warnings = _step_warnings(punkter)
            if warnings.warnings and not form.cleaned_data.get("personvern_bekreftet"):
                form.add_error("personvern_bekreftet", warnings.confirmation_message())
            else:
                try:
                    saved = save_plan(
                        plan=plan,
                        by=request.user,
                        versjon=form.cleaned_data["versjon_lest"],
                        data=form.cleaned_data,
                        punkter={f.instance.pk: f.cleaned_data for f in punkter.forms},
                    )
                except (StaleVersionError, ValidationError) as error:
                    form.add_error(
                        None, str(error) if isinstance(error, StaleVersionError) else error
                    )
                else:
                    messages.success(request, _saved_message(saved.kept_from))
                    return redirect(plan)
    return render(request, "planer/plan_endre.html", _edit_context(plan, form, punkter))


def _saved_message(kept_from) -> str:
    if not kept_from:
        return "Planen er lagret."
    fra = join_norwegian(m.navn for m in kept_from)
    return f"Planen er lagret. Stegene du hadde skrevet i fra {fra}, er beholdt."


def _edit_context(plan, form, punkter):
    feil = bool(form.errors) or any(f.errors for f in punkter.forms) or punkter.non_form_errors()
    meldinger = form.personvern.warning_messages + [
        m for f in punkter.forms for m in f.personvern.warning_messages
    ]
    return {"plan": plan, "form": form, "punkter": punkter, "feil": feil, "meldinger": meldinger}


@require_http_methods(["GET", "POST"])
def plan_deling(request, pk):
    plan = queries.plan_to_change(request.user, pk)
    if request.method == "POST":
        form = DelingForm(request.POST, eier=request.user)
        if form.is_valid():
            plan = share_plan(
                plan=plan,
                by=request.user,
                deling=form.cleaned_data["deling"],
                kolleger=form.cleaned_data["kolleger"],
            )
            messages.success(
                request, f"Lagret: {plan.get_deling_display().lower()} kan lese planen."
            )
            return redirect(plan)
    else:
        navn = [u.email or u.username for u in plan.delt_med.order_by("username")]
        form = DelingForm(
            initial={"deling": plan.deling, "kolleger": "\n".join(navn)}, eier=request.user
        )
    return render(
        request, "planer/plan_deling.html", {"plan": plan, "form": form, "Deling": Deling}
    )


@require_safe
def plan_historikk(request, pk):
    """Only the owner: the history names what changed in their private notes."""
    plan = queries.plan_to_change(request.user, pk)
    return render(
        request, "planer/plan_historikk.html", {"plan": plan, "endringer": plan_history(plan)}
    )
