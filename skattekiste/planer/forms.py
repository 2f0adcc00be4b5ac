"""The plan's forms: make one, change it, share it. Each refuses identity numbers in free
text and asks for a confirmation of other possible personal data, as the share form does."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q

from metoder.models import Metode
from skattekiste.felles import personvern
from skattekiste.felles.forms import ContentInlineForm, SingleLineTextMixin, VersionedContentForm
from skattekiste.felles.text import sort_norwegian
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Situasjon
from skattekiste.felles.widgets import Avkrysninger, Nedtrekk
from skattekiste.planer.models import Deling, Plan, Planpunkt

SITUASJON_VALG = [("", "Vet ikke ennå"), *Situasjon.choices]
MAX_KOLLEGER = 50


def too_long(what: str) -> str:
    return f"{what} kan ha høyst %(limit_value)d tegn. Nå har den %(show_value)d. Kort den ned."


def _sorted(queryset, label):
    return [("", label)] + [(o.slug, o.navn) for o in sort_norwegian(queryset, key=str)]


class _PlaceMixin:
    """Group and district as lists sorted the Norwegian way, chosen by slug."""

    def _sort_places(self):
        self.fields["gruppe"].choices = _sorted(self.fields["gruppe"].queryset, "Ingen bestemt")
        self.fields["distrikt"].choices = _sorted(self.fields["distrikt"].queryset, "Ikke valgt")


def _tittel():
    return forms.CharField(
        label="Tittel",
        max_length=200,
        help_text="Hva skal dere gjøre? For eksempel «Dialogmøte med ungdom på Skei».",
        error_messages={
            "required": "Gi planen en kort tittel.",
            "max_length": too_long("Tittelen"),
        },
    )


def _gruppe():
    return forms.ModelChoiceField(
        label="Innbyggergruppe",
        queryset=Innbyggergruppe.objects.only("navn", "slug"),
        to_field_name="slug",
        required=False,
        widget=Nedtrekk,
        error_messages={"invalid_choice": "Velg en innbyggergruppe fra listen."},
    )


def _distrikt():
    return forms.ModelChoiceField(
        label="Distrikt",
        queryset=Distrikt.objects.only("navn", "slug"),
        to_field_name="slug",
        required=False,
        widget=Nedtrekk,
        error_messages={"invalid_choice": "Velg et distrikt fra listen."},
    )


def _metoder(help_text):
    return forms.ModelMultipleChoiceField(
        label="Metoder",
        queryset=Metode.objects.only("nummer", "navn", "slug"),
        to_field_name="slug",
        widget=Avkrysninger,
        help_text=help_text,
        error_messages={
            "required": "Velg minst én metode.",
            "invalid_choice": "Velg metodene fra listen.",
        },
    )


class NyPlanForm(_PlaceMixin, personvern.PersonvernFormMixin, SingleLineTextMixin, forms.Form):
    """«Lag en plan»: filled in from the chooser's answers or the card it came from."""

    tittel = _tittel()
    metoder = _metoder("Stegene på kortene blir sjekklisten i planen.")
    situasjon = forms.ChoiceField(
        label="Situasjon", choices=SITUASJON_VALG, required=False, widget=forms.RadioSelect
    )
    gruppe = _gruppe()
    distrikt = _distrikt()
    personvern_bekreftet = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metoder"].widget.attrs.pop("required", None)
        self._sort_places()


def initial_from_query(query) -> dict:
    """What «Lag en plan» links carry (?metode=&situasjon=&gruppe=&distrikt=), taken only
    when it is a known value: a hand-made or old link still opens the form."""
    metoder = list(
        Metode.objects.filter(slug__in=query.getlist("metode")[:9]).values_list("slug", "navn")
    )
    initial = {"metoder": [slug for slug, _ in metoder]}
    if len(metoder) == 1:
        initial["tittel"] = f"Plan: {metoder[0][1]}"
    if query.get("situasjon") in Situasjon.values:
        initial["situasjon"] = query["situasjon"]
    for name in ("gruppe", "distrikt"):
        if query.get(name):
            initial[name] = query[name][:100]
    return initial


