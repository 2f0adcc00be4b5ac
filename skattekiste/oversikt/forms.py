from django import forms

from skattekiste.oversikt.tabeller import Periode

ALLE = "alle"


class PeriodeForm(forms.Form):
    """The period: a year (this year unless chosen) or every year."""

    aar = forms.CharField(label="Periode", required=False)

    def __init__(self, data, *, today):
        super().__init__(data)
        self.today = today
        self.years = [today.year]

    def set_years(self, years):
        self.years = sorted(set(years) | {self.today.year}, reverse=True)

    def clean_aar(self):
        raw = (self.cleaned_data.get("aar") or "").strip()
        if raw in ("", ALLE):
            return raw
        if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
            raise forms.ValidationError(
                "Velg et år mellom 2000 og 2100, eller alle år. Vi viser i år så lenge."
            )
        return raw

    def periode(self) -> Periode:
        raw = self.cleaned_data.get("aar", "") if self.is_valid() else ""
        if raw == ALLE:
            return Periode(None)
        return Periode(int(raw) if raw else self.today.year)

    def choices(self):
        valgt = self.periode()
        return [(str(y), str(y), valgt.aar == y) for y in self.years] + [
            (ALLE, "Alle år", valgt.aar is None)
        ]
