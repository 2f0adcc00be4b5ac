"""Personvern: one check for personal data in free text, shared by every form and workflow.

An identity number (fødselsnummer or D-nummer) is refused outright. Phone numbers and
e-mail addresses outside the contact fields, and lists of full names, are warnings that
someone must confirm they have checked.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django import forms
from django.contrib.postgres.forms import SimpleArrayField
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, Q
from django.utils.text import capfirst

# Characters people put between digit groups: every space (after NFKC), dashes, dots,
# slashes, underscores, commas and colons. Runs of up to five are one separator.
_SEPARATOR = r"[\s.\-_/\\,:\u00b7\u2010-\u2015\u2212\u2022]{1,5}"
# ASCII digits only: NFKC has already turned full-width digits into them.
_DIGIT_GROUPS = re.compile(rf"(?<![0-9])[0-9]+(?:{_SEPARATOR}[0-9]+)*(?![0-9])")
_GROUP_SPLIT = re.compile(r"[^0-9]+")
IDENTITY_NUMBER_LENGTH = 11
# Norwegian numbers have eight digits and never start with 0 or 1; +47/0047 is optional.
# Groupings: 8 together, 3+2+3, 2+2+2+2 and 4+4, with a space, dot or dash between.
_PHONE_SEP = r"[ .\-]"
_PHONE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)47 ?)?"
    r"(?:[2-9]\d{7}"
    rf"|[2-9]\d{{2}}{_PHONE_SEP}\d{{2}}{_PHONE_SEP}\d{{3}}"
    rf"|[2-9]\d(?:{_PHONE_SEP}\d{{2}}){{3}}"
    # 4+4 only with a space, and never two years ("2019 2020").
    r"|(?!(?:19|20)\d\d (?:19|20)\d\d)[2-9]\d{3} \d{4})"
    r"(?![\d])"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NAME_WORD = r"[A-ZÆØÅ][a-zæøåäöüéèáà]+(?:-[A-ZÆØÅ][a-zæøåäöüéèáà]+)?"
# A full name: two or more capitalised words (Norwegian does not capitalise common nouns).
_FULL_NAME = re.compile(rf"\b{_NAME_WORD}(?: {_NAME_WORD})+\b")
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*og|,|;|/|&|og)\s*")
NAME_LIST_MIN = 3

_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# The example's contact person may have a name, phone number and e-mail address.
EKSEMPEL_CONTACT_FIELDS = (
    "kontakt_navn",
    "kontakt_rolle",
    "kontakt_enhet",
    "kontakt_epost",
    "kontakt_telefon",
)
EKSEMPEL_TEXT_FIELDS = (
    "tittel",
    "ingress",
    "beskrivelse",
    "sted",
    "hva_fungerte",
    "hva_fungerte_ikke",
    "laering",
    "kilder",
    "melding_fra_redaksjonen",
    *EKSEMPEL_CONTACT_FIELDS,
)

_WARNING_TEXT = {
    "telefon": "ser ut til å ha et telefonnummer",
    "epost": "ser ut til å ha en e-postadresse",
    "navneliste": "ser ut til å ha en liste med navn på personer",
}
CONFIRM_LABEL = "Jeg har sjekket at teksten ikke inneholder personopplysninger"


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def identity_number_kind(number: str) -> str | None:
    """ "fødselsnummer", "D-nummer", "H-nummer" or None: 11 digits, a real date, check digits.

    The 2032 format (check digits over a wider alphabet of individual numbers) is future work.
    """
    if len(number) != 11 or not number.isdigit():
        return None
    digits = [int(c) for c in number]
    if _check_digit(digits, _WEIGHTS_1) != digits[9]:
        return None
    if _check_digit(digits, _WEIGHTS_2) != digits[10]:
        return None
    day, month = int(number[0:2]), int(number[2:4])
    kind = "fødselsnummer"
    if day > 40:
        day, kind = day - 40, "D-nummer"
    elif month > 40:
        month, kind = month - 40, "H-nummer"
    if not 1 <= month <= 12 or not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
        return None
    return kind


def normalize_text(text: str) -> str:
    """NFKC, without invisible format characters (zero-width, soft hyphen, bidi controls)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def _candidate_numbers(text: str):
    """Every run of whole digit groups, side by side, that adds up to exactly 11 digits."""
    for match in _DIGIT_GROUPS.finditer(normalize_text(text)):
        groups = _GROUP_SPLIT.split(match.group())
        for start in range(len(groups)):
            digits = ""
            for group in groups[start:]:
                digits += group
                if len(digits) >= IDENTITY_NUMBER_LENGTH:
                    break
            if len(digits) == IDENTITY_NUMBER_LENGTH:
                yield digits


def find_identity_numbers(text: str) -> list[str]:
    """The kinds of identity number in the text, in any grouping: one per number found."""
    if not text:
        return []
    return [kind for number in _candidate_numbers(text) if (kind := identity_number_kind(number))]


def _has_name_list(text: str) -> bool:
    run, previous_end = 0, None
    for match in _FULL_NAME.finditer(text):
        between = text[previous_end : match.start()] if previous_end is not None else None
        run = run + 1 if between is not None and _LIST_SEPARATOR.fullmatch(between) else 1
        if run >= NAME_LIST_MIN:
            return True
        previous_end = match.end()
    return False


