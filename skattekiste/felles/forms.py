"""Form bases for content: clean single-line text, and the personvern check on every field."""

from django import forms

from skattekiste.felles.personvern import PersonvernFormMixin
from skattekiste.felles.text import single_line
from skattekiste.felles.versjon import VersjonFormMixin, versjon_field


class SingleLineTextMixin:
    """Titles and names are one line: no CR/LF, tabs, other control characters or bidi tricks."""

    def clean(self):
        cleaned_data = super().clean()
        for name, form_field in self.fields.items():
            value = cleaned_data.get(name)
            if (
                isinstance(form_field, forms.CharField)
                and not isinstance(form_field.widget, forms.Textarea)
                and isinstance(value, str)
            ):
                cleaned_data[name] = single_line(value)
        return cleaned_data


class ContentForm(PersonvernFormMixin, SingleLineTextMixin, forms.ModelForm):
    """The admin's form for any content model; possible personal data needs a confirmation."""

    personvern_bekreftet = forms.BooleanField(required=False)


class VersionedContentForm(VersjonFormMixin, ContentForm):
    """ContentForm for a model that several editors touch: a stale save is refused."""

    versjon_lest = versjon_field()


class ContentInlineForm(PersonvernFormMixin, SingleLineTextMixin, forms.ModelForm):
    """An inline row (a card's step): identity numbers are refused, there is no confirmation."""

    personvern_warnings = False
