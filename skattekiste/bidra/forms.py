"""Forms for sharing an example (/bidra/) and changing it when the team sends it back."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from metoder.models import Metode
from skattekiste.bidra.queries import last_districts, relation_pks
from skattekiste.bidra.workflows import SHARED_FIELDS, SHARED_RELATIONS
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles import personvern
from skattekiste.felles.forms import SingleLineTextMixin
from skattekiste.felles.text import sort_norwegian
from skattekiste.felles.versjon import VersjonFormMixin, versjon_field
from skattekiste.felles.vokabular import (
    SITUASJON_FORKLARING,
    Distrikt,
    Innbyggergruppe,
    Situasjon,
    Tema,
)
from skattekiste.felles.widgets import Avkrysninger

FIRST_YEAR = 2000
# (type, legend, folded): most examples come from a police district.
DISTRICT_GROUPS = [
    (Distrikt.Type.POLITIDISTRIKT, "Politidistrikter", False),
    (Distrikt.Type.SAERORGAN, "Særorganer og nasjonale enheter", True),
]
# The parts of the form that fold away, and their fields.
FOLDS = {
    "distrikter": ("distrikter",),
    "metoder": ("metoder",),
    "laering": ("hva_fungerte", "hva_fungerte_ikke", "laering", "kilder"),
    "hvem": ("grupper", "tema"),
    "kontakt": (
        "kontakt_navn",
        "kontakt_rolle",
        "kontakt_enhet",
        "kontakt_epost",
        "kontakt_telefon",
    ),
}


class MetodeChoiceField(forms.ModelMultipleChoiceField):
    widget = Avkrysninger

    def label_from_instance(self, metode):
        # «Møte dem der de er (når mange innbyggere, forstå «hva»)»: the card's own words.
        rekkevidde = metode.get_rekkevidde_display().lower()
        forstaaelse = metode.get_forstaaelse_display()
        forstaaelse = forstaaelse[:1].lower() + forstaaelse[1:]
        return f"{metode.navn} (når {rekkevidde} innbyggere, {forstaaelse})"


def _text(label, *, max_length, rows=4, required=False, help_text="", **kwargs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def too_long(what: str) -> str:
    return f"{what} kan ha høyst %(limit_value)d tegn. Nå har den %(show_value)d. Kort den ned."


class DelEksempelForm(personvern.PersonvernFormMixin, SingleLineTextMixin, forms.ModelForm):
    """«Del et eksempel»: four things are required, the rest helps others learn more."""

    tittel = forms.CharField(
        label="Tittel",
        max_length=200,
        help_text="Et kort navn som sier hva dere gjorde, for eksempel «Politi i butikk på Skei».",
        error_messages={
            "required": "Skriv en kort tittel.",
            "max_length": too_long("Tittelen"),
        },
    )
    ingress = _text(
        "Hva gjorde dere?",
        max_length=600,
        rows=3,
        required=True,
        help_text="To eller tre setninger: hvem involverte dere, hvordan og hvorfor?",
        error_messages={
            "required": "Skriv kort hva dere gjorde.",
            "max_length": too_long("Teksten"),
        },
    )
    beskrivelse = _text(
        "Fortell mer",
        max_length=6000,
        rows=8,
        help_text=(
            "Hvordan gikk dere fram? Metodekortene minner om å finne ut hvem som bør være med, "
            "å møte folk der de allerede er, og å forklare hvorfor vi spør."
        ),
        error_messages={"max_length": too_long("Teksten")},
    )
    distrikter = forms.ModelMultipleChoiceField(
        label="Distrikt eller enhet",
        queryset=Distrikt.objects.all(),
        widget=Avkrysninger(kolonner=True),
        help_text="Velg ett eller flere.",
        error_messages={"required": "Velg minst ett distrikt eller én enhet."},
    )
    sted = forms.CharField(
        label="Sted",
        max_length=120,
        required=False,
        help_text="By, bygd eller arena, for eksempel «Fagernes sentrum» eller «Facebook».",
        error_messages={"max_length": too_long("Stedet")},
    )
    aar = forms.IntegerField(
        label="År",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text="Året dere gjorde det, med fire sifre.",
        error_messages={
            "required": "Skriv hvilket år dere gjorde dette.",
            "invalid": "Skriv årstallet med fire sifre, for eksempel 2022.",
        },
    )
    situasjoner = forms.MultipleChoiceField(
        label="Situasjon",
        choices=[(s.value, f"{s.label}: {SITUASJON_FORKLARING[s.value]}") for s in Situasjon],
        widget=Avkrysninger,
        help_text="Rapporten deler involvering i tre situasjoner. Velg én eller flere.",
        error_messages={"required": "Velg minst én situasjon."},
    )
    hva_fungerte = _text(
        "Hva fungerte?",
        max_length=3000,
        help_text="Hva ville dere gjort igjen? Kom det innbyggere dere ellers sjelden hører fra?",
        error_messages={"max_length": too_long("Teksten")},
    )
    hva_fungerte_ikke = _text(
        "Hva fungerte ikke?",
        max_length=3000,
        help_text="Like nyttig for andre: hva ville dere gjort annerledes?",
        error_messages={"max_length": too_long("Teksten")},
    )
    laering = _text(
        "Hva lærte dere?",
        max_length=3000,
        help_text=(
            "Hva endret dere etterpå? Metodekortene sier: si takk og fortell innbyggerne "
            "hvordan innspillene blir tatt videre. Gjorde dere det?"
        ),
        error_messages={"max_length": too_long("Teksten")},
    )
    grupper = forms.ModelMultipleChoiceField(
        label="Innbyggergrupper",
        queryset=Innbyggergruppe.objects.all(),
        required=False,
        widget=Avkrysninger(kolonner=True),
        help_text="Hvem involverte dere?",
    )
    tema = forms.ModelMultipleChoiceField(
        label="Temaer",
        queryset=Tema.objects.all(),
        required=False,
        widget=Avkrysninger(kolonner=True),
        help_text="Mangler et tema? Skriv det i «Fortell mer», så legger redaksjonen det til.",
    )
    metoder = MetodeChoiceField(
        label="Metoder",
        queryset=Metode.objects.all(),
        required=False,
    )
    kilder = _text(
        "Lenker",
        max_length=2000,
        rows=3,
        help_text="Lenker til rapporter, saker på Kilden eller lignende. Én per linje.",
        error_messages={"max_length": too_long("Teksten")},
    )
    kontakt_navn = forms.CharField(
        label="Kontaktperson",
        max_length=120,
        required=False,
        help_text="Hvem kan andre i politiet spørre? Vi har fylt inn deg.",
        error_messages={"max_length": too_long("Navnet")},
    )
    kontakt_rolle = forms.CharField(label="Rolle", max_length=120, required=False)
    kontakt_enhet = forms.CharField(label="Enhet", max_length=120, required=False)
    kontakt_epost = forms.EmailField(
        label="E-post",
        max_length=254,
        required=False,
        error_messages={"invalid": "Skriv en gyldig e-postadresse, for eksempel navn@politiet.no."},
    )
    kontakt_telefon = forms.CharField(label="Telefon", max_length=30, required=False)
    personvern_sjekket = forms.BooleanField(required=False)
    innsending_id = forms.UUIDField(widget=forms.HiddenInput, required=False)

    confirm_field = "personvern_sjekket"
    personvern_contact_fields = personvern.EKSEMPEL_CONTACT_FIELDS
    # Folds a caller wants open from the start (a plan's «Del erfaringen»: what was learned).
    open_folds: tuple[str, ...] = ()

    class Meta:
        model = Eksempel
        # The relations are declared above and filled in by `relation_pks` in one query;
        # as Meta fields each would cost its own (taggit's themes even two).
        fields = list(SHARED_FIELDS)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # No maxlength in the page: browsers cut pasted text silently; we say what is too long.
        for form_field in self.fields.values():
            form_field.widget.attrs.pop("maxlength", None)
        districts = sort_norwegian(self.fields["distrikter"].queryset, key=str)
        self.fields["distrikter"].choices = [(d.pk, d.navn) for d in districts]
        self.fields["distrikter"].widget.grupper = [
            (label, {d.pk for d in districts if d.type == kind}, folded)
            for kind, label, folded in DISTRICT_GROUPS
        ]
        for name in ("grupper", "tema", "metoder"):
            self.fields[name].choices = self._sorted_choices(name, norwegian=name != "metoder")
        self.fields["metoder"].help_text = format_html(
            "Metodekortene beskriver ni måter å involvere innbyggerne på. Velg de som ligner på "
            'det dere gjorde. <a href="{}">Se metodekortene</a>.',
            reverse("metoder:list"),
        )
        if self.is_bound:
            return
        if self.instance.pk:
            for name, pks in relation_pks([self.instance.pk]).items():
                self.initial.setdefault(name, pks)
        else:
            self.initial.setdefault("aar", datetime.date.today().year)
            if user is not None:
                # Most people share for the same district each time.
                if "distrikter" not in self.initial:
                    self.initial["distrikter"] = last_districts(user)
                self.initial.setdefault("kontakt_navn", user.get_full_name())
                self.initial.setdefault("kontakt_epost", user.email)

    @property
    def apne(self) -> dict[str, bool]:
        """Which folded parts start open: those with an error, and those in use."""
        shown = {}
        for fold, names in FOLDS.items():
            errors = any(self.has_error(name) for name in names)
            filled = any(self[name].value() not in (None, "", []) for name in names)
            if fold == "kontakt":  # filled in with the employee's own name
                shown[fold] = errors
            elif fold == "distrikter":  # filled in from the last example, when there is one
                shown[fold] = errors or not filled
            else:
                shown[fold] = errors or filled or fold in self.open_folds
        return shown

    @property
    def valgte_distrikter(self) -> list[str]:
        chosen = {str(v) for v in self["distrikter"].value() or []}
        return [label for pk, label in self.fields["distrikter"].choices if str(pk) in chosen]

    def _sorted_choices(self, name, *, norwegian=True):
        form_field = self.fields[name]
        objects = form_field.queryset
        if norwegian:
            objects = sort_norwegian(objects, key=str)
        return [(obj.pk, form_field.label_from_instance(obj)) for obj in objects]

    def clean_aar(self):
        aar = self.cleaned_data["aar"]
        last = datetime.date.today().year + 1
        if aar is not None and not FIRST_YEAR <= aar <= last:
            raise ValidationError(f"Skriv et år mellom {FIRST_YEAR} og {last}.", code="aar")
        return aar

    def shared_data(self) -> dict:
        """What the workflow saves: the employee's fields and relations, nothing else."""
        return {name: self.cleaned_data[name] for name in (*SHARED_FIELDS, *SHARED_RELATIONS)}


class UtkastForm(DelEksempelForm):
    """«Lagre som utkast»: nothing is required yet, but identity numbers are still refused.

    The personvern warnings wait until the example is sent; a draft is seen by no one else.
    """

    personvern_warnings = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            form_field.required = False

    def _post_clean(self):
        # A draft is not an example: the model's rules apply when it is sent.
        pass

    def draft_data(self) -> dict:
        """The fields as JSON: text as text, choices as lists of ids."""
        data = {}
        for name in (*SHARED_FIELDS, *SHARED_RELATIONS):
            value = self.cleaned_data.get(name)
            if name in SHARED_RELATIONS:
                value = [obj.pk for obj in value or []]
            data[name] = value
        return data


class EndreInnsendingForm(VersjonFormMixin, DelEksempelForm):
    """The submitter's own returned example, changed and sent again."""

    versjon_lest = versjon_field()
    innsending_id = None


class SlettUtkastForm(forms.Form):
    utkast = forms.UUIDField()
