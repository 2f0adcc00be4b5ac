"""The form widgets written in Python (felles/widgets.py) escape and mark choices as
Django's own widget templates do."""

from django import forms

from skattekiste.felles.widgets import Nedtrekk


class Skjema(forms.Form):
    valg = forms.ChoiceField(
        choices=[("", "Velg"), ("a&b", "<script>alert(1)</script>"), ("c", "Vanlig")],
        required=False,
        widget=Nedtrekk,
    )


def test_the_select_list_escapes_every_value_and_label():
    html = str(Skjema()["valg"])
    assert "<script>" not in html
    assert '<option value="a&amp;b">&lt;script&gt;alert(1)&lt;/script&gt;</option>' in html


def test_the_select_list_marks_the_chosen_value_and_keeps_the_fields_attributes():
    bound = Skjema({"valg": "c"})
    bound.is_valid()
    html = str(bound["valg"])
    assert html.startswith('<select name="valg" id="id_valg">')
    assert '<option value="c" selected>Vanlig</option>' in html
    assert '<option value="" selected>' not in html


def test_an_empty_answer_marks_the_empty_choice():
    assert '<option value="" selected>Velg</option>' in str(Skjema()["valg"])
