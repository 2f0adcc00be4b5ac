"""The chooser's questions: a GET form, so every answer is in the URL and can be shared."""

from django import forms

from skattekiste.felles.text import sort_norwegian
from skattekiste.felles.vokabular import SITUASJON_FORKLARING, Distrikt, Innbyggergruppe, Tema
from skattekiste.komigang.ranking import Answers

VET_IKKE = "vet-ikke"
VET_IKKE_VALG = (VET_IKKE, "Vet ikke")

# The URL's «fa» is the cards' «faa»: short, and without a doubled vowel to misspell.
REKKEVIDDE_FRA_URL = {"fa": "faa", "flere": "flere", "mange": "mange"}


def _valid_choice(hva: str) -> dict:
    return {"invalid_choice": f"Velg {hva} fra listen, eller «Vet ikke». Vi viser alle kortene."}


class VelgMetodeForm(forms.Form):
    situasjon = forms.ChoiceField(
        label="Hvilken situasjon er du i?",
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("A", f"A – Oppgaveløsning. {SITUASJON_FORKLARING['A']}"),
            ("B", f"B – Utvikling. {SITUASJON_FORKLARING['B']}"),
            ("C", f"C – Styring. {SITUASJON_FORKLARING['C']}"),
            VET_IKKE_VALG,
        ],
        error_messages=_valid_choice("en situasjon"),
    )
    forsta = forms.ChoiceField(
        label="Hva vil du forstå?",
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("hvorfor", "«Hvorfor»: hvorfor innbyggerne opplever og gjør som de gjør"),
            ("hva", "«Hva»: hva mange innbyggere mener, og hvor mange"),
            VET_IKKE_VALG,
        ],
        error_messages=_valid_choice("hva du vil forstå"),
    )
    rekkevidde = forms.ChoiceField(
        label="Hvor mange innbyggere kan du nå?",
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("fa", "Få"),
            ("flere", "Flere"),
            ("mange", "Mange"),
            VET_IKKE_VALG,
        ],
        error_messages=_valid_choice("hvor mange innbyggere du kan nå"),
    )
    gruppe = forms.ChoiceField(
        label="Hvilken innbyggergruppe gjelder det?",
        required=False,
        help_text="Valgfritt. Da ser du eksempler og kolleger som har jobbet med gruppen.",
        error_messages=_valid_choice("en innbyggergruppe"),
    )
    tema = forms.ChoiceField(
        label="Hvilket tema gjelder det?",
        required=False,
        help_text="Valgfritt. Da ser du eksempler og kolleger med samme tema først.",
        error_messages=_valid_choice("et tema"),
    )
    distrikt = forms.ChoiceField(
        label="Hvilket distrikt jobber du i?",
        required=False,
        help_text="Valgfritt. Da kommer eksempler fra ditt distrikt tidlig.",
        error_messages=_valid_choice("et distrikt"),
    )

    # No ranking weight: the report gives no time per card, only some cards' own advice
    # about time, which the answer quotes (ranking.time_guidance).
    tid = forms.ChoiceField(
        label="Hvor mye tid har du?",
        required=False,
        widget=forms.RadioSelect,
        help_text="Valgfritt. Vi viser hva kortene selv sier om tid.",
        choices=[("lite", "Lite tid"), ("god", "God tid"), VET_IKKE_VALG],
        error_messages=_valid_choice("hvor mye tid du har"),
    )

    def __init__(self, data, *, grupper, distrikter, temaer):
        super().__init__(data)
        self.grupper = {g.slug: g for g in grupper}
        self.temaer = {t.slug: t for t in temaer}
        self.fields["tema"].choices = [("", "Vet ikke / alle temaer")] + [
            (t.slug, t.name) for t in sort_norwegian(temaer, key=lambda t: t.name)
        ]
        self.distrikter = {d.slug: d for d in distrikter}
        self.fields["gruppe"].choices = [("", "Vet ikke / alle grupper")] + [
            (g.slug, g.navn) for g in sort_norwegian(grupper, key=lambda g: g.navn)
        ]
        self.fields["distrikt"].choices = [("", "Vet ikke / hele politiet")] + [
            (d.slug, d.navn) for d in sort_norwegian(distrikter, key=lambda d: d.navn)
        ]

    def _valid(self, name):
        """The answer when it is a valid one; «vet ikke» or a bad value is None."""
        if not self.is_bound or not self.is_valid() and name in self.errors:
            return None
        value = self.cleaned_data.get(name)
        return None if value in ("", VET_IKKE, None) else value

    def answers(self) -> Answers:
        rekkevidde = self._valid("rekkevidde")
        return Answers(
            situasjon=self._valid("situasjon"),
            forsta=self._valid("forsta"),
            rekkevidde=REKKEVIDDE_FRA_URL.get(rekkevidde) if rekkevidde else None,
        )

    def gruppe_valgt(self) -> Innbyggergruppe | None:
        return self.grupper.get(self._valid("gruppe") or "")

    def tema_valgt(self) -> Tema | None:
        return self.temaer.get(self._valid("tema") or "")

    def tid_valgt(self) -> str | None:
        return self._valid("tid")

    def distrikt_valgt(self) -> Distrikt | None:
        return self.distrikter.get(self._valid("distrikt") or "")
