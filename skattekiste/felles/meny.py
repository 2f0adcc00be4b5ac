"""The main menu, and which of its sections the current page belongs to.

The section comes from the resolved URL (namespace and view name), never from the path, so
a section keeps its mark whatever its URLs look like.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import number_format


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    # URL namespaces ("eksempler") or single views ("bidra:vurdering") in the section.
    sections: frozenset[str]
    permission: str | None = None
    # Shown after the label, «Til vurdering (3)»: a key into main_menu's `counts`.
    counted: bool = False


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    current: bool


MENU = (
    MenuEntry("Eksempler", "eksempler:list", frozenset({"eksempler"})),
    MenuEntry("Metodekort", "metoder:list", frozenset({"metoder"})),
    MenuEntry("Kom i gang", "komigang:velg", frozenset({"komigang", "folk"})),
    MenuEntry("Innsikt", "innsikt:list", frozenset({"innsikt"})),
    MenuEntry("Oversikt", "oversikt:oversikt", frozenset({"oversikt"})),
    MenuEntry("Veiledning", "veiledning:liste", frozenset({"veiledning"})),
    MenuEntry("Del et eksempel", "bidra:ny", frozenset({"bidra"})),
    # Everything that is yours sits behind one entry, with tabs (MINE): the header stays
    # short enough for a keyboard user to reach a form's «Send» in 40 Tab presses.
    MenuEntry(
        "Mine",
        "bidra:mine",
        frozenset({"bidra:mine", "bidra:detail", "bidra:endre", "pafyll", "planer"}),
    ),
    # The review queue sits under /bidra/ but is the team's work, not sharing.
    MenuEntry(
        "Til vurdering",
        "bidra:vurdering",
        frozenset({"bidra:vurdering", "bidra:vurder"}),
        permission="skattekiste.change_eksempel",
        counted=True,
    ),
    MenuEntry(
        "Redaksjon",
        "admin:index",
        frozenset({"admin"}),
        permission="skattekiste.change_eksempel",
    ),
)


# The tabs on the pages behind «Mine»: (label, URL name, the namespace or view it marks).
MINE = (
    ("Mine eksempler", "bidra:mine", frozenset({"bidra:mine", "bidra:detail", "bidra:endre"})),
    ("Mine planer", "planer:list", frozenset({"planer"})),
    ("Påfyll – det du følger", "pafyll:pafyll", frozenset({"pafyll"})),
)


def mine_tabs(*, resolver_match) -> list[MenuItem]:
    """The tabs of «Mine», the current one marked."""
    keys = set()
    if resolver_match is not None:
        keys = {resolver_match.view_name, resolver_match.namespace}
    return [
        MenuItem(label, reverse(url_name), bool(keys & marks)) for label, url_name, marks in MINE
    ]


def current_entry(resolver_match) -> MenuEntry | None:
    """The entry whose section holds the page: a named view wins over its namespace."""
    if resolver_match is None:  # a page that did not resolve, such as a 404
        return None
    for key in (resolver_match.view_name, resolver_match.namespace):
        for entry in MENU:
            if key in entry.sections:
                return entry
    return None


def main_menu(*, user, resolver_match, counts=None) -> list[MenuItem]:
    """The entries this person may use, with the current section marked.

    `counts` maps an entry's url_name to a function giving its number; it is called only
    for the entries this person sees, so employees never pay for the editors' count.
    """
    current = current_entry(resolver_match)
    items = []
    for entry in MENU:
        if entry.permission is not None and not user.has_perm(entry.permission):
            continue
        label = entry.label
        count = (counts or {}).get(entry.url_name) if entry.counted else None
        if count is not None:
            label = f"{label} ({number_format(count(), force_grouping=True)})"
        items.append(MenuItem(label, reverse(entry.url_name), entry is current))
    return items
