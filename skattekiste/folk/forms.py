"""The filters and name search of /folk/, a GET form like the examples list."""

from django import forms

from skattekiste.felles.forms import ContentForm
from skattekiste.felles.text import sort_norwegian
from skattekiste.felles.widgets import Avkrysninger, Nedtrekk
from skattekiste.folk.models import Sparringpartner


def _invalid(hva: str) -> dict:
    return {"invalid_choice": f"Velg {hva} fra listen. Vi viser alle så lenge."}


class FolkFilterForm(forms.Form):
    navn = forms.CharField(
        label="Søk på navn",
        required=False,
        max_length=100,
        error_messages={"max_length": "Skriv et kortere navn, høyst 100 tegn."},
    )
    metode = forms.ChoiceField(label="Metode", required=False, error_messages=_invalid("en metode"))
    tema = forms.ChoiceField(label="Tema", required=False, error_messages=_invalid("et tema"))
    gruppe = forms.ChoiceField(
        label="Innbyggergruppe", required=False, error_messages=_invalid("en innbyggergruppe")
    )
    distrikt = forms.ChoiceField(
        label="Distrikt", required=False, error_messages=_invalid("et distrikt")
    )

    def __init__(self, data, *, metoder, temaer, grupper, distrikter):
        super().__init__(data)
        self.objects = {}
        for name, rows, label, sort in (
            ("metode", metoder, lambda m: str(m), False),
            ("tema", temaer, lambda t: t.name, True),
            ("gruppe", grupper, lambda g: g.navn, True),
            ("distrikt", distrikter, lambda d: d.navn, True),
        ):
            rows = sort_norwegian(rows, key=label) if sort else list(rows)
            self.objects[name] = {r.slug: r for r in rows}
            self.fields[name].choices = [("", "Alle")] + [(r.slug, label(r)) for r in rows]

    def chosen(self) -> dict:
        """The valid filters as {name: object}, and the name search as "navn"."""
        if not self.is_bound:
            return {}
        self.is_valid()
        result = {}
        for name, value in self.cleaned_data.items():
            if not value:
                continue
            if name == "navn":
                result["navn"] = value.strip()
            else:
                result[name] = self.objects[name][value]
        return result


class SparringForm(ContentForm):
    """An employee's own sparring entry; the free text gets the personvern check."""

    personvern_contact_fields = ("navn", "rolle", "enhet")

    class Meta:
        model = Sparringpartner
        fields = ["navn", "rolle", "enhet", "distrikt", "kan_hjelpe_med", "metoder", "grupper"]
        widgets = {
            "distrikt": Nedtrekk,
            "metoder": Avkrysninger,
            "grupper": Avkrysninger(kolonner=True),
        }
        help_texts = {
            "kan_hjelpe_med": "For eksempel: «Jeg har holdt dialogmøter med ungdom og hjelper"
            " gjerne med å planlegge». Ikke skriv opplysninger om innbyggere.",
        }
        error_messages = {
            "navn": {"required": "Skriv navnet ditt."},
            "kan_hjelpe_med": {"required": "Skriv hva du kan hjelpe med."},
        }
