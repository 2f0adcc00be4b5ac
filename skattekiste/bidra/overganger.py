"""Every status change an example can make, in one table.

The workflows, the review page's actions and the admin's actions all read `OVERGANGER`;
a change the table does not list is refused with a message the editor can read.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from skattekiste.eksempler.models import Eksempel

Status = Eksempel.Status

# An example that is not saved yet: the only status sharing one can start from.
NY = None


@dataclass(frozen=True)
class Overgang:
    navn: str  # what the review page and the admin post
    etikett: str  # the action, as the editor sees it
    utfort: str  # «… er publisert»: what is done, for the admin's messages
    fra: frozenset  # the statuses it may start from
    til: str
    grunn: str  # the change reason the history shows
    bare_delte: bool = False  # only examples an employee shared, who can get an answer


OVERGANGER = {
    overgang.navn: overgang
    for overgang in [
        Overgang(
            navn="del",
            etikett="Del et eksempel",
            utfort="delt",
            fra=frozenset({NY}),
            til=Status.TIL_VURDERING,
            grunn="Delt og sendt til vurdering",
        ),
        Overgang(
            navn="send_igjen",
            etikett="Send til vurdering igjen",
            utfort="sendt til vurdering igjen",
            fra=frozenset({Status.RETURNERT}),
            til=Status.TIL_VURDERING,
            grunn="Endret og sendt til vurdering igjen",
        ),
        Overgang(
            navn="publiser",
            etikett="Publiser",
            utfort="publisert",
            fra=frozenset({Status.UTKAST, Status.TIL_VURDERING, Status.RETURNERT, Status.AVVIST}),
            til=Status.PUBLISERT,
            grunn="Publisert",
        ),
        Overgang(
            navn="returner",
            etikett="Send tilbake for endring",
            utfort="sendt tilbake",
            fra=frozenset({Status.TIL_VURDERING}),
            til=Status.RETURNERT,
            grunn="Sendt tilbake for endring",
            bare_delte=True,
        ),
        Overgang(
            navn="avvis",
            etikett="Avvis",
            utfort="avvist",
            fra=frozenset({Status.TIL_VURDERING, Status.RETURNERT}),
            til=Status.AVVIST,
            grunn="Avvist",
        ),
        Overgang(
            navn="avpubliser",
            etikett="Avpubliser",
            utfort="avpublisert",
            fra=frozenset({Status.PUBLISERT}),
            til=Status.UTKAST,
            grunn="Avpublisert",
        ),
    ]
}


def _status(eksempel: Eksempel) -> str | None:
    return NY if eksempel._state.adding else eksempel.status


def _label(status: str | None) -> str:
    return "nytt" if status is NY else f"«{Status(status).label}»"


def _either(statuses) -> str:
    labels = [_label(s) for s in [NY, *Status.values] if s in statuses]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} eller {labels[-1]}"


def refusal(eksempel: Eksempel, navn: str) -> str | None:
    """Why the table does not allow `navn` for the example now, or None when it does."""
    overgang = OVERGANGER[navn]
    status = _status(eksempel)
    if status not in overgang.fra:
        if status == overgang.til:
            return f"Eksempelet har allerede status {_label(status)}."
        return (
            f"«{overgang.etikett}» går ikke når eksempelet har status {_label(status)}. "
            f"Det går bare når det er {_either(overgang.fra)}."
        )
    if overgang.bare_delte and eksempel.opprettet_av_id is None:
        return (
            f"«{overgang.etikett}» går bare for eksempler som en ansatt har delt. "
            "Dette eksempelet la redaksjonen inn selv."
        )
    return None


def check(eksempel: Eksempel, navn: str) -> Overgang:
    """The transition `navn`, or a ValidationError saying why it is not allowed now."""
    message = refusal(eksempel, navn)
    if message is not None:
        raise ValidationError(message, code="overgang")
    return OVERGANGER[navn]


def available(eksempel: Eksempel, among) -> dict[str, Overgang]:
    """Which of the actions `among` the example allows now, in that order."""
    return {navn: OVERGANGER[navn] for navn in among if refusal(eksempel, navn) is None}