def find_warnings(text: str, *, contact: bool = False) -> list[str]:
    """Kinds of possible personal data: "telefon", "epost", "navneliste"."""
    if not text or contact:
        return []
    text = normalize_text(text)
    kinds = []
    if _PHONE.search(text):
        kinds.append("telefon")
    if _EMAIL.search(text):
        kinds.append("epost")
    if _has_name_list(text):
        kinds.append("navneliste")
    return kinds


@dataclass
class Report:
    """What the check found, per field: errors stop the save, warnings need a confirmation."""

    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    @property
    def warning_messages(self) -> list[str]:
        return [message for messages in self.warnings.values() for message in messages]

    def confirmation_message(self) -> str:
        return (
            "Teksten kan inneholde personopplysninger: "
            + "; ".join(self.warning_messages)
            + ". Fjern opplysningene, eller kryss av når du har sjekket at de er i orden "
            "(for eksempel et nummer eller en adresse til politiet)."
        )


def check_fields(
    values: Mapping[str, str | None],
    *,
    labels: Mapping[str, str],
    contact_fields: Iterable[str] = (),
) -> Report:
    """Check each field's text; messages name the field by its label."""
    contact_fields = set(contact_fields)
    report = Report()
    for name, text in values.items():
        if not isinstance(text, str) or not text:
            continue
        label = labels.get(name, name)
        for kind in dict.fromkeys(find_identity_numbers(text)):
            report.errors.setdefault(name, []).append(
                f"«{label}» inneholder et {kind}. Fjern det: Skattekisten skal ikke ha "
                "opplysninger som kan identifisere innbyggere."
            )
        for kind in find_warnings(text, contact=name in contact_fields):
            report.warnings.setdefault(name, []).append(f"«{label}» {_WARNING_TEXT[kind]}")
    return report


def check_instance(instance, *, fields: Iterable[str], contact_fields: Iterable[str] = ()):
    opts = instance._meta
    return check_fields(
        {name: getattr(instance, name) for name in fields},
        labels={name: capfirst(opts.get_field(name).verbose_name) for name in fields},
        contact_fields=contact_fields,
    )


def check_eksempel(eksempel) -> Report:
    return check_instance(
        eksempel, fields=EKSEMPEL_TEXT_FIELDS, contact_fields=EKSEMPEL_CONTACT_FIELDS
    )


# Joins the items of a list field for the check: not a separator, so items never run together.
_ITEM_JOIN = " ¦ "


class PersonvernFormMixin:
    """Refuse identity numbers in every text field; warnings need `confirm_field` ticked.

    The confirmation box always starts unticked, so each save with warnings is looked at again.
    Forms without room for a confirmation (inline rows) set `personvern_warnings = False`:
    they still refuse identity numbers.
    """

    personvern_contact_fields: tuple[str, ...] = ()
    personvern_warnings = True
    confirm_field = "personvern_bekreftet"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.personvern = Report()
        confirm = self.fields.get(self.confirm_field)
        if confirm is not None:
            confirm.label = CONFIRM_LABEL
            confirm.required = False
            self.initial[self.confirm_field] = False

    def personvern_text_fields(self) -> list[str]:
        return [
            name
            for name, form_field in self.fields.items()
            if isinstance(form_field, forms.CharField | SimpleArrayField)
            and not form_field.widget.is_hidden
        ]

    def clean(self):
        cleaned_data = super().clean()
        names = self.personvern_text_fields()
        values = {name: cleaned_data.get(name) for name in names}
        self.personvern = check_fields(
            {
                name: _ITEM_JOIN.join(map(str, value)) if isinstance(value, list) else value
                for name, value in values.items()
            },
            labels={name: str(self.fields[name].label or name) for name in names},
            contact_fields=self.personvern_contact_fields,
        )
        for name, messages in self.personvern.errors.items():
            for message in messages:
                self.add_error(name, ValidationError(message, code="personvern_identitet"))
        if (
            self.personvern_warnings
            and self.personvern.warnings
            and not cleaned_data.get(self.confirm_field)
        ):
            target = self.confirm_field if self.confirm_field in self.fields else None
            self.add_error(
                target,
                ValidationError(
                    self.personvern.confirmation_message(), code="personvern_ubekreftet"
                ),
            )
        return cleaned_data


# Slugs are public URLs. Six digits in a row is a birth date, or the start of an identity number.
SLUG_LONG_NUMBER = r"[0-9]{6}"
SLUG_LONG_NUMBER_MESSAGE = (
    "Adressen kan ikke ha seks eller flere sifre på rad: de kan være en del av et fødselsnummer."
)


def validate_slug(value: str) -> None:
    """Refuse a slug that holds a long number, or an identity number in any grouping."""
    if re.search(SLUG_LONG_NUMBER, value or "") or find_identity_numbers(value):
        raise ValidationError(SLUG_LONG_NUMBER_MESSAGE, code="personvern_slug")


def slug_constraint(*, name: str):
    """The database's own guard for `validate_slug`'s first rule."""
    return CheckConstraint(
        condition=~Q(slug__regex=SLUG_LONG_NUMBER),
        name=name,
        violation_error_message=SLUG_LONG_NUMBER_MESSAGE,
    )
