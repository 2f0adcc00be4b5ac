"""The form widgets written in Python (felles/widgets.py) escape and mark choices as
Django's own widget templates do."""

from django import forms
from django.forms.renderers import DjangoTemplates

from skattekiste.felles.widgets import Nedtrekk, PythonWidgetRenderer


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


HOSTILE = '"><script>alert(1)</script>&'


class Alle(forms.Form):
    """Every widget the Python renderer writes, with values and attributes that must be
    escaped, bare (True) and left out (False)."""

    tekst = forms.CharField(max_length=20, widget=forms.TextInput(attrs={"aria-x": HOSTILE}))
    epost = forms.EmailField(required=False)
    lenke = forms.URLField(required=False)
    tall = forms.IntegerField(required=False, widget=forms.NumberInput(attrs={"step": 5}))
    passord = forms.CharField(widget=forms.PasswordInput(render_value=True))
    skjult = forms.CharField(widget=forms.HiddenInput)
    dato = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    avkrysset = forms.BooleanField(required=False, widget=forms.CheckboxInput(attrs={"x": False}))
    notat = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "readonly": True}))


def _both_ways(form):
    """Each field of the form by the Python renderer and by Django's templates."""
    python, django = PythonWidgetRenderer(), DjangoTemplates()
    for name, field in form.fields.items():
        bound = form[name]
        attrs = bound.build_widget_attrs({"id": bound.auto_id})
        value = bound.value()
        yield (
            name,
            field.widget.render(bound.html_name, value, attrs, renderer=python),
            field.widget.render(bound.html_name, value, attrs, renderer=django),
        )


def test_inputs_and_text_areas_are_written_exactly_as_djangos_templates_write_them():
    data = {
        "tekst": HOSTILE,
        "epost": "a@b.no",
        "lenke": "https://politiet.no/?a=1&b=2",
        "tall": "12",
        "passord": "p<a>ss",
        "skjult": HOSTILE,
        "dato": "15.03.2027",
        "avkrysset": "on",
        "notat": "Første linje\n<b>andre</b>",
    }
    for form in (Alle(), Alle(data), Alle({"notat": "", "avkrysset": ""})):
        form.is_valid()
        for name, python, django in _both_ways(form):
            assert python == django, name
    python_text = {n: p for n, p, _ in _both_ways(Alle(data))}
    assert "<script>" not in python_text["tekst"] and "<script>" not in python_text["skjult"]


def test_other_widgets_still_go_through_djangos_templates():
    class Radio(forms.Form):
        valg = forms.ChoiceField(choices=[("a", "<i>A</i>")], widget=forms.RadioSelect)

    for _, python, django in _both_ways(Radio({"valg": "a"})):
        assert python == django and "&lt;i&gt;A&lt;/i&gt;" in python
