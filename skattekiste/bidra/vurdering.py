"""The team's review of a shared example (/bidra/vurdering/): one form per action."""

from django import forms
from django.core.exceptions import ValidationError

from skattekiste.bidra import overganger
from skattekiste.bidra.forms import too_long
from skattekiste.bidra.workflows import decline_eksempel, publish_eksempel, return_eksempel
from skattekiste.felles import personvern
from skattekiste.felles.versjon import versjon_field


class _ReviewForm(forms.Form):
    versjon_lest = versjon_field()

    def perform(self, *, eksempel, by):
        raise NotImplementedError


class PubliserForm(_ReviewForm):
    personvern_bekreftet = forms.BooleanField(required=False, label=personvern.CONFIRM_LABEL)

    def perform(self, *, eksempel, by):
        return publish_eksempel(
            eksempel=eksempel,
            by=by,
            versjon=self.cleaned_data["versjon_lest"],
            personvern_bekreftet=self.cleaned_data["personvern_bekreftet"],
        )


def _message_field(label, *, help_text, required_message):
    return forms.CharField(
        label=label,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
        error_messages={"required": required_message, "max_length": too_long("Meldingen")},
    )


def _refuse_identity_numbers(text: str, label: str) -> str:
    report = personvern.check_fields({"melding": text}, labels={"melding": label})
    if report.errors:
        raise ValidationError(report.errors["melding"], code="personvern_identitet")
    return text


class ReturnerForm(_ReviewForm):
    melding = _message_field(
        "Hva må endres?",
        help_text="Meldingen går på e-post til den som delte, og vises under «Mine eksempler».",
        required_message="Skriv hva som må endres, så vet den som delte hva de skal gjøre.",
    )

    def clean_melding(self):
        return _refuse_identity_numbers(self.cleaned_data["melding"], "Hva må endres?")

    def perform(self, *, eksempel, by):
        return return_eksempel(
            eksempel=eksempel,
            by=by,
            melding=self.cleaned_data["melding"],
            versjon=self.cleaned_data["versjon_lest"],
        )


class AvvisForm(_ReviewForm):
    begrunnelse = _message_field(
        "Hvorfor blir det ikke publisert?",
        help_text="Begrunnelsen går på e-post til den som delte. Skriv vennlig og konkret.",
        required_message="Skriv en begrunnelse til den som delte.",
    )

    def clean_begrunnelse(self):
        return _refuse_identity_numbers(
            self.cleaned_data["begrunnelse"], "Hvorfor blir det ikke publisert?"
        )

    def perform(self, *, eksempel, by):
        return decline_eksempel(
            eksempel=eksempel,
            by=by,
            begrunnelse=self.cleaned_data["begrunnelse"],
            versjon=self.cleaned_data["versjon_lest"],
        )


REVIEW_FORMS = {"publiser": PubliserForm, "returner": ReturnerForm, "avvis": AvvisForm}


def review_forms(eksempel, data=None, *, handling=None) -> dict:
    """One unbound form per action, and the posted one bound."""
    return {
        name: form_class(
            data if name == handling else None,
            prefix=name,
            initial={"versjon_lest": eksempel.versjon},
        )
        for name, form_class in REVIEW_FORMS.items()
    }


def review_actions(eksempel) -> dict[str, overganger.Overgang]:
    """The review page's actions the example allows now, in the order the page shows them."""
    return overganger.available(eksempel, REVIEW_FORMS)