class PlanForm(_PlaceMixin, VersionedContentForm):
    """The plan's own fields and cards; a save from a tab opened before another save is
    refused."""

    tittel = _tittel()
    metoder = _metoder(
        "Velger du en ny metode, kommer stegene nederst i sjekklisten. Tar du bort en metode, "
        "forsvinner stegene den hadde, men ikke steg du har krysset av eller skrevet i."
    )
    gruppe = _gruppe()
    distrikt = _distrikt()
    situasjon = forms.ChoiceField(
        label="Situasjon", choices=SITUASJON_VALG, required=False, widget=Nedtrekk
    )
    notat = forms.CharField(
        label="Mål og notater",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Hva vil dere finne ut, og hva skal skje med svarene? Skriv aldri navn på "
        "innbyggere.",
        error_messages={"max_length": too_long("Teksten")},
    )

    class Meta:
        model = Plan
        # `metoder` is declared above and filled in by __init__, not by the model form.
        fields = ["tittel", "situasjon", "gruppe", "distrikt", "notat"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._sort_places()
        self._list_cards()
        for form_field in self.fields.values():
            form_field.widget.attrs.pop("maxlength", None)

    def _list_cards(self):
        """The boxes and which of them are ticked in one query, not one each."""
        chosen = Plan.metoder.through.objects.filter(
            plan_id=self.instance.pk, metode=OuterRef("pk")
        )
        cards = list(
            self.fields["metoder"].queryset.annotate(valgt=Exists(chosen)).order_by("nummer")
        )
        self.fields["metoder"].widget.choices = [(m.slug, str(m)) for m in cards]
        self.fields["metoder"].widget.attrs.pop("required", None)
        if not self.is_bound:
            self.initial["metoder"] = [m.slug for m in cards if m.valgt]


class PunktForm(ContentInlineForm):
    """One step of the checklist. Identity numbers are refused here; other possible personal
    data is confirmed once, on the plan's own form (the view collects the warnings)."""

    hvem = forms.CharField(
        label="Hvem",
        max_length=200,
        required=False,
        error_messages={"max_length": too_long("Feltet")},
    )
    naar = forms.DateField(
        label="Når",
        required=False,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Skriv datoen som dd.mm.åååå, for eksempel 15.03.2027."},
    )
    notat = forms.CharField(
        label="Notat",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": too_long("Notatet")},
    )

    class Meta:
        model = Planpunkt
        fields = ["ferdig", "hvem", "naar", "notat"]
        labels = {"ferdig": "Gjort"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            form_field.widget.attrs.pop("maxlength", None)


PunktFormSet = forms.modelformset_factory(Planpunkt, form=PunktForm, extra=0, can_delete=False)


def step_formset(plan, data=None):
    return PunktFormSet(data, queryset=plan.punkter.order_by("rekkefolge"), prefix="punkt")


class DelingForm(forms.Form):
    deling = forms.ChoiceField(
        label="Hvem kan lese planen?",
        choices=Deling.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Velg hvem som kan lese planen."},
    )
    kolleger = forms.CharField(
        label="Kolleger",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Brukernavn eller e-postadresse, én per linje. De kan lese planen, ikke endre "
        "den.",
    )

    def __init__(self, *args, eier, **kwargs):
        super().__init__(*args, **kwargs)
        self.eier = eier

    def clean_kolleger(self):
        names = [line.strip() for line in self.cleaned_data["kolleger"].splitlines()]
        names = [n for n in names if n][: MAX_KOLLEGER + 1]
        if len(names) > MAX_KOLLEGER:
            raise ValidationError(f"Du kan dele med høyst {MAX_KOLLEGER} kolleger med navn.")
        users = get_user_model().objects.filter(
            Q(username__in=names) | Q(email__in=[n for n in names if "@" in n]), is_active=True
        )
        found = {}
        for user in users:
            found[user.username.lower()] = user
            if user.email:
                found[user.email.lower()] = user
        missing = [n for n in names if n.lower() not in found]
        if missing:
            raise ValidationError(
                "Vi fant ingen med brukernavnet eller e-posten "
                + ", ".join(f"«{n}»" for n in missing)
                + ". Sjekk skrivemåten."
            )
        return list({found[n.lower()].pk: found[n.lower()] for n in names}.values())

    def clean(self):
        cleaned_data = super().clean()
        named = cleaned_data.get("deling") == Deling.NAVNGITT
        if named and not cleaned_data.get("kolleger") and "kolleger" not in self.errors:
            self.add_error("kolleger", "Skriv minst én kollega, eller velg et annet valg.")
        return cleaned_data
